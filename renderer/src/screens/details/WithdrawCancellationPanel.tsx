/**
 * Undo a cancellation: a channel pending deletion is deleted at the end of the month of its
 * cancellation; until then the request can be withdrawn through the outbox (main's preview says the
 * consequence; offline it waits). After that month the number is gone and the panel says so.
 */
import { useState } from 'react';
import type { ChannelDetails } from '../../../../shared/accounts';
import { formatDate } from '../../../../shared/format';
import { pickText } from '../../../../shared/status/pick';
import { useNow } from '../../hooks/use-now';
import { useWorkspace } from '../../state/workspace-context';
import { ConfirmActionDialog } from '../outbox/ConfirmActionDialog';

/** The last moment of the month of the cancellation: the number is deleted then. */
export function deletionDay(terminatedAt: string | null): Date | null {
  const ms = terminatedAt ? Date.parse(terminatedAt) : Number.NaN;
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - 1);
}

export function WithdrawCancellationPanel({ details }: { details: ChannelDetails }) {
  const ws = useWorkspace();
  const now = useNow();
  const [confirming, setConfirming] = useState(false);
  const channelId = details.channel.id;
  const terminatedAt = pickText(details.raw, 'terminated_at');
  const deadline = deletionDay(terminatedAt);
  const queued = details.channel.pending?.kind === 'withdraw_cancellation';
  const tooLate = deadline !== null && now > deadline.getTime();
  const blocked = queued ? 'The withdrawal is in the outbox.' : tooLate ? 'The month of the cancellation is over: the Hub deletes the number then, so it can no longer be reactivated.' : null;

  return (
    <section className="panel" aria-labelledby="withdraw-title">
      <h3 id="withdraw-title" className="section-title">
        Withdraw the cancellation
      </h3>
      <p className="muted">
        This number is pending deletion{terminatedAt ? ` (cancellation of ${formatDate(terminatedAt, now) ?? terminatedAt})` : ''} and is deleted at the end of
        {deadline ? ` ${deadline.toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' })}` : ' the month'}. Until then the request can be
        withdrawn: the number stays active and goes on being billed.
      </p>
      {blocked && <p className="muted">{blocked}</p>}
      <div className="button-row">
        <button type="button" className="btn btn-sm" aria-disabled={blocked !== null || undefined} onClick={() => blocked === null && setConfirming(true)}>
          Withdraw cancellation request…
        </button>
      </div>
      {confirming && (
        <ConfirmActionDialog
          preview={{ kind: 'withdraw_cancellation', channelId }}
          confirmLabel="Withdraw cancellation request"
          queue={() => ws.api.request('actions.withdrawCancellation', { channelId, confirmed: true })}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
