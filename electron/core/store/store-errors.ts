/**
 * What went wrong with the local database, told apart by cause, because each cause needs different
 * advice and the wrong advice loses data: a damaged file (SQLITE_CORRUPT, NOTADB, a WAL shorter than
 * its index says) is kept untouched and repaired; a read-only folder or file (EACCES, EROFS,
 * SQLITE_READONLY) needs a permission fixed; a full disk (ENOSPC, SQLITE_FULL) needs space. Only
 * damage may ever lead to moving the file aside (and only through Repair, after its irreplaceable
 * rows were copied out): the queued actions and key metadata live nowhere else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, isAppError } from '@shared/errors';

export type StoreProblem = 'corrupt' | 'read_only' | 'full' | 'io' | null;

/** better-sqlite3's SqliteError carries the extended result code as a string (`SQLITE_CORRUPT_INDEX`). */
export function sqliteCode(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_')) return error.code;
  return null;
}

function errnoCode(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code)) return error.code;
  return null;
}

/** Which kind of problem an error from SQLite or the file system is; null for everything else. */
export function problemOf(error: unknown): StoreProblem {
  if (isAppError(error)) {
    if (error.code === 'database_corrupt') return 'corrupt';
    if (error.code === 'database_read_only') return 'read_only';
    if (error.code === 'disk_full') return 'full';
    return null;
  }
  const code = sqliteCode(error);
  if (code) {
    // A read past the end of the WAL: the file was cut short under the index that describes it.
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR_SHORT_READ') return 'corrupt';
    if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
      return 'read_only';
    if (code === 'SQLITE_FULL') return 'full';
    if (code.startsWith('SQLITE_IOERR')) return 'io';
    return null;
  }
  switch (errnoCode(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'full';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'read_only';
    case 'EIO':
      return 'io';
    default:
      return null;
  }
}

export function isCorruption(error: unknown): boolean {
  return problemOf(error) === 'corrupt';
}

/** Bytes free for this user on the disk that holds `dir` (null where the OS does not say). */
export function freeBytes(dir: string): number | null {
  try {
    const stat = fs.statfsSync(existingAncestor(dir));
    return stat.bavail * stat.bsize;
  } catch {
    return null;
  }
}

function existingAncestor(dir: string): string {
  let current = dir;
  while (!fs.existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${Math.ceil(bytes / (1024 * 1024))} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}

/** Below this, an I/O error while writing is taken for a full disk (SQLite reports some as IOERR, e.g. growing the -shm file). */
const NEARLY_FULL_BYTES = 4 * 1024 * 1024;

/** What a write needs at least: room for the WAL to grow by the database's size, or 64 MB, whichever is less, and never below 8 MB. */
export function spaceNeededFor(databaseBytes: number): number {
  return Math.max(8 * 1024 * 1024, Math.min(databaseBytes, 64 * 1024 * 1024));
}

export interface DescribeContext {
  /** The database file concerned. */
  file: string;
  /** What Partner Desk was doing, for the message ("open", "save the change", "make a backup"). */
  activity?: string;
  /** How many bytes the activity needs, when it is known (a backup: the database's size). */
  needBytes?: number;
  platform?: NodeJS.Platform;
}

/**
 * Turns an error from SQLite or the file system into an AppError written for a person, or returns
 * it unchanged when it is none of the store's problems. An AppError passes through.
 */
export function describeStoreError(error: unknown, context: DescribeContext): unknown {
  if (isAppError(error)) return error;
  let problem = problemOf(error);
  if (problem === 'io' || problem === null) {
    // SQLite reports a full disk while growing its shared-memory file as an I/O error.
    const free = freeBytes(path.dirname(context.file));
    if ((problem === 'io' || sqliteCode(error) !== null) && free !== null && free < NEARLY_FULL_BYTES) problem = 'full';
  }
  const detail = error instanceof Error ? error.message.split('\n')[0]!.trim() : String(error);
  switch (problem) {
    case 'corrupt':
      return damagedError(context.file, detail, error);
    case 'read_only':
      return readOnlyError(context.file, error, context.platform ?? process.platform);
    case 'full':
      return diskFullError(context, error);
    case 'io':
      return new AppError(
        'database_io',
        `The database ${context.file} could not be read or written (${detail}). The drive may have been removed or be failing. ` +
          'Nothing was changed. Check the drive (reconnect it if it is removable), then start Partner Desk again.',
        { cause: error },
      );
    default:
      return error;
  }
}

/** The file is damaged: what is safe, and the one step that keeps everything that can be read. */
export function damagedError(file: string, detail: string, cause?: unknown): AppError {
  return new AppError(
    'database_corrupt',
    `The database ${file} is damaged (${detail}). Partner Desk stopped writing to it, so nothing more is lost; the file is kept exactly as it is. ` +
      'Repair it (in the app, or `partner-desk doctor --repair`): that keeps every queued action and key record that can still be read, ' +
      'sets the damaged file aside under a dated name and downloads the rest again.',
    cause === undefined ? undefined : { cause },
  );
}

function readOnlyError(file: string, error: unknown, platform: NodeJS.Platform): AppError {
  const dir = path.dirname(file);
  const code = errnoCode(error) ?? sqliteCode(error) ?? '';
  const options = { cause: error };
  if (code === 'EROFS' || code === 'SQLITE_READONLY_DIRECTORY' || !folderWritable(dir)) {
    const fix =
      code === 'EROFS' || mountedReadOnly(dir)
        ? 'The drive holding it is mounted read-only: mount it read-write, or'
        : platform === 'win32'
          ? 'Give your user "Modify" permission on it (Properties → Security), or'
          : `Make it yours and writable (\`chmod u+rwx "${dir}"\`; \`ls -ld "${dir}"\` shows its owner), or`;
    return new AppError(
      'database_read_only',
      `Partner Desk cannot write in its data folder ${dir}: the folder is read-only for you. Nothing was changed and your data is intact. ` +
        `${fix} start Partner Desk with another data folder (--data-dir, or PARTNER_DESK_DATA_DIR).`,
      options,
    );
  }
  const fix =
    platform === 'win32'
      ? 'Clear "Read-only" in the file\'s Properties'
      : `Make it writable for you (\`chmod u+w "${file}"\`; \`ls -l "${file}"\` shows its owner)`;
  return new AppError(
    'database_read_only',
    `The database ${file} is read-only for you, so Partner Desk cannot save anything in it. Nothing was changed and your data is intact. ${fix}, then start Partner Desk again.`,
    options,
  );
}

function diskFullError(context: DescribeContext, cause: unknown): AppError {
  const dir = path.dirname(context.file);
  const free = freeBytes(dir);
  const size = fs.statSync(context.file, { throwIfNoEntry: false })?.size ?? 0;
  const need = context.needBytes ?? spaceNeededFor(size);
  const activity = context.activity ?? 'save changes';
  return new AppError(
    'disk_full',
    `The disk holding ${dir} is full${free === null ? '' : ` (${formatBytes(free)} free)`}: Partner Desk could not ${activity}. ` +
      `Nothing was written and no files were left behind; your data is unchanged. Free at least ${formatBytes(need)} on that disk, then try again.`,
    { cause },
  );
}

function folderWritable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function mountedReadOnly(dir: string): boolean {
  try {
    // ST_RDONLY is not in Node's statfs; a write probe would write. Linux lists mounts with their options.
    const mounts = fs
      .readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '));
    const resolved = fs.realpathSync(dir);
    let best: string[] | null = null;
    for (const fields of mounts) {
      const point = fields[1];
      if (!point || !(resolved === point || resolved.startsWith(point.endsWith('/') ? point : `${point}/`))) continue;
      if (!best || point.length >= best[1]!.length) best = fields;
    }
    return best?.[3]?.split(',').includes('ro') ?? false;
  } catch {
    return false;
  }
}

/** Checks, before SQLite touches anything, that the folder and the file may be written (EACCES/EROFS → a read-only error). */
export function assertWritable(file: string, platform: NodeJS.Platform = process.platform): void {
  const dir = path.dirname(file);
  const check = (target: string): void => {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT') return;
      throw readOnlyError(file, error, platform);
    }
  };
  if (!folderWritable(dir))
    throw readOnlyError(
      file,
      Object.assign(new Error('folder not writable'), { code: mountedReadOnly(dir) ? 'EROFS' : 'EACCES' }),
      platform,
    );
  for (const suffix of ['', '-wal', '-shm']) check(`${file}${suffix}`);
}
