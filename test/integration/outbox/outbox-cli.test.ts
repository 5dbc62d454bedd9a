/**
 * The outbox commands as a script runs them, in child processes against the simulated hub served
 * by this process (async spawn, so the hub keeps answering), with the real keychain: confirmation,
 * validation and exit codes, queueing offline, `push`, `health`, and the generated key appearing
 * nowhere but the keychain (database, logs, every line of output).
 */
import { logFilesOf } from '../../../electron/core/log';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoHub, startDemoHubServer, type DemoChannel, type DemoHub } from '../../../electron/core/demo';
import { KeytarSecretStore } from '../../../electron/core/secrets/keytar-secret-store';
import { runCliAsync, type CliResult } from '../../helpers/spawn-cli';
import { makeTempDir } from '../../helpers/temp-dir';
import { hits } from './outbox-fixture';

let hub: DemoHub;
let server: Awaited<ReturnType<typeof startDemoHubServer>>;
let tmp: ReturnType<typeof makeTempDir>;
let cancelCh: DemoChannel;
let keyCh: DemoChannel;
let client: { id: string; channels: number };
const outputs: string[] = [];

async function cli(args: string[], input = ''): Promise<CliResult> {
  const result = await runCliAsync(['--data-dir', tmp.dir, '--hub-url', `${server.url}/api/v2`, ...args], { input });
  outputs.push(result.stdout, result.stderr);
  return result;
}

beforeAll(async () => {
  hub = createDemoHub({ clients: 12, channels: 30, seed: 21 });
  server = await startDemoHubServer(hub, { port: 0 });
  tmp = makeTempDir();
  const usable = hub.state.listChannels().filter((c) => c.terminated_at === null && c.integration?.app_id);
  [cancelCh, keyCh] = [usable[0]!, usable[1]!];
  hub.state.setApiKeyPermission(keyCh.id, true);
  const owner = hub.state.listClients().find((c) => hub.state.listChannels(c.id).length >= 2)!;
  client = { id: owner.id, channels: hub.state.listChannels(owner.id).length };
  expect((await cli(['login', '--partner-id', hub.partnerId, '--api-key-stdin'], hub.apiKey)).status).toBe(0);
  expect((await cli(['sync'])).status).toBe(0);
});

afterAll(async () => {
  const status = JSON.parse((await cli(['status', '--json'])).stdout) as { profile: { id: string } | null };
  if (status.profile) await new KeytarSecretStore().delete(`profile:${status.profile.id}:channel:${keyCh.id}:api-key`);
  await cli(['logout', '--forget']);
  await server.close();
  tmp.cleanup();
});

describe('partner-desk outbox commands', () => {
  it('refuses without confirmation (naming client, number, consequence), and rejects a limit that is not a whole number', async () => {
    const cancel = await cli(['cancel', cancelCh.id]);
    expect(cancel.status).toBe(1);
    expect(cancel.stderr).toContain(`+${cancelCh.setup_info.phone_number}`);
    expect(cancel.stderr).toMatch(/pending deletion.*Run it again with --yes/s);
    const key = await cli(['api-key', keyCh.id]);
    expect(key.status).toBe(1);
    expect(key.stderr).toMatch(/revokes every existing key/);
    for (const bad of ['abc', '2.5', '0']) {
      const result = await cli(['set-max-channels', client.id, bad]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/must be (a number|a whole number|at least 1)/);
    }
    const below = await cli(['set-max-channels', client.id, String(client.channels - 1)]);
    expect(below.status).toBe(1);
    expect(below.stderr).toMatch(new RegExp(`already has ${client.channels} channels`));
    expect(JSON.parse((await cli(['outbox', '--json'])).stdout).items).toEqual([]);
  });

  it('queues offline (exit 0), lists the queue, push exits 1 while actions remain', async () => {
    // Offline as on a train: nothing answers on the hub's address (connection refused).
    const port = server.port;
    const requestsBefore = hub.stats.total;
    await server.close();
    try {
      for (const args of [['cancel', cancelCh.id, '--yes'], ['api-key', keyCh.id, '--yes'], ['set-max-channels', client.id, String(client.channels - 1), '--yes']]) {
        const result = await cli(args);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toMatch(/Queued|Waiting/);
      }
      const listed = JSON.parse((await cli(['outbox', '--json'])).stdout) as { items: Array<{ state: string }>; counts: { queued: number } };
      expect(listed.counts.queued).toBe(3);
      expect((await cli(['outbox'])).stdout).toMatch(/Cancel \+\d+.*queued/);
      const push = await cli(['push']);
      expect(push.status).toBe(1);
      expect(push.stderr).toMatch(/3 actions wait for the connection/);
      expect(hub.stats.total).toBe(requestsBefore);
    } finally {
      server = await startDemoHubServer(hub, { port });
    }
  });

  it('push sends each action once when online and exits 0; health answers, then shows the cached answer', async () => {
    const push = await cli(['push']);
    expect(push.status, push.stderr).toBe(0);
    expect(push.stdout).toMatch(/queue is empty/);
    expect(hits(hub, `/channels/${cancelCh.id}/control/cancellation_request`).applied).toBe(1);
    expect(hits(hub, `/channels/${keyCh.id}/api_keys`).applied).toBe(1);
    expect(hits(hub, `/clients/${client.id}`, 'PATCH').applied).toBe(1);
    expect((await cli(['push'])).status).toBe(0);
    expect(hub.stats.mutations.filter((m) => m.applied)).toHaveLength(3);

    const fresh = await cli(['health', keyCh.id]);
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(fresh.stdout).toMatch(/Checked now/);
    const cached = await cli(['health', keyCh.id, '--json']);
    expect(JSON.parse(cached.stdout)).toMatchObject({ source: 'cached', gatewayStatus: expect.any(String) });
    expect(hub.stats.healthCallCount(keyCh.id)).toBe(1);
  });

  it('the generated key is in the keychain and nowhere else: not the database, the logs or any output', async () => {
    const key = hub.state.currentApiKey(keyCh.id);
    expect(key).toBeTruthy();
    const status = JSON.parse((await cli(['status', '--json'])).stdout) as { profile: { id: string } };
    expect(await new KeytarSecretStore().get(`profile:${status.profile.id}:channel:${keyCh.id}:api-key`)).toBe(key);
    const found: string[] = [];
    for (const entry of fs.readdirSync(tmp.dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(key!)) found.push(entry.name);
    }
    expect(found).toEqual([]);
    expect(logFilesOf(path.join(tmp.dir, 'logs', 'cli.log')).length).toBeGreaterThan(0);
    expect(outputs.join('\n')).not.toContain(key!);
  });
});
