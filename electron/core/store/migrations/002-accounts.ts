import type { Migration } from './index';

/**
 * The synced book of accounts. Each record is kept whole as raw JSON (unknown fields included) beside
 * the indexed columns the app queries. Searching and counting never touch these wide rows: they scan
 * the narrow `channel_search` table. What the status rules make of a channel is re-derived from raw
 * when read (a few microseconds), so a change of the rules applies at once; the indexed status
 * columns (for filters) carry the rules' version in the content hash. `search_text` is a folded
 * (lower-case, accent-free) concatenation of everything a user may type, scanned with instr(); the
 * `*_sort` columns fold names the same way, so "Ägypten" sorts with "agypten", not after "Z".
 */
export const accountsMigration: Migration = {
  version: 2,
  description: 'clients, channels, balances, templates, sync runs, notifications, quarantine',
  up(db) {
    db.exec(`
      CREATE TABLE clients (
        rid            INTEGER PRIMARY KEY,
        profile_id     TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        id             TEXT NOT NULL,
        name           TEXT NOT NULL,
        organisation   TEXT,
        name_sort      TEXT NOT NULL,
        email          TEXT,
        contact_name   TEXT,
        status         TEXT,
        max_channels   INTEGER,
        created_at     TEXT,
        modified_at    TEXT,
        hash           TEXT NOT NULL,
        raw            TEXT NOT NULL,
        search_text    TEXT NOT NULL,
        synced_at      TEXT NOT NULL,
        removed_at     TEXT,
        UNIQUE (profile_id, id)
      ) STRICT;
      CREATE INDEX clients_name ON clients (profile_id, name_sort);

      CREATE TABLE channels (
        rid                         INTEGER PRIMARY KEY,
        profile_id                  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        id                          TEXT NOT NULL,
        client_id                   TEXT,
        company_name                TEXT,
        company_sort                TEXT,
        display_name                TEXT,
        display_sort                TEXT,
        phone_number                TEXT,
        email                       TEXT,
        state                       TEXT NOT NULL,
        state_order                 INTEGER NOT NULL,
        message_on_behalf           TEXT,
        meta_business_verification  TEXT,
        number_registration         TEXT,
        action_required             TEXT,
        action_text                 TEXT,
        quality_rating              TEXT,
        messaging_limit             TEXT,
        waba_account_id             TEXT,
        status_fingerprint          TEXT NOT NULL,
        created_at                  TEXT,
        modified_at                 TEXT,
        hash                        TEXT NOT NULL,
        raw                         TEXT NOT NULL,
        synced_at                   TEXT NOT NULL,
        removed_at                  TEXT,
        UNIQUE (profile_id, id)
      ) STRICT;
      CREATE INDEX channels_client ON channels (profile_id, client_id);
      -- The search scan's own narrow table: 50,000 rows of ~150 bytes scan in a few ms, where the
      -- wide channels rows would take several times longer. Counts per state come from it alone.
      CREATE TABLE channel_search (
        rid          INTEGER PRIMARY KEY REFERENCES channels (rid) ON DELETE CASCADE,
        profile_id   TEXT NOT NULL,
        state        TEXT NOT NULL,
        removed      INTEGER NOT NULL DEFAULT 0,
        company_sort TEXT,
        search_text  TEXT NOT NULL
      ) STRICT;
      -- The default order (by company) walks this index and stops after one page.
      CREATE INDEX channel_search_company ON channel_search (profile_id, company_sort);

      CREATE TABLE balances (
        profile_id   TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        client_id    TEXT NOT NULL,
        available    INTEGER NOT NULL,
        currency     TEXT,
        balance      REAL,
        raw          TEXT,
        reason       TEXT,
        fetched_at   TEXT NOT NULL,
        PRIMARY KEY (profile_id, client_id)
      ) STRICT;

      CREATE TABLE templates (
        profile_id       TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        waba_account_id  TEXT NOT NULL,
        id               TEXT NOT NULL,
        name             TEXT,
        language         TEXT,
        category         TEXT,
        status           TEXT,
        raw              TEXT NOT NULL,
        PRIMARY KEY (profile_id, waba_account_id, id)
      ) STRICT;
      CREATE TABLE template_fetches (
        profile_id       TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        waba_account_id  TEXT NOT NULL,
        fetched_at       TEXT NOT NULL,
        PRIMARY KEY (profile_id, waba_account_id)
      ) STRICT;

      CREATE TABLE sync_runs (
        id             INTEGER PRIMARY KEY,
        profile_id     TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        started_at     TEXT NOT NULL,
        finished_at    TEXT,
        status         TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'offline', 'cancelled')),
        error_code     TEXT,
        error_message  TEXT,
        stats          TEXT
      ) STRICT;
      CREATE INDEX sync_runs_profile ON sync_runs (profile_id, id DESC);

      CREATE TABLE notifications (
        id          INTEGER PRIMARY KEY,
        profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        created_at  TEXT NOT NULL,
        client_id   TEXT,
        channel_id  TEXT,
        title       TEXT NOT NULL,
        body        TEXT NOT NULL,
        changes     TEXT NOT NULL,
        read_at     TEXT
      ) STRICT;
      CREATE INDEX notifications_profile ON notifications (profile_id, id DESC);

      CREATE TABLE quarantine (
        id          INTEGER PRIMARY KEY,
        profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        resource    TEXT NOT NULL,
        record_id   TEXT,
        raw         TEXT NOT NULL,
        reason      TEXT NOT NULL,
        seen_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX quarantine_profile ON quarantine (profile_id, resource);
    `);
  },
};
