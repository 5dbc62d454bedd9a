/**
 * Every earlier schema version upgrades to the latest with its data intact: a database is built at
 * version k (migrations 1..k) and filled with realistic rows (test/helpers/database-at-version.ts),
 * then opened by this version of the app. Every row of every table must still be there with the
 * same values in the columns that survive, AUTOINCREMENT sequences never go back, the result is the
 * same schema a new database gets, SQLite's integrity and foreign-key checks pass, and the hot
 * queries still use their indexes. Versions come from the migrations index, so a new migration is
 * covered the day it is added.
 *
 * A migration that is meant to change values (not just add or drop columns) says how in
 * EXPECTED_CHANGES below; anything else that changes is a lost or damaged row.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@core/store/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '@core/store/migrations';
import { columnsOf, createDatabaseAtVersion, SAMPLE_ROWS, SCHEMA_VERSIONS, tablesOf } from '../../helpers/database-at-version';
import { makeTempDir } from '../../helpers/temp-dir';

type Row = Record<string, unknown>;

/**
 * Value changes a migration makes on purpose, by the version that makes them: given a table and a
 * row as it was before, the row as it must be after. None yet: migrations 1-6 only add and drop.
 */
const EXPECTED_CHANGES: Record<number, (table: string, row: Row) => Row> = {};

/**
 * The queries the app runs most (a sync's hash read, the client list and its count, the outbox's
 * queue, notifications, the sync lease) and the index each must use, on a new database and on
 * every upgraded one. A migration that rebuilds a table and forgets an index fails here.
 */
const HOT_QUERIES: Array<{ what: string; sql: string; index: string }> = [
  {
    what: "a sync's channel hash read",
    sql: 'SELECT rid, id, hash, removed_at FROM channels WHERE profile_id = ?',
    index: 'channels_hashes',
  },
  { what: "a sync's client hash read", sql: 'SELECT rid, id, hash, removed_at FROM clients WHERE profile_id = ?', index: 'clients_hashes' },
  {
    what: "a channel's record by id",
    sql: 'SELECT rid, hash, removed_at FROM channels WHERE profile_id = ? AND id = ?',
    index: 'sqlite_autoindex_channels_1',
  },
  { what: "a client's channels", sql: 'SELECT id FROM channels WHERE profile_id = ? AND client_id = ?', index: 'channels_client' },
  {
    what: 'the client list searched',
    sql: "SELECT count(*) FROM clients k WHERE k.profile_id = ? AND k.removed_at IS NULL AND instr(k.search_text, 'acme') > 0",
    index: 'clients_list',
  },
  {
    what: 'the client list page',
    sql: 'SELECT id FROM clients k WHERE k.profile_id = ? AND k.removed_at IS NULL ORDER BY k.name_sort LIMIT 50',
    index: 'clients_list',
  },
  {
    what: "the outbox's next due action",
    sql: "SELECT min(next_attempt_at) FROM outbox WHERE profile_id = ? AND state = 'queued'",
    index: 'outbox_open',
  },
  {
    what: "a record's open actions",
    sql: "SELECT * FROM outbox WHERE profile_id = ? AND target = ? AND state IN ('queued', 'sending', 'conflict') ORDER BY seq",
    index: 'outbox_target',
  },
  {
    what: 'the notification list',
    sql: 'SELECT * FROM notifications WHERE profile_id = ? ORDER BY id DESC LIMIT 100',
    index: 'notifications_profile',
  },
  {
    what: "a profile's running sync (its lease)",
    sql: "SELECT * FROM sync_runs WHERE profile_id = ? AND status = 'running' ORDER BY id DESC LIMIT 1",
    index: 'sync_runs_running',
  },
  {
    what: "a profile's last sync",
    sql: 'SELECT * FROM sync_runs WHERE profile_id = ? ORDER BY id DESC LIMIT 1',
    index: 'sync_runs_profile',
  },
  {
    what: 'a permission link by its state',
    sql: 'SELECT * FROM permission_links WHERE profile_id = ? AND state = ?',
    index: 'permission_links_state',
  },
];

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

function primaryKey(db: Database.Database, table: string): string[] {
  const pk = (db.prepare('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as Array<{ name: string }>).map(
    (c) => c.name,
  );
  return pk.length ? pk : ['rowid'];
}

interface Dump {
  tables: Map<string, { key: string[]; rows: Map<string, Row> }>;
  sequences: Map<string, number>;
}

function dump(db: Database.Database): Dump {
  const tables = new Map<string, { key: string[]; rows: Map<string, Row> }>();
  for (const table of tablesOf(db)) {
    const key = primaryKey(db, table);
    const rows = new Map<string, Row>();
    for (const row of db.prepare(`SELECT ${key.includes('rowid') ? 'rowid, ' : ''}* FROM ${table}`).all() as Row[])
      rows.set(JSON.stringify(key.map((k) => row[k])), row);
    tables.set(table, { key, rows });
  }
  const hasSequences = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_sequence'").get() as { n: number }).n > 0;
  const sequences = new Map(
    hasSequences
      ? (db.prepare('SELECT name, seq FROM sqlite_sequence').all() as Array<{ name: string; seq: number }>).map((r) => [r.name, r.seq])
      : [],
  );
  return { tables, sequences };
}

/** sqlite_master without its rowids and root pages: what a schema is. */
function schemaOf(db: Database.Database): Array<Record<string, unknown>> {
  return db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name != 'sqlite_sequence' ORDER BY type, name")
    .all() as Array<Record<string, unknown>>;
}

function expectedAfter(fromVersion: number, table: string, row: Row): Row {
  let expected = row;
  for (const m of MIGRATIONS)
    if (m.version > fromVersion && EXPECTED_CHANGES[m.version]) expected = EXPECTED_CHANGES[m.version]!(table, expected);
  return expected;
}

function queryPlan(db: Database.Database, sql: string): string {
  const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'p1');
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
}

function expectHotQueriesIndexed(db: Database.Database): void {
  for (const { what, sql, index } of HOT_QUERIES) {
    const plan = queryPlan(db, sql);
    expect(plan, `${what}: ${sql}`).toMatch(new RegExp(`USING (COVERING )?INDEX ${index}\\b`));
  }
}

function freshSchema(): Array<Record<string, unknown>> {
  const db = openDatabase(path.join(tmp.dir, 'fresh.sqlite'));
  try {
    return schemaOf(db);
  } finally {
    db.close();
  }
}

describe('the sample rows', () => {
  it('fill every table of the latest schema and name only columns some version has', () => {
    const columnsEver = new Map<string, Set<string>>();
    for (const version of SCHEMA_VERSIONS) {
      const db = openDatabase(path.join(tmp.dir, `v${version}.sqlite`), { migrations: MIGRATIONS.filter((m) => m.version <= version) });
      for (const table of tablesOf(db))
        for (const column of columnsOf(db, table)) (columnsEver.get(table) ?? columnsEver.set(table, new Set()).get(table)!).add(column);
      db.close();
    }
    const db = openDatabase(path.join(tmp.dir, 'latest.sqlite'));
    const latestTables = tablesOf(db);
    db.close();
    expect(
      latestTables.filter((t) => !(t in SAMPLE_ROWS)),
      'tables without sample rows in test/helpers/database-at-version.ts',
    ).toEqual([]);
    for (const [table, rows] of Object.entries(SAMPLE_ROWS)) {
      expect(columnsEver.has(table), `SAMPLE_ROWS names a table no version has: ${table}`).toBe(true);
      for (const row of rows)
        expect(
          Object.keys(row).filter((c) => !columnsEver.get(table)!.has(c)),
          `columns of ${table} no version has`,
        ).toEqual([]);
    }
    expect(Object.values(SAMPLE_ROWS).filter((rows) => rows.length > 0).length).toBeGreaterThan(15);
  });
});

describe.each(SCHEMA_VERSIONS.filter((v) => v < LATEST_SCHEMA_VERSION))('a populated version-%i database', (version) => {
  it(`upgrades to version ${LATEST_SCHEMA_VERSION} keeping every row, sequence, and a sound schema`, () => {
    const file = path.join(tmp.dir, 'db.sqlite');
    createDatabaseAtVersion(file, version);
    const old = new Database(file, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(version);
    expect(old.pragma('foreign_key_check'), 'the sample rows are consistent at their own version').toEqual([]);
    const before = dump(old);
    old.close();
    for (const [table, { rows }] of before.tables)
      expect(rows.size, `sample rows in ${table}`).toBeGreaterThanOrEqual(SAMPLE_ROWS[table]!.length);

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const after = dump(db);

      for (const [table, { key, rows }] of before.tables) {
        const now = after.tables.get(table);
        expect(now, `table ${table} (${rows.size} rows at version ${version}) is gone after the upgrade`).toBeDefined();
        const surviving = new Set(columnsOf(db, table));
        for (const [id, row] of rows) {
          const upgraded = now!.rows.get(id);
          expect(upgraded, `${table} row ${key.join(',')}=${id} was lost upgrading from version ${version}`).toBeDefined();
          const expected = expectedAfter(version, table, row);
          const common = Object.keys(expected).filter((c) => surviving.has(c));
          expect(
            Object.fromEntries(common.map((c) => [c, upgraded![c]])),
            `${table} row ${id} changed upgrading from version ${version}`,
          ).toEqual(Object.fromEntries(common.map((c) => [c, expected[c]])));
        }
      }
      for (const [table, seq] of before.sequences)
        expect(after.sequences.get(table), `AUTOINCREMENT of ${table} went back`).toBeGreaterThanOrEqual(seq);

      expect(schemaOf(db), 'an upgraded database has exactly the schema of a new one').toEqual(freshSchema());
      expectHotQueriesIndexed(db);
    } finally {
      db.close();
    }
  });
});

describe('migration 4 (the channels lose their company sort key)', () => {
  it.each([2, 3])('drops channels.company_sort and its index from a populated version-%i database, keeping the channels', (version) => {
    const file = path.join(tmp.dir, 'db.sqlite');
    createDatabaseAtVersion(file, version);
    const old = new Database(file, { readonly: true });
    expect(columnsOf(old, 'channels')).toContain('company_sort');
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'channel_search_company'").get()).toBeDefined();
    const channels = old.prepare('SELECT rid, id, company_name, phone_number, raw FROM channels ORDER BY rid').all();
    const search = old.prepare('SELECT rid, company_sort, search_text FROM channel_search ORDER BY rid').all();
    old.close();

    const db = openDatabase(file);
    try {
      expect(columnsOf(db, 'channels')).not.toContain('company_sort');
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'channel_search_company'").get()).toBeUndefined();
      expect(
        db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('channels_hashes', 'clients_hashes') ORDER BY name")
          .all(),
      ).toEqual([{ name: 'channels_hashes' }, { name: 'clients_hashes' }]);
      expect(channels.length).toBe(SAMPLE_ROWS.channels!.length);
      expect(db.prepare('SELECT rid, id, company_name, phone_number, raw FROM channels ORDER BY rid').all()).toEqual(channels);
      // channel_search keeps its own copy of the sort key, which is the one read.
      expect(db.prepare('SELECT rid, company_sort, search_text FROM channel_search ORDER BY rid').all()).toEqual(search);
    } finally {
      db.close();
    }
  });
});

describe('a new database', () => {
  it('uses the indexes of the hot queries', () => {
    const db = openDatabase(path.join(tmp.dir, 'db.sqlite'));
    try {
      expectHotQueriesIndexed(db);
    } finally {
      db.close();
    }
  });
});
