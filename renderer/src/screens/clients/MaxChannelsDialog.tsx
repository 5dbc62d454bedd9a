/**
 * Change a client's maximum number of channels (the Hub's default is 2) through the outbox. The
 * number is checked with the contract's own rule; main's preview says what the change means before
 * it is queued (e.g. a limit below the channels the client has).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ClientListItem } from '@shared/accounts';
import type { ErrorInfo } from '@shared/errors';
import { DEFAULT_MAX_CHANNELS, MaxChannels, type ActionPreview } from '@shared/outbox';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueuedOutcome, useFollowedAction } from '../outbox/QueuedOutcome';
import { Sheet } from '../../components/Sheet';
import { useSession } from '../../state/session-context';
import { useWorkspace } from '../../state/workspace-context';
import { isWaitingForConnection } from '../connected/connection-text';

export function MaxChannelsDialog({ client, onClose }: { client: ClientListItem; onClose(): void }) {
  const { api } = useWorkspace();
  const inputId = useId();
  const current = client.pending?.maxChannels ?? client.maxChannels ?? DEFAULT_MAX_CHANNELS;
  const [text, setText] = useState(String(current));
  const [preview, setPreview] = useState<ActionPreview | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useFollowedAction();

  const parsed = MaxChannels.safeParse(text.trim() === '' ? Number.NaN : Number(text));
  const value = parsed.success ? parsed.data : null;
  const invalid = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Enter a whole number.');
  const unchanged = value !== null && value === current;
  // Like the CLI's --yes: a limit below the channels the client already has needs saying so.
  const below = value !== null && !unchanged && value < client.channelCount;
  const [acknowledged, setAcknowledged] = useState(false);
  const connection = useSession((s) => s.session?.connection.status ?? null);
  const waits = connection !== null && isWaitingForConnection(connection);

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
    if (busy || value === null || unchanged || (below && !acknowledged)) return;
    setBusy(true);
    const result = await api.request('actions.setMaxChannels', {
      clientId: client.id,
      maxChannels: value,
      confirmed: below ? acknowledged : true,
    });
    setBusy(false);
    if (result.ok) setQueued(result.value);
    else setError(result.error);
  }

  return (
    <Sheet side="center" labelledBy="limit-title" onClose={onClose}>
      <form className="dialog-body" onSubmit={submit} noValidate>
        <h2 id="limit-title">Channel limit of {client.name}</h2>
        {queued ? (
          <QueuedOutcome action={queued} onClose={onClose} />
        ) : (
          <>
            <p className="muted">
              The client has {client.channelCount} {client.channelCount === 1 ? 'channel' : 'channels'} and may have up to{' '}
              {client.maxChannels ?? DEFAULT_MAX_CHANNELS}
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
                {invalid ?? (unchanged ? 'That is the current limit.' : below ? ' ' : (preview?.message ?? ' '))}
              </p>
            </div>
            {below && value !== null && (
              <div className="callout callout-attention" role="alert">
                <p>
                  <strong>
                    Below the {client.channelCount} {client.channelCount === 1 ? 'channel' : 'channels'} {client.name} already has.
                  </strong>{' '}
                  Existing channels keep working, but the client cannot add a number until it is under the limit again.
                </p>
                <label className="checkbox">
                  <input type="checkbox" checked={acknowledged} onChange={(event) => setAcknowledged(event.target.checked)} />
                  Set the limit to {value} anyway
                </label>
              </div>
            )}
            {value !== null && !unchanged && !invalid && (
              <p className="muted confirm-timing" data-timing={waits ? 'waits' : 'now'}>
                {waits
                  ? 'Not connected to the Hub right now: the change waits in the Outbox and is sent when the connection is back.'
                  : 'Sent to the 360dialog Hub right away.'}
              </p>
            )}
            {error && <ErrorAlert title="The change cannot be queued" error={error} />}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={onClose}>
                Cancel
              </button>
              <BusyButton
                type="submit"
                className="btn btn-primary"
                busy={busy}
                blocked={value === null || unchanged || (below && !acknowledged)}
                busyLabel="Queueing…"
              >
                {value !== null && !unchanged ? `Change limit to ${value}` : 'Change limit'}
              </BusyButton>
            </div>
          </>
        )}
      </form>
    </Sheet>
  );
}
