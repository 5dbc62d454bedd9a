/** Full sync against the simulated hub over real HTTP: everything lands, nothing is rewritten twice. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelQuery, ClientQuery } from '@shared/accounts';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';

let f: SyncedFixture;
beforeEach(async () => {
  f = await startSyncedCore({ clients: 60, channels: 150, seed: 7 });
});
afterEach(() => f.dispose());

const channels = (input: Partial<ChannelQuery> = {}) => f.core.accounts.listChannels(ChannelQuery.parse(input));

describe('full sync', () => {
  it('stores every client and channel of the hub, with the derived status', async () => {
    const status = await f.core.accounts.syncNow({ pageSize: 40 });
    expect(status).toMatchObject({ state: 'succeeded', counts: { clients: 60, channels: 150 }, error: null });
    expect(status.lastSucceededAt).not.toBeNull();

    const page = channels({ limit: 1000 });
    expect(page.total).toBe(150);
    const hubIds = f.hub.state
      .listChannels()
      .map((c) => c.id)
      .sort();
    expect(page.items.map((c) => c.id).sort()).toEqual(hubIds);
    const sample = f.hub.state.listChannels()[3]!;
    const stored = page.items.find((c) => c.id === sample.id)!;
    expect(stored.phoneNumber).toBe(sample.setup_info?.phone_number ?? null);
    expect(stored.clientId).toBe(sample.client_id);
    const client = f.hub.state.getClient(sample.client_id)!;
    expect(stored.companyName).toBe(client.organisation || client.name);
    expect(Object.values(page.countsByState).reduce((a, b) => a + b, 0)).toBe(150);
    expect(f.core.accounts.listClients(ClientQuery.parse({ limit: 1000 })).total).toBe(60);
  });

  it('keeps the raw record whole, unknown fields included', async () => {
    await f.core.accounts.syncNow();
    const hubChannel = f.hub.state.listChannels()[0]!;
    f.hub.state.updateChannel(hubChannel.id, { ...({ brand_new_field: { nested: 42 } } as object) });
    await f.core.accounts.syncNow();
    const details = f.core.accounts.channelDetails(hubChannel.id);
    expect(details.raw).toMatchObject({ id: hubChannel.id, brand_new_field: { nested: 42 } });
  });

  it('writes zero rows when nothing changed, and only the changed record when one did', async () => {
    await f.core.accounts.syncNow();
    await f.core.accounts.syncNow();
    const again = f.core.db.prepare('SELECT stats FROM sync_runs ORDER BY id DESC LIMIT 1').get() as { stats: string };
    const stats = JSON.parse(again.stats);
    expect(stats.clients).toMatchObject({ inserted: 0, updated: 0, removed: 0, unchanged: 60 });
    expect(stats.channels).toMatchObject({ inserted: 0, updated: 0, removed: 0, unchanged: 150 });

    const target = f.hub.state.listChannels()[5]!;
    f.hub.state.updateChannel(target.id, { setup_info: { ...target.setup_info, phone_name: 'Renamed Support' } as never });
    await f.core.accounts.syncNow();
    const third = JSON.parse((f.core.db.prepare('SELECT stats FROM sync_runs ORDER BY id DESC LIMIT 1').get() as { stats: string }).stats);
    expect(third.channels).toMatchObject({ inserted: 0, updated: 1, unchanged: 149 });
    expect(f.core.accounts.channelDetails(target.id).channel.displayName).toBe('Renamed Support');
  });

  it('a re-sync that rewrites nothing still confirms every listed row: its "last synced" moves on', async () => {
    await f.core.accounts.syncNow();
    // As if the first sync were long ago, instead of waiting for the clock to move on.
    const longAgo = '2000-01-01T00:00:00.000Z';
    f.core.db.prepare('UPDATE channels SET synced_at = ?').run(longAgo);
    f.core.db.prepare('UPDATE clients SET synced_at = ?').run(longAgo);
    const second = await f.core.accounts.syncNow();
    const run = f.core.db.prepare('SELECT id, status, finished_at, stats FROM sync_runs ORDER BY id DESC LIMIT 1').get() as {
      id: number;
      status: string;
      finished_at: string;
      stats: string;
    };
    expect(run).toMatchObject({ id: 2, status: 'succeeded' });
    expect(JSON.parse(run.stats).channels).toMatchObject({ inserted: 0, updated: 0, unchanged: 150 });
    expect(second.lastSucceededAt).toBe(run.finished_at);
    const items = channels({ limit: 1000 }).items;
    expect(items).toHaveLength(150);
    expect(new Set(items.map((c) => c.syncedAt))).toEqual(new Set([run.finished_at]));
    // Clients likewise, in the list and one by one (they kept the day they last changed before).
    const clients = f.core.accounts.listClients(ClientQuery.parse({ limit: 1000 })).items;
    expect(clients.length).toBeGreaterThan(0);
    expect(new Set(clients.map((c) => c.syncedAt))).toEqual(new Set([run.finished_at]));
    expect(f.core.accounts.client(clients[0]!.id).syncedAt).toBe(run.finished_at);
  });

  it('marks channels and clients missing from a complete listing as removed, not silently kept', async () => {
    await f.core.accounts.syncNow();
    const gone = f.hub.state.listChannels()[10]!;
    f.hub.state.removeChannel(gone.id);
    await f.core.accounts.syncNow();
    expect(channels({ limit: 1000 }).total).toBe(149);
    const withRemoved = channels({ limit: 1000, includeRemoved: true });
    expect(withRemoved.items.find((c) => c.id === gone.id)?.removedAt).not.toBeNull();
    const note = f.core.accounts.notifications({ limit: 10, unreadOnly: false }).items.find((n) => n.channelId === gone.id);
    expect(note?.body).toMatch(/no longer listed/);
  });

  it('turns a derived status change into a persisted notification naming the client and number', async () => {
    await f.core.accounts.syncNow();
    expect(f.core.accounts.notifications({ limit: 10, unreadOnly: false }).items).toEqual([]); // first sync: no flood
    // A number as the Hub stores it (international digits): the title names it in E.164.
    const channel = f.hub.state
      .listChannels()
      .find(
        (c) =>
          c.waba_account &&
          c.waba_account.fb_account_status !== 'verified' &&
          !c.terminated_at &&
          /^[1-9]\d+$/.test(c.setup_info.phone_number),
      )!;
    f.hub.state.updateChannel(channel.id, { waba_account: { ...channel.waba_account!, fb_account_status: 'verified' } });
    await f.core.accounts.syncNow();
    const page = f.core.accounts.notifications({ limit: 10, unreadOnly: false });
    expect(page.unread).toBe(1);
    const [note] = page.items;
    const client = f.hub.state.getClient(channel.client_id)!;
    expect(note!.title).toBe(`${client.organisation || client.name} +${channel.setup_info!.phone_number}`);
    expect(note!.body).toMatch(/^Meta business verification: .+ → Verified/m);
    const told: string[] = [];
    const off = f.core.events.on('notifications.changed', ({ profileId }) => told.push(profileId));
    expect(f.core.accounts.markNotificationsRead('all')).toEqual({ unread: 0 });
    off();
    expect(told).toEqual([f.profileId]); // every window and the OS badge follow
  });

  it('never runs two syncs of a profile at once: a second call joins the first', async () => {
    f.hub.faults.set({ latencyMs: 30 });
    f.hub.stats.reset();
    const [a, b] = await Promise.all([f.core.accounts.syncNow(), f.core.accounts.syncNow()]);
    expect(a).toEqual(b);
    expect(f.hub.stats.count('GET', '/api/v2/partners/:pid/channels')).toBe(1); // 150 channels: one page
    expect((f.core.db.prepare('SELECT count(*) AS n FROM sync_runs').get() as { n: number }).n).toBe(1);
  });

  it('reports progress by phase and count while it runs', async () => {
    const seen: Array<{ phase: string; done: number; total: number | null }> = [];
    const off = f.core.events.on('sync.status', (s) => seen.push({ phase: s.phase, done: s.done, total: s.total }));
    await f.core.accounts.syncNow({ pageSize: 25 });
    off();
    expect(seen.map((s) => s.phase)).toEqual(expect.arrayContaining(['clients', 'channels', 'writing', 'idle']));
    const withTotal = seen.filter((s) => s.total !== null);
    expect(withTotal.at(-1)).toMatchObject({ total: 210, done: 210 });
    expect(seen.at(-1)!.phase).toBe('idle');
  });
});
