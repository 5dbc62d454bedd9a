/**
 * The account commands as a script would run them, against the simulated hub over HTTP, with the
 * real keychain (npm test runs vitest in a private GNOME Keyring session). Also the secrets scan:
 * the Partner API key must appear nowhere but the keychain.
 */
import { logFilesOf } from '../../electron/core/log';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoHub, startDemoHubServer, type DemoHub } from '../../electron/core/demo';
import { KeytarSecretStore } from '../../electron/core/secrets/keytar-secret-store';
import { runCliAsync, type CliResult } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

let hub: DemoHub;
let server: Awaited<ReturnType<typeof startDemoHubServer>>;
let tmp: ReturnType<typeof makeTempDir>;
const outputs: string[] = [];

/** Runs the CLI against the hub this process serves; every output is kept for the secrets scan. */
async function cli(args: string[], input = ''): Promise<CliResult> {
  const result = await runCliAsync(['--data-dir', tmp.dir, '--hub-url', `${server.url}/api/v2`, ...args], { input });
  outputs.push(result.stdout, result.stderr);
  return result;
}

beforeAll(async () => {
  hub = createDemoHub({ clients: 30, channels: 70, seed: 5 });
  server = await startDemoHubServer(hub, { port: 0 });
  tmp = makeTempDir();
});
afterAll(async () => {
  await cli(['logout', '--forget']);
  await server.close();
  tmp.cleanup();
});

describe('partner-desk account commands', async () => {
  it('refuses commands that need a profile before login, exit 1 with a one-line reason', async () => {
    const result = await cli(['channels']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^partner-desk: Nobody is signed in/)]);
  });

  it('login refuses a wrong key (exit 1) and stores nothing; a usage mistake is exit 2', async () => {
    const wrong = await cli(['login', '--partner-id', hub.partnerId, '--api-key-stdin'], 'wrong-key-0123456789');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/refused the credentials/);
    expect((await cli(['status', '--json'])).stdout).toMatch(/"profile": null/);
    expect((await cli(['login', '--api-key-stdin'], 'x')).status).toBe(2);
    expect((await cli(['login', '--partner-id', hub.partnerId, '--api-key-stdin', '--username', 'u'], 'x')).status).toBe(2);
  });

  it('login reads the key from stdin, keeps it in the keychain only; sync, status, clients and channels work', async () => {
    const login = await cli(['login', '--partner-id', hub.partnerId, '--api-key-stdin'], `${hub.apiKey}\n`);
    expect(login.status, login.stderr).toBe(0);
    expect(login.stdout).toMatch(/Signed in to .+ \(demoHubPA\)/);

    const sync = await cli(['sync']);
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/Synced 30 clients and 70 channels/);

    const syncJson = await cli(['sync', '--json']);
    expect(JSON.parse(syncJson.stdout)).toMatchObject({ state: 'succeeded', counts: { clients: 30, channels: 70 } });

    const status = JSON.parse((await cli(['status', '--json'])).stdout);
    expect(status).toMatchObject({ profile: { partnerId: hub.partnerId, hasSecret: true }, connection: { status: 'unchecked' }, sync: { counts: { channels: 70 } } });

    const channels = JSON.parse((await cli(['channels', '--json'])).stdout);
    expect(channels.total).toBe(70);
    const live = JSON.parse((await cli(['channels', '--json', '--state', 'live'])).stdout);
    expect(live.items.every((c: { status: { state: { id: string } } }) => c.status.state.id === 'live')).toBe(true);
    expect((await cli(['channels', '--state', 'alive'])).status).toBe(2);

    const client = hub.state.listClients()[2]!;
    const clients = JSON.parse((await cli(['clients', '--json', '--search', client.id])).stdout);
    expect(clients.items).toEqual([expect.objectContaining({ id: client.id })]);
    const table = await cli(['channels', '--search', hub.state.listChannels()[0]!.id]);
    expect(table.stdout).toMatch(/Company\s+WhatsApp number\s+Display name\s+State/);
    expect(table.stdout).toMatch(/^1 channel$/m);

    const keychain = new KeytarSecretStore();
    expect(await keychain.get(`profile:${status.profile.id}:partner-api-key`)).toBe(hub.apiKey);
  });

  it('sync exits 1 with the reason when the hub is unreachable, and the cache stays', async () => {
    hub.faults.set({ offline: true });
    try {
      const result = await cli(['sync']);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/offline/i);
      expect(JSON.parse((await cli(['channels', '--json'])).stdout).total).toBe(70);
    } finally {
      hub.faults.reset();
    }
  });

  it('the Partner API key never reaches the database, the logs or any CLI output', async () => {
    const hits: string[] = [];
    for (const entry of fs.readdirSync(tmp.dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(hub.apiKey)) hits.push(entry.name);
    }
    expect(hits).toEqual([]);
    expect(logFilesOf(path.join(tmp.dir, 'logs', 'cli.log')).length).toBeGreaterThan(0);
    expect(outputs.join('\n')).not.toContain(hub.apiKey);
  });
});
