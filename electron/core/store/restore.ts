/**
 * Puts a backup in the database's place (`partner-desk doctor --restore`). Nothing is thrown away:
 * the current file (damaged or not, with its WAL) is set aside under a dated name first, and the
 * backup is checked before it is used and copied, never moved, so it stays a backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/errors';
import { listBackups, type BackupInfo } from './backups';
import { summarize, salvage } from './repair';
import { describeStoreError } from './store-errors';
import { forgetGuard, removeDamageMarker } from './store-guard';
import { openProcesses, quickCheck, updateHealth } from './store-health';

export interface RestoreReport {
  backup: BackupInfo;
  /** Where the file that was in place now is (null when there was none). */
  setAside: string | null;
  /** Open actions in the file set aside that the backup does not have (they were queued after it). */
  actionsOnlyInSetAside: number;
}

/** `which`: 'latest', a position (1 = newest) or a backup's path. */
export function findBackup(file: string, which: string): BackupInfo {
  const backups = listBackups(file);
  if (backups.length === 0)
    throw new AppError('not_found', `There are no backups of ${file} (they are kept in ${path.join(path.dirname(file), 'backups')}).`);
  if (which === 'latest') return backups[0]!;
  if (/^\d+$/.test(which)) {
    const found = backups[Number(which) - 1];
    if (!found) throw new AppError('not_found', `There are ${backups.length} backups; choose 1 (newest) to ${backups.length}.`);
    return found;
  }
  const resolved = path.resolve(which);
  const found = backups.find((b) => b.file === resolved);
  if (found) return found;
  if (!fs.existsSync(resolved)) throw new AppError('not_found', `${resolved} does not exist.`);
  const stat = fs.statSync(resolved);
  return { file: resolved, takenAt: stat.mtime.toISOString(), reason: 'file', bytes: stat.size };
}

export function restoreBackup(
  file: string,
  backup: BackupInfo,
  options: { nativeBinding?: string; now?: () => number } = {},
): RestoreReport {
  const now = options.now ?? Date.now;
  const others = openProcesses(file).live.filter((p) => p.pid !== process.pid);
  if (others.length > 0) {
    throw new AppError(
      'conflict',
      `Another Partner Desk (${others.map((p) => `${p.kind}, process ${p.pid}`).join('; ')}) has ${file} open. Close it, then restore again. Nothing was changed.`,
    );
  }
  const check = quickCheck(backup.file, options.nativeBinding);
  if (!check.ok)
    throw new AppError(
      'database_corrupt',
      `The backup ${backup.file} is damaged too (${check.problems[0]}). Choose another backup. Nothing was changed.`,
    );

  let actionsOnlyInSetAside = 0;
  if (fs.existsSync(file)) {
    try {
      const current = new Set(summarize(salvage(file, options)).queuedActions.map((a) => a.id));
      const restored = new Set(summarize(salvage(backup.file, options)).queuedActions.map((a) => a.id));
      actionsOnlyInSetAside = [...current].filter((id) => !restored.has(id)).length;
    } catch {
      // The comparison is advice only.
    }
  }
  const temporary = `${file}.restore-${process.pid}`;
  try {
    fs.copyFileSync(backup.file, temporary);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw describeStoreError(error, { file, activity: 'copy the backup into place', needBytes: backup.bytes });
  }
  let setAside: string | null = null;
  if (fs.existsSync(file)) {
    const stampText = new Date(now())
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    setAside = `${file}.replaced-${stampText}`;
    for (let n = 2; fs.existsSync(setAside); n += 1) setAside = `${file}.replaced-${stampText}-${n}`;
    try {
      fs.linkSync(file, setAside);
    } catch {
      fs.copyFileSync(file, setAside, fs.constants.COPYFILE_EXCL);
    }
    if (fs.existsSync(`${file}-wal`)) fs.renameSync(`${file}-wal`, `${setAside}-wal`);
    fs.rmSync(`${file}-shm`, { force: true });
  }
  fs.renameSync(temporary, file);
  removeDamageMarker(file);
  forgetGuard(file);
  updateHealth(file, {
    lastCheck: { at: new Date(now()).toISOString(), ok: true, appVersion: 'restore', reason: `restored ${path.basename(backup.file)}` },
  });
  return { backup, setAside, actionsOnlyInSetAside };
}
