/**
 * The sync worker thread: runs sync jobs (sync-job.ts), each on a connection of its own, and
 * reports back per job. Credentials stay with main (protocol.ts): the worker asks for the headers to
 * send and for their renewal after a 401, and keeps none. Requests to the real network it makes
 * itself; the demo hub in main and the fetch tests inject are reached through main. Main ends the thread when it
 * has been idle a while, or right after a large sync, so the memory its parsing used goes with it.
 */
import { parentPort } from 'node:worker_threads';
import { isAppError } from '@shared/errors';
import type { AuthProvider } from '@core/api';
import { createPartnerApi } from '@core/api';
import type { Logger } from '@core/log';
import { openDatabase } from '@core/store/database';
import { snapshotTransfers } from '@core/store/search-snapshot';
import { runSyncJob } from '../sync-job';
import { rebuildError, type FetchAnswer, type FetchInit, type FromWorker, type RpcCall, type SyncJobData, type ToWorker } from './protocol';

/** A passive checkpoint: copies what it can without waiting for readers, never blocks a writer. */
/** The write's page cache (see openDatabase): what it held outlives the worker in the process's RSS. */
const SYNC_CACHE_KIB = 16_384;

function checkpoint(db: ReturnType<typeof openDatabase>, log: Logger): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    log.debug('checkpoint skipped', { error: error instanceof Error ? error.message : String(error) });
  }
}

const port = parentPort;
if (!port) throw new Error('sync-worker.ts runs as a worker thread only.');
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

interface Job {
  cancel: AbortController;
  pending: Map<number, { resolve(value: unknown): void; reject(error: Error): void }>;
  nextId: number;
}
const jobs = new Map<number, Job>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    void start(message.job, message.data);
    return;
  }
  const job = jobs.get(message.job);
  if (!job) return;
  if (message.type === 'cancel') {
    job.cancel.abort(new DOMException('The sync was cancelled.', 'AbortError'));
    return;
  }
  const waiting = job.pending.get(message.id);
  if (!waiting) return;
  job.pending.delete(message.id);
  if (message.ok) waiting.resolve(message.value);
  else waiting.reject(rebuildError(message.error));
});

async function start(jobId: number, data: SyncJobData): Promise<void> {
  const job: Job = { cancel: new AbortController(), pending: new Map(), nextId: 1 };
  jobs.set(jobId, job);

  const call = (rpc: RpcCall, signal?: AbortSignal): Promise<unknown> => {
    const id = job.nextId++;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = (): void => {
        job.pending.delete(id);
        post({ type: 'abort', job: jobId, id });
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T): void => {
          signal?.removeEventListener('abort', onAbort);
          then(value);
        };
      job.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      post({ type: 'rpc', job: jobId, id, call: rpc });
    });
  };

  /** fetch, carried out by main. */
  const proxiedFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers: Array<[string, string]> = [...new Headers(init?.headers).entries()];
    const body = typeof init?.body === 'string' ? init.body : init?.body == null ? null : String(init.body);
    const request: FetchInit = { method: init?.method ?? 'GET', headers, body };
    const answer = (await call({ method: 'fetch', url, init: request }, init?.signal ?? undefined)) as FetchAnswer;
    const noBody = answer.status === 204 || answer.status === 205 || answer.status === 304 || answer.status < 200;
    return new Response(noBody ? null : answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };

  /** Credentials stay with main: it answers with the headers to send, and renews them after a 401. */
  const auth: AuthProvider = {
    headers: async (signal) => (await call({ method: 'auth.headers' }, signal)) as Record<string, string>,
    renewAfterUnauthorized: async (signal, rejected) => (await call({ method: 'auth.renew', rejected: rejected ?? {} }, signal)) as boolean,
  };

  const logAt =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: Record<string, unknown>): void =>
      post({ type: 'log', job: jobId, level, message, fields });
  // Main's logger knows the secrets to mask; nothing secret is registered here.
  const log: Logger = { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error'), redact: () => undefined };

  try {
    const db = openDatabase(data.databaseFile, {
      cacheKiB: SYNC_CACHE_KIB,
      ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
    });
    try {
      const fetchImpl = data.directFetch ? globalThis.fetch : proxiedFetch;
      const api = createPartnerApi({
        baseUrl: data.hub.baseUrl,
        partnerId: data.hub.partnerId,
        fetch: fetchImpl,
        auth,
        log,
        ...(data.timeoutMs !== null ? { timeoutMs: data.timeoutMs } : {}),
      });
      const outcome = await runSyncJob(data.request, {
        db,
        api,
        log,
        signal: job.cancel.signal,
        onProgress: (progress) => post({ type: 'progress', job: jobId, progress }),
        onSnapshot: (snapshot) => post({ type: 'snapshot', job: jobId, snapshot }, snapshotTransfers(snapshot)),
      });
      post({ type: 'done', job: jobId, outcome });
      // Main has the result; now copy the WAL the write left (up to ~150 MB) into the database, here.
      if (outcome.status === 'succeeded') checkpoint(db, log);
    } finally {
      db.close();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    post({
      type: 'done',
      job: jobId,
      outcome: {
        status: 'failed',
        // A damaged, read-only or full store keeps its code (the core acts on database_corrupt).
        error: isAppError(error)
          ? { code: error.code, message: `${error.message} The previous data is unchanged.` }
          : { code: 'internal', message: `The sync could not run (${message}). The previous data is unchanged.` },
        stats: null,
        notifications: 0,
        actionsChecked: 0,
        channelsChanged: false,
      },
    });
  } finally {
    jobs.delete(jobId);
  }
}
