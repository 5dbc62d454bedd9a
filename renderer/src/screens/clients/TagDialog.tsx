/**
 * A client's tag: the partner's own value for it (partner_payload, e.g. a CRM id), set through the
 * outbox like every other change (offline it waits; changed elsewhere meanwhile, it is a conflict
 * with both values). An empty tag removes it. Checked with the contract's own rule as you type.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ClientListItem } from '@shared/accounts';
import type { ErrorInfo } from '@shared/errors';
import { PartnerPayload, type ActionPreview } from '@shared/outbox';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueuedOutcome, useFollowedAction } from '../outbox/QueuedOutcome';
import { Sheet } from '../../components/Sheet';
import { useWorkspace } from '../../state/workspace-context';

export function TagDialog({ client, onClose }: { client: ClientListItem; onClose(): void }) {
  const { api } = useWorkspace();
  const ids = useId();
  const current = client.pending?.kind === 'set_partner_payload' ? (client.pending.partnerPayload ?? '') : (client.partnerPayload ?? '');
  const [text, setText] = useState(current);
  const [preview, setPreview] = useState<ActionPreview | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useFollowedAction();
  const parsed = PartnerPayload.safeParse(text);
  const invalid = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'This tag cannot be used.');
  const unchanged = text === current;

  useEffect(() => {
    if (invalid || unchanged) return;
    let live = true;
    void api.request('actions.preview', { kind: 'set_partner_payload', clientId: client.id, partnerPayload: text }).then((result) => {
      if (!live) return;
      setPreview(result.ok ? result.value : null);
      setError(result.ok ? null : result.error);
    });
    return () => {
      live = false;
    };
  }, [api, client.id, text, invalid, unchanged]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || invalid || unchanged) return;
    setBusy(true);
    const result = await api.request('actions.setPartnerPayload', { clientId: client.id, partnerPayload: text, confirmed: true });
    setBusy(false);
    if (result.ok) setQueued(result.value);
    else setError(result.error);
  }

  return (
    <Sheet side="center" labelledBy={`${ids}-title`} onClose={onClose}>
      <form className="dialog-body" onSubmit={submit} noValidate>
        <h2 id={`${ids}-title`}>Tag of {client.name}</h2>
        {queued ? (
          <QueuedOutcome action={queued} onClose={onClose} />
        ) : (
          <>
            <p className="muted">
              Your own value for this client, kept by 360dialog as its partner_payload (for example your CRM id). It is searchable in
              Clients and WhatsApp accounts.
            </p>
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-tag`}>
                Tag
              </label>
              <input
                id={`${ids}-tag`}
                className="input"
                type="text"
                autoComplete="off"
                value={text}
                onChange={(e) => setText(e.target.value)}
                aria-invalid={invalid ? true : undefined}
                aria-describedby={`${ids}-hint`}
                autoFocus
              />
              <p className={invalid ? 'field-error' : 'field-hint'} id={`${ids}-hint`}>
                {invalid ??
                  (unchanged ? (current === '' ? 'No tag yet.' : 'That is the current tag; empty removes it.') : (preview?.message ?? ' '))}
              </p>
            </div>
            {error && <ErrorAlert title="The change cannot be queued" error={error} />}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={onClose}>
                Cancel
              </button>
              <BusyButton
                type="submit"
                className="btn btn-primary"
                busy={busy}
                blocked={invalid !== null || unchanged}
                busyLabel="Queueing…"
              >
                {text === '' && !unchanged ? 'Remove tag' : 'Save tag'}
              </BusyButton>
            </div>
          </>
        )}
      </form>
    </Sheet>
  );
}
