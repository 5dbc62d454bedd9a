/** The history of syncs per profile: when each ran, how it ended, what it wrote. */
import type Database from 'better-sqlite3';
import { z } from 'zod';

export const SyncRunStatus = z.enum(['running', 'succeeded', 'failed', 'offline', 'cancelled']);
export type SyncRunStatus = z.infer<typeof SyncRunStatus>;

export const SyncStats = z.looseObject({
  clients: z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number(), removed: z.number(), quarantined: z.number() }).optional(),
  channels: z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number(), removed: z.number(), quarantined: z.number() }).optional(),
  requests: z.number().optional(),
  notifications: z.number().optional(),
  complete: z.boolean().optional(),
  /** Where the time went: listing (requests and per-record preparation) and the write transaction. */
  listMs: z.number().optional(),
  writeMs: z.number().optional(),
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
});

export interface SyncRun {
  id: number;
  profileId: string;
  startedAt: string;
  finishedAt: string | null;
  status: SyncRunStatus;
  error: { code: string; message: string } | null;
  stats: SyncStats | null;
}

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
  };
}

export class SyncRunStore {
  constructor(private readonly db: Database.Database) {}

  start(profileId: string, startedAt: string): number {
    return Number(this.db.prepare("INSERT INTO sync_runs (profile_id, started_at, status) VALUES (?, ?, 'running')").run(profileId, startedAt).lastInsertRowid);
  }

  finish(id: number, finishedAt: string, status: Exclude<SyncRunStatus, 'running'>, stats: SyncStats | null, error?: { code: string; message: string }): void {
    this.db
      .prepare('UPDATE sync_runs SET finished_at = ?, status = ?, stats = ?, error_code = ?, error_message = ? WHERE id = ?')
      .run(finishedAt, status, stats ? JSON.stringify(stats) : null, error?.code ?? null, error?.message ?? null, id);
  }

  /** Runs left "running" by a crash or kill are closed as failed on start. */
  closeAbandoned(finishedAt: string): number {
    return this.db
      .prepare("UPDATE sync_runs SET status = 'failed', finished_at = ?, error_code = 'internal', error_message = 'The app stopped during this sync.' WHERE status = 'running'")
      .run(finishedAt).changes;
  }

  latest(profileId: string): SyncRun | null {
    const row = this.db.prepare('SELECT * FROM sync_runs WHERE profile_id = ? ORDER BY id DESC LIMIT 1').get(profileId);
    return row ? toRun(row) : null;
  }

  lastSucceeded(profileId: string): SyncRun | null {
    const row = this.db.prepare("SELECT * FROM sync_runs WHERE profile_id = ? AND status = 'succeeded' ORDER BY id DESC LIMIT 1").get(profileId);
    return row ? toRun(row) : null;
  }
}
