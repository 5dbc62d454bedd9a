/**
 * Parses the list parameters every Partner API list shares (§2): `limit`, `offset`, `sort` (a string
 * in, an array out) and `filters` (URL-encoded JSON with dotted keys). Anything the real schema would
 * refuse becomes a message for a 400, never a silently ignored parameter.
 */

export type FilterScalar = string | number | boolean | null;
export type FilterValue = FilterScalar | FilterScalar[];

export interface SortField {
  path: readonly string[];
  desc: boolean;
}

export interface ListQuery {
  limit: number;
  offset: number;
  sort: SortField[];
  /** Echoed back as the envelope's `sort`. */
  sortEcho: string[];
  filters: Record<string, FilterValue>;
  /** Canonical text of filters + sort, used to cache the matching view. */
  viewKey: string;
}

export interface ListSpec {
  itemsKey: string;
  /** Filter keys the real schema accepts (`additionalProperties: false`). */
  filterKeys: ReadonlySet<string>;
  /** Filter and sort keys that read a different record path (templates: business_templates.name -> name). */
  aliases?: Readonly<Record<string, string>>;
  /** Top-level fields a sort may start with. */
  sortRoots: ReadonlySet<string>;
}

export type ParsedList = { ok: true; query: ListQuery } | { ok: false; message: string };

export const DEFAULT_LIMIT = 1000;

function parseCount(raw: string | null, name: string, fallback: number): number | string {
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) return `Invalid ${name} '${raw}': must be an integer >= 0`;
  return Number(raw.trim());
}

function isScalar(value: unknown): value is FilterScalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function parseFilters(raw: string | null, spec: ListSpec): Record<string, FilterValue> | string {
  if (raw === null || raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return `Invalid filters: not a JSON object (${raw.slice(0, 80)})`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'Invalid filters: expected a JSON object of field names and values';
  }
  const out: Record<string, FilterValue> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!spec.filterKeys.has(key)) return `Invalid filters: unknown filter key '${key}'`;
    if (isScalar(value)) out[key] = value;
    else if (Array.isArray(value) && value.every(isScalar)) out[key] = value;
    else return `Invalid filters: value of '${key}' must be a string, number, boolean, null or a list of them`;
  }
  return out;
}

function parseSort(raws: string[], spec: ListSpec): { fields: SortField[]; echo: string[] } | string {
  const echo = raws
    .flatMap((r) => r.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '-');
  if (echo.length === 0) echo.push('id');
  const fields: SortField[] = [];
  for (const item of echo) {
    const desc = item.startsWith('-');
    const name = desc ? item.slice(1) : item;
    const path = (spec.aliases?.[name] ?? name).split('.');
    if (!spec.sortRoots.has(path[0] ?? '') || path.some((p) => p === '')) return `Invalid sort field '${item}'`;
    fields.push({ path, desc });
  }
  return { fields, echo };
}

export function parseListQuery(params: URLSearchParams, spec: ListSpec, maxLimit: number): ParsedList {
  const limit = parseCount(params.get('limit'), 'limit', DEFAULT_LIMIT);
  if (typeof limit === 'string') return { ok: false, message: limit };
  const offset = parseCount(params.get('offset'), 'offset', 0);
  if (typeof offset === 'string') return { ok: false, message: offset };
  const filters = parseFilters(params.get('filters'), spec);
  if (typeof filters === 'string') return { ok: false, message: filters };
  const sort = parseSort(params.getAll('sort'), spec);
  if (typeof sort === 'string') return { ok: false, message: sort };
  return {
    ok: true,
    query: {
      limit: Math.min(limit, maxLimit),
      offset,
      sort: sort.fields,
      sortEcho: sort.echo,
      filters,
      viewKey: `${sort.echo.join(',')}|${JSON.stringify(filters)}`,
    },
  };
}

/** Reads a dotted path; missing steps read as undefined. */
export function readPath(record: unknown, path: readonly string[]): unknown {
  let value: unknown = record;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}
