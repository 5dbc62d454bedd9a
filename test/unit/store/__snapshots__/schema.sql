-- The schema of a new Partner Desk database (test/unit/store/schema-snapshot.test.ts).
-- Generated: after adding a migration run `npm run test:schema-snapshot` and commit this file.
PRAGMA user_version = 8;

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

CREATE TABLE book_days (
        profile_id   TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        day          TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        counts       TEXT NOT NULL,
        PRIMARY KEY (profile_id, day)
      ) STRICT, WITHOUT ROWID;

CREATE TABLE channel_bulk_writes (
        profile_id  TEXT PRIMARY KEY
      ) STRICT, WITHOUT ROWID;

CREATE TABLE channel_generations (
        profile_id  TEXT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
        generation  INTEGER NOT NULL
      ) STRICT;

CREATE TABLE channel_keys (
        profile_id    TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        channel_id    TEXT NOT NULL,
        key_id        TEXT,
        address       TEXT NOT NULL,
        app_id        TEXT,
        generated_at  TEXT NOT NULL,
        action_id     TEXT,
        PRIMARY KEY (profile_id, channel_id)
      ) STRICT;

CREATE TABLE channel_search (
        rid          INTEGER PRIMARY KEY REFERENCES channels (rid) ON DELETE CASCADE,
        profile_id   TEXT NOT NULL,
        state        TEXT NOT NULL,
        removed      INTEGER NOT NULL DEFAULT 0,
        company_sort TEXT,
        search_text  TEXT NOT NULL
      , numbers TEXT NOT NULL DEFAULT '') STRICT;

CREATE TABLE channels (
        rid                         INTEGER PRIMARY KEY,
        profile_id                  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        id                          TEXT NOT NULL,
        client_id                   TEXT,
        company_name                TEXT,
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
        removed_at                  TEXT, phone_e164 TEXT,
        UNIQUE (profile_id, id)
      ) STRICT;

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
        removed_at     TEXT, numbers TEXT NOT NULL DEFAULT '',
        UNIQUE (profile_id, id)
      ) STRICT;

CREATE TABLE health_checks (
        profile_id      TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        channel_id      TEXT NOT NULL,
        requested_at    INTEGER,
        checked_at      INTEGER,
        gateway_status  TEXT,
        nodes           TEXT,
        phone_number    TEXT,
        error           TEXT,
        PRIMARY KEY (profile_id, channel_id)
      ) STRICT;

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

CREATE TABLE "outbox" (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        id               TEXT NOT NULL UNIQUE,
        profile_id       TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        kind             TEXT NOT NULL CHECK (kind IN ('cancel_channel', 'set_max_channels', 'generate_api_key', 'check_health', 'withdraw_cancellation', 'set_partner_settings', 'set_partner_payload')),
        target           TEXT NOT NULL,
        payload          TEXT NOT NULL,
        seen_version     TEXT,
        state            TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'failed', 'conflict', 'cancelled')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  INTEGER NOT NULL,
        uncertain        INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
        claimed_by       TEXT,
        last_error       TEXT,
        conflict         TEXT,
        result           TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        sent_at          TEXT,
        finished_at      TEXT
      ) STRICT;

CREATE TABLE outbox_lease (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        holder      TEXT NOT NULL,
        pid         INTEGER NOT NULL,
        host        TEXT NOT NULL,
        expires_at  INTEGER NOT NULL
      ) STRICT;

CREATE TABLE partner_settings (
        profile_id  TEXT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
        raw         TEXT NOT NULL,
        fetched_at  TEXT NOT NULL
      ) STRICT;

CREATE TABLE "pending_effects" (
        profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        target      TEXT NOT NULL,
        action_id   TEXT NOT NULL REFERENCES "outbox" (id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,
        state       TEXT NOT NULL,
        label       TEXT NOT NULL,
        value       TEXT,
        PRIMARY KEY (profile_id, target)
      ) STRICT;

CREATE TABLE permission_links (
        id               TEXT PRIMARY KEY,
        profile_id       TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        state            TEXT,
        url              TEXT,
        origin           TEXT NOT NULL CHECK (origin IN ('link', 'redirect')),
        client_id        TEXT,
        email            TEXT,
        name             TEXT,
        number           TEXT,
        partner_payload  TEXT,
        redirect_url     TEXT,
        language         TEXT,
        created_at       TEXT NOT NULL,
        shared           TEXT NOT NULL DEFAULT '[]',
        used_at          TEXT,
        matched_by       TEXT CHECK (matched_by IN ('redirect', 'sync')),
        result           TEXT,
        notified         TEXT NOT NULL DEFAULT '[]'
      ) STRICT;

CREATE TABLE profiles (
        id            TEXT PRIMARY KEY,
        partner_id    TEXT NOT NULL,
        label         TEXT NOT NULL,
        auth_method   TEXT NOT NULL CHECK (auth_method IN ('api_key', 'token', 'demo')),
        hub_url       TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        last_used_at  TEXT
      ) STRICT;

CREATE TABLE quarantine (
        id          INTEGER PRIMARY KEY,
        profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        resource    TEXT NOT NULL,
        record_id   TEXT,
        raw         TEXT NOT NULL,
        reason      TEXT NOT NULL,
        seen_at     TEXT NOT NULL
      ) STRICT;

CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
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
      , owner TEXT, heartbeat_at INTEGER) STRICT;

CREATE TABLE template_fetches (
        profile_id       TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        waba_account_id  TEXT NOT NULL,
        fetched_at       TEXT NOT NULL,
        PRIMARY KEY (profile_id, waba_account_id)
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

-- index sqlite_autoindex_balances_1 on balances: made by SQLite for a PRIMARY KEY or UNIQUE constraint

-- index sqlite_autoindex_channel_generations_1 on channel_generations: made by SQLite for a PRIMARY KEY or UNIQUE constraint

-- index sqlite_autoindex_channel_keys_1 on channel_keys: made by SQLite for a PRIMARY KEY or UNIQUE constraint

CREATE INDEX channels_book ON channels (profile_id, removed_at, action_required, quality_rating, messaging_limit, client_id);

CREATE INDEX channels_client ON channels (profile_id, client_id);

CREATE INDEX channels_hashes ON channels (profile_id, id, hash, removed_at);

-- index sqlite_autoindex_channels_1 on channels: made by SQLite for a PRIMARY KEY or UNIQUE constraint

CREATE INDEX clients_hashes ON clients (profile_id, id, hash, removed_at);

CREATE INDEX clients_limits ON clients (profile_id, removed_at, max_channels, id);

CREATE INDEX clients_list ON clients (profile_id, name_sort, removed_at, search_text, numbers);

-- index sqlite_autoindex_clients_1 on clients: made by SQLite for a PRIMARY KEY or UNIQUE constraint

-- index sqlite_autoindex_health_checks_1 on health_checks: made by SQLite for a PRIMARY KEY or UNIQUE constraint

CREATE INDEX notifications_channel ON notifications (profile_id, channel_id, id DESC) WHERE channel_id IS NOT NULL;

CREATE INDEX notifications_profile ON notifications (profile_id, id DESC);

CREATE INDEX outbox_open ON outbox (profile_id, state, next_attempt_at);

CREATE INDEX outbox_target ON outbox (profile_id, target, seq);

-- index sqlite_autoindex_outbox_1 on outbox: made by SQLite for a PRIMARY KEY or UNIQUE constraint

-- index sqlite_autoindex_partner_settings_1 on partner_settings: made by SQLite for a PRIMARY KEY or UNIQUE constraint

-- index sqlite_autoindex_pending_effects_1 on pending_effects: made by SQLite for a PRIMARY KEY or UNIQUE constraint

CREATE INDEX permission_links_recent ON permission_links (profile_id, created_at);

CREATE UNIQUE INDEX permission_links_state ON permission_links (profile_id, state) WHERE state IS NOT NULL;

-- index sqlite_autoindex_permission_links_1 on permission_links: made by SQLite for a PRIMARY KEY or UNIQUE constraint

CREATE UNIQUE INDEX profiles_partner_hub ON profiles (partner_id, hub_url, auth_method);

-- index sqlite_autoindex_profiles_1 on profiles: made by SQLite for a PRIMARY KEY or UNIQUE constraint

CREATE INDEX quarantine_profile ON quarantine (profile_id, resource);

-- index sqlite_autoindex_settings_1 on settings: made by SQLite for a PRIMARY KEY or UNIQUE constraint

CREATE INDEX sync_runs_profile ON sync_runs (profile_id, id DESC);

CREATE INDEX sync_runs_running ON sync_runs (profile_id) WHERE status = 'running';

-- index sqlite_autoindex_template_fetches_1 on template_fetches: made by SQLite for a PRIMARY KEY or UNIQUE constraint

-- index sqlite_autoindex_templates_1 on templates: made by SQLite for a PRIMARY KEY or UNIQUE constraint

CREATE TRIGGER channel_search_deleted AFTER DELETE ON channel_search
        WHEN NOT EXISTS (SELECT 1 FROM channel_bulk_writes WHERE profile_id = OLD.profile_id) BEGIN
        UPDATE channel_generations SET generation = generation + 1 WHERE profile_id = OLD.profile_id;
      END;

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
