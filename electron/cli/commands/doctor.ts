/**
 * `partner-desk doctor`: the local database's health from a terminal, and its repair. It reads the
 * file directly (no keychain, no network, no core): a full `PRAGMA quick_check`, whether the folder
 * and file may be written and how much space is free, which processes have it open, the backups,
 * and, when it is damaged, what a repair keeps. `--repair`, `--restore` and `--backup` act.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError, isAppError } from '@shared/errors';
import { DATABASE_FILE_NAME } from '@core';
import { listBackups, takeBackup } from '@core/store/backups';
import { repairDatabase, salvage, summarize, type SalvageSummary } from '@core/store/repair';
import { findBackup, restoreBackup } from '@core/store/restore';
import { assertWritable, formatBytes, freeBytes } from '@core/store/store-errors';
import { readDamageMarker, guardFor } from '@core/store/store-guard';
import { describeProblems, openProcesses, quickCheck, updateHealth } from '@core/store/store-health';
import { appVersion } from '../app-version';
import { EXIT_DAMAGED, EXIT_NOT_WRITABLE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import type { Command } from '../command';
import { resolveDataDir } from '../open-core';

function keptLines(summary: SalvageSummary): string[] {
  if (summary.unreadable)
    return [
      `  Nothing can be read from it: ${summary.unreadable}.`,
      '  A backup can be restored instead: partner-desk doctor --restore latest',
    ];
  const lines = [
    `  A repair keeps ${summary.queuedActions.length} open queued action(s), ${summary.keyRecords.length} channel-key record(s), ${summary.counts.notifications} notification(s) and ${summary.counts.profiles} profile(s):`,
  ];
  for (const action of summary.queuedActions.slice(0, 20))
    lines.push(`    action ${action.kind} on ${action.target} (${action.state}, queued ${action.createdAt})`);
  if (summary.queuedActions.length > 20) lines.push(`    … and ${summary.queuedActions.length - 20} more`);
  for (const key of summary.keyRecords.slice(0, 20))
    lines.push(`    key record for channel ${key.channelId} (generated ${key.generatedAt})`);
  if (summary.incomplete.length > 0) lines.push(`  Some rows of ${summary.incomplete.join(', ')} could not be read.`);
  if (summary.tableListFrom !== 'the file')
    lines.push(`  (The table list is read from ${summary.tableListFrom}: the file's own first page is unreadable.)`);
  return lines;
}

async function examine(file: string, io: CliIo, json: boolean): Promise<number> {
  if (!fs.existsSync(file)) {
    io.out(
      json ? JSON.stringify({ file, state: 'absent' }) : `${file} does not exist yet: nothing to check (it is made at the first start).`,
    );
    return EXIT_OK;
  }
  const free = freeBytes(path.dirname(file));
  let writable: string | null = null;
  try {
    assertWritable(file);
  } catch (error) {
    writable = isAppError(error) ? error.message : String(error);
  }
  const marker = readDamageMarker(file);
  const check = quickCheck(file);
  if (check.ok && !writable)
    updateHealth(file, { lastCheck: { at: new Date().toISOString(), ok: true, appVersion: appVersion(), reason: 'doctor' } });
  const damaged = !check.ok || marker !== null;
  const reason = !check.ok ? describeProblems(check.problems) : (marker?.reason ?? null);
  if (!check.ok && !marker && !writable) guardFor(file).trip(reason!);
  const summary = damaged ? summarize(salvage(file)) : null;
  const processes = openProcesses(file).live.filter((p) => p.pid !== process.pid);
  const backups = listBackups(file);
  const size = fs.statSync(file).size;
  if (json) {
    io.out(
      JSON.stringify({
        file,
        state: damaged ? 'damaged' : writable ? 'read_only' : 'healthy',
        reason,
        checkMs: check.ms,
        bytes: size,
        freeBytes: free,
        notWritable: writable,
        openBy: processes,
        backups,
        salvage: summary,
      }),
    );
  } else {
    io.out(`Database: ${file} (${formatBytes(size)}; ${free === null ? 'free space unknown' : `${formatBytes(free)} free on its disk`})`);
    io.out(damaged ? `Integrity: DAMAGED: ${reason}` : `Integrity: ok (quick_check, ${check.ms} ms)`);
    if (writable) io.out(`Writable: NO: ${writable}`);
    if (processes.length > 0) io.out(`Open in: ${processes.map((p) => `${p.kind} (process ${p.pid})`).join(', ')}`);
    io.out(backups.length === 0 ? 'Backups: none yet' : `Backups (${backups.length}, newest first):`);
    backups.forEach((b, i) => io.out(`  ${i + 1}. ${b.takenAt} ${b.reason} ${formatBytes(b.bytes)} ${b.file}`));
    if (summary) {
      io.out('');
      io.out('Partner Desk does not write to a damaged file. The file is kept as it is.');
      for (const line of keptLines(summary)) io.out(line);
      io.out(
        '  Repair: partner-desk doctor --repair (sets the damaged file aside under a dated name; clients and channels are synced again)',
      );
    }
  }
  return damaged ? EXIT_DAMAGED : writable ? EXIT_NOT_WRITABLE : EXIT_OK;
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check the local database; repair it, restore or take a backup',
  usage: 'partner-desk doctor [--repair | --restore BACKUP | --backup] [--json] [--data-dir DIR]',
  help: [
    'Checks the local database (PRAGMA quick_check over the whole file), whether its folder and file may',
    'be written, the free space, which Partner Desk processes have it open, and lists the backups.',
    'Exit codes: 0 healthy, 3 damaged, 4 not writable (read-only or full), 1 other failures.',
    '',
    '  --repair           repair a damaged database: keep every queued action, key record, notification and',
    '                     profile that can be read, set the damaged file aside under a dated name, build a',
    '                     fresh database with those rows; clients and channels come back with the next sync',
    '  --restore BACKUP   put a backup in place ("latest", 1 = newest, or its path); the current file is set',
    '                     aside under a dated name, never deleted',
    '  --backup           take a backup now (backups/ in the data folder keeps the newest 3)',
    '  --json             print one JSON document',
    '',
    'Close the desktop app and web mode first: repair and restore refuse while another process has the file open.',
  ].join('\n'),
  options: {
    repair: { type: 'boolean' },
    restore: { type: 'string' },
    backup: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, io }) {
    const file = path.join(resolveDataDir(values, io), DATABASE_FILE_NAME);
    const json = values.json === true;
    const actions = [values.repair, values.restore !== undefined, values.backup].filter(Boolean).length;
    if (actions > 1) throw new UsageError('Choose one of --repair, --restore and --backup.');
    if (values.restore !== undefined) {
      const report = restoreBackup(file, findBackup(file, String(values.restore)));
      if (json) io.out(JSON.stringify(report));
      else {
        io.out(`Restored the backup of ${report.backup.takenAt} (${report.backup.reason}) as ${file}.`);
        if (report.setAside) io.out(`The file that was there is kept as ${report.setAside}.`);
        if (report.actionsOnlyInSetAside > 0) {
          io.out(
            `${report.actionsOnlyInSetAside} open queued action(s) in that file are not in the backup (they were queued after it). To keep them, repair that file instead: put it back and run partner-desk doctor --repair.`,
          );
        }
        io.out('Clients and channels are brought up to date at the next sync.');
      }
      return EXIT_OK;
    }
    if (values.backup) {
      if (!fs.existsSync(file)) throw new AppError('not_found', `${file} does not exist yet: there is nothing to back up.`);
      const source = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const check = quickCheck(file);
        if (!check.ok)
          throw new AppError(
            'database_corrupt',
            `${file} is damaged (${describeProblems(check.problems)}): no backup was taken (it would copy the damage). Run partner-desk doctor --repair.`,
          );
        const backup = await takeBackup(source, file, { reason: 'manual' });
        updateHealth(file, { lastBackupAt: backup.takenAt });
        io.out(json ? JSON.stringify(backup) : `Backup taken: ${backup.file} (${formatBytes(backup.bytes)}).`);
      } finally {
        source.close();
      }
      return EXIT_OK;
    }
    if (values.repair) {
      if (!fs.existsSync(file)) throw new AppError('not_found', `${file} does not exist: there is nothing to repair.`);
      const check = quickCheck(file);
      if (check.ok && !readDamageMarker(file)) {
        io.out(
          json
            ? JSON.stringify({ file, state: 'healthy', repaired: false })
            : `${file} is not damaged (quick_check ok): nothing to repair.`,
        );
        return EXIT_OK;
      }
      const report = repairDatabase(file);
      if (json) io.out(JSON.stringify(report));
      else {
        io.out(`Repaired ${file}.`);
        io.out(
          `Kept: ${Object.entries(report.restored)
            .map(([t, n]) => `${n} ${t}`)
            .join(', ')}.`,
        );
        const rejected = Object.entries(report.rejected).filter(([, n]) => n > 0);
        if (rejected.length > 0)
          io.out(`Read but not restorable (their profile was lost): ${rejected.map(([t, n]) => `${n} ${t}`).join(', ')}.`);
        io.out(`The damaged file is kept as ${report.movedTo}.`);
        io.out('Clients and channels are downloaded again at the next sync (partner-desk sync, or start the app).');
      }
      return EXIT_OK;
    }
    return examine(file, io, json);
  },
};
