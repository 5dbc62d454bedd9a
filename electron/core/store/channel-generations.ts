/**
 * A profile's channel generation (channel_generations) tells a copy of its search rows, built on
 * another thread or connection, whether it is still current. Triggers bump it on every change of
 * channel_search, so no writer can forget. A sync, which may change 50,000 rows in one transaction,
 * says so once instead: while its profile is listed in channel_bulk_writes the triggers stand aside
 * (a primary-key lookup per row instead of an upsert: ~0.7 s of a first 50,000-channel sync's write).
 */
import type Database from 'better-sqlite3';

/**
 * Runs `write` inside the caller's transaction with the profile's triggers standing aside, then bumps
 * the generation once if `changed` says the channel rows changed. A throw rolls the whole transaction
 * back, the bulk marker with it.
 */
export function bulkChannelWrite<T>(db: Database.Database, profileId: string, write: () => T, changed: (result: T) => boolean): T {
  if (!db.inTransaction) throw new Error('bulkChannelWrite needs the caller’s transaction');
  db.prepare('INSERT INTO channel_bulk_writes (profile_id) VALUES (?)').run(profileId);
  const result = write();
  db.prepare('DELETE FROM channel_bulk_writes WHERE profile_id = ?').run(profileId);
  if (changed(result)) {
    db.prepare(
      `INSERT INTO channel_generations (profile_id, generation) VALUES (?, 1)
         ON CONFLICT (profile_id) DO UPDATE SET generation = generation + 1`,
    ).run(profileId);
  }
  return result;
}
