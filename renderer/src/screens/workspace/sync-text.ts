/**
 * Words for the sync status in the sidebar: a headline, a detail line, a tone and, while running, a
 * progress value. Pure, so every state can be tested without rendering.
 */
import type { SyncStatus } from '@shared/accounts';
import { formatCount, formatRelativeTime, toMillis } from '@shared/format';

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
    const listing = status.listing;
    const reading = listing && (status.phase === 'clients' || status.phase === 'channels') ? listingWords(listing) : null;
    const counted = status.total
      ? `${formatCount(status.done)} of ${formatCount(status.total)}`
      : status.done > 0
        ? formatCount(status.done)
        : null;
    return {
      headline: 'Syncing…',
      detail: reading ?? (counted && status.phase !== 'writing' ? `${phase} · ${counted}` : phase),
      tone: 'running',
      progress: { value: status.done, max: status.total && status.total > 0 ? status.total : null },
      retry: false,
    };
  }
  if (status.state === 'failed') {
    // The reason, and how old the data on screen is: a failed sync must not hide the data's age.
    const reason = status.error?.message ?? null;
    return {
      headline: 'Sync failed',
      detail: reason ? `${reason} ${dataAge(last)}` : dataAge(last),
      tone: 'error',
      progress: null,
      retry: true,
    };
  }
  if (status.state === 'offline') {
    // The sync could not reach the Hub (offline, or the Hub silent): the banner says which; here, the data's age.
    return {
      headline: 'Not synced: no connection',
      detail: `${lastLine}. Showing the local copy.`,
      tone: 'warning',
      progress: null,
      retry: true,
    };
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

/** "Data from 2 h ago." / "No data synced yet." */
function dataAge(last: string | null): string {
  return last ? `Data from ${last}.` : 'No data synced yet.';
}

type Listing = NonNullable<SyncStatus['listing']>;

/** "Reading 3,000 of 10,000 clients and 1,000 of 15,000 channels" (the two listings are read side by side). */
export function listingWords(listing: Listing): string {
  const part = (done: number, total: number | null, noun: string) =>
    total === null ? `${formatCount(done)} ${noun}` : `${formatCount(done)} of ${formatCount(total)} ${noun}`;
  return `Reading ${part(listing.clients.done, listing.clients.total, 'clients')} and ${part(listing.channels.done, listing.channels.total, 'channels')}`;
}
