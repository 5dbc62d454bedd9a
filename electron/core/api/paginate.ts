/**
 * Reads a whole Partner API list (§2) without trusting the server's paging: the page size is what
 * the first page actually held (the maximum `limit` is undocumented), short pages get their gap
 * fetched, and a list that changes while being read (records added or removed by others: `total`
 * changes, or the one-record overlap between pages shows a shift) is read again. If it will not
 * hold still, the union is returned marked incomplete, so the sync keeps records it did not see
 * instead of marking them removed. A listing that states no `total` (the published schema makes it
 * optional, §11) is read page after page until a page comes back short.
 */
import { abortReason } from './retry';
import type { ListPage, PageRequest } from './list-page';

export type FetchPage = (request: PageRequest) => Promise<ListPage>;

export interface ListAllProgress {
  /** Items received in the current reading (duplicates included). */
  fetched: number;
  /** As stated by the first page; without one, what has been read so far. */
  total: number;
  /** Whether the server stated the total (else the listing is read until a short page). */
  totalStated: boolean;
  requests: number;
  /** Which reading of the list, from 1. */
  attempt: number;
}

export interface ListAllOptions {
  pageSize?: number;
  /** Pages in flight at once after the first. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ListAllProgress) => void;
  /** Readings of the list before giving up on a consistent one. */
  maxAttempts?: number;
  /** Identity for de-duplication; items without one are kept as they come. */
  idOf?: (item: unknown) => string | null;
}

export interface ListAllResult {
  items: unknown[];
  total: number;
  /** False when the server stated no total: the listing was read until a short page. */
  totalStated: boolean;
  /** False when the list kept changing: do not infer removals from it. */
  complete: boolean;
  requests: number;
}

export function defaultIdOf(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

interface Pass {
  /** In offset order, de-duplicated by id. */
  ordered: unknown[];
  /** Every record received with an id, including ones that did not fit a consistent listing. */
  seen: Map<string, unknown>;
  total: number;
  totalStated: boolean;
  consistent: boolean;
}

interface Range {
  offset: number;
  limit: number;
  /** 1 when the range starts on the last position already read, to prove nothing shifted. */
  overlap: 0 | 1;
}

export async function listAll(fetchPage: FetchPage, options: ListAllOptions = {}): Promise<ListAllResult> {
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 1000));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const idOf = options.idOf ?? defaultIdOf;
  const { signal } = options;
  let requests = 0;

  const fetchRange = async (range: Range): Promise<ListPage> => {
    if (signal?.aborted) throw abortReason(signal);
    requests++;
    return fetchPage({ offset: range.offset, limit: range.limit, ...(signal ? { signal } : {}) });
  };

  /** `tolerant`: the last reading goes on past changes, to return as much of the list as it can. */
  async function readOnce(attempt: number, tolerant: boolean): Promise<Pass> {
    // Position in the listing -> item. Pages after the first start one position early: if the item
    // there is not the one read before, records were added or removed in front of it and the
    // offsets shifted, even when `total` stayed the same (one added, one removed).
    const positions = new Map<number, unknown>();
    const seen = new Map<string, unknown>();
    let consistent = true;
    let fetched = 0;
    const place = (offset: number, items: unknown[]): void => {
      items.forEach((item, i) => {
        const at = offset + i;
        const id = idOf(item);
        if (id !== null) seen.set(id, item);
        if (!positions.has(at)) {
          positions.set(at, item);
          return;
        }
        const before = idOf(positions.get(at));
        // A record without id cannot prove a shift; if the other reading has one, keep that.
        if (before !== null && id !== null && before !== id) consistent = false;
        else if (before === null && id !== null) positions.set(at, item);
      });
      fetched += items.length;
    };

    const first = await fetchRange({ offset: 0, limit: pageSize, overlap: 0 });
    place(0, first.items);
    // What the server really gives per page; it may cap below what was asked (max limit is undocumented).
    const step = Math.min(first.items.length, pageSize);
    const overlap: 0 | 1 = step >= 2 ? 1 : 0;
    if (first.total === null) {
      options.onProgress?.({ fetched, total: fetched, totalStated: false, requests, attempt });
      const end = await readUntilShort(
        first.items.length,
        step,
        overlap,
        place,
        (range) => fetchRange(range),
        () => {
          options.onProgress?.({ fetched, total: fetched, totalStated: false, requests, attempt });
        },
      );
      if (!end.consistent) consistent = false;
      return finish(positions, end.length, false);
    }
    const total = first.total;
    options.onProgress?.({ fetched, total, totalStated: true, requests, attempt });
    const pending: Range[] = [];
    if (step === 0 && total > 0)
      consistent = false; // claims records but sends none
    else
      for (let next = first.items.length; next < total; next += step - overlap)
        pending.push({ offset: next - overlap, limit: step, overlap });

    let failure: { error: unknown } | null = null;
    const handle = async (range: Range): Promise<void> => {
      try {
        const page = await fetchRange(range);
        if (page.total !== null && page.total !== total) {
          consistent = false; // records came or went between pages
          if (!tolerant) return;
        }
        place(range.offset, page.items);
        const got = page.items.length;
        if (got < range.limit && range.offset + got < total) {
          // A short page: fetch the gap (again overlapping by one), unless it brought nothing new.
          if (got - range.overlap <= 0) consistent = false;
          else pending.push({ offset: range.offset + got - 1, limit: range.limit - got + 1, overlap: 1 });
        }
        options.onProgress?.({ fetched, total, totalStated: true, requests, attempt });
      } catch (error) {
        failure ??= { error };
      }
    };

    const running = new Set<Promise<void>>();
    for (;;) {
      while (pending.length > 0 && running.size < concurrency && (consistent || tolerant) && !failure) {
        const range = pending.shift() as Range;
        const task: Promise<void> = handle(range).finally(() => running.delete(task));
        running.add(task);
      }
      if (running.size === 0) break;
      await Promise.race(running);
    }
    if (failure) throw (failure as { error: unknown }).error;
    return finish(positions, total, true);

    function finish(at: Map<number, unknown>, expected: number, totalStated: boolean): Pass {
      const placed = new Set<string>();
      const ordered: unknown[] = [];
      for (const position of [...at.keys()].sort((a, b) => a - b)) {
        const item = at.get(position);
        const id = idOf(item);
        if (id === null) ordered.push(item);
        else if (placed.has(id))
          consistent = false; // one record at two positions: the listing moved
        else {
          placed.add(id);
          ordered.push(item);
        }
      }
      // A position never filled (or more than expected) also means the listing moved.
      if (ordered.length !== expected) consistent = false;
      return { ordered, seen, total: expected, totalStated, consistent };
    }
  }

  /**
   * Without a stated total: asks for the next pages (one at first when the first page was shorter
   * than asked, which may be the whole listing or the server's own page size; then `concurrency` at
   * a time) until one comes back shorter than asked. That page ends the listing; a later page that
   * still holds records means records came in meanwhile, so the reading is not consistent.
   */
  async function readUntilShort(
    firstLength: number,
    step: number,
    overlap: 0 | 1,
    place: (offset: number, items: unknown[]) => void,
    fetch: (range: Range) => Promise<ListPage>,
    progress: () => void,
  ): Promise<{ length: number; consistent: boolean }> {
    if (firstLength === 0) return { length: 0, consistent: true };
    let next = firstLength;
    let width = firstLength < pageSize ? 1 : concurrency;
    for (;;) {
      const ranges: Range[] = [];
      for (let k = 0; k < width; k += 1, next += step - overlap) ranges.push({ offset: next - overlap, limit: step, overlap });
      const pages = await Promise.all(ranges.map((range) => fetch(range)));
      let end: number | null = null;
      let consistent = true;
      pages.forEach((page, k) => {
        const range = ranges[k] as Range;
        if (end !== null) {
          if (page.items.length > range.overlap) consistent = false; // past the end, yet records: the listing grew
          return;
        }
        place(range.offset, page.items);
        if (page.items.length < range.limit) end = range.offset + page.items.length;
      });
      progress();
      if (end !== null) return { length: end, consistent };
      width = concurrency;
    }
  }

  const union = new Map<string, unknown>();
  let last: Pass | null = null;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const pass = await readOnce(attempt, attempt === maxAttempts);
    if (pass.consistent) return { items: pass.ordered, total: pass.total, totalStated: pass.totalStated, complete: true, requests };
    for (const [id, item] of pass.seen) union.set(id, item); // later readings are fresher
    last = pass;
  }
  const anonymous = last ? last.ordered.filter((item) => idOf(item) === null) : [];
  return {
    items: [...union.values(), ...anonymous],
    total: last?.total ?? 0,
    totalStated: last?.totalStated ?? true,
    complete: false,
    requests,
  };
}
