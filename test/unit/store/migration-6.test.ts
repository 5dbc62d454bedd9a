/**
 * Migration 6 rebuilds the outbox table (SQLite cannot change a CHECK): a version-5 database with
 * queued actions and their overlays keeps every row, its sequence and its overlay, and afterwards
 * accepts the new kinds; the old table's constraint still refuses a kind nobody knows.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@core/store/database';
import { MIGRATIONS } from '@core/store/migrations';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const now = '2026-12-01T10:00:00.000Z';

function insertAction(db: ReturnType<typeof openDatabase>, id: string, kind: string, target: string): void {
  db.prepare(
    `INSERT INTO outbox (id, profile_id, kind, target, payload, state, attempts, next_attempt_at, created_at, updated_at)
     VALUES (?, 'p1', ?, ?, '{}', 'queued', 0, 0, ?, ?)`,
  ).run(id, kind, target, now, now);
}

describe('migration 6', () => {
  it('keeps version-5 outbox rows, their order and overlays, and accepts the new kinds', () => {
    const file = path.join(tmp.dir, 'db.sqlite');
    const v5 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 5) });
    v5.prepare(
      "INSERT INTO profiles (id, partner_id, label, auth_method, hub_url, created_at) VALUES ('p1', 'abcPA', 'Acme', 'api_key', 'https://hub.example/api/v2', ?)",
    ).run(now);
    insertAction(v5, 'a1', 'cancel_channel', 'channel:ch1');
    insertAction(v5, 'a2', 'set_max_channels', 'client:cl1');
    v5.prepare("DELETE FROM outbox WHERE id = 'a1'").run(); // a gap in the sequence must survive too
    insertAction(v5, 'a3', 'generate_api_key', 'channel:ch1');
    v5.prepare(
      "INSERT INTO pending_effects (profile_id, target, action_id, kind, state, label) VALUES ('p1', 'channel:ch1', 'a3', 'generate_api_key', 'queued', 'New API key queued')",
    ).run();
    expect(() => insertAction(v5, 'x', 'withdraw_cancellation', 'channel:ch2')).toThrow(/CHECK/);
    const before = v5.prepare('SELECT seq, id, kind FROM outbox ORDER BY seq').all();
    v5.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT seq, id, kind FROM outbox ORDER BY seq').all()).toEqual(before);
    expect(db.prepare('SELECT action_id, label FROM pending_effects').all()).toEqual([{ action_id: 'a3', label: 'New API key queued' }]);
    for (const [id, kind] of [
      ['n1', 'withdraw_cancellation'],
      ['n2', 'set_partner_settings'],
      ['n3', 'set_partner_payload'],
    ])
      insertAction(db, id!, kind!, 'client:cl1');
    // New rows continue the sequence instead of reusing numbers.
    const seqs = (db.prepare('SELECT seq FROM outbox ORDER BY seq').all() as Array<{ seq: number }>).map((r) => r.seq);
    expect(seqs).toEqual([2, 3, 4, 5, 6]);
    expect(() => insertAction(db, 'bad', 'format_disk', 'client:cl1')).toThrow(/CHECK/);
    // The overlay still follows its action.
    db.prepare("DELETE FROM outbox WHERE id = 'a3'").run();
    expect(db.prepare('SELECT count(*) AS n FROM pending_effects').get()).toEqual({ n: 0 });
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND name LIKE 'outbox_%'").all(),
    ).toEqual(expect.arrayContaining([{ name: 'outbox_open' }, { name: 'outbox_target' }]));
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('partner_settings', 'permission_links') ORDER BY name")
        .all(),
    ).toEqual([{ name: 'partner_settings' }, { name: 'permission_links' }]);
    db.close();
  });
});
