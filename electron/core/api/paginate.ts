/**
 * Reads a whole Partner API list (§2) without trusting the server's paging: the page size is what
 * the first page actually held (the maximum `limit` is undocumented), short pages get their gap
 * fetched, and a list that changes while being read (records added or removed by others: `total`
 * changes, or the one-record overlap between pages shows a shift) is read again. If it will not
 * hold still, the union is returned marked incomplete, so the sync keeps records it did not see
 * instead of marking them removed.
 */
import { abortReason } from './retry';
import type { ListPage, PageRequest } from './list-page';

export type FetchPage = (request: PageRequest) => Promise<ListPage>;

export interface ListAllProgress {
  /** Items received in the current reading (duplicates included). */
  fetched: number;
  total: number;
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
    const total = first.total;
    place(0, first.items);
    options.onProgress?.({ fetched, total, requests, attempt });
    // What the server really gives per page; it may cap below what was asked (max limit is undocumented).
    const step = Math.min(first.items.length, pageSize);
    const overlap: 0 | 1 = step >= 2 ? 1 : 0;
    const pending: Range[] = [];
    if (step === 0 && total > 0) consistent = false; // claims records but sends none
    else for (let next = first.items.length; next < total; next += step - overlap) pending.push({ offset: next - overlap, limit: step, overlap });

    let failure: { error: unknown } | null = null;
    const handle = async (range: Range): Promise<void> => {
      try {
        const page = await fetchRange(range);
        if (page.total !== total) {
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
        options.onProgress?.({ fetched, total, requests, attempt });
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

    const placed = new Set<string>();
    const ordered: unknown[] = [];
    for (const at of [...positions.keys()].sort((a, b) => a - b)) {
      const item = positions.get(at);
      const id = idOf(item);
      if (id === null) ordered.push(item);
      else if (placed.has(id)) consistent = false; // one record at two positions: the listing moved
      else {
        placed.add(id);
        ordered.push(item);
      }
    }
    // A position never filled (or more than `total`) also means the listing moved.
    if (ordered.length !== total) consistent = false;
    return { ordered, seen, total, consistent };
  }

  const union = new Map<string, unknown>();
  let last: Pass | null = null;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const pass = await readOnce(attempt, attempt === maxAttempts);
    if (pass.consistent) return { items: pass.ordered, total: pass.total, complete: true, requests };
    for (const [id, item] of pass.seen) union.set(id, item); // later readings are fresher
    last = pass;
  }
  const anonymous = last ? last.ordered.filter((item) => idOf(item) === null) : [];
  return { items: [...union.values(), ...anonymous], total: last?.total ?? 0, complete: false, requests };
}
