/**
 * Repair of a damaged database: copy out every row that can still be read from the tables nothing
 * else can bring back (profiles and settings, the outbox and its pending effects, channel-key
 * metadata, notifications, health checks, permission links), build a fresh database at the same
 * schema version, put those rows in, set the damaged file aside under a dated name and put the fresh
 * one in its place. Clients, channels, balances and templates come back with the next sync.
 *
 * The damaged file is only ever read, through read-only connections (which never write it, not even
 * a checkpoint), and in the end renamed (hard-linked aside, then replaced), never changed. When its
 * first page (which lists the tables) is unreadable, the rows are read from a copy whose first page
 * comes from the newest backup: the backup API copies pages one for one, so the backup's table list
 * points at the same pages as long as no migration ran since.
 *
 * Rows are read in rowid order; where a page fails, each following rowid is tried on its own, so
 * one bad page costs the rows on it, not the rest of the table.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { listBackups } from './backups';
import { openDatabase } from './database';
import { MIGRATIONS } from './migrations/index';
import { describeStoreError, isCorruption } from './store-errors';
import { forgetGuard, removeDamageMarker } from './store-guard';
import { leavingNoTrace, openProcesses, updateHealth } from './store-health';

/** In the order they are restored (a row's foreign keys point to tables before it). */
export const IRREPLACEABLE_TABLES = [
  'profiles',
  'settings',
  'outbox',
  'pending_effects',
  'channel_keys',
  'notifications',
  'health_checks',
  'permission_links',
] as const;
export type IrreplaceableTable = (typeof IRREPLACEABLE_TABLES)[number];

type Row = Record<string, unknown>;

export interface TableSalvage {
  rows: Row[];
  /** Whether some of the table could not be read. */
  incomplete: boolean;
}

export interface Salvage {
  schemaVersion: number | null;
  /** Where the table list came from: the file itself, or the named backup (its first page was unreadable). */
  tableListFrom: 'file' | { backup: string };
  tables: Partial<Record<IrreplaceableTable, TableSalvage>>;
  /** Why nothing could be read, when that is so. */
  unreadable: string | null;
}

/** A readable summary for the person deciding to repair: what will be kept. */
export interface SalvageSummary {
  queuedActions: Array<{ id: string; kind: string; target: string; state: string; createdAt: string }>;
  keyRecords: Array<{ profileId: string; channelId: string; generatedAt: string }>;
  counts: Record<IrreplaceableTable, number>;
  incomplete: IrreplaceableTable[];
  tableListFrom: string;
  unreadable: string | null;
}

const OPEN_STATES = new Set(['queued', 'sending', 'failed', 'conflict']);
const MAX_PROBES = 200_000;

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function readRows(db: Database.Database, table: string): TableSalvage {
  const rows: Row[] = [];
  let incomplete = false;
  let after = Number.MIN_SAFE_INTEGER;
  const scan = db.prepare(`SELECT rowid AS "__rowid", * FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid`);
  const one = db.prepare(`SELECT rowid AS "__rowid", * FROM ${quote(table)} WHERE rowid = ?`);
  let maxRowid: number | null = null;
  for (;;) {
    try {
      for (const row of scan.iterate(after) as Iterable<Row>) {
        after = Number(row.__rowid);
        rows.push(row);
      }
      break;
    } catch (error) {
      if (!isCorruption(error)) throw error;
      incomplete = true;
      // Step over the bad page one rowid at a time, up to the largest rowid (if even that can be read).
      if (maxRowid === null) {
        try {
          maxRowid = Number((db.prepare(`SELECT max(rowid) AS m FROM ${quote(table)}`).get() as { m: number | null }).m ?? after);
        } catch {
          maxRowid = after + MAX_PROBES;
        }
      }
      let found = false;
      for (let probe = after + 1, tries = 0; probe <= maxRowid && tries < MAX_PROBES; probe += 1, tries += 1) {
        try {
          const row = one.get(probe) as Row | undefined;
          if (row) {
            rows.push(row);
            after = probe;
            found = true;
            break;
          }
        } catch (probeError) {
          if (!isCorruption(probeError)) throw probeError;
        }
      }
      if (!found) break;
    }
  }
  for (const row of rows) delete row.__rowid;
  return { rows, incomplete };
}

function openReadOnly(file: string, nativeBinding?: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('busy_timeout = 5000');
  return db;
}

function tableNames(db: Database.Database): Set<string> {
  return new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
}

/**
 * A copy of the damaged file (and its WAL) in a temporary folder with the newest backup's first
 * page: the table list and the header. The damaged file itself is only read.
 */
function withFirstPageFromBackup(file: string, backupFile: string): { copy: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-desk-repair-'));
  const copy = path.join(dir, 'salvage.sqlite');
  try {
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    const header = Buffer.alloc(100);
    const backupFd = fs.openSync(backupFile, 'r');
    let firstPage: Buffer;
    try {
      fs.readSync(backupFd, header, 0, 100, 0);
      const raw = header.readUInt16BE(16);
      const pageSize = raw === 1 ? 65_536 : raw;
      firstPage = Buffer.alloc(pageSize);
      fs.readSync(backupFd, firstPage, 0, pageSize, 0);
    } finally {
      fs.closeSync(backupFd);
    }
    // The backup was made DELETE-mode; the damaged file is WAL: say so, so its WAL is read.
    firstPage[18] = 2;
    firstPage[19] = 2;
    // The page count in the header is trusted only when its change counter matches: make it not match.
    firstPage.writeUInt32BE(firstPage.readUInt32BE(24) + 1, 24);
    const fd = fs.openSync(copy, 'r+');
    try {
      fs.writeSync(fd, firstPage, 0, firstPage.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    return { copy, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Reads what can be read of the irreplaceable tables. Never writes the damaged file. */
export function salvage(file: string, options: { nativeBinding?: string } = {}): Salvage {
  return leavingNoTrace(file, () => readSalvage(file, options));
}

function readSalvage(file: string, options: { nativeBinding?: string }): Salvage {
  let db: Database.Database | null = null;
  let cleanup = (): void => undefined;
  let tableListFrom: Salvage['tableListFrom'] = 'file';
  let tables: Set<string> | null = null;
  let firstError = '';
  try {
    db = openReadOnly(file, options.nativeBinding);
    tables = tableNames(db);
  } catch (error) {
    db?.close();
    db = null;
    if (!isCorruption(error)) throw describeStoreError(error, { file, activity: 'read the damaged database' });
    firstError = error instanceof Error ? error.message : String(error);
  }
  if (!tables) {
    const backup = listBackups(file)[0];
    if (!backup) {
      return {
        schemaVersion: null,
        tableListFrom,
        tables: {},
        unreadable: `its first page, which lists the tables, is unreadable (${firstError}) and there is no backup to take it from`,
      };
    }
    try {
      const spliced = withFirstPageFromBackup(file, backup.file);
      cleanup = spliced.cleanup;
      db = openReadOnly(spliced.copy, options.nativeBinding);
      tables = tableNames(db);
      tableListFrom = { backup: backup.file };
    } catch (error) {
      db?.close();
      cleanup();
      return {
        schemaVersion: null,
        tableListFrom,
        tables: {},
        unreadable: `its first page is unreadable (${firstError}), and the table list of the newest backup does not fit it either (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  }
  try {
    let schemaVersion: number | null = null;
    try {
      schemaVersion = db!.pragma('user_version', { simple: true }) as number;
    } catch {
      schemaVersion = null;
    }
    const found: Salvage['tables'] = {};
    for (const table of IRREPLACEABLE_TABLES) {
      if (!tables.has(table)) continue;
      try {
        found[table] = readRows(db!, table);
      } catch (error) {
        if (!isCorruption(error)) throw error;
        found[table] = { rows: [], incomplete: true };
      }
    }
    return { schemaVersion, tableListFrom, tables: found, unreadable: null };
  } finally {
    db?.close();
    cleanup();
  }
}

export function summarize(result: Salvage): SalvageSummary {
  const rows = (table: IrreplaceableTable) => result.tables[table]?.rows ?? [];
  const counts = Object.fromEntries(IRREPLACEABLE_TABLES.map((t) => [t, rows(t).length])) as Record<IrreplaceableTable, number>;
  return {
    queuedActions: rows('outbox')
      .filter((r) => OPEN_STATES.has(String(r.state)))
      .map((r) => ({
        id: String(r.id),
        kind: String(r.kind),
        target: String(r.target),
        state: String(r.state),
        createdAt: String(r.created_at),
      })),
    keyRecords: rows('channel_keys').map((r) => ({
      profileId: String(r.profile_id),
      channelId: String(r.channel_id),
      generatedAt: String(r.generated_at),
    })),
    counts,
    incomplete: IRREPLACEABLE_TABLES.filter((t) => result.tables[t]?.incomplete),
    tableListFrom: result.tableListFrom === 'file' ? 'the file' : `the backup ${path.basename(result.tableListFrom.backup)}`,
    unreadable: result.unreadable,
  };
}

export interface RepairReport {
  /** Where the damaged file now is (with its -wal beside it, if it had one). */
  movedTo: string;
  restored: Record<IrreplaceableTable, number>;
  /** Rows that were read but did not fit the fresh database (their profile was lost, say). */
  rejected: Record<IrreplaceableTable, number>;
  summary: SalvageSummary;
}

/** `partner-desk.sqlite.damaged-20260501T101500Z`: beside the original, never overwritten. */
export function asideName(file: string, now: number): string {
  const stampText = new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  let candidate = `${file}.damaged-${stampText}`;
  for (let n = 2; fs.existsSync(candidate); n += 1) candidate = `${file}.damaged-${stampText}-${n}`;
  return candidate;
}

/**
 * Repairs `file` (every connection to it in this process must be closed, and no other Partner Desk
 * may have it open). Returns what was kept and where the damaged file went.
 */
export function repairDatabase(file: string, options: { nativeBinding?: string; now?: () => number } = {}): RepairReport {
  const now = options.now ?? Date.now;
  const others = openProcesses(file).live.filter((p) => p.pid !== process.pid);
  if (others.length > 0) {
    throw new AppError(
      'conflict',
      `Another Partner Desk (${others.map((p) => `${p.kind}, process ${p.pid}`).join('; ')}) has ${file} open. Close it, then repair again. Nothing was changed.`,
    );
  }
  const found = salvage(file, options);
  const summary = summarize(found);
  const version = found.schemaVersion ?? Math.max(...MIGRATIONS.map((m) => m.version));
  const fresh = `${file}.repair-${crypto.randomBytes(4).toString('hex')}`;
  const restored = Object.fromEntries(IRREPLACEABLE_TABLES.map((t) => [t, 0])) as Record<IrreplaceableTable, number>;
  const rejected = { ...restored };
  try {
    const db = openDatabase(fresh, {
      migrations: MIGRATIONS.filter((m) => m.version <= version),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    try {
      db.transaction(() => {
        for (const table of IRREPLACEABLE_TABLES) {
          const rows = found.tables[table]?.rows ?? [];
          if (rows.length === 0) continue;
          const columns = new Set((db.prepare(`PRAGMA table_info(${quote(table)})`).all() as Array<{ name: string }>).map((c) => c.name));
          for (const row of rows) {
            const names = Object.keys(row).filter((name) => columns.has(name));
            const insert = db.prepare(
              `INSERT INTO ${quote(table)} (${names.map(quote).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
            );
            try {
              insert.run(...names.map((name) => row[name]));
              restored[table] += 1;
            } catch {
              rejected[table] += 1;
            }
          }
        }
      }).immediate();
    } finally {
      db.close();
    }
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${fresh}${suffix}`, { force: true });
    throw describeStoreError(error, { file, activity: 'build the repaired database', needBytes: (fs.statSync(file).size / 4) | 0 });
  }
  const movedTo = asideName(file, now());
  // Keep the damaged file under its new name first (a hard link: nothing is copied or changed), then
  // replace the name atomically, so at no moment is there no database at the path.
  try {
    fs.linkSync(file, movedTo);
  } catch {
    fs.copyFileSync(file, movedTo, fs.constants.COPYFILE_EXCL);
  }
  if (fs.existsSync(`${file}-wal`)) fs.renameSync(`${file}-wal`, `${movedTo}-wal`);
  fs.rmSync(`${file}-shm`, { force: true });
  fs.renameSync(fresh, file);
  removeDamageMarker(file);
  forgetGuard(file);
  updateHealth(file, { lastCheck: { at: new Date(now()).toISOString(), ok: true, appVersion: 'repair', reason: 'repaired' } });
  return { movedTo, restored, rejected, summary };
}

/** What the user is told after a repair: what was kept, where the damaged file went, what happens next. */
export function repairMessage(report: RepairReport, restarting: boolean): string {
  const { outbox, channel_keys: keys } = report.restored;
  const kept = `${outbox} queued or past action${outbox === 1 ? '' : 's'} and ${keys} key record${keys === 1 ? '' : 's'}`;
  return (
    `Repaired: ${kept} were kept; the damaged file is now ${report.movedTo}. Clients and channels are downloaded again at the next sync. ` +
    (restarting ? 'Partner Desk restarts now.' : 'Start Partner Desk again to use the repaired database.')
  );
}
