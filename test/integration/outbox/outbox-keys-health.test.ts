/**
 * Generated API keys and health checks against the simulated hub over HTTP: the key goes to the
 * keychain only (scanned for in SQLite, the log and every contract answer), the clipboard gets it
 * from main on request, health is asked at most once per 5 minutes per channel (also across
 * restarts), and each crash window of a send is resolved from the server's state, never by
 * sending twice (simulated deterministically here; the SIGKILL test does it for real).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { headlessDesktop, type DesktopIntegration } from '@core/desktop';
import { createLogger, logFilesOf } from '@core/log';
import { fingerprintOf } from '@core/outbox';
import { makeTempDir } from '../../helpers/temp-dir';
import { hits, startOutboxFixture, type OutboxFixture } from './outbox-fixture';

let f: OutboxFixture;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await f.dispose();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A local port nobody listens on (connections are refused). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const keyAccount = (channelId: string) => `profile:${f.profileId}:channel:${channelId}:api-key`;

/** Files under `dir` whose bytes contain `secret`. */
function filesContaining(dir: string, secret: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && fs.readFileSync(path.join(e.parentPath, e.name)).includes(secret))
    .map((e) => e.name);
}

async function generateKey(channelId: string): Promise<string> {
  await f.call('actions.generateApiKey', { channelId, confirmed: true });
  expect((await f.call('outbox.push', {})).counts.done).toBeGreaterThan(0);
  const key = await f.secrets.get(keyAccount(channelId));
  expect(key).toBe(f.hub.state.currentApiKey(channelId));
  return key!;
}

describe('generated API keys', () => {
  it('go to the keychain only: never SQLite, the log or a contract answer; the clipboard gets one from main', async () => {
    const logs = makeTempDir('partner-desk-outbox-log-');
    cleanups.push(logs.cleanup);
    const clipboard: Array<{ text: string; clearAfterMs: number }> = [];
    const desktop: DesktopIntegration = {
      ...headlessDesktop(),
      kind: 'electron',
      writeClipboard: async (text, o) => (clipboard.push({ text, clearAfterMs: o.clearAfterMs }), true),
    };
    f = await startOutboxFixture({
      core: { log: createLogger({ file: path.join(logs.dir, 'partner-desk.log'), level: 'debug' }), desktop },
    });
    const [channel] = f.channels(1);
    const key = await generateKey(channel!.id);

    expect(await f.call('channels.apiKey', { channelId: channel!.id })).toMatchObject({
      present: true,
      address: `${f.server.url}/waba-v2`,
      keyId: expect.any(String),
    });
    expect(await f.call('channels.copyApiKey', { channelId: channel!.id })).toMatchObject({ copied: true, clearAfterMs: 60_000 });
    expect(clipboard).toEqual([{ text: key, clearAfterMs: 60_000 }]);
    await f.call('channels.health', { channelId: channel!.id });
    await f.call('outbox.list', {});

    f.core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesContaining(f.dataDir, key)).toEqual([]);
    expect(filesContaining(logs.dir, key)).toEqual([]);
    await f.core.log.flush?.();
    expect(
      logFilesOf(path.join(logs.dir, 'partner-desk.log'))
        .map((file) => fs.readFileSync(file, 'utf8'))
        .join(''),
    ).toMatch(/outbox action/);
    expect(f.answers.join('\n')).not.toContain(key);
    expect(f.answers.length).toBeGreaterThan(5);
  });

  it('copying without a desktop clipboard says so, and never returns the key', async () => {
    f = await startOutboxFixture();
    const [channel] = f.channels(1);
    const key = await generateKey(channel!.id);
    const copied = await f.call('channels.copyApiKey', { channelId: channel!.id });
    expect(copied).toMatchObject({ copied: false });
    expect(JSON.stringify(copied)).not.toContain(key);
  });
});

describe('health checks', () => {
  it('asks at most once per 5 minutes per channel, also across a restart; in between shows the cached answer and its age', async () => {
    f = await startOutboxFixture();
    const [channel] = f.channels(1);
    await generateKey(channel!.id);
    const fresh = await f.call('channels.health', { channelId: channel!.id });
    // A Cloud API key: whether the number can send, per entity; the Cloud API has no number call.
    expect(fresh).toMatchObject({
      source: 'fresh',
      gatewayStatus: expect.stringMatching(/^(available|limited|blocked)$/),
      phoneNumber: null,
    });
    expect(fresh.nodes.map((n) => n.host)).toEqual(['PHONE_NUMBER', 'WABA', 'APP']);
    if (fresh.gatewayStatus !== 'available') expect(fresh.nodes[0]?.problem).toMatch(/\. .+\.$/); // the problem and its remedy
    expect(f.hub.stats.healthCallCount(channel!.id)).toBe(1);

    f.advance(2 * 60_000);
    const cached = await f.call('channels.health', { channelId: channel!.id });
    expect(cached).toMatchObject({ source: 'cached', gatewayStatus: fresh.gatewayStatus, checkedAt: fresh.checkedAt });
    expect(cached.ageMs).toBeGreaterThanOrEqual(2 * 60_000);
    expect(cached.message).toMatch(/Checked 2 min ago.*Next check possible in 3 min/);
    expect(f.hub.stats.healthCallCount(channel!.id)).toBe(1);

    await f.restart();
    expect((await f.call('channels.health', { channelId: channel!.id })).source).toBe('cached');
    expect(f.hub.stats.healthCallCount(channel!.id)).toBe(1);

    f.advance(3 * 60_000);
    expect((await f.call('channels.health', { channelId: channel!.id })).source).toBe('fresh');
    expect(f.hub.stats.healthCallCount(channel!.id)).toBe(2);
  });

  it('a legacy On-Premise key: the gateway status and the number the key belongs to', async () => {
    f = await startOutboxFixture();
    const [channel] = f.channels(1);
    await generateKey(channel!.id);
    f.core.db.prepare('UPDATE channel_keys SET address = ? WHERE channel_id = ?').run(`${f.server.url}/waba`, channel!.id);
    const health = await f.call('channels.health', { channelId: channel!.id });
    expect(health).toMatchObject({ source: 'fresh', phoneNumber: f.hub.state.getChannel(channel!.id)?.setup_info.phone_number });
    expect(['connected', 'connecting', 'disconnected', 'uninitialized', 'unregistered']).toContain(health.gatewayStatus);
    expect(health.nodes).toEqual([{ host: null, role: null, status: health.gatewayStatus, problem: null }]);
  });

  it('offline: queued; a check that never reached the server does not use up the 5 minutes, one that may have does', async () => {
    f = await startOutboxFixture();
    const [channel] = f.channels(1);
    await generateKey(channel!.id);
    const address = (await f.call('channels.apiKey', { channelId: channel!.id })).address;
    // Connection refused (a port just closed): provably never sent.
    f.core.db
      .prepare('UPDATE channel_keys SET address = ? WHERE channel_id = ?')
      .run(`http://127.0.0.1:${await closedPort()}/waba-v2`, channel!.id);
    expect(await f.call('channels.health', { channelId: channel!.id })).toMatchObject({
      source: 'queued',
      action: { kind: 'check_health', state: 'queued' },
    });
    f.core.db.prepare('UPDATE channel_keys SET address = ? WHERE channel_id = ?').run(address, channel!.id);
    await f.call('outbox.push', {});
    expect(await f.call('channels.health', { channelId: channel!.id, check: false })).toMatchObject({
      source: 'cached',
      gatewayStatus: expect.any(String),
    });
    expect(f.hub.stats.healthCallCount(channel!.id)).toBe(1);

    // Dropped after it was sent: it may have reached the server, so it counts.
    f.advance(5 * 60_000);
    f.hub.faults.set({ dropped: { count: 2, path: '/health_status' } }); // 2: a GET dropped once is resent at once on a fresh connection
    expect((await f.call('channels.health', { channelId: channel!.id })).source).toBe('queued');
    f.hub.faults.reset();
    f.advance(5 * 60_000 - 1_000);
    await f.call('outbox.push', {});
    expect(f.hub.stats.healthCallCount(channel!.id)).toBe(1);
    expect((await f.call('outbox.list', { openOnly: true })).items[0]?.lastError?.message).toMatch(
      /without an answer; the next one goes at/,
    );
    f.advance(1_000);
    await f.call('outbox.push', {});
    expect(f.hub.stats.healthCallCount(channel!.id)).toBe(2);
    expect((await f.call('outbox.list', { openOnly: true })).items).toEqual([]);
  });

  it('a refused channel key fails the check without pausing the queue; no key at all is refused at once', async () => {
    f = await startOutboxFixture();
    const [channel, keyless] = f.channels(2);
    await generateKey(channel!.id);
    f.hub.faults.set({ unauthorized: { count: 1, path: '/waba-v2/health_status' } });
    const refused = await f.call('channels.health', { channelId: channel!.id });
    expect(refused.action).toMatchObject({ state: 'failed', lastError: { code: 'unauthorized' } });
    expect(refused.lastError?.message).toMatch(/generate a new API key/);
    expect(f.core.outbox.status().paused).toBeNull();
    expect(await f.raw('channels.health', { channelId: keyless!.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe("crash windows, resolved from the server's state", () => {
  /** Queues an action offline, then leaves it as a killed process would: "sending", claimed by a runner that is gone. */
  async function interrupted(kind: 'cancel' | 'key' | 'limit', target: string, limit = 0): Promise<string> {
    f.hub.faults.set({ offline: true });
    const action =
      kind === 'cancel'
        ? await f.call('actions.cancelChannel', { channelId: target, confirmed: true })
        : kind === 'key'
          ? await f.call('actions.generateApiKey', { channelId: target, confirmed: true })
          : await f.call('actions.setMaxChannels', { clientId: target, maxChannels: limit });
    f.hub.faults.reset();
    f.core.db.prepare("UPDATE outbox SET state = 'sending', claimed_by = 'killed-runner', attempts = 1 WHERE id = ?").run(action.id);
    await f.restart();
    return action.id;
  }
  const stateOf = async (id: string) => (await f.call('outbox.list', {})).items.find((a) => a.id === id);

  it('a cancellation the server applied is done without a resend; one it never saw is sent once', async () => {
    f = await startOutboxFixture();
    const [applied, unseen] = f.channels(2);
    const a = await interrupted('cancel', applied!.id);
    f.hub.state.cancelChannel(applied!.id); // the request had reached the Hub before the kill
    await f.call('outbox.push', {});
    expect(await stateOf(a)).toMatchObject({ state: 'done' });
    expect(hits(f.hub, `/channels/${applied!.id}/control`).sent).toBe(0);

    const b = await interrupted('cancel', unseen!.id);
    await f.call('outbox.push', {});
    expect(await stateOf(b)).toMatchObject({ state: 'done' });
    expect(hits(f.hub, `/channels/${unseen!.id}/control`)).toEqual({ sent: 1, applied: 1 });
  });

  it('a limit the server already shows is done without a PATCH', async () => {
    f = await startOutboxFixture();
    const client = f.clientWith(1);
    const id = await interrupted('limit', client.id, client.max + 1);
    f.hub.state.setMaxChannels(client.id, client.max + 1);
    await f.call('outbox.push', {});
    expect(await stateOf(id)).toMatchObject({ state: 'done', outcome: expect.stringMatching(/already showed a limit/) });
    expect(hits(f.hub, `/clients/${client.id}`, 'PATCH').sent).toBe(0);
  });

  it('a key generation found "sending" is never resent: failed with a message asking to generate again deliberately', async () => {
    f = await startOutboxFixture();
    const [channel] = f.channels(1);
    const id = await interrupted('key', channel!.id);
    await f.call('outbox.push', {});
    const failed = await stateOf(id);
    expect(failed).toMatchObject({ state: 'failed', canRetry: true, lastError: { code: 'unknown_outcome' } });
    expect(failed?.lastError?.message).toMatch(/revokes the older keys.*Retry to generate a key deliberately/);
    expect(hits(f.hub, `/channels/${channel!.id}/api_keys`).sent).toBe(0);
  });

  it('a key generation whose key reached the keychain before the kill is done; one whose key did not is "key lost"', async () => {
    f = await startOutboxFixture();
    const [saved, lost] = f.channels(2);
    const key = 'k'.repeat(32);
    const meta = { keyId: '42', address: `${f.server.url}/waba`, appId: null, fingerprint: fingerprintOf(key) };
    for (const channel of [saved!, lost!]) {
      const id = await interrupted('key', channel.id);
      f.core.db.prepare('UPDATE outbox SET result = ? WHERE id = ?').run(JSON.stringify({ outcome: null, key: meta }), id);
    }
    await f.secrets.set(keyAccount(saved!.id), key);
    await f.call('outbox.push', {});
    const items = (await f.call('outbox.list', {})).items;
    expect(items.find((a) => a.target.id === saved!.id)).toMatchObject({ state: 'done' });
    expect(await f.call('channels.apiKey', { channelId: saved!.id })).toMatchObject({ present: true, keyId: '42' });
    expect(items.find((a) => a.target.id === lost!.id)).toMatchObject({ state: 'failed', lastError: { code: 'key_lost' } });
    expect(f.hub.stats.mutationsTo('/api_keys')).toHaveLength(0);
  });
});
