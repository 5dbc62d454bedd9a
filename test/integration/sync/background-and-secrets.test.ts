/**
 * Background sync (the app syncs by itself once connected, then periodically) and the secrets
 * scan across the contract: no response to any request carries the Partner API key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { REQUEST_NAMES, type RequestName } from '@shared/contract';
import { SyncScheduler } from '@core/sync/sync-scheduler';
import { silentLogger } from '@core/log';
import { startTestCore, type CoreFixture } from '../../helpers/core-fixture';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('background sync', () => {
  it('syncs on its own as soon as a profile connects', async () => {
    const f: CoreFixture = await startTestCore({
      backgroundSync: { firstDelayMs: 60_000, intervalMs: 60_000 },
      demo: { hub: { clients: 10, channels: 20 } },
    });
    cleanups.push(() => f.dispose());
    const synced = new Promise<string>((resolve) => f.core.events.on('sync.status', (s) => s.state === 'succeeded' && resolve(s.state)));
    await f.core.session.startDemo();
    expect(await synced).toBe('succeeded');
    expect(f.core.accounts.syncStatus().counts).toEqual({ clients: 10, channels: 20 });
  });

  it('retries sooner after a failure, with growing delays, and returns to the interval after a success', () => {
    const scheduler = new SyncScheduler({
      syncActive: async () => null,
      log: silentLogger,
      intervalMs: 900_000,
      retryDelaysMs: [30_000, 60_000, 120_000],
    });
    expect(scheduler.nextDelay('offline')).toBe(30_000);
    expect(scheduler.nextDelay('failed')).toBe(60_000);
    expect(scheduler.nextDelay('offline')).toBe(120_000);
    expect(scheduler.nextDelay('offline')).toBe(120_000);
    expect(scheduler.nextDelay('succeeded')).toBe(900_000);
    expect(scheduler.nextDelay('offline')).toBe(30_000);
  });
});

describe('secrets never reach a contract response', () => {
  let f: SyncedFixture;
  it('scans the answer of every request after sign-in and sync for the Partner API key', async () => {
    f = await startSyncedCore({ clients: 8, channels: 16, seed: 9 });
    cleanups.push(() => f.dispose());
    await f.core.accounts.syncNow();
    const channel = f.hub.state.listChannels()[0]!;
    const inputs: Partial<Record<RequestName, unknown>> = {
      'session.signIn': { method: 'api_key', partnerId: f.hub.partnerId, apiKey: f.hub.apiKey },
      'session.switchProfile': { profileId: f.profileId },
      'session.signOut': { profileId: f.profileId, keepCache: true },
      'channels.get': { id: channel.id },
      'clients.get': { id: channel.client_id },
      'clients.balance': { id: channel.client_id },
      'channels.templates': { id: channel.id },
      'notifications.markRead': { ids: 'all' },
    };
    const answered: string[] = [];
    // Every request (startDemo would switch away from the signed-in profile; signOut goes last).
    const names = REQUEST_NAMES.filter((n) => n !== 'session.startDemo' && n !== 'session.signOut');
    for (const name of [...names, 'session.signOut' as const]) {
      const result = await f.core.dispatch(name, inputs[name] ?? {});
      expect(JSON.stringify(result), name).not.toContain(f.hub.apiKey);
      answered.push(name);
    }
    expect(answered).toEqual(
      expect.arrayContaining([
        'session.signIn',
        'session.get',
        'sync.now',
        'channels.list',
        'channels.get',
        'clients.balance',
        'session.signOut',
      ]),
    );
  });
});
