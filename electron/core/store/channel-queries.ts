/**
 * Channel list queries for the UI, the CLI and the export: search, filters, sort, paging and
 * counts per state. Search scans the narrow `search_text` column with instr() (a few ms for 50,000
 * channels) with every term required; phone-like terms also match by digits.
 */
import type Database from 'better-sqlite3';
import { type ChannelListItem, type ChannelPage, type ChannelQuery, type ChannelSort } from '../../../shared/accounts';
import { foldForSearch, phoneDigits } from '../../../shared/search-text';
import { parseJsonOr } from './json-column';
import { deriveChannelStatus, DerivedChannelStatus } from '../../../shared/status';

const SORT_SQL: Record<ChannelSort, string> = {
  company: 'c.company_sort',
  display_name: 'c.display_sort',
  phone: 'c.phone_number',
  state: 'c.state_order',
  created: 'c.created_at',
  modified: 'c.modified_at',
};

interface Where {
  sql: string;
  params: Array<string | number>;
}

/** Builds the WHERE clause; `withStates` false leaves out the state filter (for per-state counts). */
export function channelWhere(profileId: string, query: ChannelQuery, withStates: boolean): Where {
  const clauses = ['c.profile_id = ?'];
  const params: Array<string | number> = [profileId];
  if (!query.includeRemoved) clauses.push('c.removed_at IS NULL');
  for (const term of searchTerms(query.search)) {
    if (term.digits) {
      clauses.push('(instr(c.search_text, ?) > 0 OR instr(c.search_text, ?) > 0)');
      params.push(term.text, term.digits);
    } else {
      clauses.push('instr(c.search_text, ?) > 0');
      params.push(term.text);
    }
  }
  const anyOf = (column: string, values: readonly string[]) => {
    if (values.length === 0) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (withStates) anyOf('c.state', query.states);
  anyOf('c.message_on_behalf', query.messageOnBehalf);
  anyOf('c.meta_business_verification', query.metaBusinessVerification);
  anyOf('c.number_registration', query.numberRegistration);
  if (query.clientId !== undefined) {
    clauses.push('c.client_id = ?');
    params.push(query.clientId);
  }
  if (query.actionRequired !== undefined) clauses.push(query.actionRequired ? 'c.action_required IS NOT NULL' : 'c.action_required IS NULL');
  return { sql: clauses.join(' AND '), params };
}

/** Search terms: whitespace-separated, folded; a phone-like query is also one digits-only term. */
export function searchTerms(search: string): Array<{ text: string; digits: string | null }> {
  const trimmed = search.trim();
  if (trimmed === '') return [];
  const wholeDigits = phoneDigits(trimmed);
  if (wholeDigits) return [{ text: foldForSearch(trimmed), digits: wholeDigits }];
  return foldForSearch(trimmed)
    .split(' ')
    .filter((t) => t.length > 0)
    .map((text) => ({ text, digits: null }));
}

interface ItemRow {
  id: string;
  client_id: string | null;
  company_name: string | null;
  display_name: string | null;
  phone_number: string | null;
  email: string | null;
  created_at: string | null;
  synced_at: string;
  removed_at: string | null;
  raw: string;
  derived: string | null;
}

export const CHANNEL_ITEM_SELECT = `
  SELECT c.id, c.client_id, c.company_name, c.display_name, c.phone_number, c.email, c.created_at, c.synced_at, c.removed_at, r.raw, r.derived
  FROM channels c JOIN channel_records r ON r.rid = c.rid`;

/** A stored row as a list item; the stored derivation is validated, re-derived from raw if damaged. */
export function toChannelItem(row: ItemRow): ChannelListItem {
  const stored = DerivedChannelStatus.safeParse(parseJsonOr(row.derived, null));
  const status = stored.success ? stored.data : deriveChannelStatus(parseJsonOr(row.raw, null));
  return {
    id: row.id,
    clientId: row.client_id,
    companyName: row.company_name,
    displayName: row.display_name,
    phoneNumber: row.phone_number,
    email: row.email,
    status,
    createdAt: row.created_at,
    syncedAt: row.synced_at,
    removedAt: row.removed_at,
  };
}

export function orderBy(query: ChannelQuery): string {
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  return `${SORT_SQL[query.sort]} ${direction} NULLS LAST, c.id ${direction}`;
}

export class ChannelQueries {
  constructor(private readonly db: Database.Database) {}

  list(profileId: string, query: ChannelQuery): ChannelPage {
    const facet = channelWhere(profileId, query, false);
    const countRows = this.db.prepare(`SELECT c.state AS state, count(*) AS n FROM channels c WHERE ${facet.sql} GROUP BY c.state`).all(...facet.params) as Array<{
      state: string;
      n: number;
    }>;
    const countsByState = Object.fromEntries(countRows.map((r) => [r.state, r.n]));
    const wanted = new Set<string>(query.states);
    const total = countRows.reduce((sum, r) => sum + (wanted.size === 0 || wanted.has(r.state) ? r.n : 0), 0);

    const where = channelWhere(profileId, query, true);
    const rows = this.db
      .prepare(`${CHANNEL_ITEM_SELECT} WHERE ${where.sql} ORDER BY ${orderBy(query)} LIMIT ? OFFSET ?`)
      .all(...where.params, query.limit, query.offset) as ItemRow[];
    return { total, offset: query.offset, items: rows.map(toChannelItem), countsByState };
  }

  /** Every matching row in order, one at a time (the export streams this; memory stays flat). */
  *iterate(profileId: string, query: ChannelQuery): Generator<ChannelListItem> {
    const where = channelWhere(profileId, query, true);
    const statement = this.db.prepare(`${CHANNEL_ITEM_SELECT} WHERE ${where.sql} ORDER BY ${orderBy(query)}`);
    for (const row of statement.iterate(...where.params) as Iterable<ItemRow>) yield toChannelItem(row);
  }

  get(profileId: string, channelId: string): { item: ChannelListItem; raw: unknown } | null {
    const row = this.db.prepare(`${CHANNEL_ITEM_SELECT} WHERE c.profile_id = ? AND c.id = ?`).get(profileId, channelId) as ItemRow | undefined;
    if (!row) return null;
    return { item: toChannelItem(row), raw: parseJsonOr(row.raw, row.raw) };
  }
}
