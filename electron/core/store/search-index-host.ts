/**
 * Main's side of the search index worker (search-index-worker.ts): one worker thread for the whole
 * process, started on first use and shared by every core; it never keeps the process alive
 * (unref'd) and ends IDLE_MS after its last build, giving back the memory reading 50,000 rows took
 * (~150 MB); the next build starts it again (~50 ms bundled). Each core's SearchIndexWorker asks it
 * for snapshots of its own database and, when the core closes, has the worker close that database.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { workerScript } from '../workers/worker-file';
import type { SnapshotBuilder } from './channel-search-index';
import type { ChannelIds, ChannelQuery, ChannelSort } from '@shared/accounts';
import type { ListedRids } from './channel-queries';
import { buildSearchSnapshot, buildSnapshotOrder, type BuiltOrder, type SearchSnapshot } from './search-snapshot';
import type { FromSearchIndexWorker, ToSearchIndexWorker } from './search-index-worker';
import type { BackupInfo } from './backups';
import type { CheckResult } from './store-health';
import type { BookOverview } from '@shared/book';
import { AppError, ERROR_CODES, type ErrorCode } from '@shared/errors';

/** An error as the worker reported it: an AppError again, or an Error carrying SQLite's or the OS's code. */
function rebuild(message: Extract<FromSearchIndexWorker, { type: 'failed' }>): Error {
  if (message.appCode && (ERROR_CODES as readonly string[]).includes(message.appCode))
    return new AppError(message.appCode as ErrorCode, message.message);
  return Object.assign(new Error(message.message), message.code ? { code: message.code } : {});
}

type Answer = SearchSnapshot | BuiltOrder | CheckResult | BackupInfo | BookOverview | ChannelIds | number[] | null;
type Waiting = { resolve(answer: Answer): void; reject(error: Error): void };

const IDLE_MS = 5_000;

interface SharedWorker {
  worker: Worker;
  pending: Map<number, Waiting>;
  nextId: number;
  idle: NodeJS.Timeout | null;
}

/**
 * Two instances of the worker: one builds search snapshots, the other reads whole files for the
 * store's upkeep (quick_check, backups: seconds on a large book), so a check or a backup never
 * holds up the channel list's search copy.
 */
type Role = 'search' | 'upkeep';
const instances: Record<Role, SharedWorker | null> = { search: null, upkeep: null };

function sharedWorker(role: Role): SharedWorker {
  const existing = instances[role];
  if (existing) return existing;
  const script = workerScript('search-index-worker');
  const worker = new Worker(script.file, { workerData: script.data });
  worker.unref();
  const state: SharedWorker = { worker, pending: new Map<number, Waiting>(), nextId: 1, idle: null };
  worker.on('message', (message: FromSearchIndexWorker) => {
    const waiting = state.pending.get(message.id);
    if (!waiting) return;
    state.pending.delete(message.id);
    if (message.type === 'built') waiting.resolve(message.snapshot);
    else if (message.type === 'ordered') waiting.resolve(message.built);
    else if (message.type === 'checkpointed') waiting.resolve(null);
    else if (message.type === 'checked') waiting.resolve(message.result);
    else if (message.type === 'backed_up') waiting.resolve(message.info);
    else if (message.type === 'overviewed') waiting.resolve(message.overview);
    else if (message.type === 'counted') waiting.resolve(message.totals);
    else if (message.type === 'listed') waiting.resolve(message.ids);
    else waiting.reject(rebuild(message));
    if (state.pending.size === 0) {
      state.idle = setTimeout(() => {
        if (instances[role] !== state || state.pending.size > 0) return;
        instances[role] = null;
        void worker.terminate();
      }, IDLE_MS);
      state.idle.unref();
    }
  });
  const lost = (reason: string): void => {
    if (instances[role] === state) instances[role] = null;
    for (const waiting of state.pending.values()) waiting.reject(new Error(`The search index worker stopped (${reason}).`));
    state.pending.clear();
  };
  worker.on('error', (error) => lost(error.message));
  worker.on('exit', (code) => lost(`exit code ${code}`));
  instances[role] = state;
  return state;
}

export class SearchIndexWorker implements SnapshotBuilder {
  constructor(private readonly options: { databaseFile: string; nativeBinding?: string }) {}

  build(profileId: string): Promise<SearchSnapshot> {
    return this.ask((id) => ({
      type: 'build',
      id,
      ...this.target(),
      profileId,
    })) as Promise<SearchSnapshot>;
  }

  buildOrder(profileId: string, sort: ChannelSort): Promise<BuiltOrder> {
    return this.ask((id) => ({
      type: 'order',
      id,
      ...this.target(),
      profileId,
      sort,
    })) as Promise<BuiltOrder>;
  }

  /** Copies the database's WAL into it, off this thread. */
  async checkpoint(): Promise<void> {
    await this.ask((id) => ({
      type: 'checkpoint',
      id,
      ...this.target(),
    }));
  }

  /** Which database a message is about, and the native binding to open it with. */
  private target(): { databaseFile: string; nativeBinding: string | null } {
    return { databaseFile: this.options.databaseFile, nativeBinding: this.options.nativeBinding ?? null };
  }

  private ask(message: (id: number) => ToSearchIndexWorker, role: Role = 'search'): Promise<Answer> {
    const state = sharedWorker(role);
    if (state.idle) clearTimeout(state.idle);
    state.idle = null;
    const id = state.nextId++;
    return new Promise((resolve, reject) => {
      state.pending.set(id, { resolve, reject });
      state.worker.postMessage(message(id));
    });
  }

  /** `PRAGMA quick_check` of the whole file, off this thread. */
  async quickCheck(): Promise<CheckResult> {
    return (await this.ask((id) => ({ type: 'quick_check', id, ...this.target() }), 'upkeep')) as CheckResult;
  }

  /** An online backup of the file (backups.ts), off this thread. */
  async backup(reason: string): Promise<BackupInfo> {
    return (await this.ask((id) => ({ type: 'backup', id, ...this.target(), reason }), 'upkeep')) as BackupInfo;
  }

  /** The Overview of a profile's book (book-queries.ts), off this thread. */
  async overview(profileId: string, asOf: string | null): Promise<BookOverview> {
    return (await this.ask((id) => ({
      type: 'overview',
      id,
      ...this.target(),
      profileId,
      asOf,
    }))) as BookOverview;
  }

  /** How many channels each query matches, by SQL, off this thread. */
  async totals(profileId: string, queries: readonly ChannelQuery[]): Promise<number[]> {
    return (await this.ask((id) => ({
      type: 'totals',
      id,
      ...this.target(),
      profileId,
      queries: [...queries],
    }))) as number[];
  }

  /** A list's ids and clients (select-all), off this thread. */
  async ids(profileId: string, query: ChannelQuery, max: number, listed: ListedRids | null): Promise<ChannelIds> {
    return (await this.ask((id) => ({
      type: 'ids',
      id,
      ...this.target(),
      profileId,
      query,
      max,
      listed,
    }))) as ChannelIds;
  }

  /** The core closes: the worker lets go of this database. */
  close(): void {
    for (const instance of Object.values(instances))
      instance?.worker.postMessage({ type: 'forget', databaseFile: this.options.databaseFile } satisfies ToSearchIndexWorker);
  }
}

/** Builds on the caller's own connection: for tests that compare the index with SQL. */
export function inlineSnapshotBuilder(db: Database.Database): SnapshotBuilder {
  return {
    build: async (profileId) => buildSearchSnapshot(db, profileId),
    buildOrder: async (profileId, sort) => buildSnapshotOrder(db, profileId, sort),
  };
}
