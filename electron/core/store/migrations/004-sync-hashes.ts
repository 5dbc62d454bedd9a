import type { Migration } from './index';

/**
 * Covering indexes for what a sync reads first: every stored record's id, content hash, removal and
 * (channels) status fingerprint. Without them that read walks the wide rows with their raw JSON
 * (~200 ms for 50,000 channels, twice per sync); with them it reads a narrow index (~80 ms).
 */
export const syncHashesMigration: Migration = {
  version: 4,
  description: 'covering indexes for the sync hash read',
  up(db) {
    db.exec(`
      CREATE INDEX clients_hashes ON clients (profile_id, id, hash, removed_at);
      CREATE INDEX channels_hashes ON channels (profile_id, id, hash, removed_at, status_fingerprint);
    `);
  },
};
