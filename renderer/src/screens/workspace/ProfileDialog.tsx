/**
 * The profile menu: which partner this is and how it is connected, the other profiles on this
 * computer (switch), and leaving: sign out (removing the key from the keychain, keeping or deleting
 * the cached accounts as the user chooses) or, for the demo, leave it.
 */
import { useState } from 'react';
import type { ProfileSummary, SessionState } from '@shared/contract';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RelativeTime } from '../../components/RelativeTime';
import { Sheet } from '../../components/Sheet';
import { useSession } from '../../state/session-context';
import { DataFolderButton } from './DataFolderButton';
import { ConnectionBadge } from '../connected/ConnectionBadge';
import { describeMethod, hubHost } from '../profile-labels';

interface ProfileDialogProps {
  session: SessionState;
  profile: ProfileSummary;
  onClose(): void;
}

export function ProfileDialog({ session, profile, onClose }: ProfileDialogProps) {
  const refresh = useSession((s) => s.refresh);
  const switchProfile = useSession((s) => s.switchProfile);
  const signOut = useSession((s) => s.signOut);
  const pending = useSession((s) => s.pending);
  const error = useSession((s) => s.error);
  const [keepCache, setKeepCache] = useState(true);
  const demo = profile.authMethod === 'demo';
  const others = session.profiles.filter((p) => p.id !== profile.id);
  const name = session.connection.partner?.name ?? profile.label;

  return (
    <Sheet side="center" labelledBy="profile-title" onClose={onClose} className="sheet-profile">
      <div className="dialog-body">
        <div className="profile-head">
          <h2 id="profile-title">{name}</h2>
          <ConnectionBadge status={session.connection.status} />
        </div>
        <dl className="details details-compact">
          <dt>Partner ID</dt>
          <dd className="num">{profile.partnerId}</dd>
          <dt>Sign-in method</dt>
          <dd>{describeMethod(profile.authMethod)}</dd>
          <dt>Hub</dt>
          <dd>{hubHost(profile)}</dd>
          <dt>Credential</dt>
          <dd>{demo ? 'Built into the demo' : profile.hasSecret ? 'In the system keychain' : 'Missing: sign in again'}</dd>
          <dt>Connection checked</dt>
          <dd>
            <RelativeTime value={session.connection.checkedAt} />
          </dd>
        </dl>
        <div className="button-row">
          <BusyButton
            className="btn btn-sm"
            busy={pending === 'refresh'}
            blocked={pending !== null}
            busyLabel="Checking…"
            onClick={() => void refresh()}
          >
            Check connection
          </BusyButton>
          <DataFolderButton />
        </div>
        {error && <ErrorAlert title="That did not work" error={error.info} />}

        {others.length > 0 && (
          <section aria-labelledby="other-profiles">
            <h3 id="other-profiles" className="section-title">
              Other profiles
            </h3>
            <ul className="profile-list profile-list-compact">
              {others.map((other) => (
                <li key={other.id} className="profile-row">
                  <div>
                    <div className="profile-name">{other.label}</div>
                    <div className="profile-meta">
                      {other.partnerId} · {describeMethod(other.authMethod)}
                    </div>
                  </div>
                  <BusyButton
                    className="btn btn-sm"
                    busy={pending === 'switchProfile'}
                    blocked={pending !== null}
                    busyLabel="Switching…"
                    aria-label={`Switch to ${other.label}`}
                    onClick={() => void switchProfile(other.id)}
                  >
                    Switch
                  </BusyButton>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section className="sign-out-section" aria-labelledby="leave-title">
          <h3 id="leave-title" className="section-title">
            {demo ? 'Leave the demo' : 'Sign out'}
          </h3>
          {demo && <p className="muted">Back to the welcome screen. The demo's sample data is removed from this computer.</p>}
          {!demo && (
            <>
              <p className="muted">Removes this profile's Partner API key from the system keychain. You can sign in again at any time.</p>
              <label className="checkbox">
                <input type="checkbox" checked={keepCache} onChange={(event) => setKeepCache(event.target.checked)} />
                <span>Keep the cached clients and channels on this computer for offline browsing</span>
              </label>
            </>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              Close
            </button>
            <BusyButton
              className="btn btn-danger"
              busy={pending === 'signOut'}
              blocked={pending !== null}
              busyLabel={demo ? 'Leaving…' : 'Signing out…'}
              onClick={() => void signOut(profile.id, demo ? false : keepCache)}
            >
              {demo ? 'Leave demo' : 'Sign out'}
            </BusyButton>
          </div>
        </section>
      </div>
    </Sheet>
  );
}
