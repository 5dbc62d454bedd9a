/**
 * Sync against a misbehaving hub over real HTTP: bad records are quarantined, unreadable answers
 * and lost connections leave the previous data intact, bursts of 429/5xx are ridden out, and a
 * server that caps `limit` or whose `total` moves mid-listing is read correctly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelQuery } from '@shared/accounts';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';

let f: SyncedFixture;
beforeEach(async () => {
  f = await startSyncedCore({ clients: 40, channels: 120, seed: 11 });
});
afterEach(() => f.dispose());

const allChannels = () => f.core.accounts.listChannels(ChannelQuery.parse({ limit: 1000 }));
const snapshot = () => JSON.stringify(f.core.db.prepare('SELECT id, hash, removed_at, raw FROM channels ORDER BY id').all());

describe('sync against faults', () => {
  it('quarantines records with wrong types or missing fields, stores the rest, and reports why', async () => {
    f.hub.faults.set({ wrongTypes: { count: 1, path: '/channels', mode: 'both' } });
    const status = await f.core.accounts.syncNow({ pageSize: 50 });
    expect(status.state).toBe('succeeded');
    const quarantined = f.core.db.prepare("SELECT record_id, reason FROM quarantine WHERE resource = 'channels'").all() as Array<{
      record_id: string | null;
      reason: string;
    }>;
    expect(quarantined.length).toBeGreaterThan(0);
    for (const q of quarantined) expect(q.reason).toMatch(/\w+.*(expected|required|invalid|missing)/i);
    expect(allChannels().total + quarantined.filter((q) => q.record_id === null).length).toBeGreaterThanOrEqual(120 - quarantined.length);
    expect(allChannels().total).toBeGreaterThan(60);
  });

  it('keeps a quarantined record out of "removed": its last good version stays', async () => {
    await f.core.accounts.syncNow();
    f.hub.faults.set({ wrongTypes: { count: 1, path: '/channels', mode: 'types' } });
    await f.core.accounts.syncNow();
    const quarantinedIds = (
      f.core.db.prepare("SELECT record_id FROM quarantine WHERE resource = 'channels' AND record_id IS NOT NULL").all() as Array<{
        record_id: string;
      }>
    ).map((r) => r.record_id);
    expect(quarantinedIds.length).toBeGreaterThan(0);
    expect(allChannels().total).toBe(120);
  });

  it('fails on an unreadable answer and leaves the previous data untouched', async () => {
    await f.core.accounts.syncNow({ pageSize: 30 });
    const before = snapshot();
    f.hub.state.updateChannel(f.hub.state.listChannels()[0]!.id, { setup_info: { phone_name: 'Changed meanwhile' } as never });
    f.hub.faults.set({ malformedJson: { count: 5, path: '/channels' } });
    const status = await f.core.accounts.syncNow({ pageSize: 30 });
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('bad_response');
    expect(status.error?.message).toMatch(/previous data is unchanged/);
    expect(snapshot()).toBe(before);
  });

  it('rides out bursts of 429 (Retry-After) and 5xx', async () => {
    f.hub.faults.set({
      rateLimitBurst: { count: 2, path: '/clients', retryAfterSeconds: 0 },
      serverErrors: { count: 2, path: '/channels', status: 503 },
    });
    const status = await f.core.accounts.syncNow();
    expect(status.state).toBe('succeeded');
    expect(allChannels().total).toBe(120);
    expect(f.hub.stats.snapshot().faults).toMatchObject({ rateLimitBurst: 2, serverErrors: 2 });
  });

  it('goes offline mid-sync: previous data intact, status "offline", the next sync succeeds', async () => {
    await f.core.accounts.syncNow();
    const before = snapshot();
    f.hub.state.removeChannel(f.hub.state.listChannels()[0]!.id);
    f.hub.faults.set({ offline: true });
    const status = await f.core.accounts.syncNow({ pageSize: 20 });
    expect(status.state).toBe('offline');
    expect(status.error?.message).toMatch(/offline/i);
    expect(snapshot()).toBe(before);
    f.hub.faults.reset();
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
    expect(allChannels().total).toBe(119);
  });

  it('reads every record from a server that caps `limit` below the requested page size', async () => {
    f.hub.faults.set({ limitCap: 7 });
    const status = await f.core.accounts.syncNow({ pageSize: 1000 });
    expect(status.state).toBe('succeeded');
    expect(allChannels().total).toBe(120);
    expect(f.hub.stats.count('GET', '/api/v2/partners/:pid/channels')).toBeGreaterThanOrEqual(Math.ceil(120 / 7));
  });

  it('re-reads a listing whose total changes mid-way, and stores what the hub holds at the end', async () => {
    await f.core.accounts.syncNow();
    f.hub.faults.set({ totalDrift: { count: 1, path: '/channels', insert: 3 } });
    const status = await f.core.accounts.syncNow({ pageSize: 20 });
    expect(status.state).toBe('succeeded');
    expect(allChannels().total).toBe(f.hub.state.channelCount());
  });
});
