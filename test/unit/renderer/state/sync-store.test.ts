import { describe, expect, it } from 'vitest';
import { createSyncStore, needsFirstSync } from '../../../../renderer/src/state/sync-store';
import { fakeApi } from '../fake-api';
import { syncStatus } from './samples';

describe('sync store', () => {
  it('loads the status and follows sync.status events', async () => {
    const fake = fakeApi();
    fake.answer('sync.status', () => ({ ok: true, value: syncStatus() }));
    const store = createSyncStore(fake.api);
    await store.getState().load();
    expect(store.getState().status?.state).toBe('succeeded');
    fake.emit('sync.status', syncStatus({ state: 'running', phase: 'channels', done: 40, total: 200 }));
    expect(store.getState().status).toMatchObject({ state: 'running', done: 40 });
    expect(fake.callsTo('sync.now')).toHaveLength(0);
  });

  it('syncs at once when the profile was never synced', async () => {
    const fake = fakeApi();
    fake.answer('sync.status', () => ({ ok: true, value: syncStatus({ state: 'idle', lastSucceededAt: null, lastAttemptAt: null }) }));
    fake.answer('sync.now', () => ({ ok: true, value: syncStatus() }));
    const store = createSyncStore(fake.api);
    await store.getState().load();
    expect(fake.callsTo('sync.now')).toHaveLength(1);
    expect(store.getState()).toMatchObject({ requesting: false, status: { state: 'succeeded' } });
  });

  it('does not start a second sync while one is running or requested', async () => {
    expect(needsFirstSync(syncStatus({ state: 'running', lastSucceededAt: null }))).toBe(false);
    expect(needsFirstSync(null)).toBe(false);
    const fake = fakeApi();
    let release!: () => void;
    fake.answer('sync.now', () => new Promise((resolve) => (release = () => resolve({ ok: true, value: syncStatus() }))));
    const store = createSyncStore(fake.api);
    const first = store.getState().syncNow();
    void store.getState().syncNow();
    expect(fake.callsTo('sync.now')).toHaveLength(1);
    release();
    await first;
  });

  it('ignores a late event about another profile', async () => {
    const fake = fakeApi();
    fake.answer('sync.status', () => ({ ok: true, value: syncStatus() }));
    const store = createSyncStore(fake.api);
    await store.getState().load();
    fake.emit('sync.status', syncStatus({ profileId: 'other', state: 'failed' }));
    expect(store.getState().status?.state).toBe('succeeded');
  });

  it('keeps the reason when "Sync now" itself fails, and stops listening on dispose', async () => {
    const fake = fakeApi();
    fake.answer('sync.status', () => ({ ok: true, value: syncStatus() }));
    fake.answer('sync.now', () => ({ ok: false, error: { code: 'not_signed_in', message: 'Sign in first.' } }));
    const store = createSyncStore(fake.api);
    await store.getState().load();
    await store.getState().syncNow();
    expect(store.getState()).toMatchObject({ requesting: false, requestError: { code: 'not_signed_in' } });
    expect(fake.listenerCount('sync.status')).toBe(1);
    store.getState().dispose();
    expect(fake.listenerCount('sync.status')).toBe(0);
  });
});
