/**
 * The outbox as the UI sees it: the queue's status (kept current by `outbox.changed`), the actions
 * themselves, and the user's steering (retry, cancel or discard, send now). Each change re-reads the
 * list; a later answer always wins over an earlier one.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PartnerDeskApi } from '@shared/api';
import type { ErrorInfo } from '@shared/errors';
import type { OutboxAction, OutboxStatus } from '@shared/outbox';
import type { Result } from '@shared/result';

export interface OutboxState {
  status: OutboxStatus | null;
  items: OutboxAction[];
  loaded: boolean;
  error: ErrorInfo | null;
  /** Action ids with a retry or cancel on its way (their buttons show busy). */
  busy: Record<string, 'retry' | 'cancel'>;
  pushing: boolean;
  /** What the last "Send now" did, in main's words. */
  pushMessage: string | null;
  load(): Promise<void>;
  retry(id: string): Promise<Result<OutboxAction>>;
  cancel(id: string): Promise<Result<OutboxAction>>;
  push(): Promise<void>;
  dispose(): void;
}

export type OutboxStore = StoreApi<OutboxState>;

export const OUTBOX_PAGE = 200;

/** Actions that still need the network or the user. */
export function openCount(status: OutboxStatus | null): number {
  if (!status) return 0;
  const { queued, sending, failed, conflict } = status.counts;
  return queued + sending + failed + conflict;
}

/** Open actions on one record (a channel or client), newest first. */
export function actionsFor(items: readonly OutboxAction[], targetId: string): OutboxAction[] {
  return items.filter((item) => item.target.id === targetId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function createOutboxStore(api: PartnerDeskApi): OutboxStore {
  let unsubscribe: (() => void) | null = null;
  let seq = 0;

  return createStore<OutboxState>()((set, get) => {
    async function steer(id: string, kind: 'retry' | 'cancel'): Promise<Result<OutboxAction>> {
      set({ busy: { ...get().busy, [id]: kind }, error: null });
      const result = await api.request(kind === 'retry' ? 'outbox.retry' : 'outbox.cancel', { id });
      const { [id]: _done, ...rest } = get().busy;
      set({ busy: rest, ...(result.ok ? {} : { error: result.error }) });
      if (result.ok) replace(result.value);
      return result;
    }

    /** Shows the action's new state at once; the reload that `outbox.changed` triggers confirms it. */
    function replace(action: OutboxAction): void {
      set({ items: get().items.map((item) => (item.id === action.id ? action : item)) });
    }

    return {
      status: null,
      items: [],
      loaded: false,
      error: null,
      busy: {},
      pushing: false,
      pushMessage: null,

      async load() {
        unsubscribe ??= api.on('outbox.changed', (status) => {
          // What "Send now" said is about the queue as it was; once it moves on, it is old news.
          set({ status, ...(get().pushing ? {} : { pushMessage: null }) });
          void get().load();
        });
        const mine = ++seq;
        const result = await api.request('outbox.list', { limit: OUTBOX_PAGE });
        if (mine !== seq) return;
        if (result.ok) {
          const { items, ...status } = result.value;
          set({ items, status, loaded: true, error: null });
        } else {
          set({ loaded: true, error: result.error });
        }
      },

      retry: (id) => steer(id, 'retry'),
      cancel: (id) => steer(id, 'cancel'),

      async push() {
        if (get().pushing) return;
        set({ pushing: true, pushMessage: null, error: null });
        const result = await api.request('outbox.push', {});
        if (result.ok) {
          const { attempted: _attempted, message, ...status } = result.value;
          set({ pushing: false, pushMessage: message, status });
          void get().load();
        } else {
          set({ pushing: false, error: result.error });
        }
      },

      dispose() {
        unsubscribe?.();
        unsubscribe = null;
      },
    };
  });
}
