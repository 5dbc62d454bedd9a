/**
 * The permission links of the profile (newest first), reloaded whenever main says onboarding changed
 * (a link made or shared, a redirect read, a sync that answered a link). A later answer always wins
 * over an earlier one.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PartnerDeskApi } from '@shared/api';
import type { ErrorInfo } from '@shared/errors';
import type { PermissionLink } from '@shared/onboarding';

export interface OnboardingState {
  links: PermissionLink[];
  loaded: boolean;
  error: ErrorInfo | null;
  /** Bumped on every change main announces: open panels re-read their link. */
  version: number;
  load(): Promise<void>;
  dispose(): void;
}

export type OnboardingStore = StoreApi<OnboardingState>;

export const LINK_PAGE = 200;

export function createOnboardingStore(api: PartnerDeskApi): OnboardingStore {
  let unsubscribe: (() => void) | null = null;
  let seq = 0;
  return createStore<OnboardingState>()((set, get) => ({
    links: [],
    loaded: false,
    error: null,
    version: 0,

    async load() {
      unsubscribe ??= api.on('onboarding.changed', () => {
        set({ version: get().version + 1 });
        void get().load();
      });
      const mine = ++seq;
      const result = await api.request('onboarding.links', { limit: LINK_PAGE });
      if (mine !== seq) return;
      if (result.ok) set({ links: result.value.items, loaded: true, error: null });
      else set({ error: result.error, loaded: true });
    },

    dispose() {
      unsubscribe?.();
      unsubscribe = null;
    },
  }));
}
