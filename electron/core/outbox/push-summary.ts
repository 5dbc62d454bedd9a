/** One paragraph for a person after "push": what went, what remains and why, what to do next. */
import type { OutboxStatus } from '@shared/outbox';
import type { StoredAction } from './outbox-rows';
import type { FlushReport } from './outbox-runner';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describePush(status: OutboxStatus, report: FlushReport, open: readonly StoredAction[]): string {
  if (report.busy)
    return 'Another Partner Desk (the app, web mode or another command) is sending the queue right now; try again in a moment.';
  const { queued, sending, failed, conflict } = status.counts;
  const waiting = queued + sending;
  if (waiting + failed + conflict === 0) {
    return report.attempted > 0 ? `Sent ${plural(report.attempted, 'action')}; the queue is empty.` : 'The queue is empty.';
  }
  const lines: string[] = [];
  if (status.paused) lines.push(`The queue is paused: ${status.paused.message}`);
  if (waiting > 0) {
    const why =
      status.online === false
        ? 'wait for the connection'
        : status.nextAttemptAt
          ? `wait (next attempt at ${status.nextAttemptAt})`
          : 'wait';
    lines.push(`${plural(waiting, 'action')} ${why}.`);
  }
  if (failed > 0) {
    const first = open.find((a) => a.state === 'failed');
    lines.push(
      `${plural(failed, 'action')} failed${first?.lastError ? `: ${first.lastError.message}` : '.'} Retry or discard with "partner-desk outbox".`,
    );
  }
  if (conflict > 0) {
    const first = open.find((a) => a.state === 'conflict');
    lines.push(`${plural(conflict, 'action')} in conflict${first?.conflict ? `: ${first.conflict.message}` : '.'}`);
  }
  return lines.join(' ');
}
