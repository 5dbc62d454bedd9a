/**
 * When the last successful sync of a profile finished. A row is rewritten only when it changes, so
 * its own `synced_at` says when it last changed; every row still listed was confirmed then, which is
 * the age the user needs to see ("synced 2 min ago", not the day it last changed).
 */
import type Database from 'better-sqlite3';

export function lastConfirmedAt(db: Database.Database, profileId: string): string | null {
  const value: unknown = db
    .prepare("SELECT max(finished_at) FROM sync_runs WHERE profile_id = ? AND status = 'succeeded'")
    .pluck()
    .get(profileId);
  return typeof value === 'string' ? value : null;
}

/** A listed row's age: the last successful sync's time if it is newer than the row's own, else the row's. */
export function confirmedSyncedAt(row: { synced_at: string; removed_at: string | null }, confirmedAt: string | null): string {
  return !row.removed_at && confirmedAt !== null && confirmedAt > row.synced_at ? confirmedAt : row.synced_at;
}
