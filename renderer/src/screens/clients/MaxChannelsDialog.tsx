/**
 * Change a client's maximum number of channels (the Hub's default is 2) through the outbox. The
 * number is checked with the contract's own rule; main's preview says what the change means before
 * it is queued (e.g. a limit below the channels the client has).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ClientListItem } from '../../../../shared/accounts';
import type { ErrorInfo } from '../../../../shared/errors';
import { DEFAULT_MAX_CHANNELS, MaxChannels, type ActionPreview, type OutboxAction } from '../../../../shared/outbox';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Sheet } from '../../components/Sheet';
import { useWorkspace, useWs } from '../../state/workspace-context';

export function MaxChannelsDialog({ client, onClose }: { client: ClientListItem; onClose(): void }) {
  const { api } = useWorkspace();
  const inputId = useId();
  const current = client.pending?.maxChannels ?? client.maxChannels ?? DEFAULT_MAX_CHANNELS;
  const [text, setText] = useState(String(current));
  const [preview, setPreview] = useState<ActionPreview | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [queuedAction, setQueued] = useState<OutboxAction | null>(null);
  const live = useWs('outbox', (s) => (queuedAction ? s.items.find((item) => item.id === queuedAction.id) : undefined));
  const queued = live ?? queuedAction;

  const parsed = MaxChannels.safeParse(text.trim() === '' ? Number.NaN : Number(text));
  const value = parsed.success ? parsed.data : null;
  const invalid = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Enter a whole number.');
  const unchanged = value !== null && value === current;

  useEffect(() => {
    if (value === null || unchanged) return;
    let live = true;
    void api.request('actions.preview', { kind: 'set_max_channels', clientId: client.id, maxChannels: value }).then((result) => {
      if (!live) return;
      setPreview(result.ok ? result.value : null);
      setError(result.ok ? null : result.error);
    });
    return () => {
      live = false;
    };
  }, [api, client.id, value, unchanged]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || value === null || unchanged) return;
    setBusy(true);
    const result = await api.request('actions.setMaxChannels', { clientId: client.id, maxChannels: value, confirmed: true });
    setBusy(false);
    if (result.ok) setQueued(result.value);
    else setError(result.error);
  }

  return (
    <Sheet side="center" labelledBy="limit-title" onClose={onClose}>
      <form className="dialog-body" onSubmit={submit} noValidate>
        <h2 id="limit-title">Channel limit of {client.name}</h2>
        {queued ? (
          <>
            <p role="status">
              {queued.state === 'done' ? queued.outcome ?? 'Changed.' : `${queued.title}: in the outbox, sent as soon as the Hub can be reached.`}
            </p>
            <div className="dialog-actions">
              <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
                Done
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="muted">
              The client has {client.channelCount} {client.channelCount === 1 ? 'channel' : 'channels'} and may have up to {client.maxChannels ?? DEFAULT_MAX_CHANNELS}
              {client.pending?.maxChannels ? ` (${client.pending.label})` : ''}.
            </p>
            <div className="field">
              <label className="field-label" htmlFor={inputId}>
                Maximum number of channels
              </label>
              <input
                id={inputId}
                className="input input-number"
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={text}
                onChange={(event) => setText(event.target.value)}
                aria-invalid={invalid ? true : undefined}
                aria-describedby={`${inputId}-hint`}
                autoFocus
              />
              <p className={invalid ? 'field-error' : 'field-hint'} id={`${inputId}-hint`}>
                {invalid ?? (unchanged ? 'That is the current limit.' : (preview?.message ?? ' '))}
              </p>
            </div>
            {error && <ErrorAlert title="The change cannot be queued" error={error} />}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={onClose}>
                Cancel
              </button>
              <BusyButton type="submit" className="btn btn-primary" busy={busy} blocked={value === null || unchanged} busyLabel="Queueing…">
                {value !== null && !unchanged ? `Change limit to ${value}` : 'Change limit'}
              </BusyButton>
            </div>
          </>
        )}
      </form>
    </Sheet>
  );
}
