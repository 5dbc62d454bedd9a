import type { Migration } from './index';

/**
 * The workspace's history and picture of the book (issue 17):
 * - `book_days`: what the book looked like at the end of each day (UTC) a sync succeeded: channels,
 *   clients, channels that need action, and channels per state. The sync writes its day's row in its
 *   own write transaction (the last sync of a day wins), so the Overview's trend needs no scan of the
 *   past and costs a row a day.
 * - a channel's notifications by channel (its history tab): without the index that read scans every
 *   notification of the profile.
 * - the Overview's columns of every channel in one narrow index (without the id, so a client's
 *   channels are still found through channels_client) (state per channel comes from
 *   channel_search): its counts, the day's counts a sync records and the saved views' counts read it
 *   instead of the wide rows with their raw JSON (50,000 channels: ~500 ms to a few tens); likewise
 *   each client's channel limit (clients near their limit).
 */
export const workspaceHistoryMigration: Migration = {
  version: 8,
  description: 'daily counts of the book; notifications by channel',
  up(db) {
    db.exec(`
      CREATE TABLE book_days (
        profile_id   TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        day          TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        counts       TEXT NOT NULL,
        PRIMARY KEY (profile_id, day)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX notifications_channel ON notifications (profile_id, channel_id, id DESC) WHERE channel_id IS NOT NULL;
      CREATE INDEX channels_book ON channels (profile_id, removed_at, action_required, quality_rating, messaging_limit, client_id);
      CREATE INDEX clients_limits ON clients (profile_id, removed_at, max_channels, id);
    `);
  },
};
