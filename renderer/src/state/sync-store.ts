/**
 * The sync as the UI sees it: the latest status (kept current by the `sync.status` event), whether
 * the user's "Sync now" is on its way, and why it failed. On first load a profile that was never
 * synced is synced at once, so a new user does not stare at an empty list.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PartnerDeskApi } from '@shared/api';
import type { SyncStatus } from '@shared/accounts';
import type { ErrorInfo } from '@shared/errors';

export interface SyncStoreState {
  status: SyncStatus | null;
  /** "Sync now" sent and not answered yet (the status may already say running). */
  requesting: boolean;
  /** The request itself failed (not signed in, local service gone); a failed sync is in `status`. */
  requestError: ErrorInfo | null;
  load(): Promise<void>;
  syncNow(): Promise<void>;
  dispose(): void;
}

export type SyncStore = StoreApi<SyncStoreState>;

/** Never synced and not syncing: the list would be empty for no reason the user can see. */
export function needsFirstSync(status: SyncStatus | null): boolean {
  return status !== null && status.lastSucceededAt === null && status.state !== 'running';
}

/** The status is about another profile (a late event after switching): ignore it. */
function isForeign(status: SyncStatus, current: SyncStatus | null): boolean {
  return current !== null && current.profileId !== null && status.profileId !== null && status.profileId !== current.profileId;
}

export function createSyncStore(api: PartnerDeskApi): SyncStore {
  let unsubscribe: (() => void) | null = null;

  return createStore<SyncStoreState>()((set, get) => ({
    status: null,
    requesting: false,
    requestError: null,

    async load() {
      unsubscribe ??= api.on('sync.status', (status) => {
        if (!isForeign(status, get().status)) set({ status });
      });
      const result = await api.request('sync.status', {});
      if (!result.ok) {
        set({ requestError: result.error });
        return;
      }
      // An event may have arrived while we asked; the one with the later attempt wins.
      const current = get().status;
      if (!current || (current.lastAttemptAt ?? '') <= (result.value.lastAttemptAt ?? '')) set({ status: result.value });
      if (needsFirstSync(get().status)) await get().syncNow();
    },

    async syncNow() {
      if (get().requesting) return;
      set({ requesting: true, requestError: null });
      const result = await api.request('sync.now', {});
      if (result.ok) set({ status: result.value, requesting: false });
      else set({ requesting: false, requestError: result.error });
    },

    dispose() {
      unsubscribe?.();
      unsubscribe = null;
    },
  }));
}
