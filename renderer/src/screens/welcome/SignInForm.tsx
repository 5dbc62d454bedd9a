/**
 * Sign-in with a partner id and a Partner API key or, for partners on the legacy method, a partner
 * user's username and password. Validated locally with the contract's schema; the Hub's answer
 * (e.g. a refused key) is shown above the button in main's own words.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { SignInPrefill } from '../../state/session-store';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../state/session-context';
import { TextField } from './TextField';
import {
  firstInvalidField,
  validateSignIn,
  type FieldErrors,
  type SignInField,
  type SignInFields,
  type SignInMethod,
} from './sign-in-validation';

const EMPTY: SignInFields = { partnerId: '', apiKey: '', username: '', password: '', hubUrl: '' };
/** 360dialog's Partner API; a profile on any other Hub shows its URL under "Advanced". */
const STANDARD_HUB_URL = 'https://hub.360dialog.io/api/v2';

/** What a known profile's "Sign in again" puts in the form: everything but the key. */
function initialFields(prefill: SignInPrefill | null): SignInFields {
  if (!prefill) return EMPTY;
  return { ...EMPTY, partnerId: prefill.partnerId, hubUrl: prefill.hubUrl === STANDARD_HUB_URL ? '' : prefill.hubUrl };
}

/** Remounted (by key) for each prefill, so its state starts from it rather than syncing in an effect. */
export function SignInForm({ prefill }: { prefill: SignInPrefill | null }) {
  const signIn = useSession((s) => s.signIn);
  const pending = useSession((s) => s.pending);
  const serverError = useSession((s) => (s.error?.action === 'signIn' ? s.error.info : null));
  const keychainAvailable = useSession((s) => s.info?.keychainAvailable ?? true);
  const [fields, setFields] = useState<SignInFields>(() => initialFields(prefill));
  const [method, setMethod] = useState<SignInMethod>('api_key');
  // Fixed at mount: React then never overrides the user opening or closing "Advanced".
  const [advancedAtStart] = useState(() => fields.hubUrl !== '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const inputs = useRef<Partial<Record<SignInField, HTMLInputElement | null>>>({});
  const advanced = useRef<HTMLDetailsElement>(null);

  const busy = pending === 'signIn';

  function update(field: SignInField, value: string) {
    setFields((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const checked = validateSignIn({ ...fields, method });
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = firstInvalidField(checked.errors);
      if (first === 'hubUrl' && advanced.current) advanced.current.open = true;
      if (first) inputs.current[first]?.focus();
      return;
    }
    setErrors({});
    const result = await signIn(checked.value);
    // The key is in the keychain now (or was refused); either way it should not linger in memory.
    if (result.ok) setFields(EMPTY);
    else setFields((current) => ({ ...current, apiKey: '', password: '' }));
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        ref={(el) => {
          inputs.current.partnerId = el;
        }}
        label="Partner ID"
        name="partnerId"
        value={fields.partnerId}
        onChange={(e) => update('partnerId', e.target.value)}
        error={errors.partnerId}
        hint={<>Ends in “PA”, e.g. f167CmPA.</>}
        autoComplete="username"
        autoCapitalize="off"
        spellCheck={false}
        required
      />
      {method === 'api_key' ? (
        <TextField
          ref={(el) => {
            inputs.current.apiKey = el;
          }}
          label="Partner API key"
          name="apiKey"
          type="password"
          value={fields.apiKey}
          onChange={(e) => update('apiKey', e.target.value)}
          error={errors.apiKey}
          autoComplete="off"
          spellCheck={false}
          // With a known profile filled in, the key is the only thing left to type.
          autoFocus={prefill !== null}
          required
        />
      ) : (
        <>
          <TextField
            ref={(el) => {
              inputs.current.username = el;
            }}
            label="Username"
            name="username"
            type="email"
            value={fields.username ?? ''}
            onChange={(e) => update('username', e.target.value)}
            error={errors.username}
            hint="The email address of a partner user in the Partner Hub."
            autoComplete="username"
            spellCheck={false}
            required
          />
          <TextField
            ref={(el) => {
              inputs.current.password = el;
            }}
            label="Password"
            name="password"
            type="password"
            value={fields.password ?? ''}
            onChange={(e) => update('password', e.target.value)}
            error={errors.password}
            autoComplete="current-password"
            required
          />
        </>
      )}
      <details className="disclosure" ref={advanced} open={advancedAtStart || method === 'token' || undefined}>
        <summary>Advanced</summary>
        <fieldset className="fieldset method-choice">
          <legend>Sign-in method</legend>
          <label className="radio">
            <input type="radio" name="method" checked={method === 'api_key'} onChange={() => setMethod('api_key')} />
            <span>Partner API key (recommended)</span>
          </label>
          <label className="radio">
            <input type="radio" name="method" checked={method === 'token'} onChange={() => setMethod('token')} />
            <span>Username and password (legacy token method)</span>
          </label>
        </fieldset>
        <TextField
          ref={(el) => {
            inputs.current.hubUrl = el;
          }}
          label="Hub URL"
          optional
          name="hubUrl"
          type="url"
          inputMode="url"
          value={fields.hubUrl}
          onChange={(e) => update('hubUrl', e.target.value)}
          error={errors.hubUrl}
          placeholder="https://hub.360dialog.io/api/v2"
          hint="Leave empty for 360dialog's Partner Hub. Change it only for a test server."
          autoComplete="off"
          spellCheck={false}
        />
      </details>
      {!keychainAvailable && (
        <ErrorAlert
          tone="warning"
          title="No system keychain found"
          error="Partner Desk stores keys only in the system keychain, so signing in cannot work on this computer right now. The demo works without it."
        />
      )}
      {serverError && <ErrorAlert id="sign-in-error" title="Sign-in failed" error={serverError} />}
      <div className="form-actions">
        <BusyButton type="submit" className="btn btn-primary" busy={busy} blocked={pending !== null} busyLabel="Signing in…">
          Sign in
        </BusyButton>
      </div>
    </form>
  );
}
