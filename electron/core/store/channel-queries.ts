/**
 * Channel list queries for the UI, the CLI and the export: search, filters, sort, paging and
 * counts per state, with every search term required; terms written as numbers match phone numbers
 * in any way of writing them (see searchTerms in shared/search-text.ts). A page comes from the
 * in-memory copy of the search table (`ChannelSearchIndex`) when its filters allow and the copy is
 * current, else from SQL, which scans the narrow `channel_search` table with instr() (the export always
 * streams from SQL).
 */
import type Database from 'better-sqlite3';
import { type ChannelIds, type ChannelListItem, type ChannelPage, type ChannelQuery } from '@shared/accounts';
import { onWorkerOrHere } from '../workers/off-thread';
import { searchTerms } from '@shared/search-text';
import { parseJsonOr } from './json-column';
import { ChannelSearchIndex, type IndexedPage, type SnapshotBuilder } from './channel-search-index';
import type { SearchSnapshot } from './search-snapshot';
import { channelWhere, orderBy, type Where } from './channel-where';
import { deriveChannelStatus } from '@shared/status';
import { confirmedSyncedAt, lastConfirmedAt } from './confirmed-at';

interface ItemRow {
  id: string;
  client_id: string | null;
  company_name: string | null;
  display_name: string | null;
  phone_number: string | null;
  phone_e164: string | null;
  email: string | null;
  created_at: string | null;
  modified_at: string | null;
  synced_at: string;
  removed_at: string | null;
  raw: string;
}

const CHANNEL_ITEM_SELECT_BY_RID = `
  SELECT c.rid, c.id, c.client_id, c.company_name, c.display_name, c.phone_number, c.phone_e164, c.email, c.created_at, c.modified_at, c.synced_at, c.removed_at, c.raw
  FROM channels c`;

export const CHANNEL_ITEM_SELECT = `
  SELECT c.id, c.client_id, c.company_name, c.display_name, c.phone_number, c.phone_e164, c.email, c.created_at, c.modified_at, c.synced_at, c.removed_at, c.raw
  FROM channel_search s JOIN channels c ON c.rid = s.rid`;

/**
 * A stored row as a list item; its status is derived from the raw record by the current rules.
 * A row is rewritten only when it changes, so its own `synced_at` says when it last changed; every
 * row still listed was confirmed by the last successful sync (`confirmedAt`), which is the age the
 * user needs to see.
 */
export function toChannelItem(row: ItemRow, confirmedAt: string | null = null): ChannelListItem {
  const status = deriveChannelStatus(parseJsonOr(row.raw, null));
  return {
    id: row.id,
    clientId: row.client_id,
    companyName: row.company_name,
    displayName: row.display_name,
    phoneNumber: row.phone_number,
    phoneE164: row.phone_e164,
    email: row.email,
    status,
    createdAt: row.created_at,
    modifiedAt: row.modified_at ?? null,
    syncedAt: confirmedSyncedAt(row, confirmedAt),
    removedAt: row.removed_at,
  };
}

function countPage(page: ReadonlyArray<{ state: string }>): { countsByState: Record<string, number>; total: number } {
  const countsByState: Record<string, number> = {};
  for (const { state } of page) countsByState[state] = (countsByState[state] ?? 0) + 1;
  return { countsByState, total: page.length };
}

/** The rids of a list in its order (from the search copy) and how many it holds in all. */
export interface ListedRids {
  rids: number[];
  total: number;
}

/** The reads a worker thread does for this class, on its own connection (SearchIndexWorker). */
export interface OffThreadChannelReads {
  totals(profileId: string, queries: readonly ChannelQuery[]): Promise<number[]>;
  ids(profileId: string, query: ChannelQuery, max: number, listed: ListedRids | null): Promise<ChannelIds>;
}

export class ChannelQueries {
  /** Null: every query goes to SQL (the reference path the index is tested against). */
  private readonly index: ChannelSearchIndex | null;

  /** `searchIndex`: who builds the in-memory copy (the search index worker); none: SQL alone (the CLI, the reference path in tests). */
  constructor(
    private readonly db: Database.Database,
    options: {
      searchIndex?: SnapshotBuilder;
      /** Who reads whole lists off this thread (counts the copy cannot answer, select-all); absent, done here. */
      offThread?: OffThreadChannelReads;
      log?: (message: string, fields: Record<string, unknown>) => void;
    } = {},
  ) {
    this.index = options.searchIndex ? new ChannelSearchIndex(db, options.searchIndex, options.log) : null;
    this.offThread = options.offThread ?? null;
  }

  private readonly offThread: OffThreadChannelReads | null;

  /** The in-memory copy, when there is one (tests and benchmarks wait for it to be current). */
  get searchIndex(): ChannelSearchIndex | null {
    return this.index;
  }

  /** The profile's channels changed: have a fresh in-memory copy built now, off this thread (unless one came with the change). */
  refresh(profileId: string): void {
    this.index?.refresh(profileId);
  }

  /** A copy of the profile's search table a sync read just before committing; used once that run has committed. */
  offer(profileId: string, runId: number, snapshot: SearchSnapshot): void {
    if (snapshot.profileId === profileId) this.index?.offer(snapshot, runId);
  }

  list(profileId: string, query: ChannelQuery): ChannelPage {
    const where = channelWhere(profileId, query, true);
    const { rids, total, countsByState } = this.fromCopy(profileId, query, where) ?? this.pageWithSql(profileId, query, where);
    // Only the page's wide rows and raw JSON are read.
    const rowByRid = new Map<number, ItemRow & { rid: number }>();
    if (rids.length > 0) {
      const rows = this.db
        .prepare(`${CHANNEL_ITEM_SELECT_BY_RID} WHERE c.rid IN (${rids.map(() => '?').join(', ')})`)
        .all(...rids) as Array<ItemRow & { rid: number }>;
      for (const row of rows) rowByRid.set(row.rid, row);
    }
    const confirmedAt = lastConfirmedAt(this.db, profileId);
    const items = rids.flatMap((rid) => {
      const row = rowByRid.get(rid);
      return row ? [toChannelItem(row, confirmedAt)] : [];
    });
    return { total, offset: query.offset, items, countsByState };
  }

  /** The page's rids and the counts, by SQL. */
  private pageWithSql(profileId: string, query: ChannelQuery, where: Where): IndexedPage {
    // Page first (sort keys only); the caller reads the wide rows of that page alone.
    const page = this.db
      .prepare(
        `SELECT s.rid AS rid, s.state AS state FROM ${this.source(query, where.needsChannel)} WHERE ${where.sql} ORDER BY ${orderBy(query)} LIMIT ? OFFSET ?`,
      )
      .all(...where.params, query.limit, query.offset) as Array<{ rid: number; state: string }>;
    // A first page that holds every match (typical once a search is typed) already tells the counts:
    // one scan instead of two. Otherwise count separately, with the state filter left out.
    const complete = query.offset === 0 && page.length < query.limit && query.states.length === 0;
    const { countsByState, total } = complete ? countPage(page) : this.counts(profileId, query);
    return { rids: page.map((p) => p.rid), total, countsByState };
  }

  /**
   * Where a page's rows come from: the narrow search table alone when it holds every column the
   * query needs (the default order by company included); otherwise joined with the channels rows,
   * led by the search table when a term must be scanned for.
   */
  private source(query: ChannelQuery, needsChannel: boolean): string {
    if (query.sort === 'company' && !needsChannel) return 'channel_search s';
    return searchTerms(query.search).length === 0
      ? 'channels c JOIN channel_search s ON s.rid = c.rid'
      : 'channel_search s JOIN channels c ON c.rid = s.rid';
  }

  /**
   * The page from the in-memory copy, or null: it holds the search table alone, so filters on other
   * channel columns go to SQL, as does every query while the copy is being (re)built.
   */
  private fromCopy(profileId: string, query: ChannelQuery, where: Where): IndexedPage | null {
    return this.index && !where.needsChannel ? this.index.page(profileId, query, where.terms) : null;
  }

  /** Counts per state (the state filter left out) and the total for the wanted states. */
  private counts(profileId: string, query: ChannelQuery): { countsByState: Record<string, number>; total: number } {
    const facet = channelWhere(profileId, query, false);
    const from = facet.needsChannel ? 'channel_search s JOIN channels c ON c.rid = s.rid' : 'channel_search s';
    const rows = this.db
      .prepare(`SELECT s.state AS state, count(*) AS n FROM ${from} WHERE ${facet.sql} GROUP BY s.state`)
      .all(...facet.params) as Array<{
      state: string;
      n: number;
    }>;
    const wanted = new Set<string>(query.states);
    return {
      countsByState: Object.fromEntries(rows.map((r) => [r.state, r.n])),
      total: rows.reduce((sum, r) => sum + (wanted.size === 0 || wanted.has(r.state) ? r.n : 0), 0),
    };
  }

  /**
   * Every id (with its client) of the channels a query finds, in the list's order, up to `max`: what
   * select-all selects. The order comes from the in-memory copy where it can answer, else from one SQL
   * scan of the narrow columns; reading 50,000 ids and clients (~300 ms) happens off this thread.
   */
  async ids(profileId: string, query: ChannelQuery, max: number): Promise<ChannelIds> {
    const indexed = this.fromCopy(profileId, { ...query, offset: 0, limit: max }, channelWhere(profileId, query, true));
    const listed = indexed ? { rids: indexed.rids, total: indexed.total } : null;
    const offThread = this.offThread;
    return onWorkerOrHere(offThread && (() => offThread.ids(profileId, query, max, listed)), () =>
      this.readIds(profileId, query, max, listed),
    );
  }

  /** `ids` on this connection's thread (the worker calls this): for the rids the search copy listed, or by SQL. */
  readIds(
    profileId: string,
    query: ChannelQuery,
    max: number,
    listed: ListedRids | null,
  ): { total: number; items: Array<[string, string | null]> } {
    if (listed) {
      const items: Array<[string, string | null]> = [];
      // Every listed channel's id and client from two narrow indexes (the sync's hash index, migration
      // 8's overview index), not the wide rows.
      const byRid = new Map<number, [string, string | null]>();
      const ids = this.db.prepare('SELECT rid, id FROM channels WHERE profile_id = ?').raw();
      for (const [rid, id] of ids.iterate(profileId) as Iterable<[number, string]>) byRid.set(rid, [id, null]);
      const clients = this.db
        .prepare('SELECT rid, client_id FROM channels WHERE profile_id = ? AND removed_at IS NULL AND client_id IS NOT NULL')
        .raw();
      for (const [rid, clientId] of clients.iterate(profileId) as Iterable<[number, string]>) {
        const item = byRid.get(rid);
        if (item) item[1] = clientId;
      }
      if (query.includeRemoved) {
        for (const [rid, clientId] of this.db
          .prepare('SELECT rid, client_id FROM channels WHERE profile_id = ? AND removed_at IS NOT NULL')
          .raw()
          .iterate(profileId) as Iterable<[number, string | null]>) {
          const item = byRid.get(rid);
          if (item) item[1] = clientId;
        }
      }
      for (const rid of listed.rids) {
        const item = byRid.get(rid);
        if (item) items.push(item);
      }
      return { total: listed.total, items };
    }
    const where = channelWhere(profileId, query, true);
    const rows = this.db
      .prepare(
        `SELECT c.id AS id, c.client_id AS client_id FROM channel_search s JOIN channels c ON c.rid = s.rid WHERE ${where.sql} ORDER BY ${orderBy(query)} LIMIT ?`,
      )
      .raw()
      .all(...where.params, max) as Array<[string, string | null]>;
    const total = rows.length < max ? rows.length : this.counts(profileId, query).total;
    return { total, items: rows };
  }

  /**
   * How many channels each query matches (the saved views' counts): from the search copy where it
   * can answer (microseconds), the rest by SQL on the worker (filters on channel columns: 100-600 ms
   * for ten views of 50,000 channels that would block the window's thread), here if it fails.
   */
  async totals(profileId: string, queries: readonly ChannelQuery[]): Promise<number[]> {
    const totals = queries.map(
      (query) => this.fromCopy(profileId, { ...query, offset: 0, limit: 1 }, channelWhere(profileId, query, true))?.total ?? null,
    );
    const missing = totals.flatMap((total, i) => (total === null ? [i] : []));
    if (missing.length > 0) {
      const asked = missing.map((i) => queries[i]!);
      const offThread = this.offThread;
      const counted = await onWorkerOrHere(offThread && (() => offThread.totals(profileId, asked)), () =>
        this.countBySql(profileId, asked),
      );
      missing.forEach((i, k) => (totals[i] = counted[k] ?? 0));
    }
    return totals as number[];
  }

  /** Each query's count by SQL, on this connection's thread (the worker calls this). */
  countBySql(profileId: string, queries: readonly ChannelQuery[]): number[] {
    return queries.map((query) => {
      const where = channelWhere(profileId, query, true);
      const from = where.needsChannel ? 'channel_search s JOIN channels c ON c.rid = s.rid' : 'channel_search s';
      return (this.db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
    });
  }

  /** Every matching row in order, one at a time (the export streams this; memory stays flat). */
  *iterate(profileId: string, query: ChannelQuery): Generator<ChannelListItem> {
    const where = channelWhere(profileId, query, true);
    const statement = this.db.prepare(`${CHANNEL_ITEM_SELECT} WHERE ${where.sql} ORDER BY ${orderBy(query)}`);
    const confirmedAt = lastConfirmedAt(this.db, profileId);
    for (const row of statement.iterate(...where.params) as Iterable<ItemRow>) yield toChannelItem(row, confirmedAt);
  }

  get(profileId: string, channelId: string): { item: ChannelListItem; raw: unknown } | null {
    const row = this.db.prepare(`${CHANNEL_ITEM_SELECT} WHERE c.profile_id = ? AND c.id = ?`).get(profileId, channelId) as
      ItemRow | undefined;
    if (!row) return null;
    return { item: toChannelItem(row, lastConfirmedAt(this.db, profileId)), raw: parseJsonOr(row.raw, row.raw) };
  }
}
