/**
 * The SQL of a channel list query: its WHERE clause over the narrow search table `channel_search s`
 * (joined with the wide `channels c` only when a filter needs it) and its ORDER BY. Used by the list,
 * the counts, select-all and the export (channel-queries.ts), on the main thread and on the worker.
 */
import type { ChannelQuery, ChannelSort } from '@shared/accounts';
import { searchTerms, type SearchTerm } from '@shared/search-text';
import { NOT_AVAILABLE } from '@shared/status';
import { PHONE_SORT } from './search-snapshot';

const SORT_SQL: Record<ChannelSort, string> = {
  company: 's.company_sort',
  display_name: 'c.display_sort',
  phone: PHONE_SORT,
  state: 'c.state_order',
  created: 'c.created_at',
  modified: 'c.modified_at',
};

export interface Where {
  sql: string;
  params: Array<string | number>;
  /** The search terms every match must satisfy (text in search_text, or a number in numbers). */
  terms: SearchTerm[];
  /** Whether a condition reads the wide channels row (else the narrow search table suffices). */
  needsChannel: boolean;
}

/**
 * Builds the WHERE clause over `channel_search s` (and `channels c` when a filter needs it);
 * `withStates` false leaves out the state filter (for per-state counts).
 */
export function channelWhere(profileId: string, query: ChannelQuery, withStates: boolean): Where {
  const terms = searchTerms(query.search);
  // channel_search has no index besides its rid: SQL scans the narrow table (the in-memory index
  // serves the common queries; these are the ones with filters on other columns, and the export).
  const clauses = ['s.profile_id = ?'];
  const params: Array<string | number> = [profileId];
  let needsChannel = false;
  if (!query.includeRemoved) clauses.push('s.removed = 0');
  for (const term of terms) {
    const alternatives: string[] = [];
    if (term.text !== null) {
      alternatives.push('instr(s.search_text, ?) > 0');
      params.push(term.text);
    }
    for (const needle of term.numbers ?? []) {
      alternatives.push('instr(s.numbers, ?) > 0');
      params.push(needle);
    }
    clauses.push(`(${alternatives.join(' OR ')})`);
  }
  const anyOf = (column: string, values: readonly string[]) => {
    if (values.length === 0) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
    if (column.startsWith('c.')) needsChannel = true;
  };
  if (withStates) anyOf('s.state', query.states);
  anyOf('c.message_on_behalf', query.messageOnBehalf);
  anyOf('c.meta_business_verification', query.metaBusinessVerification);
  anyOf('c.number_registration', query.numberRegistration);
  if (query.clientId !== undefined) {
    clauses.push('c.client_id = ?');
    params.push(query.clientId);
    needsChannel = true;
  }
  if (query.actionRequired !== undefined) {
    clauses.push(query.actionRequired ? 'c.action_required IS NOT NULL' : 'c.action_required IS NULL');
    needsChannel = true;
  }
  anyOf('c.action_required', query.actions);
  // "Not available" is how a channel without a rating or limit is shown: it matches NULL.
  const anyLabelOf = (column: string, values: readonly string[]) => {
    if (values.length === 0) return;
    const named = values.filter((v) => v !== NOT_AVAILABLE);
    const parts = [
      ...(named.length > 0 ? [`${column} IN (${named.map(() => '?').join(', ')})`] : []),
      ...(named.length < values.length ? [`${column} IS NULL`] : []),
    ];
    clauses.push(parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' OR ')})`);
    params.push(...named);
    needsChannel = true;
  };
  anyLabelOf('c.quality_rating', query.qualityRating);
  anyLabelOf('c.messaging_limit', query.messagingLimit);
  if (query.ids !== undefined) {
    // One parameter however many ids (SQLite caps the number of parameters of a statement).
    clauses.push('c.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.ids));
    needsChannel = true;
  }
  return { sql: clauses.join(' AND '), params, terms, needsChannel };
}

export function orderBy(query: ChannelQuery): string {
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  return `${SORT_SQL[query.sort]} ${direction} NULLS LAST, s.rid ${direction}`;
}
