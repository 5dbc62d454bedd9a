/**
 * Stops every write to a damaged database the moment any statement meets the damage. Each
 * connection openDatabase hands out is watched: its statements, `exec`, `pragma` and transactions
 * report errors here. A corruption error (SQLITE_CORRUPT*, NOTADB, a WAL cut short) trips the guard
 * for the file, once, for the whole thread:
 *
 * - every watched connection is switched to `query_only`, so no statement can write any more, and
 *   the guard refuses writes, checkpoints and backups itself with a message that names the file;
 * - a marker beside the file (`<file>-damaged`) tells the other processes and threads (the CLI,
 *   web mode, the sync worker), which check it before writing and when they open the file;
 * - listeners hear of it (the core tells the window).
 *
 * Closing a connection to a WAL database normally copies the WAL into the file (a checkpoint);
 * closeSafely keeps a read-only connection holding the file while the writer closes, which makes
 * SQLite skip that, so the damaged file is never written again.
 *
 * Other errors leave as AppErrors that say what they are (read-only, disk full: store-errors.ts).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { isAppError, type AppError } from '@shared/errors';
import { damagedError, describeStoreError, isCorruption } from './store-errors';

export interface Damage {
  file: string;
  /** SQLite's own words, e.g. "database disk image is malformed". */
  reason: string;
  detectedAt: string;
}

interface MarkerContent extends Damage {
  /** The damaged file as it was when marked: a different file at the path makes the marker stale. */
  identity: FileIdentity | null;
}

export interface FileIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
}

export function fileIdentity(file: string): FileIdentity | null {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? { ino: stat.ino, size: stat.size, mtimeMs: Math.round(stat.mtimeMs) } : null;
}

export function sameIdentity(a: FileIdentity | null, b: FileIdentity | null): boolean {
  return a !== null && b !== null && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

export const markerFile = (file: string): string => `${file}-damaged`;

/** The damage recorded for `file` by any process, if the marker still describes the file at that path. */
export function readDamageMarker(file: string): Damage | null {
  let content: MarkerContent;
  try {
    content = JSON.parse(fs.readFileSync(markerFile(file), 'utf8')) as MarkerContent;
  } catch {
    return null;
  }
  if (typeof content?.reason !== 'string') return null;
  // Another file now at the path (a restored backup, a repaired database): the marker is about the old one.
  if (content.identity && !sameIdentity(content.identity, fileIdentity(file))) return null;
  return { file, reason: content.reason, detectedAt: content.detectedAt };
}

export function removeDamageMarker(file: string): void {
  fs.rmSync(markerFile(file), { force: true });
}

/** How often a writer looks for a marker another process may have left (a stat per second at most). */
const MARKER_CHECK_MS = 1_000;

type Listener = (damage: Damage) => void;

export class StoreGuard {
  private damage: Damage | null = null;
  private readonly connections = new Set<Database.Database>();
  private readonly listeners = new Set<Listener>();
  private readonly arming = new WeakMap<Database.Database, () => void>();
  private markerCheckedAt = 0;
  private holder: Database.Database | null = null;

  constructor(
    readonly file: string,
    private readonly options: { now?: () => number; nativeBinding?: string } = {},
  ) {}

  get damaged(): Damage | null {
    return this.damage;
  }

  onDamaged(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Records damage (once): stops writes on every watched connection, marks the file for other processes, tells listeners. */
  trip(reason: string): Damage {
    if (this.damage) return this.damage;
    const damage: Damage = { file: this.file, reason, detectedAt: new Date(this.now()).toISOString() };
    this.damage = damage;
    for (const db of this.connections) stopWrites(db);
    this.holdOpen();
    writeMarker(this.file, damage);
    for (const listener of this.listeners) {
      try {
        listener(damage);
      } catch {
        // A listener's failure must not undo the stop.
      }
    }
    return damage;
  }

  /** Trips if another process or thread marked the file. Cheap enough to call before every write. */
  checkMarker(force = false): Damage | null {
    if (this.damage) return this.damage;
    const now = this.now();
    if (!force && now - this.markerCheckedAt < MARKER_CHECK_MS) return null;
    this.markerCheckedAt = now;
    const marked = readDamageMarker(this.file);
    return marked ? this.trip(marked.reason) : null;
  }

  /** Throws the damage error if the file is damaged (here or as another process found). */
  assertWritable(): void {
    const damage = this.checkMarker();
    if (damage) throw this.refusal(damage);
  }

  /** The error a refused write gets. */
  refusal(damage: Damage = this.damage ?? { file: this.file, reason: 'damaged', detectedAt: '' }): AppError {
    return damagedError(this.file, damage.reason);
  }

  /** Turns an error into what the caller should throw, tripping the guard on damage. */
  report(error: unknown, activity?: string): unknown {
    if (isAppError(error)) return error;
    if (isCorruption(error)) {
      const reason = error instanceof Error ? error.message.split('\n')[0]!.trim() : String(error);
      this.trip(reason);
      return damagedError(this.file, reason, error);
    }
    return describeStoreError(error, { file: this.file, ...(activity ? { activity } : {}) });
  }

  /**
   * Watches a connection (in place): every statement's errors come here, and writes stop when the
   * file is damaged. `armed: false` (the stand-in a damaged file is opened with) lets the core build
   * its services on it first; `arm()` then stops its writes like any other's.
   */
  watch(db: Database.Database, options: { armed?: boolean } = {}): Database.Database {
    let armed = options.armed ?? true;
    if (armed) {
      this.connections.add(db);
      if (this.damage) stopWrites(db);
    }
    this.arming.set(db, () => {
      if (armed) return;
      armed = true;
      this.connections.add(db);
      if (this.damage) stopWrites(db);
    });
    const guard = {
      assertWritable: () => armed && this.assertWritable(),
      report: (error: unknown, activity?: string) => this.report(error, activity),
    };
    const call = <T>(work: () => T): T => {
      try {
        return work();
      } catch (error) {
        throw guard.report(error);
      }
    };
    const prepare = db.prepare.bind(db);
    const exec = db.exec.bind(db);
    const pragma = db.pragma.bind(db);
    const transaction = db.transaction.bind(db);
    const close = db.close.bind(db);
    const patched = db as unknown as Record<string, unknown>;
    patched.prepare = (source: string) =>
      watchStatement(
        call(() => prepare(source)),
        guard,
        call,
      );
    patched.exec = (source: string) => {
      guard.assertWritable();
      call(() => exec(source));
      return db;
    };
    patched.pragma = (source: string, options?: Database.PragmaOptions) => {
      // Setting a pragma or checkpointing writes; reading one (quick_check, user_version) does not.
      if (/=|wal_checkpoint|optimize|incremental_vacuum/i.test(source)) guard.assertWritable();
      return call(() => pragma(source, options));
    };
    patched.transaction = (fn: (...args: unknown[]) => unknown) => {
      const tx = transaction(fn);
      const wrap = (variant: (...args: unknown[]) => unknown) =>
        function (this: unknown, ...args: unknown[]) {
          guard.assertWritable();
          return call(() => variant.apply(this, args));
        };
      const wrapped = wrap(tx) as ReturnType<typeof transaction>;
      for (const name of ['deferred', 'immediate', 'exclusive'] as const) Object.defineProperty(wrapped, name, { value: wrap(tx[name]) });
      return wrapped;
    };
    patched.close = () => {
      this.connections.delete(db);
      if (this.damage && db.open && !db.readonly) this.closeWithoutCheckpoint(close);
      else close();
      if (this.connections.size === 0) this.releaseHolder();
      return db;
    };
    return db;
  }

  /** Arms a connection watched with `armed: false`. */
  arm(db: Database.Database): void {
    this.arming.get(db)?.();
  }

  /**
   * Keeps a read-only connection with a read lock on the damaged file for as long as this thread
   * has a writer open: SQLite then never checkpoints into it when the writer closes (the last
   * connection to close copies the WAL into the file; a read-only connection never does).
   */
  private holdOpen(): void {
    if (this.holder || ![...this.connections].some((db) => db.open && !db.readonly)) return;
    try {
      this.holder = new Database(this.file, {
        readonly: true,
        fileMustExist: true,
        ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
      });
      this.holder.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
    } catch {
      // Even a failed first read leaves the shared lock that stops the checkpoint (a page-one
      // damage fails here); the writer's close then finds the file in use.
    }
  }

  private closeWithoutCheckpoint(close: () => void): void {
    this.holdOpen();
    close();
  }

  private releaseHolder(): void {
    this.holder?.close();
    this.holder = null;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function stopWrites(db: Database.Database): void {
  if (!db.open || db.readonly) return;
  try {
    // Through the native method: the watched one refuses settings once the file is damaged.
    Object.getPrototypeOf(db).pragma.call(db, 'query_only = 1');
  } catch {
    // A connection that cannot even take this is not writing either.
  }
}

function writeMarker(file: string, damage: Damage): void {
  const content: MarkerContent = { ...damage, identity: fileIdentity(file) };
  const target = markerFile(file);
  const temporary = `${target}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`);
    fs.renameSync(temporary, target);
  } catch {
    // A full or read-only folder: this process still refuses writes; others find the damage themselves.
    fs.rmSync(temporary, { force: true });
  }
}

function watchStatement(
  statement: Database.Statement,
  guard: { assertWritable(): void },
  call: <T>(work: () => T) => T,
): Database.Statement {
  const writes = !statement.readonly;
  const patched = statement as unknown as Record<string, unknown>;
  for (const name of ['run', 'get', 'all'] as const) {
    const original = (statement[name] as (...args: unknown[]) => unknown).bind(statement);
    patched[name] = (...args: unknown[]) => {
      if (writes) guard.assertWritable();
      return call(() => original(...args));
    };
  }
  const iterate = statement.iterate.bind(statement) as (...args: unknown[]) => IterableIterator<unknown>;
  patched.iterate = (...args: unknown[]) => {
    if (writes) guard.assertWritable();
    const inner = call(() => iterate(...args));
    const outer: IterableIterator<unknown> = {
      next: () => call(() => inner.next()),
      return: (value?: unknown) => inner.return?.(value) ?? { done: true, value },
      [Symbol.iterator]: () => outer,
    };
    return outer;
  };
  return statement;
}

/** One guard per database file in this thread: the app's connection, the export's reader and the checkpoints share it. */
const guards = new Map<string, StoreGuard>();

export function guardFor(file: string, options?: { nativeBinding?: string }): StoreGuard {
  let guard = guards.get(file);
  if (!guard) {
    guard = new StoreGuard(file, options);
    guards.set(file, guard);
  }
  return guard;
}

/** Forgets a file's guard (after a repair put a new file at the path; tests). */
export function forgetGuard(file: string): void {
  guards.delete(file);
}
