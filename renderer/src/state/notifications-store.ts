/**
 * Status-change notifications: the newest page, the unread count, and marking them read. Reloaded
 * whenever main says they changed (a sync found news). Marking read is optimistic: the dot goes at
 * once and comes back only if main refuses.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PartnerDeskApi } from '@shared/api';
import type { NotificationItem } from '@shared/accounts';
import type { ErrorInfo } from '@shared/errors';

export interface NotificationsState {
  items: NotificationItem[];
  unread: number;
  loaded: boolean;
  error: ErrorInfo | null;
  load(): Promise<void>;
  markRead(ids: number[] | 'all'): Promise<void>;
  dispose(): void;
}

export type NotificationsStore = StoreApi<NotificationsState>;

export const NOTIFICATION_PAGE = 300;

export function createNotificationsStore(api: PartnerDeskApi, now: () => number = Date.now): NotificationsStore {
  let unsubscribe: (() => void) | null = null;
  let loadSeq = 0;

  return createStore<NotificationsState>()((set, get) => ({
    items: [],
    unread: 0,
    loaded: false,
    error: null,

    async load() {
      unsubscribe ??= api.on('notifications.changed', () => void get().load());
      const seq = ++loadSeq;
      const result = await api.request('notifications.list', { limit: NOTIFICATION_PAGE });
      // Two quick changes: only the answer to the later question counts.
      if (seq !== loadSeq) return;
      if (result.ok) set({ items: result.value.items, unread: result.value.unread, loaded: true, error: null });
      else set({ error: result.error, loaded: true });
    },

    async markRead(ids) {
      const before = get();
      const wanted = ids === 'all' ? null : new Set(ids);
      const readAt = new Date(now()).toISOString();
      const items = before.items.map((item) =>
        item.readAt === null && (wanted === null || wanted.has(item.id)) ? { ...item, readAt } : item,
      );
      const newlyRead = before.items.filter((item) => item.readAt === null && (wanted === null || wanted.has(item.id))).length;
      if (newlyRead === 0 && ids !== 'all') return;
      set({ items, unread: ids === 'all' ? 0 : Math.max(0, before.unread - newlyRead) });
      const result = await api.request('notifications.markRead', { ids });
      if (result.ok) set({ unread: result.value.unread, error: null });
      else set({ items: before.items, unread: before.unread, error: result.error });
    },

    dispose() {
      unsubscribe?.();
      unsubscribe = null;
    },
  }));
}
