/**
 * Words for the sync status in the sidebar: a headline, a detail line, a tone and, while running, a
 * progress value. Pure, so every state can be tested without rendering.
 */
import type { SyncStatus } from '../../../../shared/accounts';
import { formatCount, formatRelativeTime, toMillis } from '../../../../shared/format';

export interface SyncView {
  headline: string;
  detail: string | null;
  tone: 'idle' | 'running' | 'ok' | 'warning' | 'error';
  /** Determinate when the total is known; `max` null means "working, amount unknown". */
  progress: { value: number; max: number | null } | null;
  /** Offer "Retry" (failed/offline) rather than "Sync now". */
  retry: boolean;
}

const PHASE_WORDS: Record<SyncStatus['phase'], string> = {
  idle: 'Starting',
  waiting: 'Waiting for another Partner Desk to finish its sync',
  elsewhere: 'In another Partner Desk window or process',
  clients: 'Reading clients',
  channels: 'Reading channels',
  writing: 'Saving to this computer',
  done: 'Finishing',
};

export function describeSync(status: SyncStatus | null, now: number, requesting = false): SyncView {
  if (!status) return { headline: 'Checking sync…', detail: null, tone: 'idle', progress: null, retry: false };
  // The UI's clock ticks every few seconds; a sync that just ended must not read "in a moment".
  const last = formatRelativeTime(status.lastSucceededAt, Math.max(now, toMillis(status.lastSucceededAt) ?? now));
  const lastLine = last ? `Last synced ${last}` : 'Never synced';

  if (status.state === 'running' || (requesting && status.state !== 'failed' && status.state !== 'offline')) {
    const phase = PHASE_WORDS[status.phase];
    const counted = status.total ? `${formatCount(status.done)} of ${formatCount(status.total)}` : status.done > 0 ? formatCount(status.done) : null;
    return {
      headline: 'Syncing…',
      detail: counted ? `${phase} · ${counted}` : phase,
      tone: 'running',
      progress: { value: status.done, max: status.total && status.total > 0 ? status.total : null },
      retry: false,
    };
  }
  if (status.state === 'failed') {
    return { headline: 'Sync failed', detail: status.error?.message ?? lastLine, tone: 'error', progress: null, retry: true };
  }
  if (status.state === 'offline') {
    // The sync could not reach the Hub (offline, or the Hub silent): the banner says which; here, the data's age.
    return { headline: 'Not synced: no connection', detail: `${lastLine}. Showing the local copy.`, tone: 'warning', progress: null, retry: true };
  }
  if (!status.lastSucceededAt) return { headline: 'Not synced yet', detail: null, tone: 'idle', progress: null, retry: false };
  return {
    headline: `Synced ${last ?? ''}`.trim(),
    detail: `${formatCount(status.counts.clients)} clients · ${formatCount(status.counts.channels)} channels`,
    tone: 'ok',
    progress: null,
    retry: false,
  };
}
