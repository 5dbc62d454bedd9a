/**
 * The sync engine: pulls the complete client and channel listings (first page, then the rest with
 * bounded concurrency, both listings side by side), then writes them in one transaction. Never two
 * syncs of a profile at once: a second call joins the running one. Progress and outcome go out as
 * `sync.status` events; every run is recorded in sync_runs.
 */
import type { SyncStatus } from '../../../shared/accounts';
import { AppError, isAppError } from '../../../shared/errors';
import { listAll, type ListAllProgress, type PartnerApi } from '../api';
import type { CoreEvents } from '../events';
import type { Logger } from '../log';
import type { ClientQueries } from '../store/client-queries';
import type { SyncRunStore } from '../store/sync-run-store';
import { RecordPreparer, type KnownHashes } from './record-preparer';
import { rawHashOf } from './record-rows';
import type { StoredHash } from '../store/record-tables';
import { writeListings, type WriteDeps, type WriteResult } from './write-listing';

export interface SyncEngineDeps extends WriteDeps {
  runs: SyncRunStore;
  clientQueries: ClientQueries;
  events: CoreEvents;
  log: Logger;
  now: () => number;
  /** After a sync committed (the outbox then reports conflicts and replays the queue). */
  onSucceeded?: (profileId: string) => void;
}

export interface SyncOptions {
  signal?: AbortSignal;
  pageSize?: number;
  concurrency?: number;
}

interface Progress {
  phase: SyncStatus['phase'];
  done: number;
  total: number | null;
}

export class SyncEngine {
  private readonly running = new Map<string, Promise<SyncStatus>>();
  private readonly progress = new Map<string, Progress>();
  /** Record counts per profile; they change only when a sync writes, so progress events reuse them. */
  private readonly counts = new Map<string, SyncStatus['counts']>();

  constructor(private readonly deps: SyncEngineDeps) {
    deps.runs.closeAbandoned(this.iso());
  }

  isRunning(profileId: string): boolean {
    return this.running.has(profileId);
  }

  /** Runs a full sync, or joins the one already running for this profile. */
  sync(profileId: string, api: PartnerApi, options: SyncOptions = {}): Promise<SyncStatus> {
    const current = this.running.get(profileId);
    if (current) return current;
    const run = this.run(profileId, api, options).finally(() => {
      this.running.delete(profileId);
      this.progress.delete(profileId);
      this.emit(profileId);
    });
    this.running.set(profileId, run);
    return run;
  }

  status(profileId: string | null): SyncStatus {
    if (!profileId) {
      return { profileId: null, state: 'idle', phase: 'idle', done: 0, total: null, lastSucceededAt: null, lastAttemptAt: null, error: null, counts: { clients: 0, channels: 0 } };
    }
    const latest = this.deps.runs.latest(profileId);
    const succeeded = latest?.status === 'succeeded' ? latest : this.deps.runs.lastSucceeded(profileId);
    const progress = this.progress.get(profileId);
    const state: SyncStatus['state'] = progress
      ? 'running'
      : !latest || latest.status === 'cancelled'
        ? 'idle'
        : latest.status === 'running'
          ? 'failed'
          : latest.status;
    return {
      profileId,
      state,
      phase: progress?.phase ?? 'idle',
      done: progress?.done ?? 0,
      total: progress?.total ?? null,
      lastSucceededAt: succeeded?.finishedAt ?? null,
      lastAttemptAt: latest?.startedAt ?? null,
      error: !progress && latest && latest.status !== 'succeeded' ? latest.error : null,
      counts: this.countsOf(profileId),
    };
  }

  private countsOf(profileId: string): SyncStatus['counts'] {
    let counts = this.counts.get(profileId);
    if (!counts) {
      counts = this.deps.clientQueries.counts(profileId);
      this.counts.set(profileId, counts);
    }
    return counts;
  }

  private async run(profileId: string, api: PartnerApi, options: SyncOptions): Promise<SyncStatus> {
    const started = this.deps.now();
    const runId = this.deps.runs.start(profileId, this.iso());
    const listing = { clients: { fetched: 0, total: null as number | null }, channels: { fetched: 0, total: null as number | null } };
    const report = (phase: Progress['phase']) => {
      const totals = [listing.clients.total, listing.channels.total];
      const total = totals.every((t) => t !== null) ? (totals[0] ?? 0) + (totals[1] ?? 0) : null;
      this.progress.set(profileId, { phase, done: listing.clients.fetched + listing.channels.fetched, total });
      this.emit(profileId);
    };
    const track = (which: 'clients' | 'channels') => (p: ListAllProgress) => {
      listing[which] = { fetched: Math.min(p.fetched, p.total), total: p.total };
      report(which);
    };
    report('clients');
    try {
      const pageOptions = { pageSize: options.pageSize ?? 1000, concurrency: options.concurrency ?? 4, ...(options.signal ? { signal: options.signal } : {}) };
      const preparer = new RecordPreparer(this.knownHashes(profileId)); // per-record work happens while later pages are in flight
      const [clients, channels] = await Promise.all([
        listAll(preparer.clientPages((q) => api.listClientsPage(q)), { ...pageOptions, onProgress: track('clients') }),
        listAll(preparer.channelPages((q) => api.listChannelsPage(q)), { ...pageOptions, onProgress: track('channels') }),
      ]);
      options.signal?.throwIfAborted();
      report('writing');
      const listed = this.deps.now();
      const written = writeListings(this.deps, profileId, clients, channels, { syncedAt: this.iso(), listedSince: new Date(started).toISOString(), preparer });
      this.counts.delete(profileId);
      const timing = { listMs: listed - started, writeMs: this.deps.now() - listed };
      const stats = { ...written, requests: clients.requests + channels.requests, complete: clients.complete && channels.complete, ...timing };
      this.deps.runs.finish(runId, this.iso(), 'succeeded', stats);
      this.deps.log.info('sync succeeded', { profileId, ms: this.deps.now() - started, ...timing, ...summary(written) });
      if (written.notifications > 0) this.deps.events.emit('notifications.changed', { profileId });
      this.notifySucceeded(profileId);
    } catch (error) {
      const { status, info } = classify(error, options.signal);
      this.deps.runs.finish(runId, this.iso(), status, null, info);
      this.deps.log.warn('sync did not complete', { profileId, status, code: info.code, message: info.message });
    }
    this.progress.delete(profileId);
    return this.status(profileId);
  }

  /** What is stored now, so the listing prepares only records that changed (the write checks again). */
  private knownHashes(profileId: string): KnownHashes {
    const current = (stored: Map<string, StoredHash>, hashOf: (hash: string) => string) => {
      const known = new Map<string, string>();
      for (const [id, entry] of stored) if (!entry.removed) known.set(id, hashOf(entry.hash));
      return known;
    };
    return { clients: current(this.deps.clients.hashes(profileId), (h) => h), channels: current(this.deps.channels.hashes(profileId), rawHashOf) };
  }

  private notifySucceeded(profileId: string): void {
    try {
      this.deps.onSucceeded?.(profileId);
    } catch (error) {
      this.deps.log.error('after-sync hook failed', { profileId, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private emit(profileId: string): void {
    this.deps.events.emit('sync.status', this.status(profileId));
  }

  private iso(): string {
    return new Date(this.deps.now()).toISOString();
  }
}

function summary(result: WriteResult): Record<string, number> {
  return {
    clientsWritten: result.clients.inserted + result.clients.updated,
    channelsWritten: result.channels.inserted + result.channels.updated,
    quarantined: result.clients.quarantined + result.channels.quarantined,
    notifications: result.notifications,
  };
}

function classify(error: unknown, signal: AbortSignal | undefined): { status: 'offline' | 'failed' | 'cancelled'; info: { code: string; message: string } } {
  if (signal?.aborted) return { status: 'cancelled', info: { code: 'cancelled', message: 'The sync was cancelled; the previous data is unchanged.' } };
  if (isAppError(error)) {
    const info = { code: error.code, message: `${error.message} The previous data is unchanged.` };
    return { status: error.code === 'offline' ? 'offline' : 'failed', info };
  }
  const wrapped = new AppError('internal', `The sync failed unexpectedly (${error instanceof Error ? error.message : String(error)}). The previous data is unchanged.`);
  return { status: 'failed', info: wrapped.toInfo() };
}
