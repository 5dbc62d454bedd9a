/**
 * Leaving a profile. The demo is left in one click (nothing to keep). A real profile asks first,
 * in a modal <dialog> (focus trapped, Esc closes), whether to keep its cached accounts for offline use.
 */
import { useRef, useState } from 'react';
import type { ProfileSummary } from '../../../../shared/contract';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../state/session-context';

export function SignOutControl({ profile }: { profile: ProfileSummary }) {
  const signOut = useSession((s) => s.signOut);
  const pending = useSession((s) => s.pending);
  const error = useSession((s) => (s.error?.action === 'signOut' ? s.error.info : null));
  const dialog = useRef<HTMLDialogElement>(null);
  const [keepCache, setKeepCache] = useState(true);
  const busy = pending === 'signOut';

  if (profile.authMethod === 'demo') {
    return (
      <BusyButton className="btn" busy={busy} blocked={pending !== null} busyLabel="Leaving…" onClick={() => void signOut(profile.id, false)}>
        Leave demo
      </BusyButton>
    );
  }

  async function confirm() {
    const result = await signOut(profile.id, keepCache);
    if (result.ok) dialog.current?.close();
  }

  return (
    <>
      <button type="button" className="btn" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
        Sign out
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="sign-out-title" aria-describedby="sign-out-text">
        <form
          method="dialog"
          className="dialog-body"
          onSubmit={(event) => {
            event.preventDefault();
            if (!pending) void confirm();
          }}
        >
          <h2 id="sign-out-title">Sign out of {profile.label}?</h2>
          <p id="sign-out-text" className="muted">
            Partner Desk removes this profile's Partner API key from the system keychain. You can sign in again at any time.
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={keepCache} onChange={(e) => setKeepCache(e.target.checked)} />
            <span>Keep the cached clients and channels on this computer for offline browsing</span>
          </label>
          {error && <ErrorAlert title="Sign-out failed" error={error} />}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </button>
            <BusyButton type="submit" className="btn btn-danger" busy={busy} blocked={pending !== null} busyLabel="Signing out…">
              Sign out
            </BusyButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
