/**
 * Balances and templates: answered from the cache at once, whatever the Hub does; refreshed in the
 * background (one at a time per client or WABA, within the rate limits), with `insights.changed`
 * when a refresh ends; unknown ids refused locally; nothing asked of a Hub the app knows is offline;
 * a refresh a closed panel let go of never reaches the Hub.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InsightsChanged } from '@shared/insights';
import { isAppError } from '@shared/errors';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';
import { BALANCE_FRESH_MS, BALANCE_UNAVAILABLE_FRESH_MS } from '@core/insights/insights-service';
import { InsightsStore } from '@core/insights/insights-store';

const iso = (ms: number) => new Date(ms).toISOString();

let f: SyncedFixture;
let changed: InsightsChanged[];
beforeEach(async () => {
  f = await startSyncedCore({ clients: 12, channels: 30, seed: 21 });
  await f.core.accounts.syncNow();
  changed = [];
  f.core.events.on('insights.changed', (event) => changed.push(event));
});
afterEach(() => f.dispose());

const BALANCE_ROUTE = '/api/v2/partners/:pid/clients/:cid/info/balance';
const TEMPLATES_ROUTE = '/api/v2/partners/:pid/waba_accounts/:waid/waba_templates';

function refused(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return isAppError(error) ? error.code : 'other';
  }
  return 'answered';
}

describe('client balance', () => {
  it('answers at once while it fetches in the background, then from the cache; a refresh asks again', async () => {
    const client = f.hub.state.listClients().find((c) => f.hub.state.isDirectPayment(c.id))!;
    const first = f.core.insights.balance(client.id, false);
    expect(first).toMatchObject({ clientId: client.id, fetchedAt: null, refreshing: true, refreshError: null });
    await f.core.insights.settled();
    expect(changed).toEqual([{ profileId: f.profileId, kind: 'balance', id: client.id }]);

    const cached = f.core.insights.balance(client.id, false);
    expect(cached).toMatchObject({ clientId: client.id, available: true, refreshing: false, refreshError: null });
    expect(cached.currency).toBeTruthy();
    expect(typeof cached.balance).toBe('number');
    expect(cached.usage.length).toBeGreaterThan(0);
    expect(cached.usage[0]!.categories.marketing.quantity).not.toBeNull();
    expect(f.hub.stats.count('GET', BALANCE_ROUTE)).toBe(1);

    expect(f.core.insights.balance(client.id, false)).toEqual(cached);
    expect(f.core.insights.balance(client.id, true)).toMatchObject({ refreshing: true, balance: cached.balance });
    // Asked twice while one is under way: still one request.
    expect(f.core.insights.balance(client.id, true).refreshing).toBe(true);
    await f.core.insights.settled();
    expect(f.hub.stats.count('GET', BALANCE_ROUTE)).toBe(2);
  });

  it('caches "not available" for a client without direct payment, and says so in words', async () => {
    const client = f.hub.state.listClients().find((c) => !f.hub.state.isDirectPayment(c.id))!;
    f.core.insights.balance(client.id, false);
    await f.core.insights.settled();
    const info = f.core.insights.balance(client.id, false);
    expect(info).toMatchObject({ available: false, balance: null, usage: [], refreshing: false, refreshError: null });
    expect(info.reason).toBe('Not available: the client does not pay 360dialog directly');
    expect(f.hub.stats.count('GET', BALANCE_ROUTE)).toBe(1);
  });

  it('refuses a client the local copy does not know, without asking the Hub', () => {
    expect(refused(() => f.core.insights.balance('no-such-client', true))).toBe('not_found');
    expect(f.hub.stats.count('GET', BALANCE_ROUTE)).toBe(0);
  });

  it('answers at once from the cache while the Hub does not answer at all', async () => {
    const client = f.hub.state.listClients().find((c) => f.hub.state.isDirectPayment(c.id))!;
    f.core.insights.balance(client.id, false);
    await f.core.insights.settled();
    f.hub.faults.set({ latencyMs: 600_000 });
    const started = performance.now();
    const answer = f.core.insights.balance(client.id, true);
    expect(performance.now() - started).toBeLessThan(50);
    expect(answer).toMatchObject({ available: true, refreshing: true });
    // The panel closes: the refresh waiting on the Hub is dropped.
    expect(f.core.insights.cancel('balance', client.id)).toEqual({ cancelled: true });
    await f.core.insights.settled();
    expect(f.core.insights.balance(client.id, false).refreshError).toBeNull();
  });

  it('a failed refresh keeps the cached copy and says why; once the app knows it is offline, nothing is asked', async () => {
    const client = f.hub.state.listClients().find((c) => f.hub.state.isDirectPayment(c.id))!;
    f.core.insights.balance(client.id, false);
    await f.core.insights.settled();
    const cached = f.core.insights.balance(client.id, false);
    f.hub.faults.set({ offline: true });
    f.core.insights.balance(client.id, true);
    await f.core.insights.settled();
    const failed = f.core.insights.balance(client.id, false);
    expect(failed.refreshError?.code).toBe('offline');
    expect(failed).toMatchObject({ balance: cached.balance, fetchedAt: cached.fetchedAt, refreshing: false });

    // The served hub drops the connection: the network works, the Hub does not answer.
    expect((await f.core.session.refresh()).connection.status).toBe('hub_unavailable');
    const requests = f.hub.stats.snapshot().total;
    const known = f.core.insights.balance(client.id, true);
    expect(known).toMatchObject({ refreshing: false, balance: cached.balance, refreshError: { code: 'offline' } });
    await f.core.insights.settled();
    expect(f.hub.stats.snapshot().total).toBe(requests);
  });

  it('a refresh let go of before its turn under the rate limit (5 per 30 s) never reaches the Hub', async () => {
    const clients = f.hub.state.listClients().slice(0, 6);
    for (const client of clients) expect(f.core.insights.balance(client.id, false).refreshing).toBe(true);
    // Five go at once; the sixth waits for a slot. Its panel closes.
    expect(f.core.insights.cancel('balance', clients[5]!.id)).toEqual({ cancelled: true });
    await f.core.insights.settled();
    expect(f.hub.stats.count('GET', BALANCE_ROUTE)).toBe(5);
    expect(f.core.insights.balance(clients[5]!.id, false)).toMatchObject({ fetchedAt: null, refreshError: null });
  });
});

describe("a balance the Hub refuses with 403 or 404 (the real service's answer is undocumented)", () => {
  let g: SyncedFixture;
  let now = Date.UTC(2026, 11, 1, 9);
  beforeEach(async () => {
    now = Date.UTC(2026, 11, 1, 9);
    g = await startSyncedCore({ clients: 12, channels: 20, seed: 21 }, { clock: () => now });
    await g.core.accounts.syncNow();
  });
  afterEach(() => g.dispose());

  /** Opens the balance as a panel does: the cached answer, a background refresh if it is due, then the answer after it. */
  async function opened(clientId: string) {
    g.core.insights.balance(clientId, false);
    await g.core.insights.settled();
    return g.core.insights.balance(clientId, false);
  }

  it.each([403, 404, 422])('%i: cached as not available for a day, not retried, not an error', async (status) => {
    g.hub.faults.set({ balanceRefusal: status });
    const client = g.hub.state.listClients().find((c) => !g.hub.state.isDirectPayment(c.id))!;
    g.hub.stats.reset();
    const info = await opened(client.id);
    expect(info).toMatchObject({
      available: false,
      reason: 'Not available: the client does not pay 360dialog directly',
      refreshError: null,
    });
    expect(g.hub.stats.count('GET', BALANCE_ROUTE)).toBe(1); // one answer, no retries
    // Opened again through the day: no new request; nor does the background trickle pick it.
    const stale = () =>
      new InsightsStore(g.core.db).staleClients(
        g.profileId,
        { available: iso(now - BALANCE_FRESH_MS), unavailable: iso(now - BALANCE_UNAVAILABLE_FRESH_MS) },
        100,
      );
    now += 23 * 3_600_000;
    expect((await opened(client.id)).available).toBe(false);
    expect(g.hub.stats.count('GET', BALANCE_ROUTE)).toBe(1);
    expect(stale()).not.toContain(client.id);
    // A day later it is asked again.
    now += 2 * 3_600_000;
    expect(stale()).toContain(client.id);
    await opened(client.id);
    expect(g.hub.stats.count('GET', BALANCE_ROUTE)).toBe(2);
  });

  it('429 and 5xx stay errors (retried by the HTTP client), never cached as "not available"', async () => {
    const client = g.hub.state.listClients().find((c) => g.hub.state.isDirectPayment(c.id))!;
    g.hub.faults.set({ serverErrors: { count: 10, path: '/info/balance' } });
    const failed = await opened(client.id);
    expect(failed.refreshError?.code).toBe('server_error');
    expect(failed.fetchedAt).toBeNull();
    g.hub.faults.reset();
    const ok = await opened(client.id);
    expect(ok.available).toBe(true);
  });
});

describe('templates', () => {
  it('lists the WABA templates of a channel with status and rejection reason, cached for offline', async () => {
    // A channel whose WABA has rejected templates, so the rejection reasons are really checked.
    const hubTemplates = async (waba: string) =>
      (await (
        await f.hub.fetch(`/api/v2/partners/${f.hub.partnerId}/waba_accounts/${waba}/waba_templates`, {
          headers: { 'X-API-Key': f.hub.apiKey },
        })
      ).json()) as { total: number; waba_templates: Array<{ id: string; status: string; rejected_reason?: string | null }> };
    let channel: (typeof candidates)[number] | undefined;
    const candidates = f.hub.state.listChannels().filter((c) => c.waba_account?.id);
    for (const candidate of candidates) {
      if ((await hubTemplates(candidate.waba_account!.id)).waba_templates.some((t) => t.status === 'rejected')) {
        channel = candidate;
        break;
      }
    }
    expect(channel).toBeDefined();
    if (!channel) return;
    f.hub.stats.reset();
    expect(f.core.insights.templates(channel.id, false)).toMatchObject({
      wabaAccountId: channel.waba_account!.id,
      items: [],
      refreshing: true,
    });
    await f.core.insights.settled();
    expect(changed).toEqual([{ profileId: f.profileId, kind: 'templates', id: channel.id }]);
    const result = f.core.insights.templates(channel.id, false);
    expect(result.refreshError).toBeNull();
    const hub = await hubTemplates(channel.waba_account!.id);
    expect(result.items).toHaveLength(hub.total);
    // Each rejected template carries the Hub's own reason, word for word.
    const hubRejected = new Map(hub.waba_templates.filter((t) => t.status === 'rejected').map((t) => [t.id, t.rejected_reason]));
    expect(hubRejected.size).toBeGreaterThan(0);
    const rejected = result.items.filter((i) => i.status === 'rejected');
    expect(new Map(rejected.map((t) => [t.id, t.rejectedReason]))).toEqual(hubRejected);
    for (const t of rejected) expect(t.rejectedReason).toMatch(/\w/);
    const requests = f.hub.stats.count('GET', TEMPLATES_ROUTE);

    f.hub.faults.set({ offline: true });
    const offline = f.core.insights.templates(channel.id, false);
    expect(offline.items).toEqual(result.items);
    await f.core.insights.settled();
    expect(f.hub.stats.count('GET', TEMPLATES_ROUTE)).toBe(requests);
  });

  it('a channel without a WABA has no templates and makes no request; an unknown channel is refused locally', () => {
    const channel = f.hub.state.listChannels().find((c) => !c.waba_account)!;
    expect(channel).toBeDefined();
    expect(f.core.insights.templates(channel.id, true)).toMatchObject({ wabaAccountId: null, items: [], refreshing: false });
    expect(refused(() => f.core.insights.templates('no-such-channel', true))).toBe('not_found');
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
