import type { Migration } from './index';

/**
 * Several processes share one data folder (the app, web mode, the CLI), and each may sync:
 * - a sync run row names its owner (host, pid, a random tag) and carries a heartbeat the owner
 *   renews, so a process that starts marks a run abandoned only when its owner is gone (its process
 *   no longer exists, or its heartbeat stopped), never another process's live sync;
 * - every change to a profile's channel search rows bumps its generation (triggers, so no writer
 *   can forget), so a copy of the search table built on another thread or connection can tell
 *   whether it is current. A sync's bulk write lists its profile in channel_bulk_writes for the
 *   length of its transaction and bumps the generation once itself (store/channel-generations.ts):
 *   an upsert per row cost ~0.7 s of a first 50,000-channel sync's write;
 * - the clients' name order and search text in one narrow index, so the client list's search and
 *   count scan it instead of the wide rows with their raw JSON (10,000 clients: ~120 ms to a few);
 * The channels' company order stays unindexed (migration 4 dropped it): measured again here, it
 * cost ~0.6 s of that write, and SQL search (the CLI) was no faster with it.
 */
export const syncLeasesMigration: Migration = {
  version: 5,
  description: 'sync run owners and heartbeats; channel generations; a narrow index for the client list',
  up(db) {
    db.exec(`
      ALTER TABLE sync_runs ADD COLUMN owner TEXT;
      ALTER TABLE sync_runs ADD COLUMN heartbeat_at INTEGER;
      CREATE INDEX sync_runs_running ON sync_runs (profile_id) WHERE status = 'running';
      DROP INDEX clients_name;
      CREATE INDEX clients_list ON clients (profile_id, name_sort, removed_at, search_text);
      CREATE TABLE channel_generations (
        profile_id  TEXT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
        generation  INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE channel_bulk_writes (
        profile_id  TEXT PRIMARY KEY
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER channel_search_inserted AFTER INSERT ON channel_search
        WHEN NOT EXISTS (SELECT 1 FROM channel_bulk_writes WHERE profile_id = NEW.profile_id) BEGIN
        INSERT INTO channel_generations (profile_id, generation) VALUES (NEW.profile_id, 1)
          ON CONFLICT (profile_id) DO UPDATE SET generation = generation + 1;
      END;
      CREATE TRIGGER channel_search_updated AFTER UPDATE ON channel_search
        WHEN NOT EXISTS (SELECT 1 FROM channel_bulk_writes WHERE profile_id = NEW.profile_id) BEGIN
        INSERT INTO channel_generations (profile_id, generation) VALUES (NEW.profile_id, 1)
          ON CONFLICT (profile_id) DO UPDATE SET generation = generation + 1;
      END;
      -- Deleted with its profile, the generation row goes too: only bump one that is still there.
      CREATE TRIGGER channel_search_deleted AFTER DELETE ON channel_search
        WHEN NOT EXISTS (SELECT 1 FROM channel_bulk_writes WHERE profile_id = OLD.profile_id) BEGIN
        UPDATE channel_generations SET generation = generation + 1 WHERE profile_id = OLD.profile_id;
      END;
    `);
  },
};
