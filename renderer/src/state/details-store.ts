/**
 * What the "Show details" panel reads: a channel's details, its WABA's templates and its client's
 * balance, each kept per id while the workspace is open. Templates and balances are cached by main
 * for offline use and answered from the cache at once; `refresh` (or an old copy) makes main fetch
 * fresh ones from the Hub in the background (`refreshing`, rate limited there), and its
 * `insights.changed` event has the panel re-read the cache. A panel that closes lets go of a refresh
 * it asked for (`release`), so a queued request does not use up the Hub's rate limit for nothing.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PartnerDeskApi } from '@shared/api';
import type { ChannelDetails, ClientListItem } from '@shared/accounts';
import type { ErrorInfo } from '@shared/errors';
import type { ChannelTemplates, ClientBalanceInfo, InsightKind } from '@shared/insights';
import type { Result } from '@shared/result';

/** One thing being loaded: the last good value stays while a reload runs or after it fails. */
export interface Loadable<T> {
  value: T | null;
  loading: boolean;
  error: ErrorInfo | null;
}

export interface DetailsState {
  channels: Record<string, Loadable<ChannelDetails>>;
  templates: Record<string, Loadable<ChannelTemplates>>;
  balances: Record<string, Loadable<ClientBalanceInfo>>;
  clients: Record<string, Loadable<ClientListItem>>;
  loadChannel(id: string): Promise<void>;
  loadClient(id: string): Promise<void>;
  loadTemplates(channelId: string, refresh?: boolean): Promise<void>;
  loadBalance(clientId: string, refresh?: boolean): Promise<void>;
  /** After a sync: reload what is loaded, keeping it on screen meanwhile. */
  invalidate(): void;
  /** The panel showing this balance or these templates closed: drop the refresh it asked for, if not yet sent. */
  release(kind: InsightKind, id: string): void;
  /** Listens to main's `insights.changed`; returns the function that stops. */
  listen(): () => void;
}

export type DetailsStore = StoreApi<DetailsState>;

type Slot = 'channels' | 'templates' | 'balances' | 'clients';

export const EMPTY_LOADABLE: Loadable<never> = { value: null, loading: false, error: null };

export function createDetailsStore(api: PartnerDeskApi): DetailsStore {
  // Per slot and id, the latest request: an older answer arriving late must not overwrite a newer one.
  const latest = new Map<string, number>();
  let seq = 0;

  return createStore<DetailsState>()((set, get) => {
    async function load<T>(slot: Slot, id: string, call: () => Promise<Result<T>>, options: { force: boolean }): Promise<void> {
      const current = get()[slot][id] as Loadable<T> | undefined;
      if (!options.force && (current?.loading || current?.value)) return;
      const mine = ++seq;
      latest.set(`${slot}:${id}`, mine);
      update<T>(slot, id, { value: current?.value ?? null, loading: true, error: null });
      const result = await call();
      if (latest.get(`${slot}:${id}`) !== mine) return;
      if (result.ok) update<T>(slot, id, { value: result.value, loading: false, error: null });
      else update<T>(slot, id, { value: current?.value ?? null, loading: false, error: result.error });
    }

    function update<T>(slot: Slot, id: string, entry: Loadable<T>): void {
      set((state) => ({ [slot]: { ...state[slot], [id]: entry } }) as Partial<DetailsState>);
    }

    return {
      channels: {},
      templates: {},
      balances: {},
      clients: {},

      loadClient: (id) => load('clients', id, () => api.request('clients.get', { id }), { force: false }),
      loadChannel: (id) => load('channels', id, () => api.request('channels.get', { id }), { force: false }),
      loadTemplates: (channelId, refresh = false) =>
        load('templates', channelId, () => api.request('channels.templates', { id: channelId, refresh }), { force: refresh }),
      loadBalance: (clientId, refresh = false) =>
        load('balances', clientId, () => api.request('clients.balance', { id: clientId, refresh }), { force: refresh }),

      invalidate() {
        const { channels, templates, balances, clients } = get();
        for (const id of Object.keys(channels)) void load('channels', id, () => api.request('channels.get', { id }), { force: true });
        for (const id of Object.keys(clients)) void load('clients', id, () => api.request('clients.get', { id }), { force: true });
        // Cached copies in main did not change because of a sync of the lists; just re-read them.
        for (const id of Object.keys(templates))
          void load('templates', id, () => api.request('channels.templates', { id, refresh: false }), { force: true });
        for (const id of Object.keys(balances))
          void load('balances', id, () => api.request('clients.balance', { id, refresh: false }), { force: true });
      },

      release(kind, id) {
        void api.request('insights.cancel', { kind, id });
      },

      listen() {
        return api.on('insights.changed', ({ kind, id }) => {
          // A background refresh ended: re-read main's cache for what is loaded.
          if (kind === 'balance' && get().balances[id])
            void load('balances', id, () => api.request('clients.balance', { id, refresh: false }), { force: true });
          if (kind === 'templates' && get().templates[id])
            void load('templates', id, () => api.request('channels.templates', { id, refresh: false }), { force: true });
        });
      },
    };
  });
}
