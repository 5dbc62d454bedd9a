/**
 * Undo a cancellation: a channel pending deletion is deleted at the end of the month of its
 * cancellation; until then the request can be withdrawn through the outbox (main's preview says the
 * consequence; offline it waits). After that month the number is gone and the panel says so.
 */
import type { ChannelDetails } from '@shared/accounts';
import { formatDate } from '@shared/format';
import { pickText } from '@shared/status/pick';
import { useNow } from '../../hooks/use-now';

/** The last moment of the month of the cancellation: the number is deleted then. */
export function deletionDay(terminatedAt: string | null): Date | null {
  const ms = terminatedAt ? Date.parse(terminatedAt) : Number.NaN;
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - 1);
}

/** The panel; the confirmation is the caller's, so it outlives the panel once the channel is active again. */
export function WithdrawCancellationPanel({ details, onWithdraw }: { details: ChannelDetails; onWithdraw(): void }) {
  const now = useNow();
  const terminatedAt = pickText(details.raw, 'terminated_at');
  const deadline = deletionDay(terminatedAt);
  const queued = details.channel.pending?.kind === 'withdraw_cancellation';
  const tooLate = deadline !== null && now > deadline.getTime();
  const blocked = queued
    ? 'The withdrawal is in the outbox.'
    : tooLate
      ? 'It can no longer be reactivated; sync to see whether the Hub has deleted it.'
      : null;
  const month = deadline ? deadline.toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }) : 'the month';

  return (
    <section className="panel" aria-labelledby="withdraw-title">
      <h3 id="withdraw-title" className="section-title">
        Withdraw the cancellation
      </h3>
      <p className="muted">
        {tooLate
          ? `This number was cancelled${terminatedAt ? ` on ${formatDate(terminatedAt, now) ?? terminatedAt}` : ''} and was due for deletion at the end of ${month}; a cancellation can be withdrawn only until then.`
          : `This number is pending deletion${terminatedAt ? ` (cancelled ${formatDate(terminatedAt, now) ?? terminatedAt})` : ''} and is deleted at the end of ${month}. Until then the request can be withdrawn: the number stays active and goes on being billed.`}
      </p>
      {blocked && <p className="muted">{blocked}</p>}
      <div className="button-row">
        <button
          type="button"
          className="btn btn-sm"
          aria-disabled={blocked !== null || undefined}
          onClick={() => blocked === null && onWithdraw()}
        >
          Withdraw cancellation request…
        </button>
      </div>
    </section>
  );
}
