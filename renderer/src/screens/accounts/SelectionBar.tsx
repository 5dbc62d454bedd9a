/**
 * What can be done with the selected channels, in one row above the list: export them, set the
 * channel limit of their clients, request their cancellation (one confirmation listing them all),
 * mark their notifications read, or let go of them. Bulk actions go through the outbox, one action
 * per record.
 */
import { useState } from 'react';
import type { ErrorInfo } from '@shared/errors';
import { formatCount } from '@shared/format';
import { BULK_MAX } from '@shared/bulk';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon } from '../../components/Icon';
import { useWorkspace, useWs } from '../../state/workspace-context';

interface SelectionBarProps {
  onExport(): void;
  onBulk(kind: 'cancel_channel' | 'set_max_channels'): void;
}

export function SelectionBar({ onExport, onBulk }: SelectionBarProps) {
  const ws = useWorkspace();
  const selected = useWs('selection', (s) => s.selected);
  const reading = useWs('selection', (s) => s.reading);
  const selectError = useWs('selection', (s) => s.error);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const count = selected.size;
  const clients = new Set([...selected.values()].filter((id): id is string => id !== null)).size;
  const tooMany = count > BULK_MAX;

  async function markRead() {
    setError(null);
    const before = ws.notifications.getState().unread;
    const result = await ws.api.request('notifications.markRead', { channelIds: [...selected.keys()] });
    if (!result.ok) return setError(result.error);
    const marked = before - result.value.unread;
    setNote(
      marked > 0
        ? `${formatCount(marked)} ${marked === 1 ? 'notification' : 'notifications'} marked read.`
        : 'They had no unread notifications.',
    );
    void ws.notifications.getState().load();
  }

  return (
    <div className="selection-bar" role="region" aria-label="Selection">
      <p className="selection-count" role="status">
        {reading ? 'Selecting…' : `${formatCount(count)} selected`}
        {note && <span className="selection-note"> · {note}</span>}
      </p>
      <div className="selection-actions">
        <button type="button" className="btn btn-sm" onClick={onExport}>
          <Icon name="download" />
          Export
        </button>
        <button
          type="button"
          className="btn btn-sm"
          aria-disabled={clients === 0 || tooMany || undefined}
          title={tooMany ? `At most ${formatCount(BULK_MAX)} at once` : undefined}
          onClick={() => clients > 0 && !tooMany && onBulk('set_max_channels')}
        >
          Channel limit of {formatCount(clients)} {clients === 1 ? 'client' : 'clients'}…
        </button>
        <button
          type="button"
          className="btn btn-sm btn-danger-outline"
          aria-disabled={tooMany || undefined}
          title={tooMany ? `At most ${formatCount(BULK_MAX)} at once` : undefined}
          onClick={() => !tooMany && onBulk('cancel_channel')}
        >
          Request cancellation…
        </button>
        <button type="button" className="btn btn-sm" onClick={() => void markRead()}>
          <Icon name="check" />
          Mark notifications read
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => {
            setNote(null);
            ws.selection.getState().clear();
          }}
        >
          Clear selection
        </button>
      </div>
      {(error ?? selectError) && <ErrorAlert title="That did not work" error={(error ?? selectError) as ErrorInfo} />}
    </div>
  );
}
