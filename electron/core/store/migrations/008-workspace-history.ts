import type { Migration } from './index';

/**
 * The workspace's history and picture of the book (issue 17):
 * - `book_days`: what the book looked like at the end of each day (UTC) a sync succeeded: channels,
 *   clients, channels that need action, and channels per state. The sync writes its day's row in its
 *   own write transaction (the last sync of a day wins), so the Overview's trend needs no scan of the
 *   past and costs a row a day.
 * - a channel's notifications by channel (its history tab): without the index that read scans every
 *   notification of the profile.
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
    `);
  },
};
