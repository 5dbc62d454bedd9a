/**
 * Filters, sorts and pages hub records, and writes the list envelope. Speed matters here: a benchmark
 * pages through 50k channels, so sorted views are cached per (sort, filters) until the data changes,
 * and a page is joined from each record's cached JSON instead of re-serialising the objects.
 */
import { readPath, type FilterValue, type ListQuery, type ListSpec } from './list-query';
import type { Entry } from './types';

export type CorruptionMode = 'types' | 'missing' | 'both';

export interface EngineSpec<T> extends ListSpec {
  /** Lowercase text searched by the `q` filter. */
  searchText?: (record: T) => string;
  /** A copy of the record with wrong field types, for the wrongTypes fault. */
  withWrongTypes: (record: T) => unknown;
}

function compareValues(a: unknown, b: unknown): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  // Nulls sort last ascending (and so first descending), as PostgreSQL does.
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function sameScalar(actual: unknown, wanted: unknown): boolean {
  if (wanted === null) return actual === null || actual === undefined;
  if (actual === null || actual === undefined || typeof actual === 'object') return false;
  return String(actual) === String(wanted);
}

function matches(actual: unknown, wanted: FilterValue): boolean {
  return Array.isArray(wanted) ? wanted.some((w) => sameScalar(actual, w)) : sameScalar(actual, wanted);
}

/** Phone-looking searches ("+49 30 123") compare digits only, as people type numbers many ways. */
function normaliseSearch(q: string): string {
  const trimmed = q.trim().toLowerCase();
  return /^[+\d\s().-]+$/.test(trimmed) && /\d/.test(trimmed) ? trimmed.replace(/\D/g, '') : trimmed;
}

export function selectEntries<T>(all: readonly Entry<T>[], query: ListQuery, spec: EngineSpec<T>): Entry<T>[] {
  const tests: ((entry: Entry<T>) => boolean)[] = [];
  for (const [key, wanted] of Object.entries(query.filters)) {
    if (key === 'q' && spec.searchText) {
      const needle = normaliseSearch(String(wanted ?? ''));
      const search = spec.searchText;
      tests.push((e) => (e.search ??= search(e.record)).includes(needle));
      continue;
    }
    const path = (spec.aliases?.[key] ?? key).split('.');
    tests.push((e) => matches(readPath(e.record, path), wanted));
  }
  const filtered = tests.length === 0 ? [...all] : all.filter((e) => tests.every((t) => t(e)));
  const fields = query.sort;
  const idPath = ['id'];
  const keyed = filtered.map((entry) => ({
    entry,
    keys: fields.map((f) => readPath(entry.record, f.path)),
    id: readPath(entry.record, idPath),
  }));
  keyed.sort((x, y) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareValues(x.keys[i], y.keys[i]);
      if (c !== 0) return fields[i]?.desc ? -c : c;
    }
    return compareValues(x.id, y.id); // stable pages even when sort values tie
  });
  return keyed.map((k) => k.entry);
}

/** Caches selected views until the store's version changes. */
export class ViewCache<T> {
  private version = -1;
  private readonly views = new Map<string, Entry<T>[]>();

  get(version: number, query: ListQuery, compute: () => Entry<T>[]): Entry<T>[] {
    if (version !== this.version) {
      this.views.clear();
      this.version = version;
    }
    let view = this.views.get(query.viewKey);
    if (!view) {
      if (this.views.size >= 32) this.views.clear();
      view = compute();
      this.views.set(query.viewKey, view);
    }
    return view;
  }
}

export interface PageOptions {
  corrupt: CorruptionMode | null;
  /** The envelope fault: fields left out, and the records under another key. */
  envelope?: { omit: ReadonlyArray<'count' | 'total'>; itemsKey?: string } | null;
}

/** The §2 envelope: `{count, filters, sort, limit, offset, total, <itemsKey>}` (`count`, `total` optional: §11). */
export function renderPage<T>(
  view: readonly Entry<T>[],
  query: ListQuery,
  spec: EngineSpec<T>,
  options: PageOptions,
): { body: string; count: number } {
  const page = view.slice(query.offset, query.offset + query.limit);
  const parts = page.map((e) => (e.json ??= JSON.stringify(e.record)));
  if (options.corrupt && page.length > 0) {
    const first = page[0] as Entry<T>;
    const last = page[page.length - 1] as Entry<T>;
    if (options.corrupt !== 'missing') parts[0] = JSON.stringify(spec.withWrongTypes(first.record));
    if (options.corrupt !== 'types') {
      const base = options.corrupt === 'both' && page.length === 1 ? spec.withWrongTypes(first.record) : last.record;
      const withoutId: Record<string, unknown> = { ...(base as Record<string, unknown>) };
      delete withoutId.id;
      parts[parts.length - 1] = JSON.stringify(withoutId);
    }
  }
  const omit = options.envelope?.omit ?? [];
  const count = omit.includes('count') ? '' : `"count":${page.length},`;
  const total = omit.includes('total') ? '' : `,"total":${view.length}`;
  const head = `{${count}"filters":${JSON.stringify(query.filters)},"sort":${JSON.stringify(query.sortEcho)},"limit":${query.limit},"offset":${query.offset}${total}`;
  const itemsKey = options.envelope?.itemsKey ?? spec.itemsKey;
  return { body: `${head},${JSON.stringify(itemsKey)}:[${parts.join(',')}]}`, count: page.length };
}
