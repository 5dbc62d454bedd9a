import type { Migration } from './index';

/** Every kind the outbox table accepts from this version on (shared/outbox.ts ACTION_KINDS). */
const KINDS_V5 = [
  'cancel_channel',
  'set_max_channels',
  'generate_api_key',
  'check_health',
  'withdraw_cancellation',
  'set_partner_settings',
  'set_partner_payload',
];

/**
 * Onboarding and the client lifecycle (issue 16):
 * - the outbox accepts three new kinds: withdrawing a channel's cancellation request, changing the
 *   partner's webhook and redirect URLs, and setting a client's partner_payload. SQLite cannot alter
 *   a CHECK constraint, so `outbox` is rebuilt (rows, sequence and indexes kept). `pending_effects`
 *   refers to it (ON DELETE CASCADE) and is rebuilt pointing at the new table, so dropping the old
 *   one deletes nothing.
 * - `partner_settings`: the partner record (`GET /partners/{pid}`) as last read, so the settings page
 *   and the permission-link checks work offline.
 * - `permission_links`: every Integrated Onboarding link the user made (who it is for, when, the
 *   `state` it carries), and what came back: the redirect's client, granted and revoked channels, or
 *   the new client and channels a sync matched to it. `notified` lists the granted channels already
 *   announced, so pasting a redirect twice or syncing again never repeats a notification.
 */
export const onboardingMigration: Migration = {
  version: 6,
  description: 'outbox kinds for onboarding and the client lifecycle; partner settings; permission links',
  up(db) {
    const kinds = KINDS_V5.map((k) => `'${k}'`).join(', ');
    db.exec(`
      CREATE TABLE outbox_v5 (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        id               TEXT NOT NULL UNIQUE,
        profile_id       TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        kind             TEXT NOT NULL CHECK (kind IN (${kinds})),
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
      INSERT INTO outbox_v5 (seq, id, profile_id, kind, target, payload, seen_version, state, attempts, next_attempt_at, uncertain, claimed_by,
                             last_error, conflict, result, created_at, updated_at, sent_at, finished_at)
        SELECT seq, id, profile_id, kind, target, payload, seen_version, state, attempts, next_attempt_at, uncertain, claimed_by,
               last_error, conflict, result, created_at, updated_at, sent_at, finished_at FROM outbox;
      -- Points at the new table from the start: dropping the old one must cascade into nothing.
      CREATE TABLE pending_effects_v5 (
        profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        target      TEXT NOT NULL,
        action_id   TEXT NOT NULL REFERENCES outbox_v5 (id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,
        state       TEXT NOT NULL,
        label       TEXT NOT NULL,
        value       TEXT,
        PRIMARY KEY (profile_id, target)
      ) STRICT;
      INSERT INTO pending_effects_v5 SELECT profile_id, target, action_id, kind, state, label, value FROM pending_effects;
      DROP TABLE pending_effects;
      DROP TABLE outbox;
      -- Renaming also rewrites pending_effects_v5's reference to the new name.
      ALTER TABLE outbox_v5 RENAME TO outbox;
      ALTER TABLE pending_effects_v5 RENAME TO pending_effects;
      CREATE INDEX outbox_open ON outbox (profile_id, state, next_attempt_at);
      CREATE INDEX outbox_target ON outbox (profile_id, target, seq);

      CREATE TABLE partner_settings (
        profile_id  TEXT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
        raw         TEXT NOT NULL,
        fetched_at  TEXT NOT NULL
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
      CREATE UNIQUE INDEX permission_links_state ON permission_links (profile_id, state) WHERE state IS NOT NULL;
      CREATE INDEX permission_links_recent ON permission_links (profile_id, created_at);
    `);
  },
};
