/** Balances and templates: cached for offline, refreshed on demand, never more often than needed. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';

let f: SyncedFixture;
beforeEach(async () => {
  f = await startSyncedCore({ clients: 12, channels: 30, seed: 21 });
  await f.core.accounts.syncNow();
});
afterEach(() => f.dispose());

const BALANCE_ROUTE = '/api/v2/partners/:pid/clients/:cid/info/balance';
const TEMPLATES_ROUTE = '/api/v2/partners/:pid/waba_accounts/:waid/waba_templates';

describe('client balance', () => {
  it('fetches a direct-payment client balance with usage by month, then answers from the cache', async () => {
    const client = f.hub.state.listClients().find((c) => f.hub.state.isDirectPayment(c.id))!;
    const first = await f.core.insights.balance(client.id, false);
    expect(first).toMatchObject({ clientId: client.id, available: true, refreshError: null });
    expect(first.currency).toBeTruthy();
    expect(typeof first.balance).toBe('number');
    expect(first.usage.length).toBeGreaterThan(0);
    expect(first.usage[0]!.categories.marketing.quantity).not.toBeNull();
    expect(f.hub.stats.count('GET', BALANCE_ROUTE)).toBe(1);

    const second = await f.core.insights.balance(client.id, false);
    expect(second).toEqual(first);
    expect(f.hub.stats.count('GET', BALANCE_ROUTE)).toBe(1);
    await f.core.insights.balance(client.id, true);
    expect(f.hub.stats.count('GET', BALANCE_ROUTE)).toBe(2);
  });

  it('caches "not available" for a client without direct payment, with the Hub\'s reason', async () => {
    const client = f.hub.state.listClients().find((c) => !f.hub.state.isDirectPayment(c.id))!;
    const info = await f.core.insights.balance(client.id, false);
    expect(info).toMatchObject({ available: false, balance: null, usage: [] });
    expect(info.reason).toMatch(/direct/i);
    await f.core.insights.balance(client.id, false);
    expect(f.hub.stats.count('GET', BALANCE_ROUTE)).toBe(1);
  });

  it('offline: shows the cached copy and says why it is not fresh', async () => {
    const client = f.hub.state.listClients().find((c) => f.hub.state.isDirectPayment(c.id))!;
    const cached = await f.core.insights.balance(client.id, false);
    f.hub.faults.set({ offline: true });
    const offline = await f.core.insights.balance(client.id, true);
    expect(offline.refreshError?.code).toBe('offline');
    expect(offline.balance).toBe(cached.balance);
    expect(offline.fetchedAt).toBe(cached.fetchedAt);
  });
});

describe('templates', () => {
  it('lists the WABA templates of a channel with status and rejection reason, cached for offline', async () => {
    const channel = f.hub.state.listChannels().find((c) => c.waba_account?.id)!;
    const result = await f.core.insights.templates(channel.id, false);
    expect(result.wabaAccountId).toBe(channel.waba_account!.id);
    expect(result.refreshError).toBeNull();
    const hubCount = ((await (await f.hub.fetch(`/api/v2/partners/${f.hub.partnerId}/waba_accounts/${channel.waba_account!.id}/waba_templates`, { headers: { 'X-API-Key': f.hub.apiKey } })).json()) as { total: number }).total;
    expect(result.items).toHaveLength(hubCount);
    for (const t of result.items.filter((i) => i.status === 'rejected')) expect(t.rejectedReason).toBeTruthy();
    const requests = f.hub.stats.count('GET', TEMPLATES_ROUTE);

    f.hub.faults.set({ offline: true });
    const offline = await f.core.insights.templates(channel.id, false);
    expect(offline.items).toEqual(result.items);
    expect(f.hub.stats.count('GET', TEMPLATES_ROUTE)).toBe(requests);
  });

  it('a channel without a WABA has no templates and makes no request', async () => {
    const channel = f.hub.state.listChannels().find((c) => !c.waba_account)!;
    expect(channel).toBeDefined();
    expect(await f.core.insights.templates(channel.id, true)).toMatchObject({ wabaAccountId: null, items: [] });
    expect(f.hub.stats.count('GET', TEMPLATES_ROUTE)).toBe(0);
  });
});

describe('background trickle', () => {
  it('refreshes the stalest balances and template lists, a few at a time', async () => {
    const first = await f.core.insights.trickle({ balances: 2, wabas: 2 });
    expect(first).toEqual({ balances: 2, wabas: 2 });
    expect(f.hub.stats.count('GET', BALANCE_ROUTE)).toBe(2);
    const cachedClients = (f.core.db.prepare('SELECT count(*) AS n FROM balances').get() as { n: number }).n;
    expect(cachedClients).toBe(2);
    await f.core.insights.trickle({ balances: 2, wabas: 0 });
    expect((f.core.db.prepare('SELECT count(*) AS n FROM balances').get() as { n: number }).n).toBe(4);
  });
});
