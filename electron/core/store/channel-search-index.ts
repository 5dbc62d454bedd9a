/**
 * The channel search table of one profile held in memory, so that a search is a pass over one
 * string of 50,000 search texts in V8 (a few ms) that yields the page and the counts per state
 * together, where SQLite needs one scan for the page and a second for the counts (15-40 ms).
 *
 * The copy (a SearchSnapshot) is built off this thread and arrives with the buffers moved rather
 * than copied: reading 50,000 rows took this thread 115-255 ms after each sync. A sync's worker
 * builds it right after its write, with the default order, so the first search after a sync is
 * answered from it; the search index worker builds it otherwise (another process wrote, an action
 * changed a channel) and adds the other sorts when first asked for. It is used only while current:
 * its generation must equal the profile's in channel_generations, which triggers bump on every
 * change of the search table by any connection, thread or process. A stale or missing copy, or a
 * sort not built yet, answers nothing (`page` returns null, the caller asks SQL) and is asked for.
 *
 * It answers queries whose filters live in the search table (search terms in the texts or the phone
 * numbers, states, removed, any sort); ChannelQueries sends those with filters on other channel
 * columns to SQL.
 */
import type Database from 'better-sqlite3';
import type { ChannelQuery, ChannelSort } from '@shared/accounts';
import type { SearchTerm } from '@shared/search-text';
import { readGeneration, type BuiltOrder, type SearchSnapshot } from './search-snapshot';

/** Record ids of a page in order, with the counts the page header shows. */
export interface IndexedPage {
  rids: number[];
  total: number;
  countsByState: Record<string, number>;
}

/** Builds snapshots and their other sorts somewhere other than the caller's thread (SearchIndexWorker), or inline in tests. */
export interface SnapshotBuilder {
  build(profileId: string): Promise<SearchSnapshot>;
  buildOrder(profileId: string, sort: ChannelSort): Promise<BuiltOrder>;
  close?(): void;
}

export class ChannelSearchIndex {
  private snapshot: SearchSnapshot | null = null;
  private building: Promise<void> | null = null;
  private wanted: string | null = null;
  private readonly ordering = new Map<ChannelSort, Promise<void>>();
  private next: { snapshot: SearchSnapshot; runId: number } | null = null;

  /** How many snapshots were built for this index; for tests and diagnostics. */
  builds = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly builder: SnapshotBuilder,
    private readonly log: (message: string, fields: Record<string, unknown>) => void = () => undefined,
  ) {}

  /**
   * The rids of the requested page in order, the total for the wanted states, and the counts per
   * state with the state filter left out; null while no current copy exists (one is then built).
   * A row must match all `terms` (each in its search text or its numbers).
   */
  page(profileId: string, query: ChannelQuery, terms: readonly SearchTerm[]): IndexedPage | null {
    const snapshot = this.current(profileId);
    if (!snapshot) {
      this.refresh(profileId);
      return null;
    }
    const order = snapshot.orders[query.sort];
    if (!order) {
      this.addOrder(snapshot, query.sort);
      return null;
    }
    const { rids, stateCodes, stateNames, removed } = snapshot;
    const matches = matchingRows(snapshot, terms);
    const wanted = query.states.length > 0 ? new Set<string>(query.states) : null;
    const wantedCodes = new Uint8Array(stateNames.length);
    stateNames.forEach((name, code) => (wantedCodes[code] = !wanted || wanted.has(name) ? 1 : 0));
    const countsByCode = new Uint32Array(stateNames.length);
    const pageRids: number[] = [];
    const end = query.offset + query.limit;
    let total = 0;
    const visit = (position: number): void => {
      if (removed[position] === 1 && !query.includeRemoved) return;
      if (matches && matches[position] !== terms.length) return;
      const code = stateCodes[position] as number;
      countsByCode[code] = (countsByCode[code] as number) + 1;
      if (wantedCodes[code] === 0) return;
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
    const countsByState: Record<string, number> = {};
    countsByCode.forEach((n, code) => {
      if (n > 0) countsByState[stateNames[code] as string] = n;
    });
    return { rids: pageRids, total, countsByState };
  }

  /** Asks for a fresh copy of the profile's table (after a sync wrote it, or when a query found the copy stale). */
  refresh(profileId: string): void {
    this.wanted = profileId;
    this.building ??= this.buildLoop().finally(() => {
      this.building = null;
    });
  }

  /**
   * A copy a sync's worker read inside its write transaction and sent before committing. It arrives
   * before the commit can be seen here, and takes over the moment it is: when its generation is the
   * profile's and its run is marked succeeded (the run row commits with the data, so a sync that rolled
   * back never lends its copy to a later write that happens to reach the same generation).
   */
  offer(snapshot: SearchSnapshot, runId: number): void {
    this.next = { snapshot, runId };
  }

  /** Resolves once a current copy of the profile's table is here, with `sorts` built (tests, benchmarks). */
  async ready(profileId: string, sorts: readonly ChannelSort[] = ['company']): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const snapshot = this.current(profileId);
      const missing = snapshot ? sorts.filter((sort) => !snapshot.orders[sort]) : [];
      if (snapshot && missing.length === 0) return;
      if (!snapshot) {
        this.refresh(profileId);
        await this.building;
      } else {
        for (const sort of missing) this.addOrder(snapshot, sort);
        await Promise.all(missing.map((sort) => this.ordering.get(sort)));
      }
    }
    throw new Error('The channel search index did not become current.');
  }

  /** Builds another sort for the copy, off this thread; kept if the copy is still the same generation. */
  private addOrder(snapshot: SearchSnapshot, sort: ChannelSort): void {
    if (this.ordering.has(sort)) return;
    const done = this.builder
      .buildOrder(snapshot.profileId, sort)
      .then((built) => {
        const current = this.snapshot;
        if (current && current.profileId === built.profileId && current.generation === built.generation) current.orders[sort] = built.order;
      })
      .catch((error: unknown) =>
        this.log('a sort of the channel search index could not be built', {
          sort,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => this.ordering.delete(sort));
    this.ordering.set(sort, done);
  }

  /** Drops the copy (to free its memory, e.g. when the profile is signed out). */
  clear(): void {
    this.snapshot = null;
  }

  /** Builds until the copy matches the latest wish; a write during a build means one more build. */
  private async buildLoop(): Promise<void> {
    while (this.wanted !== null) {
      const profileId = this.wanted;
      this.wanted = null;
      if (this.current(profileId)) continue;
      try {
        const built = await this.builder.build(profileId);
        this.builds += 1;
        this.snapshot = built;
        if (!this.current(profileId)) this.wanted ??= profileId;
      } catch (error) {
        this.log('the channel search index could not be built', { error: error instanceof Error ? error.message : String(error) });
        return;
      }
    }
  }

  private current(profileId: string): SearchSnapshot | null {
    const exists = this.db.prepare('SELECT 1 FROM profiles WHERE id = ?').pluck().get(profileId) !== undefined;
    if (!exists) return null;
    const generation = readGeneration(this.db, profileId);
    const next = this.next;
    if (next && next.snapshot.profileId === profileId && next.snapshot.generation === generation) {
      const status: unknown = this.db.prepare('SELECT status FROM sync_runs WHERE id = ?').pluck().get(next.runId);
      if (status === 'succeeded') {
        this.snapshot = next.snapshot;
        this.next = null;
        this.builds += 1;
      }
    }
    const snapshot = this.snapshot;
    return snapshot && snapshot.profileId === profileId && snapshot.generation === generation ? snapshot : null;
  }
}

/**
 * How many of the terms each row matches (a row matches when it is terms.length), or null without
 * terms. A term matches a row whose search text holds its text, or whose numbers hold any of its
 * number needles. One pass of indexOf over the joined texts per needle: after a hit, the search goes
 * on at the next row's start; a row counts a term only if every earlier term matched it too, and once
 * (its other needles then find the count already moved on).
 */
function matchingRows(snapshot: SearchSnapshot, terms: readonly SearchTerm[]): Uint8Array | null {
  if (terms.length === 0) return null;
  const rowCount = snapshot.starts.length - 1;
  const hits = new Uint8Array(rowCount);
  terms.forEach((term, index) => {
    if (term.text !== null) countHits(snapshot.text, snapshot.starts, term.text, index, hits);
    for (const needle of term.numbers ?? []) countHits(snapshot.numbers, snapshot.numberStarts, needle, index, hits);
  });
  return hits;
}

/** Moves every row of `joined` that holds `needle` from count `index` to `index + 1`. */
function countHits(joined: string, starts: Uint32Array, needle: string, index: number, hits: Uint8Array): void {
  const rowCount = starts.length - 1;
  if (needle.length === 0) {
    for (let row = 0; row < rowCount; row += 1) if (hits[row] === index) hits[row] = index + 1;
    return;
  }
  let from = 0;
  for (;;) {
    const at = joined.indexOf(needle, from);
    if (at === -1) return;
    const row = rowAt(starts, at);
    // starts[row + 1] - 1 is the row's separator: a match must end before it.
    if (at + needle.length <= (starts[row + 1] as number) - 1) {
      if (hits[row] === index) hits[row] = index + 1;
      from = starts[row + 1] as number;
    } else {
      from = at + 1;
    }
  }
}

/** The row whose text holds offset `at` (binary search over the starts). */
function rowAt(starts: Uint32Array, at: number): number {
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((starts[mid] as number) <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}
