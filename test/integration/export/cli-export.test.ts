/**
 * `partner-desk export` as a script runs it: real child processes, the real keychain (npm test runs
 * vitest in a private GNOME Keyring session), the simulated hub over HTTP, then offline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoHub } from '@demo-hub';
import { startCliAgainstHub, type CliAgainstHub } from '../../helpers/cli-against-hub';
import { HEADER } from '../../unit/export/hostile-fixture';

let hub: DemoHub;
let harness: CliAgainstHub;
/** Where the commands run: an export's default file lands here. */
let workDir: string;

/** The CLI in an English locale unless a test says otherwise (the CSV flavour follows the locale). */
const cli = (args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) => harness.cli(args, options.input, options.env);

function localDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

beforeAll(async () => {
  harness = await startCliAgainstHub({ clients: 20, channels: 50, seed: 21 }, { env: { LC_ALL: '', LC_NUMERIC: '', LANG: 'en_US.UTF-8' } });
  hub = harness.hub;
  workDir = harness.workDir;
});
afterAll(() => harness?.stop());

describe('partner-desk export', () => {
  it('refuses usage mistakes with exit 2 and needs a signed-in profile (exit 1)', async () => {
    for (const args of [
      ['--format', 'xlsx'],
      ['--delimiter', 'tab'],
      ['--state', 'alive'],
    ]) {
      const result = await cli(['export', ...args]);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/Usage: partner-desk export/);
    }
    const signedOut = await cli(['export']);
    expect(signedOut.status).toBe(1);
    expect(signedOut.stderr).toMatch(/Nobody is signed in/);
    expect(fs.readdirSync(workDir)).toEqual([]);
  });

  it('exports offline to the dated default name, with the separator of the locale, and prints path and count', async () => {
    const login = await cli(['login', '--partner-id', hub.partnerId, '--api-key-stdin'], { input: `${hub.apiKey}\n` });
    expect(login.status, login.stderr).toBe(0);
    const sync = await cli(['sync']);
    expect(sync.status, sync.stderr).toBe(0);
    const status = JSON.parse((await cli(['status', '--json'])).stdout) as {
      sync: { lastSucceededAt: string; counts: { channels: number } };
    };
    hub.faults.set({ offline: true });
    try {
      const result = await cli(['export'], { env: { LANG: 'de_DE.UTF-8' } });
      expect(result.status, result.stderr).toBe(0);
      const file = path.join(workDir, `partner-accounts-${localDate(status.sync.lastSucceededAt)}.csv`);
      expect(result.stdout).toBe(`${file}\n${status.sync.counts.channels} channels exported.\n`);
      const text = fs.readFileSync(file, 'utf8');
      expect(text.startsWith(`\uFEFF${HEADER.join(';')}\r\n`)).toBe(true);
      expect(text.split('\r\n').length).toBeGreaterThan(status.sync.counts.channels);
    } finally {
      hub.faults.reset();
    }
  });

  it('writes plain CSV for scripts with --out, filters like `channels`, and reports JSON', async () => {
    const live = JSON.parse((await cli(['channels', '--json', '--state', 'live', '--search', 'a'])).stdout) as {
      total: number;
      items: Array<{ id: string }>;
    };
    expect(live.total).toBeGreaterThan(0);
    const result = await cli(['export', '--format', 'plain', '--out', 'sub-live.csv', '--state', 'live', '--search', 'a', '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ path: path.join(workDir, 'sub-live.csv'), rows: live.total });
    const rows = parse(fs.readFileSync(path.join(workDir, 'sub-live.csv'), 'utf8'), { delimiter: ',' }) as string[][];
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => r[HEADER.indexOf('Channel ID')])).toEqual(live.items.map((c) => c.id));
    expect(rows.slice(1).every((r) => r[HEADER.indexOf('Channel state')] === 'Live')).toBe(true);

    const semicolon = await cli(['export', '--format', 'plain', '--delimiter', ';', '--out', 'semi.csv']);
    expect(semicolon.status, semicolon.stderr).toBe(0);
    expect(fs.readFileSync(path.join(workDir, 'semi.csv'), 'utf8').startsWith(`${HEADER.join(';')}\r\n`)).toBe(true);
  });

  it('fails with exit 1 and the reason when the folder does not exist, leaving nothing behind', async () => {
    const result = await cli(['export', '--out', path.join('missing', 'x.csv')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^partner-desk: The folder .+missing does not exist\. Nothing was saved as x\.csv\. Choose another folder\./,
    );
    expect(fs.existsSync(path.join(workDir, 'missing'))).toBe(false);
  });
});
