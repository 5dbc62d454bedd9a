/**
 * The history of syncs per profile: when each ran, how it ended, what it wrote. A running row is
 * also the lease on its profile's sync: it names its owner (host, pid, a tag per process) and carries
 * a heartbeat the owner renews, so the app, web mode and the CLI on one data folder never sync one
 * profile at once, and a process marks a run abandoned only when its owner is gone.
 */
import os from 'node:os';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { processIsAlive } from '../outbox/outbox-lease';

/** A running sync renews its heartbeat this often, and is abandoned when it stopped for this long. */
export const SYNC_HEARTBEAT_MS = 5_000;
export const SYNC_LEASE_MS = 30_000;

/** Who runs a sync: a process on a host. Stored as "host\tpid\ttag". */
export interface RunOwner {
  host: string;
  pid: number;
  tag: string;
}

export function thisProcess(tag: string): RunOwner {
  return { host: os.hostname(), pid: process.pid, tag };
}

const ownerText = (owner: RunOwner): string => `${owner.host}\t${owner.pid}\t${owner.tag}`;

function parseOwner(text: string | null): RunOwner | null {
  const [host, pid, tag] = (text ?? '').split('\t');
  return host && pid && tag && /^\d+$/.test(pid) ? { host, pid: Number(pid), tag } : null;
}

export const SyncRunStatus = z.enum(['running', 'succeeded', 'failed', 'offline', 'cancelled']);
export type SyncRunStatus = z.infer<typeof SyncRunStatus>;

export const SyncStats = z.looseObject({
  clients: z
    .object({ inserted: z.number(), updated: z.number(), unchanged: z.number(), removed: z.number(), quarantined: z.number() })
    .optional(),
  channels: z
    .object({ inserted: z.number(), updated: z.number(), unchanged: z.number(), removed: z.number(), quarantined: z.number() })
    .optional(),
  requests: z.number().optional(),
  notifications: z.number().optional(),
  complete: z.boolean().optional(),
  /** Where the time went: listing (requests and per-record preparation) and the write transaction. */
  listMs: z.number().optional(),
  writeMs: z.number().optional(),
  /** Per listing: whether the Hub stated its total (else it was read until a short page). */
  totalStated: z.object({ clients: z.boolean(), channels: z.boolean() }).optional(),
  /** Things about the run worth telling a person, in words ("The Hub stated no total for …"). */
  notes: z.array(z.string()).optional(),
});
export type SyncStats = z.infer<typeof SyncStats>;

const SyncRunRow = z.object({
  id: z.number(),
  profile_id: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  status: SyncRunStatus,
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  stats: z.string().nullable(),
  owner: z.string().nullable(),
  heartbeat_at: z.number().int().nullable(),
});

export interface SyncRun {
  id: number;
  profileId: string;
  startedAt: string;
  finishedAt: string | null;
  status: SyncRunStatus;
  error: { code: string; message: string } | null;
  stats: SyncStats | null;
  owner: RunOwner | null;
  heartbeatAt: number | null;
}

/** What starting a sync found: the run is ours, or another live process is syncing the profile. */
export type RunStart = { runId: number } | { busy: SyncRun };

function toRun(row: unknown): SyncRun {
  const r = SyncRunRow.parse(row);
  let stats: SyncStats | null = null;
  if (r.stats) {
    const parsed = SyncStats.safeParse(JSON.parse(r.stats));
    stats = parsed.success ? parsed.data : null;
  }
  return {
    id: r.id,
    profileId: r.profile_id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    stats,
    owner: parseOwner(r.owner),
    heartbeatAt: r.heartbeat_at,
  };
}

export interface SyncRunStoreOptions {
  /** Whether a process id is alive on this machine; overridable for tests. */
  isAlive?: (pid: number) => boolean;
  host?: string;
}

export class SyncRunStore {
  private readonly isAlive: (pid: number) => boolean;
  private readonly host: string;

  constructor(
    private readonly db: Database.Database,
    options: SyncRunStoreOptions = {},
  ) {
    this.isAlive = options.isAlive ?? processIsAlive;
    this.host = options.host ?? os.hostname();
  }

  /**
   * Starts a run of the profile's sync unless another live owner runs one: then that run is returned
   * and nothing is written. Runs whose owner is gone are closed first. IMMEDIATE, so two processes
   * starting at once cannot both see "free".
   */
  start(profileId: string, startedAt: string, owner: RunOwner, nowMs: number): RunStart {
    return this.db
      .transaction((): RunStart => {
        this.closeAbandonedOf(profileId, startedAt, nowMs);
        const running = this.db
          .prepare("SELECT * FROM sync_runs WHERE profile_id = ? AND status = 'running' ORDER BY id DESC LIMIT 1")
          .get(profileId);
        if (running) return { busy: toRun(running) };
        const insert = this.db.prepare(
          "INSERT INTO sync_runs (profile_id, started_at, status, owner, heartbeat_at) VALUES (?, ?, 'running', ?, ?)",
        );
        return { runId: Number(insert.run(profileId, startedAt, ownerText(owner), nowMs).lastInsertRowid) };
      })
      .immediate();
  }

  /** The owner is still at it. */
  heartbeat(id: number, nowMs: number): void {
    this.db.prepare("UPDATE sync_runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'").run(nowMs, id);
  }

  finish(
    id: number,
    finishedAt: string,
    status: Exclude<SyncRunStatus, 'running'>,
    stats: SyncStats | null,
    error?: { code: string; message: string },
  ): void {
    this.db
      .prepare(
        "UPDATE sync_runs SET finished_at = ?, status = ?, stats = ?, error_code = ?, error_message = ?, heartbeat_at = NULL WHERE id = ? AND status = 'running'",
      )
      .run(finishedAt, status, stats ? JSON.stringify(stats) : null, error?.code ?? null, error?.message ?? null, id);
  }

  /**
   * Runs left "running" whose owner is gone: its process no longer exists on this machine, or its
   * heartbeat stopped SYNC_LEASE_MS ago (another machine, a frozen process). A live run of another
   * process is left alone. Rows from before owners were recorded have none, and count as gone.
   */
  closeAbandoned(finishedAt: string, nowMs: number): number {
    return this.db.transaction(() => this.closeAbandonedOf(null, finishedAt, nowMs)).immediate();
  }

  private closeAbandonedOf(profileId: string | null, finishedAt: string, nowMs: number): number {
    const rows = this.db
      .prepare(`SELECT * FROM sync_runs WHERE status = 'running'${profileId === null ? '' : ' AND profile_id = ?'}`)
      .all(...(profileId === null ? [] : [profileId]))
      .map(toRun);
    const close = this.db.prepare(
      "UPDATE sync_runs SET status = 'failed', finished_at = ?, error_code = 'internal', error_message = ?, heartbeat_at = NULL WHERE id = ? AND status = 'running'",
    );
    let closed = 0;
    for (const run of rows) {
      const gone = this.abandonedReason(run, nowMs);
      if (gone) closed += close.run(finishedAt, gone, run.id).changes;
    }
    return closed;
  }

  /** Why a running row's owner counts as gone, or null while it is alive (or the row is not running). */
  abandonedReason(run: SyncRun, nowMs: number): string | null {
    if (run.status !== 'running') return null;
    const owner = run.owner;
    if (!owner || run.heartbeatAt === null) return 'The app stopped during this sync.';
    if (owner.host === this.host && owner.pid !== process.pid && !this.isAlive(owner.pid))
      return 'The process running this sync stopped before it finished.';
    if (nowMs - run.heartbeatAt > SYNC_LEASE_MS) return 'The process running this sync stopped answering before it finished.';
    return null;
  }

  get(id: number): SyncRun | null {
    const row = this.db.prepare('SELECT * FROM sync_runs WHERE id = ?').get(id);
    return row ? toRun(row) : null;
  }

  latest(profileId: string): SyncRun | null {
    const row = this.db.prepare('SELECT * FROM sync_runs WHERE profile_id = ? ORDER BY id DESC LIMIT 1').get(profileId);
    return row ? toRun(row) : null;
  }

  lastSucceeded(profileId: string): SyncRun | null {
    const row = this.db
      .prepare("SELECT * FROM sync_runs WHERE profile_id = ? AND status = 'succeeded' ORDER BY id DESC LIMIT 1")
      .get(profileId);
    return row ? toRun(row) : null;
  }
}
