/**
 * Who we are connected as and how the connection is: the partner's name, a status badge, when it
 * was last checked, and "Check connection" (session.refresh). Problems are shown in main's words.
 */
import type { ProfileSummary, SessionState } from '../../../../shared/contract';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useScreenFocus } from '../../components/use-screen-focus';
import { useSession } from '../../state/session-context';
import { ConnectionBadge } from './ConnectionBadge';
import { checkedAtLabel, connectionSentence } from './connection-text';

export function StatusCard({ profile, connection }: { profile: ProfileSummary; connection: SessionState['connection'] }) {
  const refresh = useSession((s) => s.refresh);
  const signInAgain = useSession((s) => s.signInAgain);
  const pending = useSession((s) => s.pending);
  const refreshError = useSession((s) => (s.error?.action === 'refresh' ? s.error.info : null));
  const heading = useScreenFocus<HTMLHeadingElement>();

  const demo = profile.authMethod === 'demo';
  const name = connection.partner?.name ?? profile.label;
  const checked = checkedAtLabel(connection.checkedAt);
  const checking = pending === 'refresh' || connection.status === 'connecting';
  const missingKey = !profile.hasSecret && profile.authMethod !== 'demo';

  return (
    <section className="card status-card" aria-labelledby="partner-name">
      <div className="title">
        {demo && (
          <span>
            <span className="tag">Demo data</span>
          </span>
        )}
        <h1 id="partner-name" ref={heading} tabIndex={-1}>
          {name}
        </h1>
        <p className="status-line">
          <ConnectionBadge status={connection.status} />
          <span>{profile.partnerId}</span>
          {checked && connection.checkedAt && (
            <>
              <span aria-hidden="true">·</span>
              <span>
                Checked at <time dateTime={connection.checkedAt}>{checked}</time>
              </span>
            </>
          )}
        </p>
        <p className="visually-hidden" role="status">
          {connectionSentence(connection.status, name, profile.partnerId, demo)}
        </p>
      </div>
      <BusyButton className="btn" busy={checking} blocked={pending !== null} busyLabel="Checking…" onClick={() => void refresh()}>
        Check connection
      </BusyButton>
      {connection.message && (connection.status === 'offline' || connection.status === 'error') && (
        <div className="status-problem">
          <ErrorAlert tone={connection.status === 'offline' ? 'warning' : 'error'} error={connection.message} />
          {missingKey && (
            <button type="button" className="btn btn-primary" onClick={() => void signInAgain(profile)}>
              Sign in again
            </button>
          )}
        </div>
      )}
      {refreshError && <ErrorAlert title="The check did not run" error={refreshError} />}
    </section>
  );
}
