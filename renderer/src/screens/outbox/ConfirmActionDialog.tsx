/**
 * The confirmation every queued action goes through: main's preview says what will happen (naming
 * the client, the number and the consequence); the user confirms, and the action joins the outbox.
 * Offline it simply waits there. The dialog then says so, instead of pretending it already happened.
 */
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '@shared/errors';
import type { ActionPreview, ActionPreviewInput, OutboxAction } from '@shared/outbox';
import type { Result } from '@shared/result';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueuedOutcome, useFollowedAction } from './QueuedOutcome';
import { Sheet } from '../../components/Sheet';
import { useSession } from '../../state/session-context';
import { useWorkspace } from '../../state/workspace-context';
import { isWaitingForConnection } from '../connected/connection-text';

interface ConfirmActionDialogProps {
  preview: ActionPreviewInput;
  confirmLabel: string;
  danger?: boolean;
  queue(): Promise<Result<OutboxAction>>;
  onClose(): void;
}

export function ConfirmActionDialog({ preview: previewInput, confirmLabel, danger = false, queue, onClose }: ConfirmActionDialogProps) {
  const { api } = useWorkspace();
  const [preview, setPreview] = useState<ActionPreview | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useFollowedAction();
  const previewKey = JSON.stringify(previewInput);
  const connection = useSession((s) => s.session?.connection.status ?? null);
  const waits = connection !== null && isWaitingForConnection(connection);

  useEffect(() => {
    let live = true;
    void api.request('actions.preview', JSON.parse(previewKey) as ActionPreviewInput).then((result) => {
      if (!live) return;
      if (result.ok) setPreview(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, previewKey]);

  async function confirm() {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await queue();
    setBusy(false);
    if (result.ok) setQueued(result.value);
    else setError(result.error);
  }

  return (
    <Sheet side="center" labelledBy="confirm-title" describedBy="confirm-text" onClose={onClose}>
      <div className="dialog-body">
        <h2 id="confirm-title">{preview?.title ?? 'Checking…'}</h2>
        {queued ? (
          <QueuedOutcome action={queued} textId="confirm-text" onClose={onClose} />
        ) : (
          <>
            <p id="confirm-text">{preview?.message ?? (error ? '' : 'Reading what this will do…')}</p>
            {preview && (
              <p className="confirm-timing muted" data-timing={waits ? 'waits' : 'now'}>
                {waits
                  ? 'Partner Desk is not connected to the Hub right now: this waits in the Outbox and is sent when the connection is back. Until then you can withdraw it.'
                  : 'Partner Desk sends this to the 360dialog Hub right away.'}
              </p>
            )}
            {error && <ErrorAlert title="This cannot be queued" error={error} />}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={onClose} autoFocus>
                Cancel
              </button>
              <BusyButton
                className={danger ? 'btn btn-danger' : 'btn btn-primary'}
                busy={busy}
                blocked={preview === null}
                busyLabel="Queueing…"
                onClick={() => void confirm()}
              >
                {confirmLabel}
              </BusyButton>
            </div>
          </>
        )}
      </div>
    </Sheet>
  );
}
