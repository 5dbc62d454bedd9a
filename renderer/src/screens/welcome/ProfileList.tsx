/**
 * Profiles kept on this computer but not active (e.g. signed out with their cached accounts kept),
 * so a returning user can pick one up again instead of starting over.
 */
import type { ProfileSummary } from '@shared/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../state/session-context';
import { describeMethod } from '../profile-labels';

export function ProfileList({ profiles }: { profiles: ProfileSummary[] }) {
  const switchProfile = useSession((s) => s.switchProfile);
  const signInAgain = useSession((s) => s.signInAgain);
  const pending = useSession((s) => s.pending);
  const error = useSession((s) => (s.error?.action === 'switchProfile' ? s.error.info : null));

  return (
    <section className="profiles" aria-labelledby="profiles-title">
      <div className="section-intro">
        <h2 id="profiles-title">Profiles on this computer</h2>
        <p className="muted">Open one to continue where you left off. A signed-out profile needs its key again to connect.</p>
      </div>
      {error && <ErrorAlert title="Could not open the profile" error={error} />}
      <ul className="profile-list">
        {profiles.map((profile) => (
          <li className="profile-row" key={profile.id}>
            <div>
              <div className="profile-name">{profile.label}</div>
              <div className="profile-meta">
                {profile.partnerId} · {describeMethod(profile.authMethod)} ·{' '}
                {profile.hasSecret ? 'Key in keychain' : 'Signed out, cached data kept'}
              </div>
            </div>
            <div className="profile-actions">
              {!profile.hasSecret && profile.authMethod !== 'demo' && (
                <button
                  type="button"
                  className="btn"
                  aria-label={`Sign in again as ${profile.label}`}
                  onClick={() => void signInAgain(profile)}
                >
                  Sign in again
                </button>
              )}
              <button
                type="button"
                className="btn"
                aria-label={`Open ${profile.label}`}
                aria-disabled={pending !== null || undefined}
                onClick={() => {
                  if (!pending) void switchProfile(profile.id);
                }}
              >
                Open
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
