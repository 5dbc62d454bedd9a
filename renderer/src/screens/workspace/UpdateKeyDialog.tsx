/**
 * "Update the API key" after the Hub refused the stored one (revoked, rotated in the Partner Hub):
 * the new key (or, for the legacy method, the password) replaces the old one in the keychain for
 * the same profile. Nothing else changes: the local copy and the queued actions stay, and the queue
 * resumes once the Hub accepts the new credential. Signing out is never needed for this.
 */
import { useState, type FormEvent } from 'react';
import type { ProfileSummary } from '@shared/contract';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Sheet } from '../../components/Sheet';
import { useSession } from '../../state/session-context';
import { TextField } from '../welcome/TextField';
import { validateSignIn } from '../welcome/sign-in-validation';

export function UpdateKeyDialog({ profile, onClose }: { profile: ProfileSummary; onClose(): void }) {
  const signIn = useSession((s) => s.signIn);
  const pending = useSession((s) => s.pending);
  const serverError = useSession((s) => (s.error?.action === 'signIn' ? s.error.info : null));
  const token = profile.authMethod === 'token';
  const [secret, setSecret] = useState('');
  const [username, setUsername] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const busy = pending === 'signIn';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const checked = validateSignIn({
      method: token ? 'token' : 'api_key',
      partnerId: profile.partnerId,
      hubUrl: profile.hubUrl,
      apiKey: token ? '' : secret,
      username,
      password: token ? secret : '',
    });
    if (!checked.ok) {
      setFieldError(checked.errors.apiKey ?? checked.errors.password ?? checked.errors.username ?? Object.values(checked.errors)[0]);
      return;
    }
    setFieldError(undefined);
    const result = await signIn(checked.value);
    setSecret(''); // in the keychain now, or refused: either way it should not linger here
    if (result.ok) onClose();
  }

  const what = token ? 'password' : 'API key';
  return (
    <Sheet side="center" labelledBy="update-key-title" describedBy="update-key-text" onClose={onClose}>
      <form className="dialog-body" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="update-key-title">Update the {what}</h2>
        <p id="update-key-text">
          For {profile.label} ({profile.partnerId}). The new {what} replaces the old one in the system keychain. The local copy and the
          queued actions stay; the queue is sent as soon as the Hub accepts it.
        </p>
        {token && (
          <TextField label="Username (email)" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        )}
        <TextField
          label={token ? 'Password' : 'Partner API key'}
          type="password"
          autoComplete={token ? 'current-password' : 'off'}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          error={fieldError}
          hint={
            token
              ? undefined
              : 'In the 360 Partner Hub: API Keys → Generate API Key (shown only once). Several keys can exist; each can be revoked on its own.'
          }
          autoFocus
        />
        {serverError && <ErrorAlert title={`The Hub did not accept the ${what}`} error={serverError} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <BusyButton type="submit" className="btn btn-primary" busy={busy} busyLabel="Checking…">
            Save and reconnect
          </BusyButton>
        </div>
      </form>
    </Sheet>
  );
}
