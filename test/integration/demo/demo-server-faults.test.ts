import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoHub, startDemoHubServer, type DemoChannel, type DemoHub, type DemoHubServer, type FaultConfig } from '@demo-hub';
import { call, partnerPath, type Answer, type CallOptions, type ListBody, type MetaError } from '../../unit/demo/support';

let hub: DemoHub;
let server: DemoHubServer;

beforeAll(async () => {
  hub = createDemoHub();
  server = await startDemoHubServer(hub);
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  expect((await fetch(`${server.url}/__demo/faults`, { method: 'DELETE' })).status).toBe(200);
});

/** Faults are set over HTTP here, as a separate test process or the CLI would. */
async function setFaults(config: FaultConfig): Promise<void> {
  const response = await fetch(`${server.url}/__demo/faults`, { method: 'PUT', body: JSON.stringify(config) });
  expect(response.status, await response.clone().text()).toBe(200);
}

function http(path: string, options: CallOptions = {}): Promise<Answer> {
  return call(hub, path, { fetch, origin: server.url, ...options });
}

describe('fault switches over real HTTP', () => {
  it('envelope leaves out count and total, or renames the records key, on matching list paths only; balanceRefusal answers any 4xx', async () => {
    await setFaults({ envelope: { omit: ['count', 'total'], itemsKey: 'items', path: '/channels' } });
    const page = (await http(`${partnerPath(hub)}/channels?limit=5`)).json<Record<string, unknown>>();
    expect(Object.keys(page)).not.toContain('count');
    expect(Object.keys(page)).not.toContain('total');
    expect(page.partner_channels).toBeUndefined();
    expect(page.items).toHaveLength(5);
    const clients = (await http(`${partnerPath(hub)}/clients?limit=5`)).json<Record<string, unknown>>();
    expect(clients).toMatchObject({ count: 5, clients: expect.any(Array) });
    expect(typeof clients.total).toBe('number');
    await setFaults({ envelope: null, balanceRefusal: 404 });
    expect((await http(`${partnerPath(hub)}/channels?limit=1`)).json<Record<string, unknown>>()).toMatchObject({ count: 1 });
    const partnerPaid = hub.state.listClients().find((c) => !hub.state.isDirectPayment(c.id))!;
    const balance = await http(`${partnerPath(hub)}/clients/${partnerPaid.id}/info/balance?start_date=1&end_date=2`);
    expect(balance.status).toBe(404);
  });

  it('offline destroys the socket: fetch rejects, control endpoints keep working', async () => {
    await setFaults({ offline: true });
    const error = await fetch(`${server.url}${partnerPath(hub)}`, { headers: { 'X-API-Key': hub.apiKey } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect((await fetch(`${server.url}/__demo/stats`)).status).toBe(200);
    await setFaults({ offline: false });
    expect((await http(partnerPath(hub))).status).toBe(200);
  });

  it('offline switched on during latency drops the request in flight', async () => {
    await setFaults({ latencyMs: 600 });
    const pending = fetch(`${server.url}${partnerPath(hub)}`, { headers: { 'X-API-Key': hub.apiKey } }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 40));
    await setFaults({ offline: true });
    expect(await pending).toBeInstanceOf(TypeError);
  });

  it('latency delays HTTP answers', async () => {
    await setFaults({ latencyMs: 80 });
    const started = performance.now();
    expect((await http(partnerPath(hub))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('rateLimitBurst answers 429 with Retry-After for matching requests only', async () => {
    await setFaults({ rateLimitBurst: { count: 1, retryAfterSeconds: 3, pathRegex: '/channels$', method: 'GET' } });
    expect((await http(partnerPath(hub, '/clients'))).status).toBe(200);
    const limited = await http(partnerPath(hub, '/channels'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await http(partnerPath(hub, '/channels'))).status).toBe(200);
  });

  it('serverErrors answers 5xx with an HTML body', async () => {
    await setFaults({ serverErrors: { count: 2, status: 503 } });
    const first = await http(partnerPath(hub));
    expect(first.status).toBe(503);
    expect(first.headers.get('content-type')).toMatch(/text\/html/);
    expect(() => first.json()).toThrow(SyntaxError);
    expect((await http('/waba/v1/health', { anonymous: true })).status).toBe(503);
    expect((await http(partnerPath(hub))).status).toBe(200);
  });

  it('malformedJson sends status 200 with a body that does not parse', async () => {
    await setFaults({ malformedJson: { count: 1, path: '/channels' } });
    const response = await fetch(`${server.url}${partnerPath(hub, '/channels?limit=10')}`, { headers: { 'X-API-Key': hub.apiKey } });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('wrongTypes, limitCap and totalDrift shape list pages', async () => {
    await setFaults({ wrongTypes: { count: 1, mode: 'missing' }, limitCap: 7 });
    const spoiled = (await http(partnerPath(hub, '/channels?limit=50'))).json<ListBody<Record<string, unknown>>>();
    expect(spoiled.limit).toBe(7);
    expect(spoiled.partner_channels).toHaveLength(7);
    expect(spoiled.partner_channels?.at(-1)?.id).toBeUndefined();
    expect(spoiled.partner_channels?.[0]?.id).toEqual(expect.any(String));
    const total = hub.state.channelCount();
    await setFaults({ totalDrift: { count: 2, insert: 2, remove: 0 } });
    const drifted = (await http(partnerPath(hub, '/channels?limit=5&offset=5'))).json<ListBody<DemoChannel>>();
    expect(drifted.total).toBe(total + 2);
    expect((await http(partnerPath(hub, '/channels?limit=5&offset=10'))).json<ListBody<DemoChannel>>().total).toBe(total + 4);
    expect((await http(partnerPath(hub, '/channels?limit=5&offset=15'))).json<ListBody<DemoChannel>>().total).toBe(total + 4);
  });

  it('unauthorized forces 401 mid-queue, then recovers', async () => {
    await setFaults({ unauthorized: { count: 1, method: 'PATCH' } });
    const client = hub.state.listClients()[0]?.id ?? '';
    expect((await http(partnerPath(hub, '/clients'))).status).toBe(200);
    const refused = await http(partnerPath(hub, `/clients/${client}`), { method: 'PATCH', body: { max_channels: 3 } });
    expect(refused.status).toBe(401);
    expect(refused.json<MetaError>().meta.http_code).toBe(401);
    expect((await http(partnerPath(hub, `/clients/${client}`), { method: 'PATCH', body: { max_channels: 3 } })).status).toBe(200);
    expect(hub.stats.mutationsTo(`/clients/${client}`).map((m) => [m.status, m.applied])).toEqual([
      [401, false],
      [200, true],
    ]);
  });
});
