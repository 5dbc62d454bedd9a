/**
 * Opens the app's SQLite database: makes sure the SQLite engine itself loads, refuses (without
 * touching) a file that is not a SQLite database or that a newer app version wrote, then enables WAL
 * and applies pending migrations, each in its own transaction so a failure leaves the previous
 * version intact. The engine is loaded before the file is looked at, so an engine that cannot load
 * (a binding built for another runtime or CPU) is never mistaken for a damaged file: that mistake
 * would advise moving the data aside, losing the queued actions, instead of the one-command fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
export const PAGE_SIZE = 16_384;

export interface OpenDatabaseOptions {
  /** Where the better-sqlite3 native binding lives (Electron ships its own ABI build). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  /** The page cache's limit in KiB (default 64 MiB, for the connection that lives as long as the process). */
  cacheKiB?: number;
  /**
   * Read the file through a memory map of up to this many bytes (default 0: off). For short-lived
   * processes that read much once (the CLI): a first count over 50,000 channels took 34 ms instead
   * of 80. Off for the app, whose process lives for days: there an I/O error on a mapped page (a
   * data folder on a drive that went away) would end the process instead of failing one query.
   */
  mmapBytes?: number;
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations === MIGRATIONS ? LATEST_SCHEMA_VERSION : Math.max(0, ...migrations.map((m) => m.version));
  const dbOptions: Database.Options = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  assertEngineLoads(dbOptions);

  if (fs.existsSync(file)) {
    assertLooksLikeSqlite(file);
    const version = readUserVersionReadOnly(file, dbOptions);
    if (version > latest) {
      throw new AppError(
        'database_too_new',
        `The database ${file} was written by a newer version of Partner Desk (schema ${version}; this version knows up to ${latest}). ` +
          'Update Partner Desk, or start it with another data folder. The file was not changed.',
      );
    }
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }

  const db = new Database(file, dbOptions);
  try {
    // A channel row with its raw JSON is ~2.3 KB: with the default 4 KB pages only one fits a page
    // and half of every page is wasted; 16 KB pages hold seven. Takes effect only on a new file (before
    // WAL is switched on); an existing database keeps the page size it was made with.
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // The long-lived connection keeps what the window reads hot. The sync worker's asks for less: a
    // first 50,000-channel write measured no slower with 16 MiB than with 64 MiB, and what its cache
    // held stays in the process's malloc arenas after the worker ends (~50 MB of RSS for 64 MiB).
    db.pragma(`cache_size = -${options.cacheKiB ?? 65_536}`);
    if (options.mmapBytes) db.pragma(`mmap_size = ${options.mmapBytes}`);
    // No checkpoint as part of a commit: SQLite would otherwise copy the whole WAL into the database
    // within whichever commit crosses 1,000 pages, and after a sync's 150 MB write that can be a
    // small commit of the thread that answers the window, holding it for seconds. Checkpoints run
    // off that thread instead (checkpointSoon: after each sync in its worker, and periodically).
    db.pragma('wal_autocheckpoint = 0');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * better-sqlite3 loads its native binding on the first `new Database()`; an in-memory database
 * exercises exactly that and nothing on disk.
 */
function assertEngineLoads(dbOptions: Database.Options): void {
  try {
    new Database(':memory:', dbOptions).close();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]!.trim() : String(error);
    throw new AppError(
      'database_engine_unavailable',
      `The SQLite engine (better-sqlite3) could not be loaded: ${reason}. ` +
        'It was built for another version of Node.js or Electron, or another processor. Rebuild it (`npm rebuild better-sqlite3`; ' +
        'for the desktop app `npm run native:electron`) and start again. Your data was not touched.',
      { cause: error },
    );
  }
}

function assertLooksLikeSqlite(file: string): void {
  const size = fs.statSync(file).size;
  if (size === 0) return; // SQLite treats an empty file as an empty database.
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (size < 512 || !header.equals(SQLITE_HEADER)) throw corrupt(file, 'it does not start with a SQLite header');
}

function readUserVersionReadOnly(file: string, dbOptions: Database.Options): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { ...dbOptions, readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true });
    if (typeof version !== 'number') throw corrupt(file, 'its schema version is unreadable');
    return version;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw corrupt(file, error instanceof Error ? error.message : String(error), error);
  } finally {
    db?.close();
  }
}

function corrupt(file: string, reason: string, cause?: unknown): AppError {
  return new AppError(
    'database_corrupt',
    `The database ${file} cannot be read (${reason}). It was left untouched: move it aside to start with an empty cache, or restore a backup.`,
    { cause },
  );
}

function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = [...migrations].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
