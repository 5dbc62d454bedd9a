/**
 * The search index worker thread: builds snapshots of a profile's channel search table
 * (search-snapshot.ts) on read-only connections of its own, one per database, and moves them to
 * main, so reading and sorting 50,000 rows never holds up the thread that answers the window. It
 * also checkpoints a database's WAL when asked (see database.ts: no connection checkpoints as part
 * of a commit), runs the integrity check (`PRAGMA quick_check`) and takes backups, each of which
 * reads the whole file, computes the Overview of a book (book-queries.ts), counts saved views the
 * search copy cannot answer and reads the ids select-all selects (channel-queries.ts). One worker serves the
 * whole process; main tells it when a database is closed.
 */
import Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import { isAppError } from '@shared/errors';
import type { ChannelIds, ChannelQuery, ChannelSort } from '@shared/accounts';
import type { BookOverview } from '@shared/book';
import { takeBackup, type BackupInfo } from './backups';
import { BookQueries } from './book-queries';
import { ChannelQueries, type ListedRids } from './channel-queries';
import { readDamageMarker } from './store-guard';
import { quickCheck, type CheckResult } from './store-health';
import { buildSearchSnapshot, buildSnapshotOrder, snapshotTransfers, type BuiltOrder, type SearchSnapshot } from './search-snapshot';

export type ToSearchIndexWorker =
  | { type: 'build'; id: number; databaseFile: string; nativeBinding: string | null; profileId: string }
  | { type: 'order'; id: number; databaseFile: string; nativeBinding: string | null; profileId: string; sort: ChannelSort }
  | { type: 'forget'; databaseFile: string }
  | { type: 'checkpoint'; id: number; databaseFile: string; nativeBinding: string | null }
  | { type: 'quick_check'; id: number; databaseFile: string; nativeBinding: string | null }
  | { type: 'backup'; id: number; databaseFile: string; nativeBinding: string | null; reason: string }
  | { type: 'overview'; id: number; databaseFile: string; nativeBinding: string | null; profileId: string; asOf: string | null }
  | { type: 'totals'; id: number; databaseFile: string; nativeBinding: string | null; profileId: string; queries: ChannelQuery[] }
  | {
      type: 'ids';
      id: number;
      databaseFile: string;
      nativeBinding: string | null;
      profileId: string;
      query: ChannelQuery;
      max: number;
      listed: ListedRids | null;
    };
export type FromSearchIndexWorker =
  | { type: 'built'; id: number; snapshot: SearchSnapshot }
  | { type: 'ordered'; id: number; built: BuiltOrder }
  | { type: 'checkpointed'; id: number }
  | { type: 'checked'; id: number; result: CheckResult }
  | { type: 'backed_up'; id: number; info: BackupInfo }
  | { type: 'overviewed'; id: number; overview: BookOverview }
  | { type: 'counted'; id: number; totals: number[] }
  | { type: 'listed'; id: number; ids: ChannelIds }
  | { type: 'failed'; id: number; message: string; code: string | null; appCode: string | null };

const port = parentPort;
if (!port) throw new Error('search-index-worker.ts runs as a worker thread only.');
const connections = new Map<string, Database.Database>();

function connection(file: string, nativeBinding: string | null): Database.Database {
  let db = connections.get(file);
  if (!db) {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    db.pragma('busy_timeout = 5000');
    connections.set(file, db);
  }
  return db;
}

port.on('message', (message: ToSearchIndexWorker) => {
  if (message.type === 'backup') {
    // Its own connection for the length of the copy (read-only: it never writes the source).
    const source = new Database(message.databaseFile, {
      readonly: true,
      fileMustExist: true,
      ...(message.nativeBinding ? { nativeBinding: message.nativeBinding } : {}),
    });
    source.pragma('busy_timeout = 5000');
    takeBackup(source, message.databaseFile, { reason: message.reason })
      .then((info) => port.postMessage({ type: 'backed_up', id: message.id, info } satisfies FromSearchIndexWorker))
      .catch((error: unknown) => port.postMessage(failure(message.id, error)))
      .finally(() => source.close());
    return;
  }
  if (message.type === 'forget') {
    connections.get(message.databaseFile)?.close();
    connections.delete(message.databaseFile);
    return;
  }
  try {
    if (message.type === 'ids') {
      const db = connection(message.databaseFile, message.nativeBinding);
      const ids = new ChannelQueries(db).readIds(message.profileId, message.query, message.max, message.listed);
      port.postMessage({ type: 'listed', id: message.id, ids } satisfies FromSearchIndexWorker);
      return;
    }
    if (message.type === 'totals') {
      const db = connection(message.databaseFile, message.nativeBinding);
      const totals = new ChannelQueries(db).countBySql(message.profileId, message.queries);
      port.postMessage({ type: 'counted', id: message.id, totals } satisfies FromSearchIndexWorker);
      return;
    }
    if (message.type === 'overview') {
      const db = connection(message.databaseFile, message.nativeBinding);
      const overview = new BookQueries(db).computeOverview(message.profileId, message.asOf);
      port.postMessage({ type: 'overviewed', id: message.id, overview } satisfies FromSearchIndexWorker);
      return;
    }
    if (message.type === 'quick_check') {
      port.postMessage({
        type: 'checked',
        id: message.id,
        result: quickCheck(message.databaseFile, message.nativeBinding),
      } satisfies FromSearchIndexWorker);
      return;
    }
    if (message.type === 'checkpoint') {
      // A damaged file is never written again, not even by a checkpoint (store-guard.ts).
      if (readDamageMarker(message.databaseFile))
        throw Object.assign(new Error('The database is damaged; no checkpoint.'), { code: 'SQLITE_CORRUPT' });
      // A connection of its own that may write (the reading one is read-only), for as long as it takes.
      const writer = new Database(message.databaseFile, {
        fileMustExist: true,
        ...(message.nativeBinding ? { nativeBinding: message.nativeBinding } : {}),
      });
      try {
        writer.pragma('busy_timeout = 5000');
        writer.pragma('wal_checkpoint(PASSIVE)');
      } finally {
        writer.close();
      }
      port.postMessage({ type: 'checkpointed', id: message.id } satisfies FromSearchIndexWorker);
      return;
    }
    const db = connection(message.databaseFile, message.nativeBinding);
    if (message.type === 'order') {
      const built = buildSnapshotOrder(db, message.profileId, message.sort);
      port.postMessage({ type: 'ordered', id: message.id, built } satisfies FromSearchIndexWorker, [
        built.order.positions.buffer as ArrayBuffer,
      ]);
      return;
    }
    const snapshot = buildSearchSnapshot(db, message.profileId);
    port.postMessage({ type: 'built', id: message.id, snapshot } satisfies FromSearchIndexWorker, snapshotTransfers(snapshot));
  } catch (error) {
    port.postMessage(failure(message.id, error));
  }
});

function failure(id: number, error: unknown): FromSearchIndexWorker {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;
  return {
    type: 'failed',
    id,
    message: error instanceof Error ? error.message : String(error),
    code: code?.startsWith('SQLITE_') || code?.startsWith('E') ? code : null,
    appCode: isAppError(error) ? error.code : null,
  };
}
