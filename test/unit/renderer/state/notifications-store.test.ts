import { describe, expect, it } from 'vitest';
import { createNotificationsStore } from '../../../../renderer/src/state/notifications-store';
import { fakeApi, flush } from '../fake-api';
import { notification } from './samples';

const NOW = Date.parse('2025-06-18T12:00:00.000Z');

describe('notifications store', () => {
  it('loads the newest notifications and reloads when main says they changed', async () => {
    const fake = fakeApi();
    let items = [notification(1, 'c1', '2025-06-18T10:00:00Z')];
    fake.answer('notifications.list', () => ({ ok: true, value: { unread: items.filter((i) => !i.readAt).length, items } }));
    const store = createNotificationsStore(fake.api, () => NOW);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, unread: 1 });
    items = [notification(2, 'c1', '2025-06-18T11:00:00Z'), ...items];
    fake.emit('notifications.changed', { profileId: 'p1' });
    await flush();
    expect(store.getState().unread).toBe(2);
    expect(store.getState().items.map((i) => i.id)).toEqual([2, 1]);
  });

  it('marks read at once and adopts main’s unread count', async () => {
    const fake = fakeApi();
    fake.answer('notifications.list', () => ({
      ok: true,
      value: { unread: 2, items: [notification(1, 'c1', '2025-06-18T10:00:00Z'), notification(2, 'c2', '2025-06-18T11:00:00Z')] },
    }));
    fake.answer('notifications.markRead', () => ({ ok: true, value: { unread: 1 } }));
    const store = createNotificationsStore(fake.api, () => NOW);
    await store.getState().load();
    const marking = store.getState().markRead([1]);
    expect(store.getState().unread).toBe(1);
    expect(store.getState().items.find((i) => i.id === 1)?.readAt).toBe(new Date(NOW).toISOString());
    await marking;
    expect(fake.callsTo('notifications.markRead')).toEqual([{ ids: [1] }]);
  });

  it('puts the dots back when main refuses', async () => {
    const fake = fakeApi();
    fake.answer('notifications.list', () => ({ ok: true, value: { unread: 1, items: [notification(1, 'c1', '2025-06-18T10:00:00Z')] } }));
    fake.answer('notifications.markRead', () => ({ ok: false, error: { code: 'offline', message: 'down' } }));
    const store = createNotificationsStore(fake.api, () => NOW);
    await store.getState().load();
    await store.getState().markRead('all');
    expect(store.getState()).toMatchObject({ unread: 1, error: { code: 'offline' } });
    expect(store.getState().items[0]?.readAt).toBeNull();
  });

  it('does not ask main to mark what is already read', async () => {
    const fake = fakeApi();
    fake.answer('notifications.list', () => ({
      ok: true,
      value: { unread: 0, items: [notification(1, 'c1', '2025-06-18T10:00:00Z', '2025-06-18T10:05:00Z')] },
    }));
    const store = createNotificationsStore(fake.api, () => NOW);
    await store.getState().load();
    await store.getState().markRead([1]);
    expect(fake.callsTo('notifications.markRead')).toHaveLength(0);
  });
});
