import type { Migration } from './index';

/**
 * The offline outbox. `outbox` holds every queued user action in creation order (`seq`), with what
 * the record looked like when it was queued (`seen_version`), so conflicts can be told apart from
 * success; `pending_effects` is the optimistic local effect list items show while an action on the
 * record is open, written in the same transaction as the action; `channel_keys` and `health_checks`
 * keep what generated API keys and health checks returned, minus the key itself, which lives only in
 * the keychain; `outbox_lease` makes sure only one process (app, web mode or CLI) replays at a time.
 * JSON columns (payload, seen_version, last_error, conflict, result, nodes, error) are validated by
 * zod when read.
 */
export const outboxMigration: Migration = {
  version: 3,
  description: 'outbox, pending effects, channel key metadata, health checks, outbox lease',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        id               TEXT NOT NULL UNIQUE,
        profile_id       TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        kind             TEXT NOT NULL CHECK (kind IN ('cancel_channel', 'set_max_channels', 'generate_api_key', 'check_health')),
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
      CREATE INDEX outbox_open ON outbox (profile_id, state, next_attempt_at);
      CREATE INDEX outbox_target ON outbox (profile_id, target, seq);

      CREATE TABLE pending_effects (
        profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        target      TEXT NOT NULL,
        action_id   TEXT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,
        state       TEXT NOT NULL,
        label       TEXT NOT NULL,
        value       TEXT,
        PRIMARY KEY (profile_id, target)
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

      CREATE TABLE outbox_lease (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        holder      TEXT NOT NULL,
        pid         INTEGER NOT NULL,
        host        TEXT NOT NULL,
        expires_at  INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
