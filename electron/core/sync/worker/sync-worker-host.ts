/**
 * Main's side of the sync worker (sync-worker.ts): one worker thread for the whole process, started
 * on the first sync and shared by every core and profile; it ends when it has been idle IDLE_MS, or
 * at once after a large sync, so the memory a listing's parsing used is given back instead of kept.
 * For each job it serves what the worker asks: the credentials' headers (and their renewal after a
 * 401) and, when the profile's fetch is not the real network's (the in-process demo hub, a test's),
 * the requests themselves, whose answers go back as transferred buffers. Progress and log
 * lines are passed on; cancelling the sync cancels the job. A worker that dies takes its jobs with
 * it; they are reported as failed syncs with the reason (the engine then closes their runs).
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '@core/log';
import type { HubConnection } from '@core/session/session-service';
import type { SearchSnapshot } from '@core/store/search-snapshot';
import { workerScript } from '@core/workers/worker-file';
import type { SyncJobOutcome, SyncJobProgress, SyncJobRequest } from '../sync-job';
import { crossError, type FetchAnswer, type FromWorker, type RpcCall, type SyncJobData, type ToWorker } from './protocol';

export interface SyncJobHooks {
  onProgress(progress: SyncJobProgress): void;
  /** A fresh search copy, sent just before the write commits (see SyncJobContext.onSnapshot). */
  onSnapshot?(snapshot: SearchSnapshot): void;
  signal?: AbortSignal;
}

/** Runs a sync job somewhere other than the caller's thread. */
export interface SyncJobRunner {
  run(request: SyncJobRequest, hub: HubConnection, hooks: SyncJobHooks): Promise<SyncJobOutcome>;
}

export interface WorkerSyncRunnerOptions {
  databaseFile: string;
  nativeBinding?: string;
  log: Logger;
  /** Per-request timeout of the listing (ms). */
  timeoutMs?: number;
}

/** An idle worker ends after this long. */
const IDLE_MS = 10_000;
/** A sync that listed more records than this ends its worker at once (its heap is large). */
const LARGE_SYNC_RECORDS = 20_000;

interface RunningJob {
  hub: HubConnection;
  hooks: SyncJobHooks;
  log: Logger;
  inFlight: Map<number, AbortController>;
  finish(outcome: SyncJobOutcome): void;
}

/** The process's one sync worker and its jobs. */
class SyncWorkerPool {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, RunningJob>();
  private nextJob = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  start(data: SyncJobData, job: Omit<RunningJob, 'inFlight'>): number {
    const worker = this.ensure();
    worker.ref(); // a job in flight keeps the process alive (a CLI sync); an idle worker does not
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextJob++;
    this.jobs.set(id, { ...job, inFlight: new Map() });
    worker.postMessage({ type: 'start', job: id, data } satisfies ToWorker);
    return id;
  }

  cancel(job: number): void {
    this.worker?.postMessage({ type: 'cancel', job } satisfies ToWorker);
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const script = workerScript('sync-worker');
    const worker = new Worker(script.file, { workerData: script.data });
    worker.on('message', (message: FromWorker) => this.receive(worker, message));
    worker.on('error', (error) => this.lost(worker, error.message));
    worker.on('exit', (code) => this.lost(worker, `it exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private receive(worker: Worker, message: FromWorker): void {
    const job = this.jobs.get(message.job);
    if (!job) return;
    switch (message.type) {
      case 'rpc':
        return this.answer(worker, message.job, job, message.id, message.call);
      case 'abort':
        job.inFlight.get(message.id)?.abort();
        return;
      case 'progress':
        return job.hooks.onProgress(message.progress);
      case 'snapshot':
        return job.hooks.onSnapshot?.(message.snapshot);
      case 'log':
        return job.log[message.level](message.message, message.fields);
      case 'done': {
        this.jobs.delete(message.job);
        job.finish(message.outcome);
        const records =
          (message.outcome.stats?.clients ? sumCounts(message.outcome.stats.clients) : 0) +
          (message.outcome.stats?.channels ? sumCounts(message.outcome.stats.channels) : 0);
        this.whenIdle(records > LARGE_SYNC_RECORDS ? 0 : IDLE_MS);
        return;
      }
    }
  }

  private answer(worker: Worker, jobId: number, job: RunningJob, id: number, call: RpcCall): void {
    const controller = new AbortController();
    job.inFlight.set(id, controller);
    const reply = (message: ToWorker, transfer: ArrayBuffer[] = []): void => {
      if (this.worker === worker) worker.postMessage(message, transfer);
    };
    serve(call, job.hub, controller.signal)
      .then(
        ({ value, transfer }) => reply({ type: 'rpc-result', job: jobId, id, ok: true, value }, transfer),
        (error: unknown) => reply({ type: 'rpc-result', job: jobId, id, ok: false, error: crossError(error) }),
      )
      .finally(() => job.inFlight.delete(id));
  }

  /** Ends the worker after `ms` without jobs (0: as soon as none is left). */
  private whenIdle(ms: number): void {
    if (this.jobs.size > 0 || !this.worker) return;
    const worker = this.worker;
    worker.unref();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const end = (): void => {
      if (this.jobs.size > 0 || this.worker !== worker) return;
      this.worker = null;
      void worker.terminate();
    };
    if (ms === 0) return end();
    this.idleTimer = setTimeout(end, ms);
    this.idleTimer.unref();
  }

  private lost(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const [id, job] of this.jobs) {
      this.jobs.delete(id);
      job.log.error('the sync worker stopped', { reason });
      job.finish(workerFailed(reason));
    }
  }
}

function sumCounts(counts: { inserted: number; updated: number; unchanged: number; removed: number; quarantined: number }): number {
  return counts.inserted + counts.updated + counts.unchanged + counts.quarantined;
}

let pool: SyncWorkerPool | null = null;

export class WorkerSyncRunner implements SyncJobRunner {
  constructor(private readonly options: WorkerSyncRunnerOptions) {}

  run(request: SyncJobRequest, hub: HubConnection, hooks: SyncJobHooks): Promise<SyncJobOutcome> {
    const data: SyncJobData = {
      request,
      databaseFile: this.options.databaseFile,
      nativeBinding: this.options.nativeBinding ?? null,
      hub: { baseUrl: hub.baseUrl, partnerId: hub.partnerId },
      // Main's fetching cost it ~90 MB of fragmented heap per 50,000-channel sync (the pages' bytes).
      directFetch: hub.fetch === globalThis.fetch,
      timeoutMs: this.options.timeoutMs ?? null,
    };
    pool ??= new SyncWorkerPool();
    const workers = pool;
    return new Promise<SyncJobOutcome>((resolve) => {
      let settled = false;
      const onCancel = (): void => workers.cancel(job);
      const finish = (outcome: SyncJobOutcome): void => {
        if (settled) return;
        settled = true;
        hooks.signal?.removeEventListener('abort', onCancel);
        resolve(outcome);
      };
      const job = workers.start(data, { hub, hooks, log: this.options.log, finish });
      hooks.signal?.addEventListener('abort', onCancel, { once: true });
      if (hooks.signal?.aborted) onCancel();
    });
  }
}

function workerFailed(reason: string): SyncJobOutcome {
  return {
    status: 'failed',
    error: { code: 'internal', message: `The sync stopped unexpectedly (${reason}). The previous data is unchanged.` },
    stats: null,
    notifications: 0,
    actionsChecked: 0,
    channelsChanged: false,
  };
}

async function serve(call: RpcCall, hub: HubConnection, signal: AbortSignal): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  switch (call.method) {
    case 'auth.headers':
      return { value: await hub.auth.headers(signal), transfer: [] };
    case 'auth.renew':
      return { value: (await hub.auth.renewAfterUnauthorized?.(signal, call.rejected)) ?? false, transfer: [] };
    case 'fetch': {
      const response = await hub.fetch(call.url, { method: call.init.method, headers: call.init.headers, body: call.init.body, signal });
      const body = await response.arrayBuffer();
      const value: FetchAnswer = {
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers.entries()],
        body,
      };
      return { value, transfer: [body] };
    }
  }
}
