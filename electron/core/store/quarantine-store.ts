/** Records that failed validation during a sync, kept with the reason instead of crashing the sync. */
import type Database from 'better-sqlite3';

export interface QuarantinedRecord {
  resource: 'clients' | 'channels' | 'templates';
  recordId: string | null;
  raw: string;
  reason: string;
}

export class QuarantineStore {
  constructor(private readonly db: Database.Database) {}

  /** Replaces the resource's quarantine with this sync's findings; call inside the sync's transaction. */
  replace(profileId: string, resource: QuarantinedRecord['resource'], records: readonly QuarantinedRecord[], seenAt: string): void {
    this.db.prepare('DELETE FROM quarantine WHERE profile_id = ? AND resource = ?').run(profileId, resource);
    const insert = this.db.prepare(
      'INSERT INTO quarantine (profile_id, resource, record_id, raw, reason, seen_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const record of records) insert.run(profileId, resource, record.recordId, record.raw, record.reason, seenAt);
  }

  list(profileId: string): Array<QuarantinedRecord & { seenAt: string }> {
    const rows = this.db
      .prepare('SELECT resource, record_id, raw, reason, seen_at FROM quarantine WHERE profile_id = ? ORDER BY id')
      .all(profileId) as Array<{
      resource: QuarantinedRecord['resource'];
      record_id: string | null;
      raw: string;
      reason: string;
      seen_at: string;
    }>;
    return rows.map((r) => ({ resource: r.resource, recordId: r.record_id, raw: r.raw, reason: r.reason, seenAt: r.seen_at }));
  }
}
