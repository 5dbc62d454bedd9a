/**
 * The sync engine: one sync per profile at a time, across processes. Within this process a second
 * call joins the running sync; across processes (the app, web mode and the CLI share the data
 * folder) the run row is a lease, and a sync started while another process syncs the profile waits
 * for it to finish, then runs (cheaply: a listing with nothing changed writes nothing). The work
 * itself, listing and writing, runs in a worker thread (SyncJobRunner), so the thread that answers
 * the window only relays progress. Progress and outcome go out as `sync.status` events; the status a
 * sync returns is that of its own run, never another process's.
 */
import { randomUUID } from 'node:crypto';
import type { SyncStatus } from '@shared/accounts';
import { abortableSleep } from '../api';
import type { CoreEvents } from '../events';
import type { Logger } from '../log';
import type { HubConnection } from '../session/session-service';
import type { SearchSnapshot } from '../store/search-snapshot';
import type { ClientQueries } from '../store/client-queries';
import { thisProcess, type RunOwner, type SyncRun, type SyncRunStore, type SyncStats } from '../store/sync-run-store';
import type { SyncJobOutcome, SyncJobProgress } from './sync-job';
import type { SyncJobRunner } from './worker/sync-worker-host';

export interface SyncEngineDeps {
  runs: SyncRunStore;
  runner: SyncJobRunner;
  clientQueries: ClientQueries;
  events: CoreEvents;
  log: Logger;
  now: () => number;
  /** After a sync committed: how many queued actions it moved (the outbox then reports and replays). */
  onSucceeded?: (profileId: string, actionsChecked: number) => void;
  /** A sync is about to commit changed channels: the fresh search copy for them, valid once run `runId` has committed. */
  onSnapshot?: (profileId: string, runId: number, snapshot: SearchSnapshot) => void;
  /** A sync of this process ended (the connection monitor learns from it: it reached the Hub, or not). */
  onFinished?: (profileId: string, outcome: SyncJobOutcome, startedAt: number) => void;
  /** A sync changed the profile's channels (a copy of the search table not yet fresh should be rebuilt). */
  onChannelsChanged?: (profileId: string) => void;
  /** How often to look whether another process's sync of the profile has ended (ms). */
  waitPollMs?: number;
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
  listing?: SyncStatus['listing'];
}

export class SyncEngine {
  private readonly running = new Map<string, Promise<SyncStatus>>();
  private readonly progress = new Map<string, Progress>();
  /** Record counts per profile; they change only when a sync writes, so progress events reuse them. */
  private readonly counts = new Map<string, SyncStatus['counts']>();
  /** This process's identity in run rows. */
  readonly owner: RunOwner = thisProcess(randomUUID().slice(0, 8));

  constructor(private readonly deps: SyncEngineDeps) {
    deps.runs.closeAbandoned(this.iso(), deps.now());
  }

  isRunning(profileId: string): boolean {
    return this.running.has(profileId);
  }

  /** Runs a full sync, or joins the one already running in this process for this profile. */
  sync(profileId: string, hub: HubConnection, options: SyncOptions = {}): Promise<SyncStatus> {
    const current = this.running.get(profileId);
    if (current) return current;
    const run = this.run(profileId, hub, options).finally(() => {
      this.running.delete(profileId);
      this.progress.delete(profileId);
      this.emit(profileId);
    });
    this.running.set(profileId, run);
    return run;
  }

  /** The profile's sync state as this process sees it; `runId`: as that run ended. */
  status(profileId: string | null, runId?: number): SyncStatus {
    if (!profileId) {
      return {
        profileId: null,
        state: 'idle',
        phase: 'idle',
        done: 0,
        total: null,
        lastSucceededAt: null,
        lastAttemptAt: null,
        error: null,
        counts: { clients: 0, channels: 0 },
      };
    }
    const latest = runId !== undefined ? this.deps.runs.get(runId) : this.deps.runs.latest(profileId);
    const succeeded = latest?.status === 'succeeded' ? latest : this.deps.runs.lastSucceeded(profileId);
    const progress = this.progress.get(profileId);
    // A run still marked running is another process's: live (it syncs right now), or gone (it stopped mid-way).
    const abandoned = latest ? this.deps.runs.abandonedReason(latest, this.deps.now()) : null;
    const elsewhere = !progress && latest?.status === 'running' && !abandoned;
    const state: SyncStatus['state'] =
      progress || elsewhere
        ? 'running'
        : abandoned
          ? 'failed'
          : !latest || latest.status === 'cancelled' || latest.status === 'running'
            ? 'idle'
            : latest.status;
    const error =
      progress || elsewhere || !latest
        ? null
        : abandoned
          ? { code: 'internal', message: `${abandoned} The previous data is unchanged.` }
          : latest.status === 'succeeded'
            ? null
            : latest.error;
    return {
      profileId,
      state,
      phase: progress?.phase ?? (elsewhere ? 'elsewhere' : 'idle'),
      done: progress?.done ?? 0,
      total: progress?.total ?? null,
      listing: progress?.listing ?? null,
      lastSucceededAt: succeeded?.finishedAt ?? null,
      lastAttemptAt: latest?.startedAt ?? null,
      error,
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

  private async run(profileId: string, hub: HubConnection, options: SyncOptions): Promise<SyncStatus> {
    const runId = await this.takeRun(profileId, options.signal);
    if (runId === null) return this.status(profileId);
    const listing = { clients: { fetched: 0, total: null as number | null }, channels: { fetched: 0, total: null as number | null } };
    const report = (phase: Progress['phase']): void => {
      const totals = [listing.clients.total, listing.channels.total];
      const total = totals.every((t) => t !== null) ? (totals[0] ?? 0) + (totals[1] ?? 0) : null;
      this.progress.set(profileId, {
        phase,
        done: listing.clients.fetched + listing.channels.fetched,
        total,
        // Each listing's own count, so the words never add clients to channels ("3,000 of 25,000").
        listing: {
          clients: { done: listing.clients.fetched, total: listing.clients.total },
          channels: { done: listing.channels.fetched, total: listing.channels.total },
        },
      });
      this.emit(profileId);
    };
    report('clients');
    const onProgress = (progress: SyncJobProgress): void => {
      if (progress.phase === 'writing') return report('writing');
      listing[progress.phase] = { fetched: progress.fetched, total: progress.total };
      report(progress.phase);
    };
    const request = {
      profileId,
      runId,
      startedAt: this.deps.now(),
      pageSize: options.pageSize ?? 1000,
      concurrency: options.concurrency ?? 4,
    };
    const onSnapshot = (snapshot: SearchSnapshot): void => this.deps.onSnapshot?.(profileId, runId, snapshot);
    const outcome = await this.deps.runner.run(request, hub, {
      onProgress,
      onSnapshot,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    this.settle(profileId, runId, outcome);
    this.deps.onFinished?.(profileId, outcome, request.startedAt);
    this.progress.delete(profileId);
    return this.status(profileId, runId);
  }

  /** What the last finished sync of the profile recorded (counts, timing, notes), if any. */
  lastStats(profileId: string): SyncStats | null {
    return this.deps.runs.latest(profileId)?.stats ?? null;
  }

  /**
   * Starts this process's run of the profile's sync, waiting (with a `waiting` status) while another
   * process runs one. Null when cancelled while waiting.
   */
  private async takeRun(profileId: string, signal: AbortSignal | undefined): Promise<number | null> {
    let announced: SyncRun | null = null;
    for (;;) {
      const start = this.deps.runs.start(profileId, this.iso(), this.owner, this.deps.now());
      if ('runId' in start) return start.runId;
      if (!announced) {
        announced = start.busy;
        this.progress.set(profileId, { phase: 'waiting', done: 0, total: null });
        this.emit(profileId);
        this.deps.log.info('waiting for another process to finish its sync', { profileId, owner: start.busy.owner });
      }
      try {
        await abortableSleep(this.deps.waitPollMs ?? 500, signal);
      } catch {
        return null;
      }
    }
  }

  /** What follows a run: the worker closed its run row; one that died did not, and is closed here. */
  private settle(profileId: string, runId: number, outcome: SyncJobOutcome): void {
    if (outcome.status !== 'succeeded') {
      this.deps.runs.finish(runId, this.iso(), outcome.status, null, outcome.error ?? undefined);
      return;
    }
    this.counts.delete(profileId);
    if (outcome.notifications > 0) this.deps.events.emit('notifications.changed', { profileId });
    if (outcome.channelsChanged) this.deps.onChannelsChanged?.(profileId);
    try {
      this.deps.onSucceeded?.(profileId, outcome.actionsChecked);
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
