/**
 * How every dialog that queues an action ends: the action as the outbox moves it on (waiting,
 * sending, done, failed), in the same words as the Outbox page, and one button to close. The
 * dialogs used to each word this themselves, and drifted ("Done." here, "Changed." there).
 */
import { useState } from 'react';
import type { OutboxAction } from '@shared/outbox';
import { ToneBadge } from '../../components/ToneBadge';
import { useSession } from '../../state/session-context';
import { useWs } from '../../state/workspace-context';
import { actionView, queuedOutcomeText } from './action-text';

/** The action a dialog queued, followed live through the outbox store (not the snapshot the queue call answered). */
export function useFollowedAction(): [OutboxAction | null, (action: OutboxAction) => void] {
  const [queued, setQueued] = useState<OutboxAction | null>(null);
  const live = useWs('outbox', (s) => (queued ? s.items.find((item) => item.id === queued.id) : undefined));
  return [live ?? queued, setQueued];
}

export function QueuedOutcome({ action, textId, onClose }: { action: OutboxAction; textId?: string; onClose(): void }) {
  const connection = useSession((s) => s.session?.connection.status ?? null);
  const view = actionView(action, connection);
  return (
    <>
      <div id={textId} className="queued-line" role="status">
        <ToneBadge tone={view.tone} label={view.label} />
        <span>{queuedOutcomeText(action, view.note)}</span>
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          Done
        </button>
      </div>
    </>
  );
}
