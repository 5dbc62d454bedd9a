/**
 * The connection state through the real core against the simulated Hub over HTTP: every outcome (a
 * sync, the outbox, a check) moves it, the queue waits while the Hub cannot be reached and goes by
 * itself when it answers, and a refused key is replaced without losing the cache or the queue.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClientQuery } from '@shared/accounts';
import { createDemoHub, startDemoHubServer, type DemoHub } from '@demo-hub';
import { startTestCore, type CoreFixture } from '../helpers/core-fixture';
import { hits } from './outbox/outbox-fixture';

let hub: DemoHub;
let server: Awaited<ReturnType<typeof startDemoHubServer>>;
let fixture: CoreFixture;

beforeAll(async () => {
  hub = createDemoHub({ clients: 10, channels: 15 });
  server = await startDemoHubServer(hub, { port: 0 });
});
afterAll(() => server.close());
beforeEach(async () => {
  hub.faults.reset();
  hub.stats.reset();
  fixture = await startTestCore({ hubUrl: `${server.url}/api/v2`, backgroundOutbox: true });
});
afterEach(() => fixture.dispose());

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('connection state', () => {
  it('a sync refused with 401 says the key is rejected; a new key (same profile) reconnects and keeps the cache and the queue', async () => {
    const core = fixture.core;
    const signed = await core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey });
    expect((await core.accounts.syncNow()).state).toBe('succeeded');
    const channels = core.accounts.syncStatus().counts.channels;
    const newKey = hub.rotateApiKey();
    const failed = await core.accounts.syncNow();
    expect(failed.error?.code).toBe('unauthorized');
    expect(core.session.connectionStatus()).toBe('key_rejected');
    const client = core.accounts.listClients(ClientQuery.parse({ limit: 5 })).items[0]!;
    const action = await fixture.core.dispatch('actions.setMaxChannels', {
      clientId: client.id,
      maxChannels: (client.maxChannels ?? 2) + 1,
      confirmed: true,
    });
    expect(action.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits(hub, `/clients/${client.id}`, 'PATCH').sent).toBe(0);
    expect(core.outbox.status().paused?.code).toBe('unauthorized');

    const again = await core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: newKey });
    expect(again.activeProfileId).toBe(signed.activeProfileId);
    expect(again.profiles).toHaveLength(1);
    expect(again.connection.status).toBe('connected');
    await until(() => hits(hub, `/clients/${client.id}`, 'PATCH').applied === 1, 'the queued limit to be sent');
    expect(core.accounts.syncStatus().counts.channels).toBe(channels);
  });

  it('the Hub offline: the queue waits without a request; back, it goes by itself within seconds', async () => {
    const core = fixture.core;
    await core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey });
    expect((await core.accounts.syncNow()).state).toBe('succeeded');
    hub.faults.set({ offline: true });
    expect((await core.accounts.syncNow()).state).toBe('offline');
    // The HTTP server drops the connection: the network works, the Hub does not answer.
    expect(core.session.connectionStatus()).toBe('hub_unavailable');
    const client = core.accounts.listClients(ClientQuery.parse({ limit: 5 })).items[0]!;
    const queued = await core.dispatch('actions.setMaxChannels', {
      clientId: client.id,
      maxChannels: (client.maxChannels ?? 2) + 2,
      confirmed: true,
    });
    expect(queued.ok && queued.value).toMatchObject({ state: 'queued', canCancel: true, attempts: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hits(hub, `/clients/${client.id}`, 'PATCH').sent).toBe(0);
    const listed = core.outbox.list({ openOnly: true, limit: 10 }).items[0];
    expect(listed).toMatchObject({ state: 'queued', attempts: 0, lastError: null, canCancel: true });

    hub.faults.reset();
    const cleared = Date.now();
    await until(() => core.session.connectionStatus() === 'connected', 'the connection to come back', 12_000);
    expect(Date.now() - cleared).toBeLessThan(11_000);
    await until(() => hits(hub, `/clients/${client.id}`, 'PATCH').applied === 1, 'the queue to go');
    expect(hits(hub, `/clients/${client.id}`, 'PATCH').sent).toBe(1);
  });
});
