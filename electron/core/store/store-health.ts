/**
 * When the database deserves an integrity check, decided from a little bookkeeping beside it
 * (`<file>-health.json`, `<file>-open/<pid>.json`), never from the database itself (a write there
 * at every open and close would be one more write into a file that may be damaged):
 *
 * - after an update: the last check was made by another version of Partner Desk (or none was made);
 * - after an unclean shutdown: a process that had the file open is gone without closing it;
 * - when the file changed while no Partner Desk had it open (another program wrote into it, a copy
 *   was put in its place): the last clean close recorded the file's size, time and inode;
 * - once a day, in the background, for the processes that live long (the app, web mode).
 *
 * `PRAGMA quick_check` (structure, pages, records; not the contents of indexes against their
 * tables, which integrity_check adds at several times the cost) reads the whole file.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fileIdentity, sameIdentity, type FileIdentity } from './store-guard';
import { isCorruption } from './store-errors';

export const DAILY_MS = 24 * 60 * 60 * 1000;

export interface HealthState {
  lastCheck?: { at: string; ok: boolean; appVersion: string; reason: string };
  lastClose?: { at: string; identity: FileIdentity | null };
  lastBackupAt?: string;
}

export const healthFile = (file: string): string => `${file}-health.json`;
export const openDir = (file: string): string => `${file}-open`;

export function readHealth(file: string): HealthState {
  try {
    const parsed = JSON.parse(fs.readFileSync(healthFile(file), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as HealthState) : {};
  } catch {
    return {};
  }
}

/** Merges `patch` into the bookkeeping, atomically (a temporary file renamed); best effort on a full or read-only disk. */
export function updateHealth(file: string, patch: Partial<HealthState>): void {
  const target = healthFile(file);
  const temporary = `${target}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(temporary, `${JSON.stringify({ ...readHealth(file), ...patch }, null, 2)}\n`);
    fs.renameSync(temporary, target);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

export interface OpenProcess {
  pid: number;
  kind: string;
  since: string;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Processes that have the file open now, and those that had it open and ended without closing it. */
export function openProcesses(file: string): { live: OpenProcess[]; gone: OpenProcess[] } {
  const live: OpenProcess[] = [];
  const gone: OpenProcess[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(openDir(file));
  } catch {
    return { live, gone };
  }
  for (const name of names) {
    if (!/^\d+\.json$/.test(name)) continue;
    try {
      const entry = JSON.parse(fs.readFileSync(path.join(openDir(file), name), 'utf8')) as OpenProcess;
      (alive(entry.pid) ? live : gone).push(entry);
    } catch {
      // Half-written by a process that died while writing it: it did not close cleanly either.
      gone.push({ pid: Number(name.slice(0, -5)), kind: 'unknown', since: '' });
    }
  }
  return { live, gone };
}

/** Notes that this process has the file open; `close` removes the note and, if it was the last, records the file as cleanly closed. */
export function registerOpen(file: string, kind: string, now: () => number = Date.now): { close(): void } {
  const dir = openDir(file);
  const own = path.join(dir, `${process.pid}.json`);
  const made = !fs.existsSync(dir);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(own, JSON.stringify({ pid: process.pid, kind, since: new Date(now()).toISOString() } satisfies OpenProcess));
  } catch {
    // Read-only or full: leave nothing half-written behind; the next open checks the file then.
    fs.rmSync(own, { force: true });
    if (made) fs.rmSync(dir, { recursive: true, force: true });
  }
  let closed = false;
  return {
    close() {
      if (closed) return;
      closed = true;
      fs.rmSync(own, { force: true });
      const { live } = openProcesses(file);
      if (live.length === 0) {
        updateHealth(file, { lastClose: { at: new Date(now()).toISOString(), identity: fileIdentity(file) } });
        try {
          fs.rmdirSync(dir);
        } catch {
          // Another process registered meanwhile.
        }
      }
    },
  };
}

/** Forgets the notes of processes that ended without closing (after their unclean end was acted on). */
export function clearGone(file: string, gone: readonly OpenProcess[]): void {
  for (const entry of gone) fs.rmSync(path.join(openDir(file), `${entry.pid}.json`), { force: true });
}

/**
 * Runs `read` (a read-only connection to a WAL database makes -wal and -shm files, with the
 * database file's permissions) and removes those it made, when no other Partner Desk has the file
 * open: a check or a look at a damaged file leaves the folder as it found it.
 */
export function leavingNoTrace<T>(file: string, read: () => T): T {
  const made = [`${file}-wal`, `${file}-shm`].filter((f) => !fs.existsSync(f));
  try {
    return read();
  } finally {
    const others = openProcesses(file).live.some((p) => p.pid !== process.pid);
    if (made.length > 0 && !others && (fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) === 0) {
      for (const f of made) fs.rmSync(f, { force: true });
    }
  }
}

/** Why the file should be checked as it is opened, or null. */
export function checkDueAtOpen(file: string, appVersion: string): string | null {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  const health = readHealth(file);
  const { live, gone } = openProcesses(file);
  if (gone.length > 0) return 'Partner Desk did not close properly last time';
  if (!health.lastCheck) return 'it has not been checked by this version yet';
  if (health.lastCheck.appVersion !== appVersion) return 'Partner Desk was updated';
  if (!health.lastCheck.ok) return 'the last check found damage';
  // While another process has it open, it changes under us by design.
  if (live.filter((p) => p.pid !== process.pid).length === 0 && !sameIdentity(health.lastClose?.identity ?? null, fileIdentity(file))) {
    return 'the file changed while Partner Desk was closed';
  }
  return null;
}

export function dailyCheckDue(file: string, now: number): boolean {
  const at = readHealth(file).lastCheck?.at;
  return !at || now - Date.parse(at) >= DAILY_MS;
}

export type CheckResult = { ok: true; ms: number } | { ok: false; ms: number; problems: string[] };

/**
 * `PRAGMA quick_check` on a read-only connection of its own (a read-only connection never writes
 * the file, not even a checkpoint). Damage that stops SQLite before it can check (page one, a WAL
 * cut short) is a failed check too; any other error (busy, the engine) is thrown.
 */
export function quickCheck(file: string, nativeBinding?: string | null, now: () => number = Date.now): CheckResult {
  return leavingNoTrace(file, () => runQuickCheck(file, nativeBinding, now));
}

function runQuickCheck(file: string, nativeBinding: string | null | undefined, now: () => number): CheckResult {
  const started = now();
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    db.pragma('busy_timeout = 5000');
    const rows = db.pragma('quick_check(20)') as Array<{ quick_check: string }>;
    // One row may hold several lines ("*** in database main ***" heads them): one problem a line.
    const problems = rows
      .flatMap((row) => row.quick_check.split('\n'))
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('***'));
    return problems.length === 1 && problems[0] === 'ok' ? { ok: true, ms: now() - started } : { ok: false, ms: now() - started, problems };
  } catch (error) {
    if (isCorruption(error)) return { ok: false, ms: now() - started, problems: [error instanceof Error ? error.message : String(error)] };
    throw error;
  } finally {
    db?.close();
  }
}

export function describeProblems(problems: readonly string[]): string {
  const first = problems[0] ?? 'damaged';
  return problems.length > 1 ? `${first}; and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}` : first;
}
