/**
 * The one place the workspace speaks of the connection: offline, the Hub not answering, a refused
 * key, or a local problem; then, for a few seconds, "back online". Waiting states are neutral (being
 * offline is expected here); what still works and what the queue does are said each time, with when
 * it started, the last contact, and when Partner Desk checks again by itself.
 */
import { useEffect, useState } from 'react';
import type { ProfileSummary, SessionState } from '@shared/contract';
import { BusyButton } from '../../components/BusyButton';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { useSession } from '../../state/session-context';
import { useWs } from '../../state/workspace-context';
import { connectionBanner, isWaitingForConnection } from '../connected/connection-text';
import { UpdateKeyDialog } from './UpdateKeyDialog';

const BACK_ONLINE_SHOWN_MS = 10_000;

export function ConnectionBanner({ connection, profile }: { connection: SessionState['connection']; profile: ProfileSummary }) {
  const refresh = useSession((s) => s.refresh);
  const pending = useSession((s) => s.pending);
  const waiting = useWs('outbox', (s) => (s.status ? s.status.counts.queued + s.status.counts.sending : 0));
  const [updating, setUpdating] = useState(false);
  const backOnline = useBackOnline(connection.status);
  const banner = connectionBanner(connection, profile, waiting);

  if (!banner) {
    if (!backOnline) return null;
    return (
      <div className="banner banner-online" role="status">
        <Icon name="check" />
        <p>
          <strong>Back online.</strong>{' '}
          {waiting > 0
            ? `Sending ${waiting.toLocaleString()} queued ${waiting === 1 ? 'action' : 'actions'} now.`
            : 'The Hub answers again.'}
        </p>
      </div>
    );
  }

  const checking = connection.checking || pending === 'refresh';
  return (
    <div
      className={`banner ${banner.tone === 'problem' ? 'banner-error' : 'banner-offline'}`}
      role={banner.tone === 'problem' ? 'alert' : 'status'}
      data-connection={banner.kind}
    >
      <Icon name={banner.tone === 'problem' ? 'alert' : 'offline'} />
      <div className="banner-text">
        <p>
          <strong>{banner.headline}</strong> {banner.detail}
        </p>
        {banner.queue && <p className="banner-queue">{banner.queue}</p>}
        <p className="banner-meta muted">
          {connection.since && (
            <>
              Since <RelativeTime value={connection.since} />
            </>
          )}
          {connection.lastContactAt && (
            <>
              {' · last contact with the Hub '}
              <RelativeTime value={connection.lastContactAt} />
            </>
          )}
          {banner.kind !== 'key_rejected' && <NextCheck at={connection.nextCheckAt} checking={checking} />}
        </p>
      </div>
      {banner.action === 'update_key' ? (
        <button type="button" className="btn btn-sm btn-primary" onClick={() => setUpdating(true)}>
          Update the {profile.authMethod === 'token' ? 'password' : 'API key'}
        </button>
      ) : (
        <BusyButton className="btn btn-sm" busy={checking} busyLabel="Checking…" onClick={() => void refresh()}>
          Check now
        </BusyButton>
      )}
      {updating && <UpdateKeyDialog profile={profile} onClose={() => setUpdating(false)} />}
    </div>
  );
}

/** " · checking again in 8 s" while a check is planned; " · checking…" while one runs. */
function NextCheck({ at, checking }: { at: string | null; checking: boolean }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!at || checking) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [at, checking]);
  if (checking) return <> · checking…</>;
  if (!at) return null;
  const seconds = Math.max(0, Math.round((Date.parse(at) - now) / 1000));
  return (
    <>
      {' '}
      ·{' '}
      {seconds <= 1
        ? 'checking again in a moment'
        : seconds < 90
          ? `checking again in ${seconds} s`
          : `checking again in ${Math.round(seconds / 60)} min`}
    </>
  );
}

/** True for a few seconds after the connection came back from a waiting state. */
function useBackOnline(status: SessionState['connection']['status']): boolean {
  // Derived while rendering (React's "adjusting state when a prop changes"), cleared by a timer.
  const [previous, setPrevious] = useState(status);
  const [shown, setShown] = useState(false);
  if (previous !== status) {
    setPrevious(status);
    setShown(status === 'connected' && previous !== 'connecting' && isWaitingForConnection(previous));
  }
  useEffect(() => {
    if (!shown) return undefined;
    const timer = setTimeout(() => setShown(false), BACK_ONLINE_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [shown]);
  return shown;
}
