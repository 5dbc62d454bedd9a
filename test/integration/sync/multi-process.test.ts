/**
 * Several processes on one data folder (the app's background sync, a scripted `partner-desk sync`,
 * web mode): two syncs started together both succeed and each reports its own run truthfully; a
 * sync killed at any moment never leaves a complete sync labelled failed, nor an incomplete one
 * labelled succeeded; and a process that starts (even `status`) never marks another live
 * process's run failed.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoHub, startDemoHubServer, type DemoHub } from '@demo-hub';
import { runCliAsync, startLongRunning, CLI, ROOT, type LongRunning } from '../../helpers/spawn-cli';
import { makeTempDir } from '../../helpers/temp-dir';

let hub: DemoHub;
let server: Awaited<ReturnType<typeof startDemoHubServer>>;
let tmp: ReturnType<typeof makeTempDir>;
let dataDir: string;

const cli = (args: string[]) => runCliAsync([...args, '--data-dir', dataDir]);

interface RunRow {
  id: number;
  status: string;
  owner: string | null;
  error_message: string | null;
}

function runs(): RunRow[] {
  const db = new Database(path.join(dataDir, 'partner-desk.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT id, status, owner, error_message FROM sync_runs ORDER BY id').all() as RunRow[];
  } finally {
    db.close();
  }
}

/** The stored organisation of a client, straight from the database. */
function storedOrganisation(clientId: string): string | null {
  const db = new Database(path.join(dataDir, 'partner-desk.sqlite'), { readonly: true });
  try {
    const raw = db.prepare('SELECT raw FROM clients WHERE id = ?').pluck().get(clientId) as string | undefined;
    return raw ? ((JSON.parse(raw) as { organisation?: string | null }).organisation ?? null) : null;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  hub = createDemoHub({ clients: 300, channels: 700, seed: 31 });
  server = await startDemoHubServer(hub, { port: 0 });
  tmp = makeTempDir('partner-desk-multi-');
  dataDir = tmp.dir;
  const login = await runCliAsync(
    ['login', '--partner-id', hub.partnerId, '--api-key-stdin', '--hub-url', `${server.url}/api/v2`, '--data-dir', dataDir],
    { input: hub.apiKey },
  );
  expect(login.status, login.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await server?.close();
  tmp?.cleanup();
});

describe('two processes, one data folder', () => {
  it('two CLI syncs started together both exit 0 with their own truthful outcome, round after round', async () => {
    const client = hub.state.listClients()[0]!;
    for (let round = 1; round <= 10; round += 1) {
      hub.state.updateClient(client.id, { organisation: `Round ${round} GmbH` });
      const before = runs().length;
      const [a, b] = await Promise.all([cli(['sync', '--json']), cli(['sync', '--json'])]);
      for (const result of [a, b]) {
        expect(result.status, `round ${round}: ${result.stderr}`).toBe(0);
        expect(JSON.parse(result.stdout)).toMatchObject({ state: 'succeeded', error: null });
        expect(result.stderr).not.toMatch(/locked|ended as failed/);
      }
      const mine = runs().slice(before);
      expect(mine.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      expect(new Set(mine.map((r) => r.owner)).size).toBe(2);
      expect(storedOrganisation(client.id)).toBe(`Round ${round} GmbH`);
    }
  }, 240_000);

  it('the same with web mode syncing in the background at the same time', async () => {
    const web: LongRunning = startLongRunning([CLI, 'web', '--port', '0', '--data-dir', dataDir]);
    try {
      const [, origin, token] = await web.waitFor(/(http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]+)/, 120_000);
      const request = async (name: string) => {
        const answer = await fetch(`${origin}/api/request/${name}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: '{}',
        });
        let body = (await answer.json()) as { ok?: boolean; value?: { state: string }; pending?: string };
        for (let i = 0; i < 600 && body.pending; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          const result = await fetch(`${origin}/api/result/${body.pending}`, { headers: { Authorization: `Bearer ${token}` } });
          if (result.status !== 202) body = (await result.json()) as typeof body;
          else await result.body?.cancel();
        }
        return body;
      };
      const client = hub.state.listClients()[1]!;
      for (let round = 1; round <= 3; round += 1) {
        hub.state.updateClient(client.id, { organisation: `Web round ${round} AG` });
        const before = runs().length;
        const [fromWeb, a, b] = await Promise.all([request('sync.now'), cli(['sync', '--json']), cli(['sync', '--json'])]);
        expect(fromWeb).toMatchObject({ ok: true, value: { state: 'succeeded' } });
        for (const result of [a, b]) expect(result.status, result.stderr).toBe(0);
        expect(
          runs()
            .slice(before)
            .every((r) => r.status === 'succeeded'),
        ).toBe(true);
        expect(storedOrganisation(client.id)).toBe(`Web round ${round} AG`);
      }
      // A process starting meanwhile (even `status`) leaves web mode's own runs alone.
      const status = await cli(['status', '--json']);
      expect(status.status, status.stderr).toBe(0);
      expect(runs().filter((r) => r.status === 'failed')).toEqual([]);
    } finally {
      await web.stop();
    }
  }, 240_000);

  it('a sync killed at 20 moments never leaves a complete sync labelled failed, nor an incomplete one succeeded', async () => {
    const client = hub.state.listClients()[2]!;
    const outcomes = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const name = `Killed ${i} SARL`;
      hub.state.updateClient(client.id, { organisation: name });
      const before = runs().length;
      const child = spawn(process.execPath, [CLI, 'sync', '--data-dir', dataDir], { cwd: ROOT, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // From before the run starts to after it has committed.
      await new Promise((resolve) => setTimeout(resolve, 150 + i * 320));
      child.kill('SIGKILL');
      await exited;
      const written = storedOrganisation(client.id) === name;
      const run = runs()
        .slice(before)
        .find((r) => r.owner?.includes(`\t${child.pid}\t`));
      if (written) expect(run?.status, `kill ${i}`).toBe('succeeded');
      else expect(run?.status ?? 'not started', `kill ${i}`).not.toBe('succeeded');
      outcomes.add(written ? 'complete' : run ? 'interrupted' : 'not started');
      // The next process to look closes an interrupted run as failed, with the reason, and says the truth.
      const status = JSON.parse((await cli(['status', '--json'])).stdout) as { sync: { state: string; error: { message: string } | null } };
      if (written) expect(status.sync.state).toBe('succeeded');
      else if (run) {
        expect(status.sync.state).toBe('failed');
        expect(status.sync.error?.message).toMatch(/stopped before it finished/);
      }
    }
    // The moments spanned the whole sync: some kills were too early, some too late.
    expect(outcomes.has('complete')).toBe(true);
    expect(outcomes.size).toBeGreaterThan(1);
  }, 300_000);
});
