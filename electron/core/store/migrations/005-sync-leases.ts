import type { Migration } from './index';

/**
 * Several processes share one data folder (the app, web mode, the CLI), and each may sync:
 * - a sync run row names its owner (host, pid, a random tag) and carries a heartbeat the owner
 *   renews, so a process that starts marks a run abandoned only when its owner is gone (its process
 *   no longer exists, or its heartbeat stopped), never another process's live sync;
 * - every change to a profile's channel search rows bumps its generation (triggers, so no writer
 *   can forget: ~1.4 us a row, 70 ms of a first sync's 50,000 inserts, in the sync's worker), so a
 *   copy of the search table built on another thread or connection can tell whether it is current.
 */
export const syncLeasesMigration: Migration = {
  version: 5,
  description: 'sync run owners and heartbeats; channel generations',
  up(db) {
    db.exec(`
      ALTER TABLE sync_runs ADD COLUMN owner TEXT;
      ALTER TABLE sync_runs ADD COLUMN heartbeat_at INTEGER;
      CREATE INDEX sync_runs_running ON sync_runs (profile_id) WHERE status = 'running';
      CREATE TABLE channel_generations (
        profile_id  TEXT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
        generation  INTEGER NOT NULL
      ) STRICT;
      CREATE TRIGGER channel_search_inserted AFTER INSERT ON channel_search BEGIN
        INSERT INTO channel_generations (profile_id, generation) VALUES (NEW.profile_id, 1)
          ON CONFLICT (profile_id) DO UPDATE SET generation = generation + 1;
      END;
      CREATE TRIGGER channel_search_updated AFTER UPDATE ON channel_search BEGIN
        INSERT INTO channel_generations (profile_id, generation) VALUES (NEW.profile_id, 1)
          ON CONFLICT (profile_id) DO UPDATE SET generation = generation + 1;
      END;
      -- Deleted with its profile, the generation row goes too: only bump one that is still there.
      CREATE TRIGGER channel_search_deleted AFTER DELETE ON channel_search BEGIN
        UPDATE channel_generations SET generation = generation + 1 WHERE profile_id = OLD.profile_id;
      END;
    `);
  },
};
