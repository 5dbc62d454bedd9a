/**
 * A profile's channel search table as one compact, transferable snapshot: record ids, states and
 * removal as typed arrays (rows in rid order), every search text in one string with their offsets,
 * and the row order of each sort as SQLite orders it (`ORDER BY`, the same expressions as the SQL
 * path, so both sort exactly alike). It is built off the thread that answers queries (by the sync
 * worker right after its write, with the default order; by the search index worker otherwise) and
 * moved there without copying the arrays. The `generation` it was read at (channel_generations,
 * bumped by triggers on every change of the table) tells whether it is current; an order built
 * later for the same generation (`buildSnapshotOrder`) fits it, since rows are in rid order.
 */
import type Database from 'better-sqlite3';
import { type ChannelSort } from '@shared/accounts';

export interface SnapshotOrder {
  /** Row positions in this order; the rows with a sort key first. */
  positions: Uint32Array;
  /** How many leading positions have a (non-null) sort key; the rest sort last either way. */
  keyed: number;
}

export interface SearchSnapshot {
  profileId: string;
  generation: number;
  rids: Float64Array;
  /** Index into `stateNames` per row. */
  stateCodes: Uint16Array;
  stateNames: string[];
  removed: Uint8Array;
  /** Every row's search text, one after the other, separated by NUL. */
  text: string;
  /** Row i's text is text.slice(starts[i], starts[i + 1] - 1). */
  starts: Uint32Array;
  /** Every row's phone number tokens (channel_search.numbers), joined the same way. */
  numbers: string;
  numberStarts: Uint32Array;
  /** The sorts built so far (the default one always; the others when first asked for). */
  orders: Partial<Record<ChannelSort, SnapshotOrder>>;
}

/** One more sort for a snapshot of the same profile and generation. */
export interface BuiltOrder {
  profileId: string;
  generation: number;
  sort: ChannelSort;
  order: SnapshotOrder;
}

/** Numbers sort by E.164; one that did not parse sorts by the text the Hub sent. */
export const PHONE_SORT = 'coalesce(c.phone_e164, c.phone_number)';

/** The sort key of each order, as the SQL path sorts (see channel-queries.ts). */
const SORT_KEY: Record<ChannelSort, string> = {
  company: 's.company_sort',
  display_name: 'c.display_sort',
  phone: PHONE_SORT,
  state: 'c.state_order',
  created: 'c.created_at',
  modified: 'c.modified_at',
};

const SEPARATOR = '\u0000';

/** Columns as the STRICT tables type them; checked by hand, as zod per row would double a build's cost. */
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

export function readGeneration(db: Database.Database, profileId: string): number {
  const value: unknown = db.prepare('SELECT generation FROM channel_generations WHERE profile_id = ?').pluck().get(profileId);
  return typeof value === 'number' ? value : 0;
}

/** Reads the snapshot in one (deferred: read-only) transaction, so the generation and the rows agree. */
export function buildSearchSnapshot(db: Database.Database, profileId: string, sorts: readonly ChannelSort[] = ['company']): SearchSnapshot {
  return db
    .transaction((): SearchSnapshot => {
      const generation = readGeneration(db, profileId);
      const rows = db
        .prepare('SELECT rid, state, removed, search_text, numbers FROM channel_search WHERE profile_id = ? ORDER BY rid')
        .raw()
        .all(profileId) as unknown[][];
      const count = rows.length;
      const rids = new Float64Array(count);
      const stateCodes = new Uint16Array(count);
      const removed = new Uint8Array(count);
      const starts = new Uint32Array(count + 1);
      const numberStarts = new Uint32Array(count + 1);
      const numbers = new Array<string>(count);
      let numbersOffset = 0;
      const stateNames: string[] = [];
      const codeOf = new Map<string, number>();
      const positionOf = new Map<number, number>();
      const texts = new Array<string>(count);
      let offset = 0;
      rows.forEach((row, position) => {
        const rid = integerAt(row, 0);
        const state = textAt(row, 1);
        let code = codeOf.get(state);
        if (code === undefined) {
          code = stateNames.length;
          stateNames.push(state);
          codeOf.set(state, code);
        }
        // A NUL inside a text would blur the boundary between rows; none of the app's texts has one.
        const text = textAt(row, 3).replaceAll(SEPARATOR, ' ');
        rids[position] = rid;
        stateCodes[position] = code;
        removed[position] = integerAt(row, 2) === 0 ? 0 : 1;
        starts[position] = offset;
        texts[position] = text;
        offset += text.length + 1;
        // Only digits, "+", "/" and spaces (shared/format/phone.ts): no NUL to replace.
        const tokens = textAt(row, 4);
        numberStarts[position] = numbersOffset;
        numbers[position] = tokens;
        numbersOffset += tokens.length + 1;
        positionOf.set(rid, position);
      });
      starts[count] = offset;
      numberStarts[count] = numbersOffset;
      const orders: Partial<Record<ChannelSort, SnapshotOrder>> = {};
      for (const sort of sorts) orders[sort] = readOrder(db, profileId, sort, positionOf);
      return {
        profileId,
        generation,
        rids,
        stateCodes,
        stateNames,
        removed,
        text: texts.join(SEPARATOR) + SEPARATOR,
        starts,
        numbers: numbers.join(SEPARATOR) + SEPARATOR,
        numberStarts,
        orders,
      };
    })
    .deferred();
}

/** Another sort for the snapshot of the profile's current generation (rows in rid order, as the snapshot's). */
export function buildSnapshotOrder(db: Database.Database, profileId: string, sort: ChannelSort): BuiltOrder {
  return db
    .transaction((): BuiltOrder => {
      const generation = readGeneration(db, profileId);
      const rids = db.prepare('SELECT rid FROM channel_search WHERE profile_id = ? ORDER BY rid').pluck().all(profileId) as number[];
      const positionOf = new Map<number, number>();
      rids.forEach((rid, position) => positionOf.set(rid, position));
      return { profileId, generation, sort, order: readOrder(db, profileId, sort, positionOf) };
    })
    .deferred();
}

function readOrder(db: Database.Database, profileId: string, sort: ChannelSort, positionOf: ReadonlyMap<number, number>): SnapshotOrder {
  const key = SORT_KEY[sort];
  const from = sort === 'company' ? 'channel_search s' : 'channel_search s JOIN channels c ON c.rid = s.rid';
  const ordered = db
    .prepare(`SELECT s.rid, ${key} IS NOT NULL FROM ${from} WHERE s.profile_id = ? ORDER BY ${key} ASC NULLS LAST, s.rid ASC`)
    .raw()
    .all(profileId) as unknown[][];
  const positions = new Uint32Array(ordered.length);
  let keyed = 0;
  ordered.forEach((row, i) => {
    const position = positionOf.get(integerAt(row, 0));
    if (position === undefined) throw new Error(`channel ${String(row[0])} is missing from the search snapshot`);
    positions[i] = position;
    if (integerAt(row, 1) === 1) keyed += 1;
  });
  return { positions, keyed };
}

/** The buffers to move (not copy) when the snapshot crosses to another thread. */
export function snapshotTransfers(snapshot: SearchSnapshot): ArrayBuffer[] {
  const arrays = [
    snapshot.rids,
    snapshot.stateCodes,
    snapshot.removed,
    snapshot.starts,
    snapshot.numberStarts,
    ...Object.values(snapshot.orders).map((order) => order!.positions),
  ];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}
