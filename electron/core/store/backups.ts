/**
 * Backups of the database: SQLite's online backup (better-sqlite3's `backup()`), taken before each
 * migration and once a day (by the long-lived processes, after a passing check, so a damaged file
 * never pushes a good backup out), into `<data folder>/backups/`, keeping the newest three. The
 * queued actions and channel-key metadata exist only in this file; everything else a sync brings back.
 *
 * A backup is written under a temporary name and renamed when complete: a crash or a full disk never
 * leaves a partial backup that looks whole. The backup API copies pages as they are, so a backup has
 * the same page layout as its source at that moment (repair uses its first page when the damaged
 * file lost its own).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { describeStoreError, formatBytes, freeBytes } from './store-errors';

export const KEEP_BACKUPS = 3;
export const BACKUP_DIR_NAME = 'backups';

export interface BackupInfo {
  file: string;
  /** When it was taken (ISO). */
  takenAt: string;
  /** Why: 'daily', 'before-v7' (a migration), 'manual', 'before-restore'. */
  reason: string;
  bytes: number;
}

export function backupDir(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), BACKUP_DIR_NAME);
}

const NAME = /^partner-desk-(\d{8}T\d{6}(?:\d{3})?Z)-([a-z0-9-]+)\.sqlite$/;

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('.', '');
}

function parseStamp(text: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/.exec(text);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7] ?? '000'}Z` : text;
}

/** Newest first. */
export function listBackups(databaseFile: string): BackupInfo[] {
  const dir = backupDir(databaseFile);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: BackupInfo[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) found.push({ file, takenAt: parseStamp(m[1]!), reason: m[2]!, bytes: stat.size });
  }
  return found.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : b.file.localeCompare(a.file)));
}

export interface BackupOptions {
  reason: string;
  now?: () => number;
  keep?: number;
}

/**
 * Copies the database behind `db` (any connection to it, read-only will do) into a new backup, then
 * removes all but the newest `keep`. Pages are copied in one step, so a write by another connection
 * meanwhile cannot make SQLite restart the copy; on a worker thread that step blocks nobody.
 */
export async function takeBackup(db: Database.Database, databaseFile: string, options: BackupOptions): Promise<BackupInfo> {
  const now = options.now ?? Date.now;
  const dir = backupDir(databaseFile);
  const at = now();
  const target = path.join(dir, `partner-desk-${stamp(at)}-${options.reason}.sqlite`);
  const temporary = `${target}.tmp-${process.pid}`;
  const size = fs.statSync(databaseFile).size + (fs.statSync(`${databaseFile}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const free = freeBytes(dir);
    if (free !== null && free < size)
      throw Object.assign(new Error(`${formatBytes(free)} free, ${formatBytes(size)} needed`), { code: 'ENOSPC' });
    await db.backup(temporary, { progress: () => 0x7fffffff });
    // The copy carries the source's WAL flag; a backup is one self-contained file.
    const copy = new Database(temporary);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${temporary}${suffix}`, { force: true });
    const described = describeStoreError(error, {
      file: databaseFile,
      activity: `make a backup of the database in ${dir}`,
      needBytes: size,
    });
    throw described instanceof Error ? described : new AppError('write_failed', String(described));
  }
  prune(databaseFile, options.keep ?? KEEP_BACKUPS);
  return { file: target, takenAt: new Date(at).toISOString(), reason: options.reason, bytes: fs.statSync(target).size };
}

function prune(databaseFile: string, keep: number): void {
  for (const old of listBackups(databaseFile).slice(keep)) fs.rmSync(old.file, { force: true });
  // Temporary files of backups a crash interrupted.
  try {
    for (const name of fs.readdirSync(backupDir(databaseFile))) {
      if (!/\.sqlite\.tmp-\d+(-journal|-wal|-shm)?$/.test(name)) continue;
      const pid = Number(/tmp-(\d+)/.exec(name)?.[1]);
      if (pid !== process.pid) fs.rmSync(path.join(backupDir(databaseFile), name), { force: true });
    }
  } catch {
    // Nothing to tidy.
  }
}
