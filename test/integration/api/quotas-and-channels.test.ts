/**
 * Client-side quotas and the channel-level API against the simulated hub, with one injected clock
 * for both sides: the sixth balance call within 30 s waits instead of drawing a 429, API keys are
 * limited per channel, and the key the hub generated opens health and phone number.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChannelApi } from '@core/api/channel-api';
import { GATEWAY_STATUSES, SENDING_STATUSES } from '@core/api/health';
import { HubError } from '@core/api/http-errors';
import { createHealthLimiter, createPartnerLimiters } from '@core/api/rate-limiter';
import type { Logger } from '@core/log';
import type { DemoChannel } from '@demo-hub';
import { fakeClock } from '../../unit/api/test-doubles';
import { startHub, type HubFixture } from './hub-fixture';

const clock = fakeClock();
let fx: HubFixture;

beforeAll(async () => {
  fx = await startHub({ clients: 20, channels: 40, now: clock.now });
});
afterAll(() => fx.close());
beforeEach(() => {
  fx.hub.faults.reset();
  fx.hub.stats.reset();
  clock.advance(10 * 60_000);
  clock.sleeps.length = 0;
});

/** A port nobody listens on: connecting is refused, so the request provably never left. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Channels that can get a key: open, with a running app, permission shared. */
function keyableChannels(n: number): DemoChannel[] {
  const picked = fx.hub.state
    .listChannels()
    .filter((c) => c.terminated_at === null)
    .slice(0, n);
  for (const c of picked) {
    fx.hub.state.setApiKeyPermission(c.id, true);
    if (!c.integration?.app_id) fx.hub.state.updateChannel(c.id, { integration: { enabled: true, app_id: '104148', state: 'running' } });
  }
  if (picked.length < n) throw new Error('not enough open channels');
  return picked;
}

describe('client-side quotas', () => {
  it('balance: the sixth call within 30 s waits for a slot, and the hub never answers 429', async () => {
    const client = fx.hub.state.listClients().find((c) => fx.hub.state.isDirectPayment(c.id));
    if (!client) throw new Error('no direct-payment client');
    const api = fx.api({ now: clock.now, sleep: clock.sleep });
    const query = { startDate: new Date('2025-01-01'), endDate: new Date('2025-01-31'), granularity: 'month' };
    const start = clock.now();
    for (let i = 0; i < 5; i++) await api.getClientBalance(client.id, query);
    expect(clock.sleeps).toEqual([]);
    const sixth = await api.getClientBalance(client.id, query);
    expect(sixth.currency).toBe('usd');
    expect(clock.sleeps).toEqual([30_000]);
    expect(clock.now()).toBe(start + 30_000);
    expect(fx.count('GET', '/partners/:pid/clients/:cid/info/balance')).toBe(6);
    expect(fx.hub.stats.byStatus.get(429)).toBeUndefined();
  });

  it('api keys: one per 30 s per channel, channels independent; a 429 from the hub is waited out', async () => {
    const [a, b] = keyableChannels(2) as [DemoChannel, DemoChannel];
    const limiters = createPartnerLimiters({ now: clock.now, sleep: clock.sleep });
    const api = fx.api({ now: clock.now, sleep: clock.sleep, limiters });
    await api.generateApiKey(a.id);
    await api.generateApiKey(b.id);
    expect(clock.sleeps).toEqual([]);
    const second = await api.generateApiKey(a.id);
    expect(clock.sleeps).toEqual([30_000]);
    expect(second.api_key).toBe(fx.hub.state.currentApiKey(a.id));

    // A second app instance without our quota: the hub refuses, the client waits Retry-After, then succeeds.
    const other = fx.api({ now: clock.now, sleep: clock.sleep });
    clock.sleeps.length = 0;
    const third = await other.generateApiKey(a.id);
    expect(third.api_key).toBe(fx.hub.state.currentApiKey(a.id));
    expect(fx.hub.stats.mutationsTo('/api_keys').map((m) => m.status)).toEqual([201, 201, 201, 429, 201]);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('api keys: a missing permission is forbidden with the server reason, not retried', async () => {
    const [c] = keyableChannels(3).slice(2) as [DemoChannel];
    fx.hub.state.setApiKeyPermission(c.id, false);
    const error = await fx
      .api({ now: clock.now, sleep: clock.sleep })
      .generateApiKey(c.id)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'forbidden',
      status: 403,
      serverMessage: expect.stringContaining('has not shared API key permission'),
    });
    expect(fx.hub.stats.mutationsTo('/api_keys')).toHaveLength(1);
  });
});

describe('channel-level API with the key the hub generated', () => {
  it('health at most once per 5 minutes per channel; phone number; a replaced key is refused', async () => {
    const [channel] = keyableChannels(4).slice(3) as [DemoChannel];
    const redacted: string[] = [];
    const log: Logger = { debug() {}, info() {}, warn() {}, error() {}, redact: (s) => redacted.push(s) };
    const key = await fx.api({ now: clock.now, sleep: clock.sleep, log }).generateApiKey(channel.id);
    expect(key.address).toBe(`${fx.server.url}/waba-v2`); // a Cloud API address, as every number has now
    expect(redacted).toContain(key.api_key);

    const healthLimiter = createHealthLimiter({ now: clock.now });
    const channelApi = createChannelApi({
      address: key.address!,
      apiKey: key.api_key,
      fetch,
      channelId: channel.id,
      healthLimiter,
      now: clock.now,
      log,
    });
    expect(channelApi.kind).toBe('cloud');
    const health = await channelApi.health();
    expect(SENDING_STATUSES).toContain(health.status);
    expect(health.nodes.map((n) => n.host)).toEqual(['PHONE_NUMBER', 'WABA', 'APP']);
    expect(fx.hub.stats.healthCallCount(channel.id)).toBe(1);

    clock.advance(60_000);
    const early = await channelApi.health().catch((e: unknown) => e);
    expect(early).toBeInstanceOf(HubError);
    expect(early).toMatchObject({ code: 'rate_limited', status: null, retryAfterMs: 4 * 60_000 });
    expect(channelApi.nextHealthAt()).toBe(clock.now() + 4 * 60_000);
    // Another client object for the same channel shares the limiter.
    const again = createChannelApi({
      address: key.address!,
      apiKey: key.api_key,
      fetch,
      channelId: channel.id,
      healthLimiter,
      now: clock.now,
    });
    await expect(again.health()).rejects.toMatchObject({ code: 'rate_limited' });
    expect(fx.hub.stats.healthCallCount(channel.id)).toBe(1);

    clock.advance(4 * 60_000);
    await channelApi.health();
    expect(fx.hub.stats.healthCallCount(channel.id)).toBe(2);

    // The Cloud API offers no phone-number call; the legacy On-Premise API at /waba does.
    expect(await channelApi.phoneNumber()).toBeNull();
    const onPremise = createChannelApi({
      address: `${fx.server.url}/waba`,
      apiKey: key.api_key,
      fetch,
      channelId: `${channel.id}-legacy`,
      healthLimiter,
      now: clock.now,
      log,
    });
    expect(onPremise.kind).toBe('on_premise');
    expect(GATEWAY_STATUSES).toContain((await onPremise.health()).status);
    expect(await onPremise.phoneNumber()).toBe(fx.hub.state.getChannel(channel.id)?.setup_info.phone_number);
    expect(redacted).toContain(key.api_key);

    clock.advance(60_000);
    await fx.api({ now: clock.now, sleep: clock.sleep }).generateApiKey(channel.id); // revokes the old key
    const refused = await onPremise.phoneNumber().catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'unauthorized', status: 401, serverMessage: 'Invalid api key' });
    expect((refused as Error).message).toMatch(/generate a new API key/);
  });

  it('a health check that never reached the server does not use up the 5 minutes', async () => {
    const [channel] = keyableChannels(5).slice(4) as [DemoChannel];
    const key = await fx.api({ now: clock.now, sleep: clock.sleep }).generateApiKey(channel.id);
    const channelApi = createChannelApi({ address: key.address!, apiKey: key.api_key, fetch, channelId: channel.id, now: clock.now });
    fx.hub.faults.set({ serverErrors: { count: 1, path: '/waba-v2/health_status' } });
    await expect(channelApi.health()).rejects.toMatchObject({ code: 'server_error' });
    expect(channelApi.nextHealthAt()).toBeGreaterThan(clock.now()); // the server was reached: counts
    clock.advance(5 * 60_000);
    const unreachable = createChannelApi({
      address: `http://127.0.0.1:${await closedPort()}/waba-v2`,
      apiKey: key.api_key,
      fetch,
      channelId: channel.id,
      now: clock.now,
    });
    await expect(unreachable.health()).rejects.toMatchObject({ code: 'offline' });
    expect(unreachable.nextHealthAt()).toBeLessThanOrEqual(clock.now());
  });
});
