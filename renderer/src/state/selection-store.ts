/**
 * The selection on the WhatsApp accounts list: click (or Space) toggles one channel, Shift extends
 * from the last one clicked to this one, Ctrl/Cmd+A takes the whole filtered list (in its order, from
 * main: the list on screen holds only the rows near the viewport). Each channel keeps its client, so
 * "set the channel limit of their clients" knows whom. A selection belongs to one query: changing
 * the search or a filter clears it, so nothing hidden is ever acted on.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PartnerDeskApi } from '@shared/api';
import type { ErrorInfo } from '@shared/errors';
import { toChannelQuery, type ChannelListStore } from './channel-list';

/** Select-all takes at most this many (a bulk action takes at most 5,000; export takes all of them). */
export const SELECT_ALL_MAX = 50_000;

export interface SelectionState {
  /** Channel id -> its client id, in the order selected (or the list's order for a range or all). */
  selected: ReadonlyMap<string, string | null>;
  /** The index last clicked, where a Shift-click range starts. */
  anchor: number | null;
  /** A range or select-all is being read from main. */
  reading: boolean;
  error: ErrorInfo | null;
  toggle(id: string, clientId: string | null, index: number): void;
  /** Shift-click: everything from the anchor to `index` joins the selection. */
  extendTo(index: number): Promise<void>;
  selectAll(): Promise<void>;
  clear(): void;
}

export type SelectionStore = StoreApi<SelectionState>;

export function createSelectionStore(api: PartnerDeskApi, channels: ChannelListStore): SelectionStore {
  let seq = 0;
  let key = channels.getState().queryKey;

  const store = createStore<SelectionState>()((set, get) => {
    /** The ids from position 0 to `upTo` (inclusive) of the current query, in its order. */
    async function idsUpTo(upTo: number): Promise<Array<[string, string | null]> | null> {
      const mine = ++seq;
      const queryKey = channels.getState().queryKey;
      set({ reading: true, error: null });
      const { offset: _o, limit: _l, ...query } = toChannelQuery(channels.getState().query, 0, 1);
      const result = await api.request('channels.ids', { query, max: Math.min(SELECT_ALL_MAX, upTo + 1) });
      if (mine !== seq || queryKey !== channels.getState().queryKey) return null;
      if (!result.ok) {
        set({ reading: false, error: result.error });
        return null;
      }
      set({ reading: false });
      return result.value.items;
    }

    return {
      selected: new Map(),
      anchor: null,
      reading: false,
      error: null,

      toggle(id, clientId, index) {
        const next = new Map(get().selected);
        if (next.has(id)) next.delete(id);
        else next.set(id, clientId);
        set({ selected: next, anchor: index, error: null });
      },

      async extendTo(index) {
        const anchor = get().anchor ?? index;
        const [from, to] = anchor <= index ? [anchor, index] : [index, anchor];
        const ids = await idsUpTo(to);
        if (!ids) return;
        const next = new Map(get().selected);
        for (const [id, clientId] of ids.slice(from, to + 1)) next.set(id, clientId);
        set({ selected: next, anchor: index });
      },

      async selectAll() {
        const ids = await idsUpTo(SELECT_ALL_MAX - 1);
        if (ids) set({ selected: new Map(ids), anchor: null });
      },

      clear() {
        seq += 1;
        if (get().selected.size > 0 || get().anchor !== null || get().reading)
          set({ selected: new Map(), anchor: null, reading: false, error: null });
      },
    };
  });

  // Another search or filter: the selection was of another list.
  channels.subscribe((state) => {
    if (state.queryKey !== key) {
      key = state.queryKey;
      store.getState().clear();
    }
  });
  return store;
}
