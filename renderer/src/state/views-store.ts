/**
 * Saved views: named filters in the sidebar with their live counts ("Needs action in DE · 42"), and
 * the table's column choice. Counts are asked of main in one request for all views, again after
 * every sync and queued action (the workspace calls refreshCounts), so a view's count follows the data.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PartnerDeskApi } from '@shared/api';
import type { ChannelQuery } from '@shared/accounts';
import { toChannelQuery, type ChannelFilters } from './channel-list';
import type { SavedView } from './workspace-prefs';
import type { ViewMode } from './ui-store';

export interface ViewsState {
  views: SavedView[];
  /** Per view id: how many channels it shows now (null until counted). */
  counts: Record<string, number | null>;
  /** The table's optional columns the user chose; null: as many as the width allows. */
  columns: string[] | null;
  save(name: string, filters: ChannelFilters, viewMode: ViewMode | null): SavedView;
  remove(id: string): void;
  setColumns(columns: string[] | null): void;
  refreshCounts(): Promise<void>;
}

export type ViewsStore = StoreApi<ViewsState>;

/** The query a view counts (paging and sort do not change a count). */
export function viewQuery(filters: ChannelFilters): ChannelQuery {
  const { offset: _offset, limit: _limit, ...query } = toChannelQuery(filters, 0, 1);
  return { ...query, offset: 0, limit: 1, includeRemoved: false, states: query.states ?? [], search: query.search ?? '' } as ChannelQuery;
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `v${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}

export function createViewsStore(api: PartnerDeskApi, initial: { views: SavedView[]; columns: string[] | null }): ViewsStore {
  let seq = 0;
  return createStore<ViewsState>()((set, get) => ({
    views: initial.views,
    counts: {},
    columns: initial.columns,

    save(name, filters, viewMode) {
      const trimmed = name.trim().slice(0, 80);
      const existing = get().views.find((view) => view.name.toLocaleLowerCase() === trimmed.toLocaleLowerCase());
      const view: SavedView = { id: existing?.id ?? newId(), name: trimmed, filters: { ...filters }, viewMode };
      set({ views: existing ? get().views.map((v) => (v.id === existing.id ? view : v)) : [...get().views, view] });
      void get().refreshCounts();
      return view;
    },

    remove(id) {
      const { [id]: _gone, ...counts } = get().counts;
      set({ views: get().views.filter((view) => view.id !== id), counts });
    },

    setColumns(columns) {
      set({ columns });
    },

    async refreshCounts() {
      const views = get().views;
      if (views.length === 0) return;
      const mine = ++seq;
      const result = await api.request('channels.counts', { queries: views.map((view) => viewQuery(view.filters)) });
      // A later refresh (another sync, a new view) answers for the current list: an older answer is dropped.
      if (mine !== seq || !result.ok) return;
      const counts: Record<string, number | null> = {};
      views.forEach((view, index) => (counts[view.id] = result.value.totals[index] ?? null));
      set({ counts });
    },
  }));
}
