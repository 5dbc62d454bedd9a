/**
 * The account commands as a script would run them, against the simulated hub over HTTP, with the
 * real keychain (npm test runs vitest in a private GNOME Keyring session). Also the secrets scan:
 * the Partner API key must appear nowhere but the keychain.
 */
import { logFilesOf } from '@core/log';
import fs from 'node:fs';
import path from 'node:path';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoHub } from '@demo-hub';
import { KeytarSecretStore } from '@core/secrets/keytar-secret-store';
import { startCliAgainstHub, type CliAgainstHub } from '../helpers/cli-against-hub';

let harness: CliAgainstHub;
let hub: DemoHub;
const cli = (args: string[], input = '') => harness.cli(args, input);

beforeAll(async () => {
  harness = await startCliAgainstHub({ clients: 30, channels: 70, seed: 5 });
  hub = harness.hub;
});
afterAll(() => harness?.stop());

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
    expect(status).toMatchObject({
      profile: { partnerId: hub.partnerId, hasSecret: true },
      connection: { status: 'unchecked' },
      sync: { counts: { channels: 70 } },
    }); // the CLI's status reads the local copy only

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
  }, 90_000); // eleven CLI processes, each starting Node on a shared machine

  it("filters by Meta's standing: --state banned, restricted and violation", async () => {
    for (const state of ['banned', 'restricted', 'violation']) {
      const result = await cli(['channels', '--json', '--state', state]);
      expect(result.status, result.stderr).toBe(0);
      const { total, items } = JSON.parse(result.stdout) as { total: number; items: Array<{ status: { state: { id: string } } }> };
      expect(items.every((c) => c.status.state.id === state)).toBe(true);
      expect(items).toHaveLength(total);
    }
    const banned = JSON.parse((await cli(['channels', '--json', '--state', 'banned'])).stdout) as { total: number };
    expect(banned.total).toBeGreaterThan(0);
  }, 60_000);

  it('channels shows numbers written with 00 or nationally in E.164, grouped, and finds them typed with +, 00 or nationally', async () => {
    // Expected values from libphonenumber directly, in the client's country (the demo draws numbers there).
    const cases = hub.state
      .listChannels()
      .map((channel) => {
        const written = channel.setup_info.phone_number;
        const country = channel.client.contact_info?.country as CountryCode | undefined;
        const number = written.startsWith('00')
          ? parsePhoneNumberFromString(`+${written.slice(2)}`)
          : /^[(0]/.test(written) && country
            ? parsePhoneNumberFromString(written, country)
            : undefined;
        return number?.isValid() ? { id: channel.id, written, number } : null;
      })
      .filter((c) => c !== null);
    const idd = cases.find((c) => c.written.startsWith('00'));
    const national = cases.find((c) => !c.written.startsWith('00'));
    expect(idd, 'the demo has a number written with 00').toBeDefined();
    expect(national, 'the demo has a number written nationally').toBeDefined();
    // A client's contact number, in the clients table as the channels show theirs.
    const contact = hub.state
      .listClients()
      .find(
        (c) =>
          c.contact_info?.phone?.startsWith('0') &&
          !c.contact_info.phone.startsWith('00') &&
          parsePhoneNumberFromString(c.contact_info.phone, c.contact_info.country as CountryCode)?.isValid(),
      );
    expect(contact, 'the demo has a client whose number is written nationally').toBeDefined();
    const contactNumber = parsePhoneNumberFromString(contact!.contact_info!.phone, contact!.contact_info!.country as CountryCode)!;
    const clientsTable = await cli(['clients', '--search', contact!.id]);
    expect(clientsTable.stdout).toMatch(/Contact email\s+Contact phone\s+Tag/);
    expect(clientsTable.stdout).toContain(contactNumber.formatInternational());
    for (const { id, number } of [idd!, national!]) {
      const grouped = number.formatInternational();
      for (const typed of [grouped, `00${number.number.slice(1)}`, number.formatNational()]) {
        const result = await cli(['channels', '--search', typed]);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout, typed).toContain(grouped);
        expect(result.stdout).not.toMatch(/\+00/);
        const json = JSON.parse((await cli(['channels', '--json', '--search', typed])).stdout) as {
          items: Array<{ id: string; phoneE164: string | null }>;
        };
        expect(json.items.find((c) => c.id === id)?.phoneE164, typed).toBe(number.number);
      }
    }
  }, 120_000);

  it('--hub-url and PARTNER_DESK_HUB_URL apply to the whole run and say so, or are refused: never ignored', async () => {
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) => harness.bare(args, { PARTNER_DESK_HUB_URL: '', ...env });
    const stored = `${harness.server.url}/api/v2`;
    const nowhere = 'http://127.0.0.1:9/api/v2'; // the discard port: nothing answers
    const byFlag = await run(['--hub-url', nowhere, 'sync']);
    expect(byFlag.status).toBe(1);
    expect(byFlag.stderr).toContain(`using the Hub at ${nowhere} for this run (--hub-url) instead of ${stored}`);
    expect(byFlag.stderr).toMatch(/Could not reach the 360dialog Hub/);
    const byEnv = await run(['sync'], { PARTNER_DESK_HUB_URL: nowhere });
    expect(byEnv.status).toBe(1);
    expect(byEnv.stderr).toContain(`using the Hub at ${nowhere} for this run (PARTNER_DESK_HUB_URL)`);
    // Not an address: refused before anything is done.
    const badEnv = await run(['sync'], { PARTNER_DESK_HUB_URL: 'hub.example.com' });
    expect(badEnv.status).toBe(2);
    expect(badEnv.stderr).toMatch(/PARTNER_DESK_HUB_URL must be an http\(s\) URL .*not "hub\.example\.com"/);
    expect((await run(['--hub-url', 'ftp://hub.example.com', 'sync'])).status).toBe(2);
    // Without them, the address the profile signed in at; no notice.
    const plain = await run(['sync']);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).not.toMatch(/using the Hub/);
  }, 120_000);

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
    for (const entry of fs.readdirSync(harness.dataDir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(hub.apiKey)) hits.push(entry.name);
    }
    expect(hits).toEqual([]);
    expect(logFilesOf(path.join(harness.dataDir, 'logs', 'cli.log')).length).toBeGreaterThan(0);
    expect(harness.outputs.join('\n')).not.toContain(hub.apiKey);
  });
});
