/**
 * The outbox commands as a script runs them, in child processes against the simulated hub served
 * by this process (async spawn, so the hub keeps answering), with the real keychain: confirmation,
 * validation and exit codes, queueing offline, `push`, `health`, and the generated key appearing
 * nowhere but the keychain (database, logs, every line of output).
 */
import { logFilesOf } from '@core/log';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoChannel, DemoHub } from '@demo-hub';
import { KeytarSecretStore } from '@core/secrets/keytar-secret-store';
import { startCliAgainstHub, type CliAgainstHub } from '../../helpers/cli-against-hub';
import { hits } from './outbox-fixture';
import { formatPhoneText } from '@shared/format/phone';

let hub: DemoHub;
let harness: CliAgainstHub;
let cancelCh: DemoChannel;
let keyCh: DemoChannel;
let client: { id: string; channels: number };
const cli = (args: string[], input = '') => harness.cli(args, input);

beforeAll(async () => {
  harness = await startCliAgainstHub({ clients: 12, channels: 30, seed: 21 });
  hub = harness.hub;
  const usable = hub.state.listChannels().filter((c) => c.terminated_at === null && c.integration?.app_id);
  [cancelCh, keyCh] = [usable[0]!, usable[1]!];
  hub.state.setApiKeyPermission(keyCh.id, true);
  const owner = hub.state.listClients().find((c) => hub.state.listChannels(c.id).length >= 2)!;
  client = { id: owner.id, channels: hub.state.listChannels(owner.id).length };
  await harness.signInAndSync();
});

afterAll(async () => {
  const status = JSON.parse((await cli(['status', '--json'])).stdout) as { profile: { id: string } | null };
  if (status.profile) await new KeytarSecretStore().delete(`profile:${status.profile.id}:channel:${keyCh.id}:api-key`);
  await harness.stop();
});

describe('partner-desk outbox commands', () => {
  it('refuses without confirmation (naming client, number, consequence), and rejects a limit that is not a whole number', async () => {
    const cancel = await cli(['cancel', cancelCh.id]);
    expect(cancel.status).toBe(1);
    // The number as the cards show it: grouped, read in the client's country.
    const number = formatPhoneText(cancelCh.setup_info.phone_number, cancelCh.client.contact_info?.country) ?? '';
    expect(number).toMatch(/^\+\d+ \d/);
    expect(cancel.stderr).toContain(number);
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
    const requestsBefore = hub.stats.total;
    await harness.whileUnreachable(async () => {
      for (const args of [
        ['cancel', cancelCh.id, '--yes'],
        ['api-key', keyCh.id, '--yes'],
        ['set-max-channels', client.id, String(client.channels - 1), '--yes'],
      ]) {
        const result = await cli(args);
        expect(result.status, result.stderr).toBe(0);
        // Queued, said as such: what it waits for, how it goes later, how to withdraw it; never "try again".
        expect(result.stdout).toMatch(/: Queued: the 360dialog Hub did not answer\. It is sent with `partner-desk push` when it does/);
        expect(result.stdout).toMatch(/Withdraw it with `partner-desk outbox cancel [0-9a-f]{8}`/);
        expect(result.stdout + result.stderr).not.toMatch(/try again when connected/);
      }
      // The tables show what is queued, as the app's list items do.
      const channels = await cli(['channels', '--search', cancelCh.setup_info.phone_number]);
      expect(channels.stdout.split('\n')[0]).toMatch(/Pending\s*$/);
      expect(channels.stdout).toMatch(/Cancellation queued/);
      const clients = await cli(['clients']);
      const row = clients.stdout.split('\n').find((line) => line.startsWith(client.id));
      expect(row).toMatch(new RegExp(`Channel limit ${client.channels - 1} queued`));
      expect((await cli(['status'])).stdout).toMatch(/Outbox: 3 actions queued, sent by `partner-desk push`/);
      const listed = JSON.parse((await cli(['outbox', '--json'])).stdout) as {
        items: Array<{ state: string }>;
        counts: { queued: number };
      };
      expect(listed.counts.queued).toBe(3);
      expect((await cli(['outbox'])).stdout).toMatch(/Cancel \+\d+.*queued/);
      const push = await cli(['push']);
      expect(push.status).toBe(1);
      expect(push.stderr).toMatch(/3 actions wait for the connection/);
      expect(hub.stats.total).toBe(requestsBefore);
    });
  });

  it('a withdrawn action says so and its record shows no pending effect any more', async () => {
    await harness.whileUnreachable(async () => {
      const other = hub.state.listClients().find((c) => c.id !== client.id)!;
      const queued = await cli(['set-max-channels', other.id, '9', '--yes', '--json']);
      expect(queued.status, queued.stderr).toBe(0);
      const action = JSON.parse(queued.stdout) as { id: string; state: string; canCancel: boolean };
      expect(action).toMatchObject({ state: 'queued', canCancel: true });
      const withdrawn = await cli(['outbox', 'cancel', action.id.slice(0, 8)]);
      expect(withdrawn.status, withdrawn.stderr).toBe(0);
      expect(withdrawn.stdout).toMatch(/withdrawn; it will not be sent/);
      const row = (await cli(['clients'])).stdout.split('\n').find((line) => line.startsWith(other.id));
      expect(row).not.toMatch(/queued/);
    });
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
    for (const entry of fs.readdirSync(harness.dataDir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(key!)) found.push(entry.name);
    }
    expect(found).toEqual([]);
    expect(logFilesOf(path.join(harness.dataDir, 'logs', 'cli.log')).length).toBeGreaterThan(0);
    expect(harness.outputs.join('\n')).not.toContain(key!);
  });

  it('a refused key names `login` to fix it; the queue is kept and goes after a new login', async () => {
    const newKey = hub.rotateApiKey(); // revoked in the Partner Hub, a new one made
    const sync = await cli(['sync']);
    expect(sync.status).toBe(1);
    expect(sync.stderr).toMatch(
      /Run `partner-desk login --partner-id ID --api-key-stdin` with the current key: the cache and the queued actions are kept/,
    );
    const limit = client.channels + 4;
    const queued = await cli(['set-max-channels', client.id, String(limit), '--yes']);
    expect(queued.status, queued.stderr).toBe(0);
    expect(queued.stdout).toMatch(/Queued: the Hub refused the API key\. Run `partner-desk login/);
    expect(hits(hub, `/clients/${client.id}`, 'PATCH').applied).toBe(1); // only the earlier one
    expect((await cli(['login', '--partner-id', hub.partnerId, '--api-key-stdin'], newKey)).status).toBe(0);
    const push = await cli(['push']);
    expect(push.status, push.stderr).toBe(0);
    expect(hits(hub, `/clients/${client.id}`, 'PATCH')).toEqual({ sent: 2, applied: 2 });
    expect(hub.state.getClient(client.id)?.max_channels).toBe(limit);
  });
});
