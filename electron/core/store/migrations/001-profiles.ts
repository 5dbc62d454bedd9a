import type { Migration } from './index';

export const profilesMigration: Migration = {
  version: 1,
  description: 'profiles and app settings',
  up(db) {
    db.exec(`
      CREATE TABLE profiles (
        id            TEXT PRIMARY KEY,
        partner_id    TEXT NOT NULL,
        label         TEXT NOT NULL,
        auth_method   TEXT NOT NULL CHECK (auth_method IN ('api_key', 'token', 'demo')),
        hub_url       TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        last_used_at  TEXT
      ) STRICT;
      CREATE UNIQUE INDEX profiles_partner_hub ON profiles (partner_id, hub_url, auth_method);
      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
