/**
 * One confirmation for a bulk action, listing every record it touches: main's preview says which
 * ones will be queued, which are already in the outbox and which are skipped and why. Confirmed, each
 * record becomes its own action in the outbox, and the dialog shows main's one-line summary.
 */
import { useEffect, useId, useState } from 'react';
import type { BulkPreview, BulkRequest, BulkResult } from '@shared/bulk';
import type { ErrorInfo } from '@shared/errors';
import { formatCount } from '@shared/format';
import { MAX_CHANNELS_CEILING } from '@shared/outbox';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Sheet } from '../../components/Sheet';
import { ToneBadge } from '../../components/ToneBadge';
import { useWorkspace } from '../../state/workspace-context';

export type BulkKind = 'cancel_channel' | 'set_max_channels';

interface BulkDialogProps {
  kind: BulkKind;
  channelIds: readonly string[];
  clientIds: readonly string[];
  onClose(): void;
  /** After the actions were queued (the selection is cleared then). */
  onQueued(): void;
}

const STATUS_VIEW = {
  ready: { tone: 'progress', label: 'Will be queued' },
  queued: { tone: 'neutral', label: 'Already queued' },
  skipped: { tone: 'attention', label: 'Skipped' },
} as const;

export function BulkDialog({ kind, channelIds, clientIds, onClose, onQueued }: BulkDialogProps) {
  const { api, ui } = useWorkspace();
  const [limit, setLimit] = useState<string>('');
  const [request, setRequest] = useState<BulkRequest | null>(kind === 'cancel_channel' ? { kind, channelIds: [...channelIds] } : null);
  // Main's answer for one request (keyed by it): a new limit asks again, and an old answer never shows.
  const [answer, setAnswer] = useState<{ key: string; preview: BulkPreview | null; error: ErrorInfo | null } | null>(null);
  const [runError, setRunError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkResult | null>(null);
  const limitId = useId();
  const requestKey = request ? JSON.stringify(request) : null;

  useEffect(() => {
    if (!requestKey) return;
    let live = true;
    void api.request('actions.bulkPreview', { request: JSON.parse(requestKey) as BulkRequest }).then((result) => {
      if (!live) return;
      setAnswer(
        result.ok ? { key: requestKey, preview: result.value, error: null } : { key: requestKey, preview: null, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [api, requestKey]);
  const current = answer && answer.key === requestKey ? answer : null;
  const preview = current?.preview ?? null;
  const error = runError ?? current?.error ?? null;

  async function confirm() {
    if (!request || busy) return;
    setBusy(true);
    setRunError(null);
    const queued = await api.request('actions.bulk', { request, confirmed: true });
    setBusy(false);
    if (!queued.ok) return setRunError(queued.error);
    setResult(queued.value);
    onQueued();
  }

  const parsedLimit = Number(limit);
  const limitValid = Number.isInteger(parsedLimit) && parsedLimit >= 1 && parsedLimit <= MAX_CHANNELS_CEILING;
  const title = result
    ? 'Queued'
    : (preview?.title ??
      (kind === 'cancel_channel'
        ? 'Request cancellation'
        : `Channel limit of ${formatCount(clientIds.length)} ${clientIds.length === 1 ? 'client' : 'clients'}`));

  return (
    <Sheet side="center" labelledBy="bulk-title" describedBy="bulk-text" onClose={onClose} className="sheet-bulk">
      <div className="dialog-body">
        <h2 id="bulk-title">{title}</h2>
        {result ? (
          <>
            <p id="bulk-text" role="status" className="bulk-summary">
              {result.summary}
            </p>
            {result.skipped.length > 0 && <BulkItems items={result.skipped} label="Skipped" />}
            <p className="muted">Each one is its own action in the Outbox, sent as soon as the 360dialog Hub can be reached.</p>
            <div className="dialog-actions">
              <button
                type="button"
                className="btn"
                onClick={() => {
                  onClose();
                  ui.getState().go('outbox');
                }}
              >
                Open the Outbox
              </button>
              <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
                Done
              </button>
            </div>
          </>
        ) : (
          <>
            {kind === 'set_max_channels' && (
              <form
                className="bulk-limit"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (limitValid) setRequest({ kind, clientIds: [...clientIds], maxChannels: parsedLimit });
                }}
              >
                <label className="field" htmlFor={limitId}>
                  <span className="field-label">New channel limit for each client</span>
                </label>
                <div className="button-row">
                  <input
                    id={limitId}
                    className="input input-narrow"
                    type="number"
                    min={1}
                    max={MAX_CHANNELS_CEILING}
                    step={1}
                    value={limit}
                    onChange={(event) => setLimit(event.target.value)}
                    autoFocus
                  />
                  <button type="submit" className="btn" aria-disabled={!limitValid || undefined}>
                    Show what changes
                  </button>
                </div>
              </form>
            )}
            {preview ? (
              <>
                <p id="bulk-text">{preview.message}</p>
                <BulkItems items={preview.items} label={`${formatCount(preview.items.length)} selected`} />
              </>
            ) : (
              request &&
              !error && (
                <p id="bulk-text" className="muted">
                  Checking each one against the local copy…
                </p>
              )
            )}
            {error && <ErrorAlert title="Nothing was queued" error={error} />}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={onClose}>
                Cancel
              </button>
              {preview && (
                <BusyButton
                  className={kind === 'cancel_channel' ? 'btn btn-danger' : 'btn btn-primary'}
                  busy={busy}
                  busyLabel="Queueing…"
                  blocked={preview.ready === 0}
                  onClick={() => void confirm()}
                >
                  {kind === 'cancel_channel'
                    ? `Request cancellation of ${formatCount(preview.ready)} ${preview.ready === 1 ? 'channel' : 'channels'}`
                    : `Change ${formatCount(preview.ready)} ${preview.ready === 1 ? 'limit' : 'limits'}`}
                </BusyButton>
              )}
            </div>
          </>
        )}
      </div>
    </Sheet>
  );
}

function BulkItems({ items, label }: { items: BulkPreview['items']; label: string }) {
  return (
    <div className="bulk-list-frame">
      <ul className="bulk-list" aria-label={label} tabIndex={0}>
        {items.map((item) => (
          <li key={item.id} className="bulk-item">
            <span className="bulk-item-label" dir="auto">
              {item.label}
            </span>
            <ToneBadge tone={STATUS_VIEW[item.status].tone} label={STATUS_VIEW[item.status].label} />
            {item.note && <span className="bulk-item-note">{item.note}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
