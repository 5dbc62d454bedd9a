/**
 * Read a permission redirect back: paste the address the partner's redirect page was opened with (or
 * its query). Main ties it to its link by the state it carries (refusing a state no link of this
 * profile carries), records the granted and revoked channels, announces them and starts a sync; the
 * granted channels then show here with "Generate API key…".
 */
import { useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '@shared/errors';
import type { RedirectReading } from '@shared/onboarding';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Sheet } from '../../components/Sheet';
import { useWorkspace } from '../../state/workspace-context';
import { LinkOutcome } from './LinkOutcome';
import { useLinkDetails } from './use-link-details';

export function RedirectDialog({ onClose }: { onClose(): void }) {
  const { api } = useWorkspace();
  const ids = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [reading, setReading] = useState<RedirectReading | null>(null);
  const { details } = useLinkDetails(reading?.link.id ?? null, reading?.link ?? null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (text.trim() === '') {
      setError({ code: 'invalid_input', message: 'Paste the address your redirect page was opened with.' });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api.request('onboarding.readRedirect', { text });
    setBusy(false);
    if (result.ok) setReading(result.value);
    else setError(result.error);
  }

  return (
    <Sheet side="center" labelledBy={`${ids}-title`} onClose={onClose} className="sheet-wide">
      <div className="dialog-body">
        <h2 id={`${ids}-title`}>{reading ? 'Permission received' : 'Read a redirect'}</h2>
        {reading && details ? (
          <>
            <p role="status">{reading.message}</p>
            <LinkOutcome details={details} />
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => setReading(null)}>
                Read another
              </button>
              <button type="button" className="btn btn-primary" onClick={onClose}>
                Done
              </button>
            </div>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <p className="muted">
              After the client shares numbers, 360dialog opens your redirect page with <code>client=…&amp;channels=[…]</code> in its
              address. Paste that address (or just the part after the ?) to record which numbers were shared and generate their API keys.
            </p>
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-text`}>
                Redirect address
              </label>
              <textarea
                id={`${ids}-text`}
                className="input input-mono textarea"
                rows={3}
                spellCheck={false}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder="https://your-site.example/onboarding/done?client=…&channels=[…]&state=…"
                autoFocus
              />
            </div>
            {error && <ErrorAlert title="The redirect was not recorded" error={error} />}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={onClose}>
                Cancel
              </button>
              <BusyButton type="submit" className="btn btn-primary" busy={busy} busyLabel="Reading…">
                Read redirect
              </BusyButton>
            </div>
          </form>
        )}
      </div>
    </Sheet>
  );
}
