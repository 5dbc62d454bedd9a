/**
 * Migration 7 (phone numbers) on a database at version 6, as the onboarding release (issue 16) left it:
 * its onboarding rows stay, the channels gain `phone_e164`, the search rows and clients a `numbers`
 * column, and the client list's narrow index (migration 5) is rebuilt with the numbers, so the client
 * list's count and search by number still scan the index and never the wide rows. The rows that
 * release wrote (digits stripped by hand: "00491510001037" kept its 00) are re-derived from their raw
 * JSON when the database is first opened by this version.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientQuery } from '@shared/accounts';
import { ClientQueries } from '@core/store/client-queries';
import { openDatabase } from '@core/store/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '@core/store/migrations';
import { RecordTableWriter } from '@core/store/record-tables';
import { refreshDerived, RULES_VERSION_KEY } from '@core/sync/refresh-derived';
import { CHANNEL_COLUMNS, CLIENT_COLUMNS, STATUS_RULES_VERSION } from '@core/sync/record-rows';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const now = '2026-12-01T10:00:00.000Z';

const client = {
  id: 'k1CL',
  name: 'Nordlicht GmbH',
  partner_payload: 'crm-1',
  contact_info: { email: 'ops@nordlicht.example', phone: '0049 30 123456', country: 'DE' },
};
const channel = {
  id: 'ch1CH',
  client_id: 'k1CL',
  account_mode: 'live',
  status: 'ready',
  setup_info: { phone_number: '00491510001037', phone_name: 'Nordlicht' },
};

/** A version-6 database with what the onboarding release stored: a synced client and channel, a permission link, a queued action. */
function versionSixDatabase(file: string): void {
  const v6 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
  expect(v6.pragma('user_version', { simple: true })).toBe(6);
  v6.prepare(
    "INSERT INTO profiles (id, partner_id, label, auth_method, hub_url, created_at) VALUES ('p1', 'abcPA', 'Acme', 'api_key', 'https://hub.example/api/v2', ?)",
  ).run(now);
  v6.prepare(
    `INSERT INTO clients (profile_id, id, name, name_sort, email, hash, raw, search_text, synced_at)
     VALUES ('p1', 'k1CL', 'Nordlicht GmbH', 'nordlicht gmbh', 'ops@nordlicht.example', 'h1', ?, 'nordlicht gmbh ops@nordlicht.example crm-1 004930123456', ?)`,
  ).run(JSON.stringify(client), now);
  const { lastInsertRowid: rid } = v6
    .prepare(
      `INSERT INTO channels (profile_id, id, client_id, company_name, phone_number, state, state_order, status_fingerprint, hash, raw, synced_at)
       VALUES ('p1', 'ch1CH', 'k1CL', 'Nordlicht GmbH', '00491510001037', 'live', 1, 'f', 'raw1:words1', ?, ?)`,
    )
    .run(JSON.stringify(channel), now);
  v6.prepare(
    "INSERT INTO channel_search (rid, profile_id, state, search_text) VALUES (?, 'p1', 'live', 'nordlicht gmbh 00491510001037')",
  ).run(rid);
  v6.prepare(
    "INSERT INTO permission_links (id, profile_id, state, url, origin, client_id, number, created_at) VALUES ('l1', 'p1', 's1', 'https://hub.example/x', 'link', 'k1CL', '+4915123456789', ?)",
  ).run(now);
  v6.prepare(
    `INSERT INTO outbox (id, profile_id, kind, target, payload, state, attempts, next_attempt_at, created_at, updated_at)
     VALUES ('a1', 'p1', 'set_partner_payload', 'client:k1CL', '{}', 'queued', 0, 0, ?, ?)`,
  ).run(now, now);
  v6.close();
}

describe('migration 7', () => {
  it('upgrades a version-6 (onboarding) database: numbers columns, the client list index, the onboarding rows kept', () => {
    const file = path.join(tmp.dir, 'db.sqlite');
    versionSixDatabase(file);

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const columns = (table: string) =>
        (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((c) => c.name);
      expect(columns('channels')).toContain('phone_e164');
      expect(columns('channel_search')).toContain('numbers');
      expect(columns('clients')).toContain('numbers');
      // Migration 5's narrow index, now with the numbers, in the order the client list's query reads it.
      expect(
        (db.prepare("SELECT name FROM pragma_index_info('clients_list') ORDER BY seqno").all() as Array<{ name: string }>).map(
          (c) => c.name,
        ),
      ).toEqual(['profile_id', 'name_sort', 'removed_at', 'search_text', 'numbers']);
      // What migration 6 brought is untouched.
      expect(db.prepare('SELECT id, number FROM permission_links').all()).toEqual([{ id: 'l1', number: '+4915123456789' }]);
      expect(db.prepare('SELECT id, kind, state FROM outbox').all()).toEqual([{ id: 'a1', kind: 'set_partner_payload', state: 'queued' }]);
      // Not yet re-derived: the new columns are empty, never wrong.
      expect(db.prepare('SELECT phone_number, phone_e164 FROM channels').get()).toEqual({
        phone_number: '00491510001037',
        phone_e164: null,
      });
    } finally {
      db.close();
    }
  });

  it("re-derives the onboarding release's rows: E.164 numbers, searchable however written, through the index", async () => {
    const file = path.join(tmp.dir, 'db.sqlite');
    versionSixDatabase(file);
    const db = openDatabase(file);
    try {
      const writers = {
        clients: new RecordTableWriter(db, 'clients', CLIENT_COLUMNS),
        channels: new RecordTableWriter(db, 'channels', CHANNEL_COLUMNS),
      };
      expect(await refreshDerived(db, writers)).toMatchObject({ clients: 1, channels: 1 });
      expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(RULES_VERSION_KEY)).toBe(String(STATUS_RULES_VERSION));

      expect(db.prepare('SELECT phone_number, phone_e164 FROM channels').get()).toEqual({
        phone_number: '00491510001037',
        phone_e164: '+491510001037',
      });
      expect(db.prepare('SELECT numbers FROM channel_search').pluck().get()).toContain('+491510001037');
      // The client's contact number, written "0049 30 123456": found as E.164, nationally, with 00, by its tag.
      const clients = new ClientQueries(db);
      const found = (search: string) => clients.list('p1', ClientQuery.parse({ search })).items.map((c) => c.id);
      for (const search of ['+49 30 123456', '030 123456', '0049 30 12', 'crm-1']) expect(found(search), search).toEqual(['k1CL']);
      expect(found('+33')).toEqual([]);
      expect(clients.get('p1', 'k1CL')).toMatchObject({ partnerPayload: 'crm-1', country: 'DE' });
      // The list's count by number reads the narrow index alone, never the wide rows.
      const plan = db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT count(*) AS n FROM clients k WHERE k.profile_id = ? AND k.removed_at IS NULL AND (instr(k.search_text, ?) > 0 OR instr(k.numbers, ?) > 0)',
        )
        .all('p1', 'x', '+4930') as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX clients_list/);
    } finally {
      db.close();
    }
  });
});
