/**
 * Writes synced records (clients, channels) as indexed columns plus the raw JSON, and
 * answers what the sync needs to diff a listing: each stored record's content hash. Unchanged
 * records are never rewritten; records missing from a complete listing are marked removed.
 */
import type Database from 'better-sqlite3';

export interface StoredHash {
  rid: number;
  hash: string;
  removed: boolean;
}

export interface RecordRow {
  id: string;
  hash: string;
  raw: string;
  /** The table's indexed columns (other than profile_id, id, hash, synced_at, removed_at). */
  columns: Record<string, string | number | null>;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/** For channels, the narrow table that search, counts and the default order use (search_text, numbers, state, company_sort). */
const TABLES = {
  clients: { search: null },
  channels: { search: 'channel_search' },
} as const;
export type RecordTable = keyof typeof TABLES;

/** Columns that live in the search table only, when the table has one. */
const SEARCH_ONLY = new Set(['search_text', 'numbers']);

export class RecordTableWriter {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly columnNames: readonly string[];
  private readonly search: string | null;

  /** Prepared once: a sync writes up to 75,000 rows through these, so nothing is rebuilt per row. */
  private readonly insertRow: Database.Statement;
  private readonly updateRow: Database.Statement;
  private readonly insertSearch: Database.Statement | null;
  private readonly updateSearch: Database.Statement | null;

  constructor(
    private readonly db: Database.Database,
    private readonly table: RecordTable,
    columnNames: readonly string[],
  ) {
    this.search = TABLES[table].search;
    // With a search table, search_text and numbers live there only.
    this.columnNames = this.search ? columnNames.filter((name) => !SEARCH_ONLY.has(name)) : columnNames;
    const names = this.columnNames.join(', ');
    const placeholders = this.columnNames.map(() => '?').join(', ');
    const assignments = this.columnNames.map((name) => `${name} = ?`).join(', ');
    this.insertRow = db.prepare(
      `INSERT INTO ${table} (profile_id, id, hash, raw, synced_at, removed_at, ${names}) VALUES (?, ?, ?, ?, ?, NULL, ${placeholders})`,
    );
    this.updateRow = db.prepare(`UPDATE ${table} SET hash = ?, raw = ?, synced_at = ?, removed_at = NULL, ${assignments} WHERE rid = ?`);
    this.insertSearch = this.search
      ? db.prepare(
          `INSERT INTO ${this.search} (rid, profile_id, state, removed, company_sort, search_text, numbers) VALUES (?, ?, ?, 0, ?, ?, ?)`,
        )
      : null;
    this.updateSearch = this.search
      ? db.prepare(`UPDATE ${this.search} SET state = ?, removed = 0, company_sort = ?, search_text = ?, numbers = ? WHERE rid = ?`)
      : null;
  }

  /** Every stored record's hash, read from a covering index (migration 4), never the wide rows. */
  hashes(profileId: string): Map<string, StoredHash> {
    const rows = this.stmt(`SELECT rid, id, hash, removed_at FROM ${this.table} WHERE profile_id = ?`).all(profileId) as Array<{
      rid: number;
      id: string;
      hash: string;
      removed_at: string | null;
    }>;
    return new Map(rows.map((r) => [r.id, { rid: r.rid, hash: r.hash, removed: r.removed_at !== null }]));
  }

  /** Inserts or updates one record unless its hash is unchanged; call inside a transaction. */
  write(profileId: string, row: RecordRow, stored: StoredHash | undefined, syncedAt: string): 'inserted' | 'updated' | 'unchanged' {
    if (stored && stored.hash === row.hash && !stored.removed) return 'unchanged';
    // One array bound as the statement's parameters (no spread: this runs 75,000 times in a sync).
    const names = this.columnNames;
    const values: Array<string | number | null> = new Array(names.length + 5);
    let i = 0;
    if (!stored) {
      values[i++] = profileId;
      values[i++] = row.id;
    }
    values[i++] = row.hash;
    values[i++] = row.raw;
    values[i++] = syncedAt;
    for (const name of names) values[i++] = row.columns[name] ?? null;
    const { state, company_sort: companySort, search_text: searchText, numbers } = row.columns;
    if (!stored) {
      const { lastInsertRowid } = this.insertRow.run(values);
      this.insertSearch?.run(lastInsertRowid, profileId, state ?? 'unknown', companySort ?? null, searchText ?? '', numbers ?? '');
      return 'inserted';
    }
    values[i++] = stored.rid;
    values.length = i;
    this.updateRow.run(values);
    this.updateSearch?.run(state ?? 'unknown', companySort ?? null, searchText ?? '', numbers ?? '', stored.rid);
    return 'updated';
  }

  /**
   * Rewrites a stored record's derived columns and hash after the rules changed, leaving its raw JSON,
   * synced_at and removal as they are (it is the same record, read again by newer rules).
   */
  rewriteDerived(rid: number, row: RecordRow): void {
    const assignments = this.columnNames.map((name) => `${name} = ?`).join(', ');
    this.stmt(`UPDATE ${this.table} SET hash = ?, ${assignments} WHERE rid = ?`).run(
      row.hash,
      ...this.columnNames.map((name) => row.columns[name] ?? null),
      rid,
    );
    if (this.search) {
      const { state, company_sort: companySort, search_text: searchText, numbers } = row.columns;
      this.stmt(`UPDATE ${this.search} SET state = ?, company_sort = ?, search_text = ?, numbers = ? WHERE rid = ?`).run(
        state ?? 'unknown',
        companySort ?? null,
        searchText ?? '',
        numbers ?? '',
        rid,
      );
    }
  }

  /** Marks removed every stored, not yet removed record whose id the complete listing lacked. */
  markMissingRemoved(profileId: string, seen: ReadonlySet<string>, stored: Map<string, StoredHash>, removedAt: string): string[] {
    const removed: string[] = [];
    const mark = this.stmt(`UPDATE ${this.table} SET removed_at = ? WHERE rid = ?`);
    const markSearch = this.search ? this.stmt(`UPDATE ${this.search} SET removed = 1 WHERE rid = ?`) : null;
    for (const [id, entry] of stored) {
      if (entry.removed || seen.has(id)) continue;
      mark.run(removedAt, entry.rid);
      markSearch?.run(entry.rid);
      removed.push(id);
    }
    return removed;
  }

  raw(profileId: string, id: string): string | null {
    const sql = `SELECT raw FROM ${this.table} WHERE profile_id = ? AND id = ?`;
    const row = this.stmt(sql).get(profileId, id) as { raw: string } | undefined;
    return row?.raw ?? null;
  }

  /** Who a channel is, for a notification about it (channels table only); the number in E.164, else as sent. */
  summary(
    profileId: string,
    id: string,
  ): { id: string; clientId: string | null; companyName: string | null; phoneNumber: string | null } | null {
    if (this.table !== 'channels') return null;
    const row = this.stmt(
      'SELECT client_id, company_name, coalesce(phone_e164, phone_number) AS phone FROM channels WHERE profile_id = ? AND id = ?',
    ).get(profileId, id) as { client_id: string | null; company_name: string | null; phone: string | null } | undefined;
    return row ? { id, clientId: row.client_id, companyName: row.company_name, phoneNumber: row.phone } : null;
  }

  /** A stored channel's status fingerprint and raw record by row id (to tell whether and how its status changed). */
  storedStatus(rid: number): { fingerprint: string; raw: string } | null {
    if (this.table !== 'channels') return null;
    const row = this.stmt('SELECT status_fingerprint, raw FROM channels WHERE rid = ?').get(rid) as
      { status_fingerprint: string; raw: string } | undefined;
    return row ? { fingerprint: row.status_fingerprint, raw: row.raw } : null;
  }

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
