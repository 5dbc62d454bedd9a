/** The Overview's numbers: read when the page is shown and again after every sync or queued action. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PartnerDeskApi } from '@shared/api';
import type { BookOverview } from '@shared/book';
import type { ErrorInfo } from '@shared/errors';

export interface OverviewState {
  value: BookOverview | null;
  error: ErrorInfo | null;
  loading: boolean;
  load(): Promise<void>;
  /** The data changed: read again if the page has been shown. */
  invalidate(): void;
}

export type OverviewStore = StoreApi<OverviewState>;

export function createOverviewStore(api: PartnerDeskApi): OverviewStore {
  let seq = 0;
  let wanted = false;
  return createStore<OverviewState>()((set, get) => ({
    value: null,
    error: null,
    loading: false,
    async load() {
      wanted = true;
      const mine = ++seq;
      set({ loading: true });
      const result = await api.request('book.overview', {});
      if (mine !== seq) return;
      if (result.ok) set({ value: result.value, error: null, loading: false });
      else set({ error: result.error, loading: false });
    },
    invalidate() {
      if (wanted) void get().load();
    },
  }));
}
