/**
 * The in-memory search index answers exactly what SQL answers: the same page, total and counts for
 * random searches, state filters, sorts, directions and pages over a store with removed rows and
 * missing sort keys; and it never answers from a stale copy after any write, by this connection or
 * by another one (SQL answers until a fresh copy is built). In the core, the copy is built by the
 * search index worker, after each sync that changed channels and never after one that did not.
 */
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChannelQuery, ChannelSort, type ChannelQueryInput } from '@shared/accounts';
import { CHANNEL_STATES } from '@shared/status';
import { ChannelQueries } from '@core/store/channel-queries';
import { ChannelSearchIndex } from '@core/store/channel-search-index';
import { inlineSnapshotBuilder } from '@core/store/search-index-host';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';

let f: SyncedFixture;
let indexed: ChannelQueries;
let sql: ChannelQueries;

beforeAll(async () => {
  f = await startSyncedCore({ clients: 120, channels: 400, seed: 11 });
  await f.core.accounts.syncNow();
  const db = f.core.db;
  // Variety the demo data lacks: removed rows, rows without a company or display name or dates.
  db.exec(`
    UPDATE channel_search SET removed = 1 WHERE rid % 9 = 0;
    UPDATE channels SET removed_at = '2026-01-01T00:00:00.000Z' WHERE rid % 9 = 0;
    UPDATE channel_search SET company_sort = NULL WHERE rid % 7 = 0;
    UPDATE channels SET display_sort = NULL WHERE rid % 5 = 0;
    UPDATE channels SET created_at = NULL WHERE rid % 6 = 0;
    UPDATE channel_search SET company_sort = 'same company' WHERE rid % 11 = 0;
  `);
  indexed = new ChannelQueries(db, { searchIndex: inlineSnapshotBuilder(db) });
  sql = new ChannelQueries(db);
  await indexed.searchIndex!.ready(f.profileId, ChannelSort.options);
});
afterAll(() => f.dispose());
afterEach(() => vi.restoreAllMocks());

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function fragments(): string[] {
  const texts = f.core.db.prepare('SELECT search_text FROM channel_search').pluck().all() as string[];
  const rnd = random(5);
  const out: string[] = ['zzqx', 'a', 'e', '49', '1'];
  for (let i = 0; i < 60; i += 1) {
    const text = texts[Math.floor(rnd() * texts.length)]!;
    const length = 1 + Math.floor(rnd() * 6);
    const start = Math.floor(rnd() * Math.max(1, text.length - length));
    const fragment = text.slice(start, start + length).replace(/\s/g, '');
    if (fragment) out.push(fragment);
  }
  return out;
}

describe('the in-memory channel search index', () => {
  it('answers 300 random queries exactly as SQL does (page, order, total, counts per state)', () => {
    const terms = fragments();
    const rnd = random(42);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(rnd() * values.length)]!;
    const states = CHANNEL_STATES.map((s) => s.id);
    const page = vi.spyOn(ChannelSearchIndex.prototype, 'page');
    let nonEmpty = 0;
    for (let i = 0; i < 300; i += 1) {
      const words = Array.from({ length: Math.floor(rnd() * 3) }, () => pick(terms));
      const input: ChannelQueryInput = {
        // Numbers as people write them: international prefixes, national with the trunk 0, partial digits.
        search:
          rnd() < 0.25
            ? pick(['+49', '+49 15', '0049 1', '+44 7', '+1 2', '+33 6', '0151', '(0) 7', '06 1', '555', '12'])
            : words.join(' '),
        states: rnd() < 0.3 ? states.filter(() => rnd() < 0.4) : [],
        includeRemoved: rnd() < 0.3,
        sort: pick(ChannelSort.options),
        direction: rnd() < 0.5 ? 'asc' : 'desc',
        offset: pick([0, 0, 0, 3, 20, 150]),
        limit: pick([1, 10, 100]),
      };
      const query = ChannelQuery.parse(input);
      const expected = sql.list(f.profileId, query);
      expect(indexed.list(f.profileId, query), JSON.stringify(input)).toEqual(expected);
      if (expected.items.length > 0) nonEmpty += 1;
    }
    expect(page).toHaveBeenCalledTimes(300);
    // Every one answered from the copy, not by falling back to SQL.
    expect(page.mock.results.every((result) => result.value !== null)).toBe(true);
    expect(nonEmpty).toBeGreaterThan(150); // the queries did find things, in every order
  });

  it('leaves filters on other channel columns to SQL', () => {
    const page = vi.spyOn(ChannelSearchIndex.prototype, 'page');
    const query = ChannelQuery.parse({ actionRequired: true, limit: 50 });
    expect(indexed.list(f.profileId, query)).toEqual(sql.list(f.profileId, query));
    expect(page).not.toHaveBeenCalled();
  });

  it('never answers from a stale copy: a write on this connection or a commit by another shows at once', async () => {
    const index = indexed.searchIndex!;
    const page = vi.spyOn(ChannelSearchIndex.prototype, 'page');
    const query = ChannelQuery.parse({ search: 'qqq-renamed', limit: 10 });
    expect(indexed.list(f.profileId, query).total).toBe(0);
    // A listed row whose next row is listed too (both are renamed below).
    const rid = f.core.db
      .prepare(
        'SELECT s.rid FROM channel_search s WHERE s.removed = 0 AND EXISTS (SELECT 1 FROM channel_search t WHERE t.rid = s.rid + 1 AND t.removed = 0) LIMIT 1',
      )
      .pluck()
      .get() as number;
    f.core.db.prepare("UPDATE channel_search SET search_text = search_text || ' qqq-renamed' WHERE rid = ?").run(rid);
    expect(indexed.list(f.profileId, query).total).toBe(1);
    expect(page.mock.results.at(-1)?.value).toBeNull(); // stale: SQL answered, and a fresh copy is on its way
    await index.ready(f.profileId);
    expect(indexed.list(f.profileId, query).total).toBe(1);
    expect(page.mock.results.at(-1)?.value).not.toBeNull();

    const other = new Database(f.core.db.name);
    try {
      other.prepare("UPDATE channel_search SET search_text = search_text || ' qqq-renamed' WHERE rid = ?").run(rid + 1);
      expect(indexed.list(f.profileId, query)).toEqual(sql.list(f.profileId, query));
      expect(indexed.list(f.profileId, query).total).toBe(2);
      other.prepare('UPDATE channel_search SET removed = 1 WHERE rid = ?').run(rid);
      expect(indexed.list(f.profileId, query).total).toBe(1);
      await index.ready(f.profileId);
      expect(indexed.list(f.profileId, query)).toEqual(sql.list(f.profileId, query));
      expect(page.mock.results.at(-1)?.value).not.toBeNull();
    } finally {
      other.close();
    }
  });

  it('in the core, a sync that changed channels hands over a fresh copy with its result; one that did not keeps the copy', async () => {
    const accounts = f.core.accounts;
    const index = f.core.channels.searchIndex!;
    const query = ChannelQuery.parse({ search: 'zebra-renamed', limit: 10 });
    expect(accounts.listChannels(query).total).toBe(0);
    const client = f.hub.state.listClients().find((c) => f.hub.state.listChannels(c.id).length > 0)!;
    f.hub.state.updateClient(client.id, { organisation: 'Zebra-Renamed GmbH' });
    const builds = index.builds;
    await accounts.syncNow();
    // The first search right after the sync is answered from the copy the sync's worker built.
    const page = vi.spyOn(ChannelSearchIndex.prototype, 'page');
    const renamed = accounts.listChannels(query);
    expect(page.mock.results.at(-1)?.value).not.toBeNull();
    expect(index.builds).toBe(builds + 1);
    expect(renamed.total).toBe(f.hub.state.listChannels(client.id).length);
    expect(renamed.items.every((c) => c.companyName === 'Zebra-Renamed GmbH')).toBe(true);
    const bySql = new ChannelQueries(f.core.db);
    expect(f.core.channels.list(f.profileId, query)).toEqual(bySql.list(f.profileId, query));

    // Another sort is built when first asked for (SQL answers meanwhile), then from the copy too.
    const byPhone = ChannelQuery.parse({ sort: 'phone', limit: 20 });
    expect(f.core.channels.list(f.profileId, byPhone)).toEqual(bySql.list(f.profileId, byPhone));
    expect(page.mock.results.at(-1)?.value).toBeNull();
    await index.ready(f.profileId, ['phone']);
    expect(f.core.channels.list(f.profileId, byPhone)).toEqual(bySql.list(f.profileId, byPhone));
    expect(page.mock.results.at(-1)?.value).not.toBeNull();

    const after = index.builds;
    accounts.markNotificationsRead('all');
    await accounts.syncNow(); // nothing changed: only the sync's own bookkeeping is written
    expect(accounts.listChannels(query).total).toBe(renamed.total);
    expect(page.mock.results.at(-1)?.value).not.toBeNull();
    expect(index.builds).toBe(after);
  });

  it('keeps profiles apart', () => {
    const query = ChannelQuery.parse({ limit: 5 });
    const other = indexed.list('no-such-profile', query);
    expect(other).toEqual({ total: 0, offset: 0, items: [], countsByState: {} });
    expect(indexed.list(f.profileId, query).total).toBeGreaterThan(0);
  });
});

/** A worker that has stopped: every read fails, so the class must do it in place. */
const goneWorker = { totals: () => Promise.reject(new Error('worker gone')), ids: () => Promise.reject(new Error('worker gone')) };

describe('counting saved views', () => {
  it('answers from the search copy where it can and sends only the rest elsewhere (a worker), equal to SQL', async () => {
    const asked: ChannelQuery[][] = [];
    const counting = new ChannelQueries(f.core.db, {
      searchIndex: inlineSnapshotBuilder(f.core.db),
      offThread: {
        totals: async (profileId, queries) => {
          asked.push([...queries]);
          return sql.countBySql(profileId, queries);
        },
        ids: () => Promise.reject(new Error('not asked here')),
      },
    });
    await counting.searchIndex!.ready(f.profileId, ChannelSort.options);
    const inputs: ChannelQueryInput[] = [
      {},
      { states: ['live'] },
      { actionRequired: true },
      { search: 'gmbh' },
      { numberRegistration: ['registered'] },
    ];
    const queries = inputs.map((input) => ChannelQuery.parse(input));
    const totals = await counting.totals(f.profileId, queries);
    expect(totals).toEqual(sql.countBySql(f.profileId, queries));
    // Only the two that filter on channel columns left the search copy.
    expect(asked).toEqual([[queries[2], queries[4]]]);
    // A worker that fails: counted here instead, the same numbers.
    const failing = new ChannelQueries(f.core.db, { offThread: goneWorker });
    expect(await failing.totals(f.profileId, queries)).toEqual(totals);
  });
});

describe('select-all', () => {
  it('takes the order from the search copy and reads the ids elsewhere (a worker), the same as in place and as the list', async () => {
    const asked: Array<number[] | null> = [];
    const reading = new ChannelQueries(f.core.db, {
      searchIndex: inlineSnapshotBuilder(f.core.db),
      offThread: {
        totals: () => Promise.reject(new Error('not asked here')),
        ids: async (profileId, query, max, listed) => {
          asked.push(listed ? [...listed.rids] : null);
          return sql.readIds(profileId, query, max, listed);
        },
      },
    });
    await reading.searchIndex!.ready(f.profileId, ChannelSort.options);
    const byCopy = ChannelQuery.parse({ search: 'a', sort: 'display_name' });
    const bySql = ChannelQuery.parse({ actionRequired: true });
    for (const query of [byCopy, bySql]) {
      const ids = await reading.ids(f.profileId, query, 1000);
      const page = sql.list(f.profileId, { ...query, limit: 1000 });
      expect(ids.total).toBe(page.total);
      expect(ids.items.map(([id]) => id)).toEqual(page.items.map((c) => c.id));
      expect(ids.items.map(([, clientId]) => clientId)).toEqual(page.items.map((c) => c.clientId));
    }
    // The copy's order went along for the first; the second, on channel columns, is read by SQL there.
    expect(asked).toHaveLength(2);
    expect(asked[0]!.length).toBeGreaterThan(0);
    expect(asked[1]).toBeNull();
    const failing = new ChannelQueries(f.core.db, { offThread: goneWorker });
    expect((await failing.ids(f.profileId, bySql, 1000)).items).toEqual((await reading.ids(f.profileId, bySql, 1000)).items);
  });
});
