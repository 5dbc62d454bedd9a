/**
 * The Partner API client against the simulated hub over real HTTP: typed results, errors carrying
 * the server's words, what is retried and what is not (counted by the hub), timeouts and aborts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiKeyAuth } from '@core/api/auth';
import { createPartnerApi } from '@core/api/partner-api';
import { dispositionOf, HubError } from '@core/api/http-errors';
import { recordingSleep, startHub, type HubFixture } from './hub-fixture';

let fx: HubFixture;

beforeAll(async () => {
  fx = await startHub({ clients: 20, channels: 40 });
});
afterAll(() => fx.close());
beforeEach(() => {
  fx.hub.faults.reset();
  fx.hub.stats.reset();
  fx.hub.clock.advance(10 * 60_000); // leave every hub-side rate window behind
});

async function rejection(promise: Promise<unknown>): Promise<HubError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
}

function openChannel(): { id: string; client_id: string } {
  const channel = fx.hub.state.listChannels().find((c) => c.terminated_at === null);
  if (!channel) throw new Error('the seeded hub has no open channel');
  return channel;
}

describe('reading', () => {
  it('reads the partner record, keeping fields the app does not know', async () => {
    const partner = await fx.api().getPartner();
    expect(partner.id).toBe(fx.hub.partnerId);
    expect(partner.brand_name).toBe(fx.hub.state.partner.brand_name);
    expect(partner.settings).toEqual(fx.hub.state.partner.settings);
  });

  it('reads the partner balance, one entry per currency', async () => {
    const balance = await fx.api().getPartnerBalance();
    expect(balance).toEqual([{ currency: 'usd', total: expect.any(Number) }]);
  });

  it('reads one channel and one client through the id filter, null when unknown', async () => {
    const api = fx.api();
    const channel = openChannel();
    expect(await api.getChannel(channel.id)).toMatchObject({ id: channel.id, client_id: channel.client_id });
    expect(await api.getClient(channel.client_id)).toMatchObject({ id: channel.client_id });
    expect(await api.getChannel('doesNotExistCH')).toBeNull();
    expect(await api.getClient('doesNotExistCL')).toBeNull();
  });

  it('sends filters as URL-encoded JSON and sort as a string', async () => {
    const channel = openChannel();
    const page = await fx.api().listChannelsPage({ offset: 0, limit: 5, filters: { client_id: channel.client_id }, sort: '-created_at' });
    expect(page.total).toBe(fx.hub.state.listChannels(channel.client_id).length);
    expect(page.items.every((c) => (c as { client_id: string }).client_id === channel.client_id)).toBe(true);
    const dates = page.items.map((c) => (c as { created_at: string }).created_at);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("hands the sync each client's and channel's JSON as the server sent it; template pages skip that work", async () => {
    for (const page of [
      await fx.api().listChannelsPage({ offset: 0, limit: 7 }),
      await fx.api().listClientsPage({ offset: 0, limit: 7 }),
    ]) {
      expect(page.itemTexts).toHaveLength(page.items.length);
      expect(page.itemTexts!.map((text) => JSON.parse(text))).toEqual(page.items);
    }
    // A WABA has 0 to 30 templates: take the first of a few that has some.
    const wabas = [...new Set(fx.hub.state.listChannels().flatMap((c) => (c.waba_account ? [c.waba_account.id] : [])))].slice(0, 8);
    let templates = await fx.api().listTemplatesPage(wabas[0] ?? '', { offset: 0, limit: 5 });
    for (const waba of wabas.slice(1)) {
      if (templates.items.length > 0) break;
      templates = await fx.api().listTemplatesPage(waba, { offset: 0, limit: 5 });
    }
    expect(templates.items.length).toBeGreaterThan(0);
    expect(templates.itemTexts).toBeUndefined();
  });
});

describe('errors carry the server message and are not retried', () => {
  it('404 on PATCH: not_found with the server message, one request', async () => {
    const error = await rejection(fx.api().updateClient('nopeCL', { max_channels: 2 }));
    expect(error).toMatchObject({ code: 'not_found', status: 404, serverMessage: 'Client nopeCL not found' });
    expect(error.message).toContain('Client nopeCL not found');
    expect(fx.count('PATCH', '/partners/:pid/clients/:cid')).toBe(1);
    expect(dispositionOf(error)).toBe('failed');
  });

  it('400: invalid_input with the server message, one request', async () => {
    const client = fx.hub.state.listClients().find((c) => fx.hub.state.isDirectPayment(c.id));
    if (!client) throw new Error('no direct-payment client');
    const error = await rejection(
      fx.api().getClientBalance(client.id, { startDate: new Date('2025-01-01'), endDate: new Date('2025-03-01'), granularity: 'week' }),
    );
    expect(error).toMatchObject({ code: 'invalid_input', status: 400 });
    expect(error.serverMessage).toContain("Invalid granularity 'week'");
    expect(fx.count('GET', '/partners/:pid/clients/:cid/info/balance')).toBe(1);
  });

  it('rejects bad input locally, before any request', async () => {
    await expect(fx.api().updateClient('xCL', { max_channels: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(fx.api().updateClient('xCL', {})).rejects.toMatchObject({ code: 'invalid_input' });
    expect(fx.hub.stats.total).toBe(0);
  });

  it('401 for a wrong key: unauthorized, telling the person to sign in again', async () => {
    const error = await rejection(fx.api({ auth: apiKeyAuth('wrong-key-123456') }).getPartner());
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, serverMessage: 'Invalid API key' });
    expect(error.message).toMatch(/sign in again/);
    expect(fx.count('GET', '/partners/:pid')).toBe(1);
    expect(dispositionOf(error)).toBe('pause');
  });

  it('403 for a partner id the key does not belong to', async () => {
    const api = createPartnerApi({ baseUrl: fx.baseUrl, partnerId: 'someoneElsePA', fetch, auth: apiKeyAuth(fx.hub.apiKey) });
    const error = await rejection(api.getPartner());
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
    expect(error.serverMessage).toContain('do not belong to partner someoneElsePA');
  });

  it('malformed JSON with 200: bad_response, not retried', async () => {
    fx.hub.faults.set({ malformedJson: { count: 1, path: `/partners/${fx.hub.partnerId}` } });
    const error = await rejection(fx.api().getPartner());
    expect(error).toMatchObject({ code: 'bad_response', status: 200 });
    expect(fx.count('GET', '/partners/:pid')).toBe(1);
  });
});

describe('retries', () => {
  it('retries a burst of 5xx on a GET with backoff, then succeeds', async () => {
    const { sleep, sleeps } = recordingSleep();
    fx.hub.faults.set({ serverErrors: { count: 2, method: 'GET' } });
    const partner = await fx.api({ sleep, retry: { baseDelayMs: 100, maxDelayMs: 1000 } }).getPartner();
    expect(partner.id).toBe(fx.hub.partnerId);
    expect(fx.count('GET', '/partners/:pid')).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeLessThan(100);
    expect(sleeps[1]).toBeLessThan(200);
  });

  it('gives up after maxAttempts with server_error, even for an HTML body', async () => {
    const { sleep } = recordingSleep();
    fx.hub.faults.set({ serverErrors: { count: 10, status: 502 } });
    const error = await rejection(fx.api({ sleep }).getPartner());
    expect(error).toMatchObject({ code: 'server_error', status: 502, serverMessage: null, mayHaveActed: true });
    expect(error.message).toContain('HTTP 502');
    expect(fx.count('GET', '/partners/:pid')).toBe(4);
  });

  it('retries 429 after Retry-After: 0 without waiting', async () => {
    fx.hub.faults.set({ rateLimitBurst: { count: 2, retryAfterSeconds: 0 } });
    const page = await fx.api().listClientsPage({ offset: 0, limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(fx.count('GET', '/partners/:pid/clients')).toBe(3);
    expect(fx.hub.stats.byStatus.get(429)).toBe(2);
  });

  it('waits exactly what Retry-After says, and reports it when attempts run out', async () => {
    const { sleep, sleeps } = recordingSleep();
    fx.hub.faults.set({ rateLimitBurst: { count: 1, retryAfterSeconds: 7 } });
    await fx.api({ sleep }).getPartner();
    expect(sleeps).toEqual([7000]);

    fx.hub.faults.set({ rateLimitBurst: { count: 5, retryAfterSeconds: 7 } });
    const error = await rejection(fx.api({ sleep, retry: { maxAttempts: 2 } }).getPartner());
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 7000, serverMessage: 'Too many requests' });
    expect(dispositionOf(error)).toBe('retry');
  });

  it('retries a GET when the connection drops, and reports offline after the last attempt', async () => {
    const { sleep } = recordingSleep();
    fx.hub.faults.set({ offline: true });
    const error = await rejection(fx.api({ sleep }).getPartner());
    expect(error.code).toBe('offline');
    expect(fx.hub.stats.dropped).toBe(4);
  });
});

describe('non-idempotent calls', () => {
  it('POST cancellation is not resent after a 500: the server may have acted', async () => {
    const { sleep, sleeps } = recordingSleep();
    const channel = openChannel();
    fx.hub.faults.set({ serverErrors: { count: 3, path: 'cancellation_request' } });
    const error = await rejection(fx.api({ sleep }).requestCancellation(channel.client_id, channel.id));
    expect(error).toMatchObject({ code: 'server_error', status: 500, mayHaveActed: true });
    expect(fx.hub.stats.mutationsTo('cancellation_request')).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('POST cancellation is not resent when the connection drops', async () => {
    const { sleep } = recordingSleep();
    const channel = openChannel();
    fx.hub.faults.set({ offline: true });
    const error = await rejection(fx.api({ sleep }).requestCancellation(channel.client_id, channel.id));
    expect(error.code).toBe('offline');
    expect(fx.hub.stats.dropped).toBe(1);
  });

  it('POST cancellation is resent after a 429 (not processed), sends {"enabled": true} and returns the channel', async () => {
    const channel = openChannel();
    fx.hub.faults.set({ rateLimitBurst: { count: 1, retryAfterSeconds: 0, path: 'cancellation_request' } });
    const updated = await fx.api().requestCancellation(channel.client_id, channel.id);
    expect(updated).toMatchObject({ id: channel.id, terminated_at: expect.any(String) });
    expect(fx.hub.stats.mutationsTo('cancellation_request').map((m) => m.status)).toEqual([429, 200]);
    expect(fx.hub.state.getChannel(channel.id)?.terminated_at).not.toBeNull();

    const again = await rejection(fx.api().requestCancellation(channel.client_id, channel.id));
    expect(again).toMatchObject({ code: 'invalid_input', status: 400 });
    expect(again.serverMessage).toContain('already has a cancellation request');
  });

  it('PATCH (idempotent) is retried after a 503 and changes the client once', async () => {
    const { sleep } = recordingSleep();
    const client = fx.hub.state.listClients()[0];
    if (!client) throw new Error('no client');
    fx.hub.faults.set({ serverErrors: { count: 1, status: 503, method: 'PATCH' } });
    const updated = await fx.api({ sleep }).updateClient(client.id, { max_channels: client.max_channels + 1 });
    expect(updated).toMatchObject({ id: client.id, max_channels: client.max_channels + 1 });
    expect(fx.hub.stats.mutationsTo('/clients/').map((m) => m.status)).toEqual([503, 200]);
  });
});

describe('timeouts and cancellation', () => {
  it('a request that takes too long fails as offline promptly', async () => {
    fx.hub.faults.set({ latencyMs: 5000 });
    const started = Date.now();
    const error = await rejection(fx.api({ timeoutMs: 150, retry: { maxAttempts: 1 } }).getPartner());
    expect(error.code).toBe('offline');
    expect(error.message).toMatch(/did not answer within/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("the caller's AbortSignal cancels the in-flight request at once", async () => {
    fx.hub.faults.set({ latencyMs: 5000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await expect(fx.api().getPartner({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('the AbortSignal also cuts a backoff sleep short', async () => {
    fx.hub.faults.set({ serverErrors: { count: 10 } });
    const controller = new AbortController();
    const api = fx.api({ retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 }, random: () => 0.99 });
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    await expect(api.getPartner({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(fx.count('GET', '/partners/:pid')).toBe(1);
  });
});
