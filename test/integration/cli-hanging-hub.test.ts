/**
 * The CLI against a Hub that accepts connections and never answers (a captive portal, a dead
 * proxy): the commands that read the local copy (`status`, `channels`, `clients`, `export`) never
 * touch the network and finish at once (each took ~22 s before: every command checked the Hub
 * first); `sync` gives up with a message that says how long it really tried.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoHub, startDemoHubServer, type DemoHub } from '@demo-hub';
import { runCliAsync } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

let hub: DemoHub;
let server: Awaited<ReturnType<typeof startDemoHubServer>>;
let tmp: ReturnType<typeof makeTempDir>;

const cli = (args: string[]) => runCliAsync([...args, '--data-dir', tmp.dir], { cwd: tmp.dir });

beforeAll(async () => {
  hub = createDemoHub({ clients: 40, channels: 90, seed: 7 });
  server = await startDemoHubServer(hub, { port: 0 });
  tmp = makeTempDir('partner-desk-cli-hang-');
  const login = await runCliAsync(
    ['login', '--partner-id', hub.partnerId, '--api-key-stdin', '--hub-url', `${server.url}/api/v2`, '--data-dir', tmp.dir],
    { input: hub.apiKey },
  );
  expect(login.status, login.stderr).toBe(0);
  const sync = await cli(['sync']);
  expect(sync.status, sync.stderr).toBe(0);
  // From now on the Hub takes every connection and answers none.
  hub.faults.set({ latencyMs: 600_000 });
}, 120_000);

afterAll(async () => {
  hub?.faults.reset();
  await server?.close();
  tmp?.cleanup();
});

describe('the CLI with a Hub that never answers', () => {
  it.each([
    ['status', ['status']],
    ['channels', ['channels', '--search', 'a']],
    ['clients', ['clients', '--json']],
    ['export', ['export', '--out', 'book.csv']],
  ])('%s reads the local copy and finishes in under 2 s', async (_name, args) => {
    const requests = hub.stats.snapshot().total;
    const started = performance.now();
    const result = await cli(args);
    const elapsed = performance.now() - started;
    expect(result.status, result.stderr).toBe(0);
    expect(elapsed).toBeLessThan(2_000);
    expect(hub.stats.snapshot().total).toBe(requests); // not one request reached the Hub
    if (args[0] === 'status') expect(result.stdout).toMatch(/Connection: not checked/);
    if (args[0] === 'export') expect(fs.statSync(path.join(tmp.dir, 'book.csv')).size).toBeGreaterThan(0);
  });
});
