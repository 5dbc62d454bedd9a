/**
 * The channel search table of one profile held in memory, so that a search is a single pass over
 * 50,000 short strings in V8 (a few ms) that yields the page and the counts per state together,
 * where SQLite needs one scan for the page and a second for the counts (15-40 ms together).
 *
 * The copy is only ever used while it is current, checked on every query: `PRAGMA data_version`
 * tells of a commit by any other connection or process, and this connection's own writes are told
 * by the channel writer's `ChangeCounter` (so a balance or a notification written meanwhile does not
 * throw the copy away), or, without a counter, by `total_changes()` (any write at all). A profile
 * that no longer exists (deleted with its channels) has no rows. The orders come from SQLite itself
 * (`ORDER BY`, the same expressions as the SQL path), so both paths sort exactly alike.
 *
 * It answers queries whose filters live in the search table (search terms, states, removed, any
 * sort); ChannelQueries sends those with filters on other channel columns to SQL.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ChannelQuery, ChannelSort } from '../../../shared/accounts';
import type { ChangeCounter } from './change-counter';

/** Record ids of a page in order, with the counts the page header shows. */
export interface IndexedPage {
  rids: number[];
  total: number;
  countsByState: Record<string, number>;
}

/** One sort order: positions into the snapshot, the rows with a sort key first. */
interface Order {
  positions: Uint32Array;
  /** How many leading positions have a (non-null) sort key; the rest sort last either way. */
  keyed: number;
}

interface Snapshot {
  profileId: string;
  version: string;
  rids: Float64Array;
  states: string[];
  removed: Uint8Array;
  searchTexts: string[];
  /** rid -> position, to map the other orders onto the snapshot. */
  positionOf: Map<number, number>;
  orders: Map<ChannelSort, Order>;
}

const Count = z.number().int();

/** Columns as the STRICT tables type them; checked by hand, as zod per row would double a rebuild's cost. */
function integerAt(row: unknown[], i: number): number {
  const value = row[i];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`channel search row: column ${i} is not an integer`);
  return value;
}

function textAt(row: unknown[], i: number): string {
  const value = row[i];
  if (typeof value !== 'string') throw new Error(`channel search row: column ${i} is not text`);
  return value;
}

/** The sort key of each order, as the SQL path sorts (see channel-queries.ts). */
const SORT_KEY: Record<Exclude<ChannelSort, 'company'>, string> = {
  display_name: 'c.display_sort',
  phone: 'c.phone_number',
  state: 'c.state_order',
  created: 'c.created_at',
  modified: 'c.modified_at',
};

export class ChannelSearchIndex {
  private snapshot: Snapshot | null = null;

  /** How many times the copy was (re)built; for tests and diagnostics. */
  builds = 0;

  constructor(
    private readonly db: Database.Database,
    /** The channel writer's counter; without one, any write on the connection makes the copy stale. */
    private readonly changes?: ChangeCounter,
  ) {}

  /**
   * The rids of the requested page in order, the total for the wanted states, and the counts per
   * state with the state filter left out. `terms` must all occur in a row's search text.
   */
  page(profileId: string, query: ChannelQuery, terms: readonly string[]): IndexedPage {
    const snapshot = this.current(profileId);
    const order = this.order(snapshot, query.sort);
    const { rids, states, removed, searchTexts } = snapshot;
    const wanted = query.states.length > 0 ? new Set<string>(query.states) : null;
    const countsByState: Record<string, number> = {};
    const pageRids: number[] = [];
    const end = query.offset + query.limit;
    let total = 0;
    const visit = (position: number): void => {
      if (removed[position] === 1 && !query.includeRemoved) return;
      const text = searchTexts[position] as string;
      for (const term of terms) if (!text.includes(term)) return;
      const state = states[position] as string;
      countsByState[state] = (countsByState[state] ?? 0) + 1;
      if (wanted && !wanted.has(state)) return;
      if (total >= query.offset && total < end) pageRids.push(rids[position] as number);
      total += 1;
    };
    const { positions, keyed } = order;
    const count = positions.length;
    if (query.direction === 'desc') {
      // Keyed rows by key and rid descending, then the unkeyed ones by rid descending (NULLS LAST).
      for (let i = keyed - 1; i >= 0; i -= 1) visit(positions[i] as number);
      for (let i = count - 1; i >= keyed; i -= 1) visit(positions[i] as number);
    } else {
      for (let i = 0; i < count; i += 1) visit(positions[i] as number);
    }
    return { rids: pageRids, total, countsByState };
  }

  /** Drops the copy (to free its memory, e.g. when the profile is signed out). */
  clear(): void {
    this.snapshot = null;
  }

  private version(): string {
    const changes = this.changes ? this.changes.value : Count.parse(this.db.prepare('SELECT total_changes()').pluck().get());
    const dataVersion = Count.parse(this.db.pragma('data_version', { simple: true }));
    return `${dataVersion}:${changes}`;
  }

  private current(profileId: string): Snapshot {
    const version = this.version();
    const cached = this.snapshot;
    const exists = this.db.prepare('SELECT 1 FROM profiles WHERE id = ?').pluck().get(profileId) !== undefined;
    if (cached && cached.profileId === profileId && cached.version === version && exists) return cached;
    this.builds += 1;
    const rows = this.db
      .prepare(
        `SELECT rid, state, removed, search_text, company_sort IS NOT NULL FROM channel_search
         WHERE profile_id = ? ORDER BY company_sort ASC NULLS LAST, rid ASC`,
      )
      .raw()
      .all(profileId) as unknown[][];
    const count = rows.length;
    const snapshot: Snapshot = {
      profileId,
      version,
      rids: new Float64Array(count),
      states: new Array<string>(count),
      removed: new Uint8Array(count),
      searchTexts: new Array<string>(count),
      positionOf: new Map(),
      orders: new Map(),
    };
    const company: Order = { positions: new Uint32Array(count), keyed: 0 };
    rows.forEach((row, position) => {
      const rid = integerAt(row, 0);
      snapshot.rids[position] = rid;
      snapshot.states[position] = textAt(row, 1);
      snapshot.removed[position] = integerAt(row, 2) === 0 ? 0 : 1;
      snapshot.searchTexts[position] = textAt(row, 3);
      snapshot.positionOf.set(rid, position);
      company.positions[position] = position;
      if (integerAt(row, 4) === 1) company.keyed += 1;
    });
    snapshot.orders.set('company', company);
    this.snapshot = snapshot;
    return snapshot;
  }

  /** An order other than by company is read from SQLite the first time it is asked for. */
  private order(snapshot: Snapshot, sort: ChannelSort): Order {
    const cached = snapshot.orders.get(sort);
    if (cached) return cached;
    const key = SORT_KEY[sort as Exclude<ChannelSort, 'company'>];
    const rows = this.db
      .prepare(
        `SELECT s.rid, ${key} IS NOT NULL FROM channel_search s JOIN channels c ON c.rid = s.rid
         WHERE s.profile_id = ? ORDER BY ${key} ASC NULLS LAST, s.rid ASC`,
      )
      .raw()
      .all(snapshot.profileId) as unknown[][];
    const order: Order = { positions: new Uint32Array(rows.length), keyed: 0 };
    rows.forEach((row, i) => {
      const rid = integerAt(row, 0);
      const position = snapshot.positionOf.get(rid);
      if (position === undefined) throw new Error(`channel ${rid} is missing from the search snapshot`);
      order.positions[i] = position;
      if (integerAt(row, 1) === 1) order.keyed += 1;
    });
    snapshot.orders.set(sort, order);
    return order;
  }
}
