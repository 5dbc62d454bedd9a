/**
 * A list of tens of thousands of rows, read from main in pages around what is on screen. The view
 * reports its visible range; the store fetches the missing pages of the current query, one request
 * at a time, latest query first. Why one at a time: main answers from one SQLite connection on one
 * thread, so parallel requests only queue there, and a queue of stale searches is exactly what
 * makes typing feel slow. With a single request in flight, the answer to the last keystroke waits
 * for at most one older request.
 *
 * Results are cached per query (a few recent ones, LRU), so going back to a previous search or
 * filter is instant. When the data changes (a sync finished, an action was queued) `invalidate()`
 * keeps what is shown on screen, refetches it in place and drops everything else: no flashing, no
 * layout jump.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorInfo } from '@shared/errors';
import type { Result } from '@shared/result';

export interface ListPage<Item> {
  total: number;
  offset: number;
  items: Item[];
}

export interface WindowedListOptions<Query, Item, Page extends ListPage<Item>, Extra> {
  fetchPage(query: Query, offset: number, limit: number): Promise<Result<Page>>;
  keyOf(query: Query): string;
  /** Extra facts that come with every page (e.g. counts per state). */
  extraOf?(page: Page): Extra;
  pageSize?: number;
  maxCachedQueries?: number;
  /** performance.now() in the browser; injectable for tests. */
  now?(): number;
}

/** What the view renders: the rows known so far for one query, and how many there are in all. */
export interface ShownList<Query, Item, Extra> {
  key: string;
  query: Query;
  total: number;
  extra: Extra | null;
  pages: ReadonlyMap<number, readonly Item[]>;
  pageSize: number;
}

export interface WindowedListState<Query, Item, Extra> {
  /** The query last asked for; `shown` catches up with it. */
  query: Query;
  queryKey: string;
  shown: ShownList<Query, Item, Extra> | null;
  /** True while the latest query's first page is not there yet (the view dims stale rows). */
  loading: boolean;
  error: ErrorInfo | null;
  /** Duration of the last completed request, for diagnostics. */
  lastRequestMs: number | null;

  /** Starts fetching (a view mounted); nothing is read before anyone looks. */
  load(): void;
  setQuery(query: Query): void;
  /** The visible rows, as indices (inclusive); overscan is the view's business. */
  setRange(start: number, end: number): void;
  /** The data changed under us: refetch what is shown, forget the rest. */
  invalidate(): void;
  retry(): void;
}

export type WindowedListStore<Query, Item, Extra> = StoreApi<WindowedListState<Query, Item, Extra>>;

interface CacheEntry<Query, Item, Extra> {
  key: string;
  query: Query;
  total: number;
  extra: Extra | null;
  pages: Map<number, readonly Item[]>;
  /** Pages fetched since the last invalidation; others may be shown but are refetched. */
  fresh: Set<number>;
}

/** The row at `index` of what is shown, or undefined while its page is still on its way. */
export function itemAt<Item>(shown: ShownList<unknown, Item, unknown> | null, index: number): Item | undefined {
  if (!shown) return undefined;
  return shown.pages.get(Math.floor(index / shown.pageSize))?.[index % shown.pageSize];
}

export function createWindowedList<Query, Item, Page extends ListPage<Item>, Extra = null>(
  initialQuery: Query,
  options: WindowedListOptions<Query, Item, Page, Extra>,
): WindowedListStore<Query, Item, Extra> {
  const pageSize = options.pageSize ?? 100;
  const maxCached = options.maxCachedQueries ?? 12;
  const now = options.now ?? (() => performance.now());
  const cache = new Map<string, CacheEntry<Query, Item, Extra>>();
  let range = { start: 0, end: pageSize - 1 };
  let inFlight = false;
  // Nothing is read before a view asks (load, setRange or setQuery): a list nobody looked at is
  // not refetched after every sync either.
  let active = false;
  // Bumped by invalidate(): answers to requests sent before it describe old data and are dropped.
  let generation = 0;

  return createStore<WindowedListState<Query, Item, Extra>>()((set, get) => {
    function toShown(entry: CacheEntry<Query, Item, Extra>): ShownList<Query, Item, Extra> {
      return { key: entry.key, query: entry.query, total: entry.total, extra: entry.extra, pages: new Map(entry.pages), pageSize };
    }

    function remember(entry: CacheEntry<Query, Item, Extra>): void {
      cache.delete(entry.key);
      cache.set(entry.key, entry);
      while (cache.size > maxCached) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined || oldest === get().queryKey) break;
        cache.delete(oldest);
      }
    }

    /** The next page worth fetching for the latest query: the first page, then the visible ones. */
    function nextWantedPage(): number | null {
      const entry = cache.get(get().queryKey);
      if (!entry || !entry.fresh.has(0)) return 0;
      const lastPage = Math.max(0, Math.ceil(entry.total / pageSize) - 1);
      const first = Math.min(Math.floor(range.start / pageSize), lastPage);
      const last = Math.min(Math.floor(range.end / pageSize), lastPage);
      for (let page = first; page <= last; page++) if (!entry.fresh.has(page)) return page;
      return null;
    }

    function pump(): void {
      if (!active || inFlight || get().error) return;
      const page = nextWantedPage();
      if (page === null) return;
      const { query, queryKey } = get();
      const sentGeneration = generation;
      const started = now();
      inFlight = true;
      void options.fetchPage(query, page * pageSize, pageSize).then((result) => {
        inFlight = false;
        if (sentGeneration !== generation) return pump();
        set({ lastRequestMs: Math.round(now() - started) });
        if (!result.ok) {
          // Only the latest query's failure matters; an older one is simply not needed any more.
          if (queryKey === get().queryKey) set({ error: result.error, loading: false });
          return pump();
        }
        adopt(query, queryKey, page, result.value);
        pump();
      });
    }

    function adopt(query: Query, key: string, page: number, value: Page): void {
      let entry = cache.get(key);
      if (!entry) {
        entry = { key, query, total: value.total, extra: null, pages: new Map(), fresh: new Set() };
      }
      entry.total = value.total;
      entry.extra = options.extraOf ? options.extraOf(value) : null;
      entry.pages.set(page, value.items);
      entry.fresh.add(page);
      // After an invalidation the total may have shrunk: pages past the end are gone.
      for (const known of entry.pages.keys()) if (known * pageSize >= Math.max(entry.total, 1)) entry.pages.delete(known);
      remember(entry);
      if (key === get().queryKey) set({ shown: toShown(entry), loading: false, error: null });
    }

    return {
      query: initialQuery,
      queryKey: options.keyOf(initialQuery),
      shown: null,
      loading: true,
      error: null,
      lastRequestMs: null,

      load() {
        active = true;
        pump();
      },

      setQuery(query) {
        active = true;
        const queryKey = options.keyOf(query);
        if (queryKey === get().queryKey) {
          set({ query });
          return;
        }
        range = { start: 0, end: Math.max(range.end - range.start, pageSize - 1) };
        const cached = cache.get(queryKey);
        if (cached?.fresh.has(0)) {
          remember(cached);
          set({ query, queryKey, shown: toShown(cached), loading: false, error: null });
        } else {
          // Keep the previous rows on screen (dimmed) until the new ones arrive: no empty flash.
          set({ query, queryKey, loading: true, error: null });
        }
        pump();
      },

      setRange(start, end) {
        active = true;
        range = { start: Math.max(0, start), end: Math.max(start, end) };
        // Also the view's first call: nothing is fetched before a view says what it shows.
        pump();
      },

      invalidate() {
        // A request still in flight finishes; its answer is dropped and the pump asks again.
        generation += 1;
        const current = cache.get(get().queryKey);
        cache.clear();
        if (current) {
          current.fresh.clear();
          cache.set(current.key, current);
        }
        set({ error: null });
        pump();
      },

      retry() {
        set({ error: null, loading: !get().shown || get().shown?.key !== get().queryKey });
        pump();
      },
    };
  });
}
