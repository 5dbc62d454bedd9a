import { describe, expect, it } from 'vitest';
import type { Result } from '@shared/result';
import { createWindowedList, itemAt, type ListPage } from '../../../../renderer/src/state/windowed-list';
import { deferred, flush, type Deferred } from '../fake-api';

interface Query {
  search: string;
}
type Page = ListPage<string> & { counts: number };

/** A backend over `size` rows named "<search>-<n>"; each request waits until the test answers it. */
function backend(size: (query: Query) => number) {
  const pending: Array<{ query: Query; offset: number; limit: number; reply: Deferred<Result<Page>> }> = [];
  let maxInFlight = 0;
  function fetchPage(query: Query, offset: number, limit: number): Promise<Result<Page>> {
    const reply = deferred<Result<Page>>();
    pending.push({ query, offset, limit, reply });
    maxInFlight = Math.max(maxInFlight, pending.length);
    return reply.promise;
  }
  async function answer(index = 0, fail = false): Promise<{ query: Query; offset: number }> {
    const [request] = pending.splice(index, 1);
    if (!request) throw new Error('no request pending');
    const total = size(request.query);
    const items = Array.from(
      { length: Math.max(0, Math.min(request.limit, total - request.offset)) },
      (_, i) => `${request.query.search}-${request.offset + i}`,
    );
    request.reply.resolve(
      fail
        ? { ok: false, error: { code: 'offline', message: 'down' } }
        : { ok: true, value: { total, offset: request.offset, items, counts: total } },
    );
    await flush();
    return { query: request.query, offset: request.offset };
  }
  return { fetchPage, answer, pending, maxInFlight: () => maxInFlight };
}

function makeList(size: (query: Query) => number = () => 1000) {
  const server = backend(size);
  const store = createWindowedList<Query, string, Page, number>(
    { search: '' },
    {
      fetchPage: server.fetchPage,
      keyOf: (q) => q.search.trim(),
      extraOf: (page) => page.counts,
      pageSize: 100,
      now: () => 0,
    },
  );
  return { store, server };
}

describe('windowed list', () => {
  it('reads nothing until a view asks, then the first page, with its total and extra facts', async () => {
    const { store, server } = makeList();
    expect(server.pending).toHaveLength(0);
    store.getState().load();
    expect(server.pending.map((p) => p.offset)).toEqual([0]);
    await server.answer();
    const shown = store.getState().shown;
    expect(shown).toMatchObject({ total: 1000, extra: 1000 });
    expect(itemAt(shown, 0)).toBe('-0');
    expect(itemAt(shown, 99)).toBe('-99');
    expect(itemAt(shown, 100)).toBeUndefined();
    expect(store.getState().loading).toBe(false);
  });

  it('fetches only the pages of the visible range, one request at a time', async () => {
    const { store, server } = makeList(() => 50_000);
    store.getState().load();
    await server.answer();
    store.getState().setRange(25_010, 25_150);
    store.getState().setRange(25_020, 25_160); // scrolling on: no duplicate request
    expect(server.pending.map((p) => p.offset)).toEqual([25_000]);
    await server.answer();
    expect(server.pending.map((p) => p.offset)).toEqual([25_100]);
    await server.answer();
    expect(server.pending).toHaveLength(0);
    expect(itemAt(store.getState().shown, 25_160)).toBe('-25160');
    expect(server.maxInFlight()).toBe(1);
  });

  it('skips pages scrolled past before their turn', async () => {
    const { store, server } = makeList(() => 50_000);
    store.getState().load();
    await server.answer();
    store.getState().setRange(1_000, 1_050);
    store.getState().setRange(40_000, 40_050); // a fast fling while page 10 is on its way
    await server.answer();
    expect(server.pending.map((p) => p.offset)).toEqual([40_000]);
  });

  it('answers the last keystroke: searches typed while one is in flight collapse into one request', async () => {
    const { store, server } = makeList((q) => (q.search === '' ? 1000 : 10));
    store.getState().load();
    await server.answer();
    store.getState().setQuery({ search: 'm' });
    store.getState().setQuery({ search: 'mü' });
    store.getState().setQuery({ search: 'mül' });
    store.getState().setQuery({ search: 'müll' });
    expect(server.pending.map((p) => p.query.search)).toEqual(['m']);
    // While "m" is on its way the old rows stay, marked loading (dimmed), never an empty list.
    expect(store.getState()).toMatchObject({ loading: true, shown: { key: '' } });
    await server.answer();
    expect(server.pending.map((p) => p.query.search)).toEqual(['müll']);
    expect(store.getState().shown?.key).toBe('');
    await server.answer();
    expect(store.getState()).toMatchObject({ loading: false, shown: { key: 'müll', total: 10 } });
    expect(itemAt(store.getState().shown, 0)).toBe('müll-0');
  });

  it('shows a query seen before at once, from the cache, without asking main again', async () => {
    const { store, server } = makeList();
    store.getState().load();
    await server.answer();
    store.getState().setQuery({ search: 'acme' });
    await server.answer();
    store.getState().setQuery({ search: '' });
    expect(server.pending).toHaveLength(0);
    expect(store.getState()).toMatchObject({ loading: false, shown: { key: '' } });
    // Same question, different spelling of whitespace: the same key, nothing to do.
    store.getState().setQuery({ search: '  ' });
    expect(server.pending).toHaveLength(0);
  });

  it('after invalidate, keeps the rows on screen, drops answers from before, and refetches them', async () => {
    const { store, server } = makeList();
    store.getState().load();
    await server.answer();
    store.getState().setRange(150, 180);
    // Page 1 is in flight when a sync finishes.
    expect(server.pending.map((p) => p.offset)).toEqual([100]);
    store.getState().invalidate();
    expect(itemAt(store.getState().shown, 5)).toBe('-5');
    await server.answer(); // the old answer for page 1: dropped
    expect(itemAt(store.getState().shown, 150)).toBeUndefined();
    expect(server.pending.map((p) => p.offset)).toEqual([0]);
    await server.answer();
    await server.answer();
    expect(itemAt(store.getState().shown, 150)).toBe('-150');
  });

  it('forgets pages past a total that shrank after a sync', async () => {
    let total = 1000;
    const { store, server } = makeList(() => total);
    store.getState().load();
    await server.answer();
    store.getState().setRange(0, 250);
    await server.answer();
    await server.answer();
    total = 120;
    store.getState().invalidate();
    await server.answer();
    expect(store.getState().shown?.total).toBe(120);
    expect([...(store.getState().shown?.pages.keys() ?? [])].sort()).toEqual([0, 1]);
  });

  it('reports a failure of the current query and retries on request', async () => {
    const { store, server } = makeList();
    store.getState().load();
    await server.answer(0, true);
    expect(store.getState().error).toMatchObject({ code: 'offline' });
    expect(server.pending).toHaveLength(0);
    store.getState().retry();
    await server.answer();
    expect(store.getState()).toMatchObject({ error: null, shown: { total: 1000 } });
  });
});
