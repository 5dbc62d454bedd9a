/** The clients list: search and sort, read in windows like the channels (a partner may have thousands). */
import type { PartnerDeskApi } from '@shared/api';
import type { ClientListItem, ClientPage, ClientQueryInput } from '@shared/accounts';
import { createWindowedList, type WindowedListStore } from './windowed-list';

export type ClientSort = NonNullable<ClientQueryInput['sort']>;

export interface ClientFilters {
  search: string;
  sort: ClientSort;
  direction: 'asc' | 'desc';
}

export const DEFAULT_CLIENT_FILTERS: ClientFilters = { search: '', sort: 'name', direction: 'asc' };

export type ClientListStore = WindowedListStore<ClientFilters, ClientListItem, null>;

export function toClientQuery(filters: ClientFilters, offset: number, limit: number): ClientQueryInput {
  return { search: filters.search.trim(), sort: filters.sort, direction: filters.direction, offset, limit };
}

export function clientQueryKey(filters: ClientFilters): string {
  return JSON.stringify([filters.search.trim(), filters.sort, filters.direction]);
}

export function createClientList(api: PartnerDeskApi, pageSize = 100): ClientListStore {
  return createWindowedList<ClientFilters, ClientListItem, ClientPage, null>(DEFAULT_CLIENT_FILTERS, {
    fetchPage: (filters, offset, limit) => api.request('clients.list', toClientQuery(filters, offset, limit)),
    keyOf: clientQueryKey,
    pageSize,
  });
}
