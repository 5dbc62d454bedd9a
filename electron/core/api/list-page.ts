/**
 * One page of a Partner API list (§2): the query it is asked with (`filters` as URL-encoded JSON,
 * `sort` as a string) and the envelope it comes back in. Items stay `unknown`: the sync validates
 * them one by one, while an envelope that is not what §2 describes makes the whole page unusable.
 */
import { badResponseError } from './http-errors';
import type { QueryValue } from './http-client';
import { describeIssues, ListEnvelopeSchema } from './schemas';
import { arrayElementTexts } from './json-slices';

export type FilterScalar = string | number | boolean | null;
export type FilterValue = FilterScalar | FilterScalar[];
/** Field (dotted for nested ones, e.g. `waba_account.id`) -> wanted value(s). */
export type ListFilters = Record<string, FilterValue>;

export interface PageRequest {
  offset: number;
  limit: number;
  signal?: AbortSignal;
}

export interface ListPageQuery extends PageRequest {
  filters?: ListFilters;
  /** e.g. `-created_at`; sent as a string though echoed back as an array (§5 quirk 1). */
  sort?: string;
}

export interface ListPage {
  items: unknown[];
  /** As the server stated it (else the items that arrived); `items.length` is what actually arrived. */
  count: number;
  /** All matching records as the server stated it; null when it did not say (then page until a short page). */
  total: number | null;
  offset: number;
  /** The limit the server says it applied, if it says. */
  limit: number | null;
  /** Each item's JSON as the server sent it, when it could be cut from the body (aligned with `items`). */
  itemTexts?: string[];
}

export function listQueryParams(query: Partial<ListPageQuery>): Record<string, QueryValue> {
  const params: Record<string, QueryValue> = {};
  if (query.offset !== undefined) params.offset = query.offset;
  if (query.limit !== undefined) params.limit = query.limit;
  if (query.filters && Object.keys(query.filters).length > 0) params.filters = JSON.stringify(query.filters);
  if (query.sort) params.sort = query.sort;
  return params;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Item keys some list answers use instead of the documented one; tried after the endpoint's own names. */
export const GENERIC_ITEMS_KEYS = ['items', 'data', 'results'] as const;

/**
 * Reads the envelope. `itemsKeys` lists where the items may be, first the documented key
 * (`clients`, `partner_channels`, `waba_templates`), then the endpoint's tolerated alternatives, then
 * the generic names (`items`, `data`, `results`): the first of these that holds a list is the page.
 */
export function readListPage(
  body: unknown,
  itemsKeys: readonly string[],
  what: string,
  requestedOffset: number,
  status: number | null = 200,
  text?: string,
): ListPage {
  if (!isRecord(body)) throw badResponseError(what, 'the list answer is not a JSON object', status);
  const envelope = ListEnvelopeSchema.safeParse(body, { reportInput: true });
  if (!envelope.success) throw badResponseError(what, `the list envelope is malformed: ${describeIssues(envelope.error.issues)}`, status);
  const key = [...itemsKeys, ...GENERIC_ITEMS_KEYS].find((k) => Object.hasOwn(body, k) && Array.isArray(body[k]));
  const items = key === undefined ? undefined : body[key];
  if (!Array.isArray(items) || key === undefined) {
    const known = [...itemsKeys, ...GENERIC_ITEMS_KEYS].map((k) => `"${k}"`).join(', ');
    throw badResponseError(what, `the answer has no list of records under any known name (${known})`, status);
  }
  const itemTexts = text === undefined ? null : arrayElementTexts(text, key);
  return {
    items: items as unknown[],
    count: envelope.data.count ?? items.length,
    total: envelope.data.total ?? null,
    offset: envelope.data.offset ?? requestedOffset,
    limit: envelope.data.limit ?? null,
    ...(itemTexts && itemTexts.length === items.length ? { itemTexts } : {}),
  };
}
