/**
 * Opens the app's SQLite database: makes sure the SQLite engine itself loads, refuses (without
 * touching) a file that is not a SQLite database or that a newer app version wrote, then enables WAL
 * and applies pending migrations, each in its own transaction so a failure leaves the previous
 * version intact. The engine is loaded before the file is looked at, so an engine that cannot load
 * (a binding built for another runtime or CPU) is never mistaken for a damaged file: that mistake
 * would advise moving the data aside, losing the queued actions, instead of the one-command fix.
 *
 * Before SQLite touches anything, a file another process found damaged (store-guard.ts's marker) is
 * refused, and a folder or file that may not be written is reported as read-only (SQLite would
 * otherwise leave -wal/-shm files behind, or open the file silently read-only). Whatever fails while
 * opening is told by cause (store-errors.ts): damage, read-only, disk full; and a -wal/-shm this
 * attempt created is removed again. Every connection is watched by the file's StoreGuard.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { assertWritable, damagedError, describeStoreError } from './store-errors';
import { guardFor, readDamageMarker } from './store-guard';
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
  /** Apply pending migrations (default). The core migrates itself, after a backup (open-store.ts). */
  migrate?: boolean;
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations === MIGRATIONS ? LATEST_SCHEMA_VERSION : Math.max(0, ...migrations.map((m) => m.version));
  const dbOptions: Database.Options = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  assertEngineLoads(dbOptions);
  const marked = readDamageMarker(file);
  if (marked) throw damagedError(file, marked.reason);
  const guard = guardFor(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const strays = [`${file}-wal`, `${file}-shm`].filter((f) => !fs.existsSync(f));
  const failed = (error: unknown): unknown => {
    const described = describeStoreError(error, { file, activity: 'open its database' });
    // What this attempt created (a 3-byte -shm on a full disk, an empty -wal) holds nothing: remove it.
    if (strays.every((f) => (fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0) <= 32_768)) {
      for (const stray of strays) fs.rmSync(stray, { force: true });
    }
    return described;
  };

  try {
    if (fs.existsSync(file)) {
      assertWritable(file);
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
      assertWritable(file);
    }
  } catch (error) {
    throw failed(error);
  }

  let db: Database.Database | undefined;
  try {
    db = new Database(file, dbOptions);
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
    guard.watch(db);
    if (options.migrate ?? true) migrate(db, migrations);
    return db;
  } catch (error) {
    db?.close();
    throw failed(error);
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
  if (size < 512 || !header.equals(SQLITE_HEADER)) throw damagedError(file, 'it does not start with a SQLite header');
}

function readUserVersionReadOnly(file: string, dbOptions: Database.Options): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { ...dbOptions, readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true });
    if (typeof version !== 'number') throw damagedError(file, 'its schema version is unreadable');
    return version;
  } finally {
    db?.close();
  }
}

/** The migrations a database still needs, in order. */
export function pendingMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  return [...migrations].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
}

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const pending = pendingMigrations(db, migrations);
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
