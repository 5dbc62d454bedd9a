/**
 * Actions on a channel, each through the outbox with its confirmation: request cancellation,
 * generate (and copy) the API key, and the health check. Actions already queued for the
 * channel are listed first, with their state.
 */
import { useState } from 'react';
import type { ChannelDetails } from '@shared/accounts';
import { actionsFor } from '../../state/outbox-store';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { ActionRow } from '../outbox/ActionRow';
import { ConfirmActionDialog } from '../outbox/ConfirmActionDialog';
import { ApiKeyPanel } from './ApiKeyPanel';
import { HealthPanel } from './HealthPanel';
import { WithdrawCancellationPanel } from './WithdrawCancellationPanel';

export function ActionsTab({ details }: { details: ChannelDetails }) {
  const ws = useWorkspace();
  const channelId = details.channel.id;
  const items = useWs('outbox', (s) => s.items);
  const mine = actionsFor(items, channelId).slice(0, 10);
  const [confirming, setConfirming] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const pendingDeletion = details.channel.status.state.id === 'pending_deletion';
  const cancellationQueued = details.channel.pending?.kind === 'cancel_channel';
  const removed = details.channel.removedAt !== null;
  const cancelBlocked = removed
    ? 'The Hub no longer lists this channel.'
    : pendingDeletion
      ? 'Cancellation was already requested: the channel is pending deletion.'
      : cancellationQueued
        ? 'A cancellation is already in the outbox.'
        : null;

  return (
    <div className="overview">
      {mine.length > 0 && (
        <section className="panel" aria-labelledby="ch-actions-title">
          <h3 id="ch-actions-title" className="section-title">
            In the outbox
          </h3>
          <ul className="action-list action-list-compact">
            {mine.map((action) => (
              <ActionRow key={action.id} action={action} compact />
            ))}
          </ul>
        </section>
      )}

      {(pendingDeletion || details.channel.pending?.kind === 'withdraw_cancellation') && !removed && (
        <WithdrawCancellationPanel details={details} onWithdraw={() => setWithdrawing(true)} />
      )}

      <section className="panel" aria-labelledby="cancel-title">
        <h3 id="cancel-title" className="section-title">
          Request cancellation
        </h3>
        <p className="muted">
          The Hub sets a cancellation request on the channel: it becomes pending deletion, keeps working until it is deleted at the end of
          the month, and the client is billed until then. Offline, the request waits in the outbox.
        </p>
        {cancelBlocked && <p className="muted">{cancelBlocked}</p>}
        <div className="button-row">
          <button
            type="button"
            className="btn btn-sm btn-danger-outline"
            aria-disabled={cancelBlocked !== null || undefined}
            onClick={() => cancelBlocked === null && setConfirming(true)}
          >
            Request cancellation…
          </button>
        </div>
      </section>

      <ApiKeyPanel channelId={channelId} blocked={removed ? 'The Hub no longer lists this channel.' : null} client={details.client} />
      <HealthPanel channelId={channelId} canGenerateKey={!removed} />

      {withdrawing && (
        <ConfirmActionDialog
          preview={{ kind: 'withdraw_cancellation', channelId }}
          confirmLabel="Withdraw cancellation request"
          queue={() => ws.api.request('actions.withdrawCancellation', { channelId, confirmed: true })}
          onClose={() => setWithdrawing(false)}
        />
      )}
      {confirming && (
        <ConfirmActionDialog
          preview={{ kind: 'cancel_channel', channelId }}
          confirmLabel="Request cancellation"
          danger
          queue={() => ws.api.request('actions.cancelChannel', { channelId, confirmed: true })}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
