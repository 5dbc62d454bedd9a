import { describe, expect, it } from 'vitest';
import type { ChannelTemplates } from '@shared/insights';
import type { Result } from '@shared/result';
import { createDetailsStore } from '../../../../renderer/src/state/details-store';
import { deferred, fakeApi, flush } from '../fake-api';
import { channel } from './samples';

const templates = (fetchedAt: string, refreshError: ChannelTemplates['refreshError'] = null): ChannelTemplates => ({
  channelId: 'ch1',
  wabaAccountId: 'w1',
  items: [],
  fetchedAt,
  refreshing: false,
  refreshError,
});

describe('details store', () => {
  it('reads a channel once and keeps it for the next opening', async () => {
    const fake = fakeApi();
    fake.answer('channels.get', () => ({ ok: true, value: { channel: channel('ch1'), client: null, raw: { id: 'ch1' } } }));
    const store = createDetailsStore(fake.api);
    await store.getState().loadChannel('ch1');
    await store.getState().loadChannel('ch1');
    expect(fake.callsTo('channels.get')).toHaveLength(1);
    expect(store.getState().channels.ch1?.value?.channel.id).toBe('ch1');
  });

  it('asks main to refresh templates only on request, keeping the cached copy meanwhile', async () => {
    const fake = fakeApi();
    const reply = deferred<Result<ChannelTemplates>>();
    let calls = 0;
    fake.answer('channels.templates', () => (++calls === 1 ? { ok: true, value: templates('2025-06-18T10:00:00Z') } : reply.promise));
    const store = createDetailsStore(fake.api);
    await store.getState().loadTemplates('ch1');
    const refreshing = store.getState().loadTemplates('ch1', true);
    expect(store.getState().templates.ch1).toMatchObject({ loading: true, value: { fetchedAt: '2025-06-18T10:00:00Z' } });
    reply.resolve({ ok: true, value: templates('2025-06-18T10:00:00Z', { code: 'offline', message: 'offline' }) });
    await refreshing;
    expect(fake.callsTo('channels.templates')).toEqual([
      { id: 'ch1', refresh: false },
      { id: 'ch1', refresh: true },
    ]);
    expect(store.getState().templates.ch1?.value?.refreshError?.code).toBe('offline');
  });

  it('keeps the last good balance when a refresh fails', async () => {
    const fake = fakeApi();
    let fail = false;
    fake.answer('clients.balance', () =>
      fail
        ? { ok: false, error: { code: 'rate_limited', message: 'Wait a little.' } }
        : {
            ok: true,
            value: {
              clientId: 'c1',
              available: true,
              reason: null,
              currency: 'EUR',
              balance: 12,
              lastRenewal: null,
              usage: [],
              fetchedAt: '2025-06-18T10:00:00Z',
              refreshing: false,
              refreshError: null,
            },
          },
    );
    const store = createDetailsStore(fake.api);
    await store.getState().loadBalance('c1');
    fail = true;
    await store.getState().loadBalance('c1', true);
    expect(store.getState().balances.c1).toMatchObject({ value: { balance: 12 }, error: { code: 'rate_limited' }, loading: false });
  });

  it('never lets an older answer overwrite a newer one', async () => {
    const fake = fakeApi();
    const first = deferred<Result<ChannelTemplates>>();
    const second = deferred<Result<ChannelTemplates>>();
    const replies = [first, second];
    fake.answer('channels.templates', () => replies.shift()!.promise);
    const store = createDetailsStore(fake.api);
    const a = store.getState().loadTemplates('ch1', true);
    const b = store.getState().loadTemplates('ch1', true);
    second.resolve({ ok: true, value: templates('2025-06-18T11:00:00Z') });
    await b;
    first.resolve({ ok: true, value: templates('2025-06-18T09:00:00Z') });
    await a;
    expect(store.getState().templates.ch1?.value?.fetchedAt).toBe('2025-06-18T11:00:00Z');
  });

  it('re-reads everything loaded after a sync', async () => {
    const fake = fakeApi();
    fake.answer('channels.get', () => ({ ok: true, value: { channel: channel('ch1'), client: null, raw: {} } }));
    fake.answer('clients.get', () => ({
      ok: true,
      value: {
        id: 'c1',
        name: 'Acme',
        organisation: null,
        email: null,
        contactName: null,
        status: null,
        maxChannels: 2,
        partnerPayload: null,
        country: null,
        phoneNumber: null,
        phoneE164: null,
        channelCount: 1,
        createdAt: null,
        syncedAt: 'x',
        removedAt: null,
      },
    }));
    const store = createDetailsStore(fake.api);
    await store.getState().loadChannel('ch1');
    await store.getState().loadClient('c1');
    store.getState().invalidate();
    await flush();
    expect(fake.callsTo('channels.get')).toHaveLength(2);
    expect(fake.callsTo('clients.get')).toHaveLength(2);
  });

  it('re-reads a loaded balance when main says its background refresh ended, and lets go of a refresh when the panel closes', async () => {
    const fake = fakeApi();
    let balance = 12;
    fake.answer('clients.balance', () => ({
      ok: true,
      value: {
        clientId: 'c1',
        available: true,
        reason: null,
        currency: 'EUR',
        balance,
        lastRenewal: null,
        usage: [],
        fetchedAt: '2025-06-18T10:00:00Z',
        refreshing: balance === 12,
        refreshError: null,
      },
    }));
    fake.answer('insights.cancel', () => ({ ok: true, value: { cancelled: true } }));
    const store = createDetailsStore(fake.api);
    const stop = store.getState().listen();
    await store.getState().loadBalance('c1');
    expect(store.getState().balances.c1?.value).toMatchObject({ balance: 12, refreshing: true });
    balance = 15;
    fake.emit('insights.changed', { profileId: 'p', kind: 'balance', id: 'c1' });
    fake.emit('insights.changed', { profileId: 'p', kind: 'balance', id: 'not-loaded' });
    await flush();
    expect(store.getState().balances.c1?.value).toMatchObject({ balance: 15, refreshing: false });
    expect(fake.callsTo('clients.balance')).toEqual([
      { id: 'c1', refresh: false },
      { id: 'c1', refresh: false },
    ]);
    store.getState().release('balance', 'c1');
    expect(fake.callsTo('insights.cancel')).toEqual([{ kind: 'balance', id: 'c1' }]);
    stop();
    expect(fake.listenerCount('insights.changed')).toBe(0);
  });
});
