/**
 * Writes a file so that its name only ever holds a complete file: the bytes go to a temporary file
 * beside the target (same folder, so the rename cannot cross disks), which is fsynced, closed and
 * renamed over the target; the folder is fsynced too where the OS allows it. A crash, a full disk or
 * any error leaves the target as it was (absent, or the previous file) and removes the temporary file;
 * what a crash left behind is removed by the next export to the same name.
 *
 * A target that is read-only (no write permission in its mode; on Windows its Read-only attribute)
 * is never replaced: renaming over it would succeed in a writable folder and swap a protected file
 * for an ordinary one. The export is kept under a visible sibling name (`name (2).csv`) and the
 * refusal says so. Why a replace failed is told as it is on this platform (a file open in Excel
 * is a reason on Windows only; on Linux it is an immutable flag or a sticky folder).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, isAppError } from '@shared/errors';

/** Where bytes go. Each write is awaited before the next, so at most one chunk is ever in flight. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
  /** Flushes to the disk (fsync). */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the sink for a new file; tests pass one that fails on purpose. */
export type OpenSink = (file: string) => Promise<ByteSink>;

/** A new file (never an existing one: flag "wx"), written with awaited writes. */
export const openFileSink: OpenSink = async (file) => {
  const handle = await fs.promises.open(file, 'wx');
  return {
    async write(chunk) {
      let offset = 0;
      // A write may be partial; loop until the whole chunk is on its way.
      while (offset < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
        offset += bytesWritten;
      }
    },
    sync: () => handle.sync(),
    close: () => handle.close(),
  };
};

/** The random part of a temporary name: 6 bytes as 12 hex digits. */
const RANDOM_BYTES = 6;
const temporaryPrefix = (target: string): string => `.${path.basename(target)}.tmp-`;

/** `.name.csv.tmp-<random>` beside the target: hidden, unique, recognisably ours. */
export function temporaryPathFor(target: string): string {
  return path.join(path.dirname(target), `${temporaryPrefix(target)}${randomBytes(RANDOM_BYTES).toString('hex')}`);
}

/** A temporary file untouched for this long was left by a crash, not by an export still writing. */
export const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/**
 * Removes what a crash (power cut, killed process) left of earlier exports to the same name: only
 * our own `.name.tmp-<12 hex>` files, and only those untouched for an hour. Best effort: a file that
 * cannot be removed stays, and the export goes on.
 */
export async function removeStaleTemporaries(target: string, now: number = Date.now()): Promise<string[]> {
  const dir = path.dirname(target);
  const prefix = temporaryPrefix(target);
  const ours = new RegExp(`^[0-9a-f]{${RANDOM_BYTES * 2}}$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !ours.test(name.slice(prefix.length))) continue;
    const file = path.join(dir, name);
    try {
      const stat = await fs.promises.lstat(file);
      if (!stat.isFile() || now - stat.mtimeMs < STALE_TEMPORARY_MS) continue;
      await fs.promises.rm(file);
      removed.push(file);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}

/** `name (2).csv`, `name (3).csv`…: the first that does not exist yet. */
export function siblingName(target: string): string {
  const ext = path.extname(target);
  const stem = target.slice(0, target.length - ext.length);
  for (let n = 2; ; n += 1) {
    const candidate = `${stem} (${n})${ext}`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}

function isReadOnlyFile(target: string): boolean {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  // Node maps Windows' Read-only attribute to a mode without write bits, so one test serves both.
  return stat?.isFile() === true && (stat.mode & 0o200) === 0;
}

export async function writeFileAtomically<T>(
  target: string,
  produce: (sink: ByteSink) => Promise<T>,
  openSink: OpenSink = openFileSink,
  platform: NodeJS.Platform = process.platform,
): Promise<T> {
  if (isReadOnlyFile(target)) {
    const sibling = siblingName(target);
    await writeFileAtomically(sibling, produce, openSink, platform);
    throw new AppError(
      'forbidden',
      `${target} is read-only, so Partner Desk did not replace it. The export was saved as ${sibling} instead. ` +
        'To replace the file, make it writable first, or choose another name.',
    );
  }
  await removeStaleTemporaries(target);
  const temporary = temporaryPathFor(target);
  let sink: ByteSink | null = null;
  let open = false;
  let stage: WriteStage = 'write';
  try {
    sink = await openSink(temporary);
    open = true;
    const result = await produce(sink);
    await sink.sync();
    open = false;
    await sink.close();
    stage = 'rename';
    await fs.promises.rename(temporary, target);
    await syncDirectory(path.dirname(target));
    return result;
  } catch (error) {
    if (sink && open) await sink.close().catch(() => undefined);
    await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
    throw isAppError(error) ? error : writeError(error, target, stage, platform);
  }
}

/** Makes the rename itself durable. Windows cannot open a folder for fsync; the rename still happened. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here (EISDIR/EPERM/EINVAL): the file is complete either way.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

type WriteStage = 'write' | 'rename';

/** Why an existing file could not be replaced, as it is on each platform. */
function replaceReason(code: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'it is open in another program (such as Excel), or it is read-only';
  if (platform === 'darwin') {
    return code === 'EPERM'
      ? 'it is locked (Finder: Get Info → Locked) or belongs to another user in a shared folder'
      : 'its folder does not allow you to replace files in it';
  }
  return code === 'EPERM'
    ? 'it is marked immutable or append-only (`lsattr` shows the flag; `sudo chattr -i` clears it), or it belongs to another user in a folder with the sticky bit'
    : code === 'EBUSY'
      ? 'it is in use by the system (a mount point)'
      : 'its folder does not allow you to replace files in it';
}

/** What happened and what to do, for a person; the target name is always said to be untouched. */
export function writeError(error: unknown, target: string, stage: WriteStage, platform: NodeJS.Platform = process.platform): AppError {
  const code = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : '';
  const dir = path.dirname(target);
  const name = path.basename(target);
  const untouched = `Nothing was saved as ${name}`;
  const options = { cause: error };
  if (stage === 'rename' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) {
    const advice =
      platform === 'win32'
        ? 'Close it, or choose another name, then export again.'
        : 'Choose another name, or remove the protection, then export again.';
    return new AppError('conflict', `${target} could not be replaced: ${replaceReason(code, platform)}. ${untouched}. ${advice}`, options);
  }
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError(
        'write_failed',
        `The disk is full: there was no room for the export in ${dir}. ${untouched}. Free some space or choose another folder, then export again.`,
        options,
      );
    case 'EACCES':
    case 'EROFS':
    case 'EPERM':
    case 'EBUSY':
      return new AppError('forbidden', `Partner Desk may not write to ${dir}. ${untouched}. Choose another folder.`, options);
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('not_found', `The folder ${dir} does not exist. ${untouched}. Choose another folder.`, options);
    case 'EISDIR':
      return new AppError('conflict', `${target} is a folder. ${untouched}. Choose a file name.`, options);
    default: {
      const reason = error instanceof Error ? error.message : String(error);
      return new AppError(
        'write_failed',
        `Writing the export to ${target} failed (${reason}). ${untouched}. Try again, or choose another folder.`,
        options,
      );
    }
  }
}
