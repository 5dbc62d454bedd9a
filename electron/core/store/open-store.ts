/**
 * Opens the core's database with its integrity kept in view (store-health.ts says when a check is
 * due; store-guard.ts stops writes on damage; backups.ts keeps copies), and runs the store's upkeep
 * for the processes that live long:
 *
 * 1. open without migrating (read-only folder, full disk and unreadable files are told by cause);
 * 2. `PRAGMA quick_check` if the open needs one (after an update, an unclean shutdown, a file changed
 *    while closed): on the worker thread where there is one, so the window stays answered;
 * 3. damage found: writes stop, the core opens on what it has (or on an empty stand-in when the file
 *    cannot be opened at all) and the window shows what happened and offers Repair;
 * 4. healthy with migrations pending: a backup first (enough free space checked), then migrate;
 * 5. then, in the app and web mode, once a day: a check and, when it passes, a backup.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import BetterSqlite from 'better-sqlite3';
import { isAppError } from '@shared/errors';
import type { StoreStatus } from '@shared/store';
import type { Logger } from '../log';
import { listBackups, takeBackup, type BackupInfo } from './backups';
import { migrate, openDatabase, pendingMigrations } from './database';
import { MIGRATIONS } from './migrations/index';
import { repairDatabase, salvage, summarize, type RepairReport } from './repair';
import { describeStoreError, freeBytes, formatBytes } from './store-errors';
import { forgetGuard, guardFor, readDamageMarker, type Damage, type StoreGuard } from './store-guard';
import {
  checkDueAtOpen,
  clearGone,
  dailyCheckDue,
  describeProblems,
  openProcesses,
  quickCheck,
  readHealth,
  registerOpen,
  updateHealth,
  DAILY_MS,
  type CheckResult,
} from './store-health';

/** What runs the whole-file reads off the main thread (the search index worker), when there is one. */
export interface StoreWorker {
  quickCheck(): Promise<CheckResult>;
  backup(reason: string): Promise<BackupInfo>;
}

export interface OpenStoreOptions {
  file: string;
  appVersion: string;
  /** 'desktop' | 'web' | 'cli': named in the note of who has the file open. */
  kind: string;
  nativeBinding?: string;
  mmapBytes?: number;
  worker: StoreWorker | null;
  log: Logger;
  now?: () => number;
}

export interface OpenedStore {
  db: Database.Database;
  guard: StoreGuard;
  /** The file could not be opened at all: `db` is an empty stand-in (nothing to show, nothing written). */
  standIn: boolean;
  /** Why a check ran at open (or null), and how long it took. */
  checked: { reason: string; ms: number } | null;
  release(): void;
}

export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  const { file, log } = options;
  const now = options.now ?? Date.now;
  // A guard this process tripped earlier whose marker is gone: a repair or a restore (perhaps by
  // another process) put a new file at the path since. The old damage is not this file's.
  if (guardFor(file).damaged && !readDamageMarker(file)) forgetGuard(file);
  const guard = guardFor(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const dbOptions = {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.mmapBytes ? { mmapBytes: options.mmapBytes } : {}),
  };
  const due = checkDueAtOpen(file, options.appVersion);

  let db: Database.Database;
  try {
    db = openDatabase(file, { ...dbOptions, migrate: false });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'database_corrupt') throw error;
    guard.trip(reasonOf(error.message));
    log.error('database damaged at open', { file, error: error.message });
    return { db: standIn(guard, dbOptions.nativeBinding), guard, standIn: true, checked: null, release: () => undefined };
  }

  let checked: OpenedStore['checked'] = null;
  try {
    if (due && !guard.damaged) {
      const result = options.worker ? await options.worker.quickCheck() : quickCheck(file, options.nativeBinding, now);
      checked = { reason: due, ms: result.ms };
      log.info('database checked at open', { reason: due, ok: result.ok, ms: result.ms });
      updateHealth(file, { lastCheck: { at: new Date(now()).toISOString(), ok: result.ok, appVersion: options.appVersion, reason: due } });
      if (!result.ok) {
        guard.trip(describeProblems(result.problems));
        db.close();
        return { db: standIn(guard, dbOptions.nativeBinding), guard, standIn: true, checked, release: () => undefined };
      }
      clearGone(file, openProcesses(file).gone);
    }
    const pending = guard.damaged ? [] : pendingMigrations(db, MIGRATIONS);
    if (guard.damaged && pendingMigrations(db, MIGRATIONS).length > 0) {
      // The services expect the latest schema; a damaged older file is shown through the stand-in.
      db.close();
      return { db: standIn(guard, dbOptions.nativeBinding), guard, standIn: true, checked, release: () => undefined };
    }
    // A new, empty database has nothing to back up; an existing one is copied before it changes.
    const fresh = (db.pragma('user_version', { simple: true }) as number) === 0;
    if (pending.length > 0 && fresh) migrate(db, MIGRATIONS);
    else if (pending.length > 0) {
      const size = fs.statSync(file).size;
      const free = freeBytes(file);
      // The backup needs the file's size; a migration that rebuilds a table may need about as much again.
      if (free !== null && free < size * 2 + 1024 * 1024) {
        throw describeStoreError(Object.assign(new Error(`${formatBytes(free ?? 0)} free`), { code: 'ENOSPC' }), {
          file,
          activity: `update its database to this version (a backup first, then the update)`,
          needBytes: size * 2 + 1024 * 1024,
        });
      }
      const reason = `before-v${pending[pending.length - 1]!.version}`;
      const backup = options.worker ? await options.worker.backup(reason) : await takeBackup(db, file, { reason, now });
      log.info('backup before migration', { file: backup.file, bytes: backup.bytes });
      try {
        migrate(db, MIGRATIONS);
      } catch (error) {
        throw describeStoreError(error, { file, activity: 'update its database to this version' });
      }
      // The next daily backup then holds the new layout (repair may need its first page).
      updateHealth(file, { lastBackupAt: undefined });
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const registration = registerOpen(file, options.kind, now);
  return { db, guard, standIn: false, checked, release: () => registration.close() };
}

function reasonOf(message: string): string {
  return /is damaged \((.*)\)\. Partner Desk/.exec(message)?.[1] ?? message;
}

/**
 * An empty in-memory database at the latest schema for the core to be built on when the file is
 * damaged: the window can then show what happened and offer Repair. Nothing in it reaches a disk;
 * once the core is built it is armed (guard.arm) and refuses every write with the damage message.
 */
function standIn(guard: StoreGuard, nativeBinding?: string): Database.Database {
  const db = new BetterSqlite(':memory:', nativeBinding ? { nativeBinding } : {});
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS);
  guard.watch(db, { armed: false });
  return db;
}

export interface StoreUpkeepOptions {
  file: string;
  guard: StoreGuard;
  worker: StoreWorker;
  appVersion: string;
  log: Logger;
  now?: () => number;
  firstDelayMs?: number;
  everyMs?: number;
}

/** Once a day: a quick_check, and when it passes a backup. Returns a stop function. */
export function startStoreUpkeep(options: StoreUpkeepOptions): () => void {
  const now = options.now ?? Date.now;
  let running = false;
  const run = async (): Promise<void> => {
    if (running || options.guard.damaged || options.guard.checkMarker(true)) return;
    running = true;
    try {
      if (dailyCheckDue(options.file, now())) {
        const result = await options.worker.quickCheck();
        updateHealth(options.file, {
          lastCheck: { at: new Date(now()).toISOString(), ok: result.ok, appVersion: options.appVersion, reason: 'daily' },
        });
        options.log.info('daily database check', { ok: result.ok, ms: result.ms });
        if (!result.ok) {
          options.guard.trip(describeProblems(result.problems));
          return;
        }
      }
      const last = readHealth(options.file).lastBackupAt;
      if (!last || now() - Date.parse(last) >= DAILY_MS) {
        const backup = await options.worker.backup('daily');
        updateHealth(options.file, { lastBackupAt: backup.takenAt });
        options.log.info('daily backup', { file: backup.file, bytes: backup.bytes });
      }
    } catch (error) {
      options.log.warn('database upkeep did not complete', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), options.firstDelayMs ?? 60_000);
  const timer = setInterval(() => void run(), options.everyMs ?? 60 * 60 * 1000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/** The store's status for the window and `doctor`. Reading what a repair would keep reads the damaged file (read-only). */
export function storeStatus(
  file: string,
  damage: Damage | null,
  options: { nativeBinding?: string; withSalvage?: boolean } = {},
): StoreStatus {
  const health = readHealth(file);
  let preview: StoreStatus['salvage'] = null;
  if (damage && (options.withSalvage ?? true)) {
    try {
      preview = summarize(salvage(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}));
    } catch (error) {
      preview = {
        queuedActions: [],
        keyRecords: [],
        counts: {},
        incomplete: [],
        unreadable: error instanceof Error ? error.message : String(error),
      };
    }
  }
  return {
    state: damage ? 'damaged' : 'healthy',
    file,
    reason: damage?.reason ?? null,
    detectedAt: damage?.detectedAt ?? null,
    message: damage ? guardMessage(file, damage) : null,
    salvage: preview,
    lastCheckAt: health.lastCheck?.at ?? null,
    backups: listBackups(file).map((b) => ({ file: b.file, takenAt: b.takenAt, reason: b.reason, bytes: b.bytes })),
  };
}

function guardMessage(file: string, damage: Damage): string {
  return guardFor(file).refusal(damage).message;
}

export { repairDatabase, type RepairReport };
