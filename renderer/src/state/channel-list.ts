/**
 * The WhatsApp accounts list: the filters the toolbar edits, how they become a `channels.list`
 * query, and the windowed store that reads the pages. Filters are normalised before they become a
 * cache key, so ticking "Live" then "Draft" and the reverse share one cached result.
 */
import type { PartnerDeskApi } from '@shared/api';
import type { ChannelListItem, ChannelPage, ChannelQueryInput, ChannelSort } from '@shared/accounts';
import type { ActionHintId, ChannelStateId } from '@shared/status';
import { createWindowedList, type WindowedListStore } from './windowed-list';

export type ActivationFilterField = 'messageOnBehalf' | 'metaBusinessVerification' | 'numberRegistration';

export interface ChannelFilters {
  search: string;
  states: ChannelStateId[];
  messageOnBehalf: string[];
  metaBusinessVerification: string[];
  numberRegistration: string[];
  /** The client filter keeps the name beside the id, for the chip that shows it. */
  client: { id: string; name: string } | null;
  actionRequired: boolean;
  /** By the kind of action required, quality rating and messaging limit (the Overview links here). */
  actions: ActionHintId[];
  qualityRating: string[];
  messagingLimit: string[];
  sort: ChannelSort;
  direction: 'asc' | 'desc';
}

export const DEFAULT_CHANNEL_FILTERS: ChannelFilters = {
  search: '',
  states: [],
  messageOnBehalf: [],
  metaBusinessVerification: [],
  numberRegistration: [],
  client: null,
  actionRequired: false,
  actions: [],
  qualityRating: [],
  messagingLimit: [],
  sort: 'company',
  direction: 'asc',
};

export type CountsByState = Record<string, number>;
export type ChannelListStore = WindowedListStore<ChannelFilters, ChannelListItem, CountsByState>;

const sorted = (values: readonly string[]): string[] => [...new Set(values)].sort();

/** The contract query for a window of rows. The search is trimmed: trailing spaces find the same. */
export function toChannelQuery(filters: ChannelFilters, offset: number, limit: number): ChannelQueryInput {
  return {
    search: filters.search.trim(),
    states: sorted(filters.states) as ChannelStateId[],
    messageOnBehalf: sorted(filters.messageOnBehalf),
    metaBusinessVerification: sorted(filters.metaBusinessVerification),
    numberRegistration: sorted(filters.numberRegistration),
    ...(filters.client ? { clientId: filters.client.id } : {}),
    ...(filters.actionRequired ? { actionRequired: true } : {}),
    actions: sorted(filters.actions) as ActionHintId[],
    qualityRating: sorted(filters.qualityRating),
    messagingLimit: sorted(filters.messagingLimit),
    sort: filters.sort,
    direction: filters.direction,
    offset,
    limit,
  };
}

/** Equal for two filter sets exactly when they ask main the same question. */
export function channelQueryKey(filters: ChannelFilters): string {
  const { offset: _offset, limit: _limit, ...query } = toChannelQuery(filters, 0, 1);
  return JSON.stringify(query);
}

/** How many filters narrow the list (the search and the sort not counted), for the "Clear" button. */
export function activeFilterCount(filters: ChannelFilters): number {
  return (
    filters.states.length +
    filters.messageOnBehalf.length +
    filters.metaBusinessVerification.length +
    filters.numberRegistration.length +
    (filters.client ? 1 : 0) +
    (filters.actionRequired ? 1 : 0) +
    filters.actions.length +
    filters.qualityRating.length +
    filters.messagingLimit.length
  );
}

/** Keeps the search and sort, drops every narrowing filter. */
export function clearFilters(filters: ChannelFilters): ChannelFilters {
  return { ...DEFAULT_CHANNEL_FILTERS, search: filters.search, sort: filters.sort, direction: filters.direction };
}

export function toggleValue<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

export function createChannelList(
  api: PartnerDeskApi,
  pageSize = 100,
  initial: ChannelFilters = DEFAULT_CHANNEL_FILTERS,
): ChannelListStore {
  return createWindowedList<ChannelFilters, ChannelListItem, ChannelPage, CountsByState>(initial, {
    fetchPage: (filters, offset, limit) => api.request('channels.list', toChannelQuery(filters, offset, limit)),
    keyOf: channelQueryKey,
    extraOf: (page) => page.countsByState,
    pageSize,
  });
}
