import { describe, expect, it } from 'vitest';
import { listAll, type FetchPage } from '@core/api/paginate';
import type { ListPage, PageRequest } from '@core/api/list-page';

interface FakeList {
  records: { id: string }[];
  cap: number;
  requests: PageRequest[];
  /** Runs before answering request n (0-based). */
  before?: (n: number, request: PageRequest) => void;
  /** Overrides the cap of one request. */
  capFor?: (n: number, request: PageRequest) => number | undefined;
  maxInFlight: number;
}

function fakeList(count: number, cap = 1000): FakeList {
  return {
    records: Array.from({ length: count }, (_, i) => ({ id: `r${String(i).padStart(5, '0')}` })),
    cap,
    requests: [],
    maxInFlight: 0,
  };
}

function pager(list: FakeList): FetchPage {
  let inFlight = 0;
  return async (request) => {
    const n = list.requests.length;
    list.requests.push({ offset: request.offset, limit: request.limit });
    inFlight++;
    list.maxInFlight = Math.max(list.maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 1));
    inFlight--;
    list.before?.(n, request);
    const limit = Math.min(request.limit, list.capFor?.(n, request) ?? list.cap);
    const items = list.records.slice(request.offset, request.offset + limit);
    return { items, count: items.length, total: list.records.length, offset: request.offset, limit } satisfies ListPage;
  };
}

const ids = (items: unknown[]) => items.map((i) => (i as { id: string }).id);

describe('listAll', () => {
  it('reads everything in offset order with bounded concurrency', async () => {
    const list = fakeList(1050);
    const progress: number[] = [];
    const result = await listAll(pager(list), { pageSize: 100, concurrency: 3, onProgress: (p) => progress.push(p.requests) });
    expect(result.complete).toBe(true);
    expect(result.total).toBe(1050);
    expect(ids(result.items)).toEqual(ids(list.records));
    expect(list.maxInFlight).toBeLessThanOrEqual(3);
    expect(list.maxInFlight).toBeGreaterThan(1);
    expect(result.requests).toBe(list.requests.length);
    expect(progress.length).toBe(result.requests);
  });

  it('uses the page size the server really gave when it caps the limit', async () => {
    const list = fakeList(200, 37);
    const result = await listAll(pager(list), { pageSize: 1000 });
    expect(ids(result.items)).toEqual(ids(list.records));
    expect(result.complete).toBe(true);
    expect(list.requests[0]).toEqual({ offset: 0, limit: 1000 });
    expect(list.requests.slice(1).every((r) => r.limit === 37)).toBe(true);
    expect(result.requests).toBe(6);
  });

  it('fetches the gap when a middle page comes back short', async () => {
    const list = fakeList(300);
    list.capFor = (n, request) => (request.offset > 0 && request.offset < 150 && n < 3 ? 10 : undefined);
    const result = await listAll(pager(list), { pageSize: 100, concurrency: 1 });
    expect(result.complete).toBe(true);
    expect(ids(result.items)).toEqual(ids(list.records));
    expect(list.requests.some((r) => r.offset === 108)).toBe(true); // 99 + 10 - 1: the gap, overlapping by one
  });

  it('restarts when total changes mid-listing and returns a complete, current listing', async () => {
    const list = fakeList(250);
    list.before = (n) => {
      if (n === 1) list.records.push({ id: 'r99999' });
    };
    const result = await listAll(pager(list), { pageSize: 100, concurrency: 1 });
    expect(result.complete).toBe(true);
    expect(result.total).toBe(251);
    expect(ids(result.items).sort()).toEqual(ids(list.records).sort());
  });

  it('detects a shift with an unchanged total (one removed in front, one added)', async () => {
    const list = fakeList(250);
    list.before = (n) => {
      if (n === 1) {
        list.records.splice(10, 1);
        list.records.push({ id: 'r99999' });
      }
    };
    const result = await listAll(pager(list), { pageSize: 100, concurrency: 1 });
    expect(result.complete).toBe(true);
    expect(result.requests).toBeGreaterThan(3);
    expect(ids(result.items)).toEqual(ids(list.records));
  });

  it('gives up after three readings of a list that keeps changing: the union, marked incomplete', async () => {
    const list = fakeList(250);
    let added = 0;
    list.before = (n) => {
      if (n % 2 === 1) list.records.push({ id: `new${added++}` });
    };
    const result = await listAll(pager(list), { pageSize: 100, concurrency: 1 });
    expect(result.complete).toBe(false);
    const seen = new Set(ids(result.items));
    for (const record of list.records.slice(0, 250)) expect(seen.has(record.id)).toBe(true);
    expect(seen.size).toBe(result.items.length);
  });

  it('de-duplicates records a server repeats, keeps records without id once', async () => {
    const items = [{ id: 'a' }, { noId: 1 }, { id: 'b' }];
    const result = await listAll(async () => ({ items: [...items, { id: 'a' }], count: 4, total: 3, offset: 0, limit: 1000 }));
    // One record at two positions shows the listing moved; still, no duplicates come out.
    expect(result.items).toEqual(expect.arrayContaining(items));
    expect(result.items).toHaveLength(3);
    expect(result.complete).toBe(false);
    expect(result.requests).toBe(3);
    const clean = await listAll(async () => ({ items, count: 3, total: 3, offset: 0, limit: 1000 }));
    expect(clean).toEqual({ items, total: 3, totalStated: true, complete: true, requests: 1 });
  });

  it('handles an empty list with one request', async () => {
    expect(await listAll(pager(fakeList(0)))).toEqual({ items: [], total: 0, totalStated: true, complete: true, requests: 1 });
  });

  describe('a listing that states no total (the schema makes it optional)', () => {
    /** The pager without `total` (and without `count`, as some stand-ins send it). */
    const untotalled = (list: FakeList): FetchPage => {
      const inner = pager(list);
      return async (request) => ({ ...(await inner(request)), total: null });
    };

    it('reads page after page until a short page, in offset order, and says the total was not stated', async () => {
      const list = fakeList(1050);
      const result = await listAll(untotalled(list), { pageSize: 100, concurrency: 3 });
      expect(result).toMatchObject({ total: 1050, totalStated: false, complete: true });
      expect(ids(result.items)).toEqual(ids(list.records));
      expect(list.maxInFlight).toBeLessThanOrEqual(3);
      // Pages overlap by one record to prove nothing shifted; the reading ends at the first short page.
      expect(list.requests.map((r) => r.offset)).toEqual(Array.from({ length: list.requests.length }, (_, i) => i * 99));
      expect(list.requests.at(-1)?.offset).toBeGreaterThan(950); // read to the end, and at most a batch past it
      expect(result.requests).toBe(list.requests.length);
    });

    it('ends on an exactly full last page with one empty page after it', async () => {
      const list = fakeList(300);
      const result = await listAll(untotalled(list), { pageSize: 100, concurrency: 1 });
      expect(ids(result.items)).toEqual(ids(list.records));
      expect(result.complete).toBe(true);
    });

    it('tells a server that caps its pages from a listing that fits one page with one more request', async () => {
      const small = fakeList(30);
      const one = await listAll(untotalled(small), { pageSize: 1000, concurrency: 4 });
      expect(ids(one.items)).toEqual(ids(small.records));
      expect(small.requests).toEqual([
        { offset: 0, limit: 1000 },
        { offset: 29, limit: 30 },
      ]);

      const capped = fakeList(200, 37);
      const all = await listAll(untotalled(capped), { pageSize: 1000, concurrency: 4 });
      expect(ids(all.items)).toEqual(ids(capped.records));
      expect(all.complete).toBe(true);
    });

    it('handles an empty listing with one request', async () => {
      const list = fakeList(0);
      expect(await listAll(untotalled(list))).toEqual({ items: [], total: 0, totalStated: false, complete: true, requests: 1 });
    });

    it('reads again when records arrive past the end while it reads', async () => {
      const list = fakeList(250);
      let grown = false;
      list.before = (n, request) => {
        // The first reading's pages past the end are answered after new records came in.
        if (!grown && request.offset > 250) {
          grown = true;
          for (let i = 0; i < 120; i += 1) list.records.push({ id: `late${i}` });
        }
      };
      const result = await listAll(untotalled(list), { pageSize: 100, concurrency: 4 });
      expect(ids(result.items).sort()).toEqual(ids(list.records).sort());
      expect(result.total).toBe(370);
    });
  });

  it('propagates a page error and stops scheduling', async () => {
    const list = fakeList(1000);
    const fetchPage: FetchPage = async (request) => {
      if (request.offset > 400) throw new Error('boom');
      return pager(list)(request);
    };
    await expect(listAll(fetchPage, { pageSize: 100, concurrency: 2 })).rejects.toThrow('boom');
    expect(list.requests.length).toBeLessThan(10);
  });

  it('stops when the signal aborts', async () => {
    const list = fakeList(1000);
    const controller = new AbortController();
    list.before = (n) => {
      if (n === 2) controller.abort();
    };
    await expect(listAll(pager(list), { pageSize: 100, concurrency: 1, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(list.requests.length).toBe(3);
  });
});
