import { describe, expect, it } from 'vitest';
import { FaultConfig, type DemoChannel, type DemoClient } from '@demo-hub';
import { call, listQuery, partnerPath, testHub, type ListBody, type MetaError } from './support';

const CHANNELS = '/channels';

describe('fault switches (in-process fetch)', () => {
  it('are all off by default', async () => {
    const { hub } = testHub();
    expect(hub.faults.snapshot()).toEqual({});
    expect((await call(hub, partnerPath(hub, CHANNELS))).status).toBe(200);
  });

  it('offline: fetch rejects with TypeError("fetch failed") like undici, and nothing is counted as served', async () => {
    const { hub } = testHub();
    hub.faults.set({ offline: true });
    const error = await hub.fetch(`http://any.example${partnerPath(hub)}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(hub.stats.total).toBe(0);
    expect(hub.stats.dropped).toBe(1);
    hub.faults.set({ offline: false });
    expect((await call(hub, partnerPath(hub))).status).toBe(200);
  });

  it('latency delays answers and honours abort signals', async () => {
    const { hub } = testHub();
    hub.faults.set({ latencyMs: 60, latencyJitterMs: 20 });
    const started = performance.now();
    expect((await call(hub, partnerPath(hub))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    hub.faults.set({ latencyMs: 5_000, latencyJitterMs: 0 });
    const aborted = await hub
      .fetch(partnerPath(hub), { headers: { 'X-API-Key': hub.apiKey }, signal: AbortSignal.timeout(30) })
      .catch((e: unknown) => e);
    expect((aborted as Error).name).toBe('TimeoutError');
  });

  it('rateLimitBurst: the next N matching requests get 429 with Retry-After, others pass', async () => {
    const { hub } = testHub();
    hub.faults.set({ rateLimitBurst: { count: 2, retryAfterSeconds: 0, path: CHANNELS, method: 'GET' } });
    expect((await call(hub, partnerPath(hub, '/clients'))).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const answer = await call(hub, partnerPath(hub, CHANNELS));
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('0');
      expect(answer.json<MetaError>().meta.http_code).toBe(429);
    }
    expect((await call(hub, partnerPath(hub, CHANNELS))).status).toBe(200);
    expect(hub.stats.faults.get('rateLimitBurst')).toBe(2);
    expect(hub.faults.snapshot()).toEqual({}); // used up
  });

  it('serverErrors: 5xx with HTML or meta bodies; the handler does not run', async () => {
    const { hub } = testHub();
    const ch = hub.state.listChannels().find((c) => c.terminated_at === null) as DemoChannel;
    const cancel = partnerPath(hub, `/clients/${ch.client_id}/channels/${ch.id}/control/cancellation_request`);
    hub.faults.set({ serverErrors: { count: 1, status: 502, method: 'POST' } });
    const html = await call(hub, cancel, { method: 'POST', body: { enabled: true } });
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.text).toMatch(/502 Bad Gateway/);
    expect(hub.state.getChannel(ch.id)?.terminated_at).toBeNull();
    expect(hub.stats.mutations.at(-1)).toMatchObject({ status: 502, applied: false, fault: 'serverErrors' });
    hub.faults.set({ serverErrors: { count: 1, status: 500, body: 'meta' } });
    const meta = await call(hub, partnerPath(hub));
    expect(meta.json<MetaError>().meta).toMatchObject({ http_code: 500, success: false });
    expect((await call(hub, cancel, { method: 'POST', body: { enabled: true } })).status).toBe(200);
  });

  it('malformedJson: status 200 with a body JSON.parse rejects; the action still happened', async () => {
    const { hub } = testHub();
    const client = hub.state.listClients()[0] as DemoClient;
    hub.faults.set({ malformedJson: { count: 1, path: /\/clients\/[^/]+$/ } });
    const answer = await call(hub, partnerPath(hub, `/clients/${client.id}`), { method: 'PATCH', body: { max_channels: 9 } });
    expect(answer.status).toBe(200);
    expect(() => answer.json()).toThrow(SyntaxError);
    expect(hub.state.getClient(client.id)?.max_channels).toBe(9);
    expect(hub.stats.mutations.at(-1)).toMatchObject({ applied: true, fault: 'malformedJson' });
    const next = await call(hub, partnerPath(hub, `/clients/${client.id}`), { method: 'PATCH', body: {} });
    expect(next.json<DemoClient>().max_channels).toBe(9);
  });

  it('wrongTypes: the next list pages carry spoiled records', async () => {
    const { hub } = testHub();
    hub.faults.set({ wrongTypes: { count: 2 } });
    const clients =
      (await call(hub, partnerPath(hub, `/clients${listQuery({ limit: 5 })}`))).json<ListBody<Record<string, unknown>>>().clients ?? [];
    expect(clients[0]?.max_channels).toBe('many');
    expect(clients.at(-1)?.id).toBeUndefined();
    const channels =
      (await call(hub, partnerPath(hub, `${CHANNELS}${listQuery({ limit: 5 })}`))).json<ListBody<Record<string, unknown>>>()
        .partner_channels ?? [];
    expect(channels[0]?.setup_info).toBe(42);
    const clean =
      (await call(hub, partnerPath(hub, `${CHANNELS}${listQuery({ limit: 5 })}`))).json<ListBody<DemoChannel>>().partner_channels ?? [];
    expect(clean.every((c) => typeof c.setup_info === 'object' && typeof c.id === 'string')).toBe(true);
    hub.faults.set({ wrongTypes: { count: 1, mode: 'types' } });
    const typesOnly =
      (await call(hub, partnerPath(hub, `${CHANNELS}${listQuery({ limit: 3 })}`))).json<ListBody<Record<string, unknown>>>()
        .partner_channels ?? [];
    expect(typesOnly.every((c) => typeof c.id === 'string')).toBe(true);
  });

  it('limitCap: pages are silently capped and the cap is echoed', async () => {
    const { hub } = testHub();
    hub.faults.set({ limitCap: 25 });
    const page = (await call(hub, partnerPath(hub, `${CHANNELS}${listQuery({ limit: 100 })}`))).json<ListBody<DemoChannel>>();
    expect(page).toMatchObject({ limit: 25, count: 25, total: 200 });
    hub.faults.set({ limitCap: null });
    expect((await call(hub, partnerPath(hub, `${CHANNELS}${listQuery({ limit: 100 })}`))).json<ListBody<DemoChannel>>().count).toBe(100);
  });

  it('totalDrift: records appear and vanish between pages, so total changes', async () => {
    const { hub } = testHub();
    const first = (await call(hub, partnerPath(hub, `${CHANNELS}${listQuery({ limit: 50 })}`))).json<ListBody<DemoChannel>>();
    hub.faults.set({ totalDrift: { count: 1, insert: 3, remove: 1 } });
    const second = (await call(hub, partnerPath(hub, `${CHANNELS}${listQuery({ limit: 50, offset: 50 })}`))).json<ListBody<DemoChannel>>();
    expect(second.total).toBe(first.total + 2);
    expect(hub.state.channelCount()).toBe(202);
    const servedIds = new Set((first.partner_channels ?? []).map((c) => c.id));
    // The removed record was one already served, so a naive pager would miss a later one.
    expect([...servedIds].filter((id) => hub.state.getChannel(id) === undefined)).toHaveLength(1);
    const third = (await call(hub, partnerPath(hub, `${CHANNELS}${listQuery({ limit: 50, offset: 100 })}`))).json<ListBody<DemoChannel>>();
    expect(third.total).toBe(second.total);
    hub.faults.set({ totalDrift: { count: 1 } });
    const clients = (await call(hub, partnerPath(hub, '/clients'))).json<ListBody<DemoClient>>();
    expect(clients.total).toBe(121);
  });

  it('unauthorized: the next N requests get 401 in the shape of their API', async () => {
    const { hub } = testHub();
    hub.faults.set({ unauthorized: { count: 2 } });
    const partner = await call(hub, partnerPath(hub));
    expect(partner.status).toBe(401);
    expect(partner.json<MetaError>().meta.http_code).toBe(401);
    const waba = await call(hub, '/waba/v1/health', { anonymous: true });
    expect(waba.json()).toMatchObject({ errors: [{ code: 401 }] });
    expect((await call(hub, partnerPath(hub))).status).toBe(200);
    hub.faults.set({ unauthorized: { count: 1, path: '/token' } });
    const token = await call(hub, '/api/v2/token', {
      method: 'POST',
      anonymous: true,
      body: { username: hub.username, password: hub.password },
    });
    expect(token.status).toBe(401);
    expect(token.json()).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
  });

  it('validates configs with zod, merges, snapshots and resets', () => {
    const { hub } = testHub();
    expect(() => hub.faults.set({ serverErrors: { count: -1 } })).toThrow();
    expect(() => hub.faults.set({ limitCap: 0 })).toThrow();
    expect(FaultConfig.safeParse({ nonsense: true }).success).toBe(false);
    expect(FaultConfig.safeParse({ rateLimitBurst: { count: 1, pathRegex: '(' } }).success).toBe(false);
    hub.faults.set({ latencyMs: 5 });
    hub.faults.set({ malformedJson: { count: 3, path: /abc/ } });
    expect(hub.faults.snapshot()).toEqual({ latencyMs: 5, malformedJson: { count: 3, pathRegex: 'abc' } });
    hub.faults.set({ malformedJson: null });
    expect(hub.faults.snapshot()).toEqual({ latencyMs: 5 });
    hub.faults.reset();
    expect(hub.faults.snapshot()).toEqual({});
  });
});
