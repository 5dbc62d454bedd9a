/** The `partner-desk` command as users run it: a real child process, real ports on 127.0.0.1. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, startLongRunning, type LongRunning } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const running: LongRunning[] = [];
const temps: Array<{ cleanup(): void }> = [];
afterEach(async () => {
  for (const process of running.splice(0)) await process.stop();
  for (const tmp of temps.splice(0)) tmp.cleanup();
});

function tempDir(): string {
  const tmp = makeTempDir();
  temps.push(tmp);
  return tmp.dir;
}

describe('partner-desk CLI', () => {
  it('prints help listing every command, exit 0', () => {
    const { status, stdout } = runCli(['--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Usage: partner-desk <command>/);
    expect(stdout).toMatch(/^\s+web\s+/m);
    expect(stdout).toMatch(/^\s+demo-server\s+/m);
    expect(runCli(['web', '--help']).stdout).toMatch(/--port N/);
  });

  it('ends normally when its reader goes away first (partner-desk … | head), without an EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [CLI, '--help'], { cwd: ROOT });
    child.stdout.destroy(); // the pipe's reading end is closed before the first line is written
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });

  it('exits 2 with a usage message for no command, an unknown command or a bad option', () => {
    expect(runCli([]).status).toBe(2);
    const unknown = runCli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    const badPort = runCli(['demo-server', '--port', 'eighty']);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toMatch(/--port must be a number/);
    const badFlag = runCli(['web', '--no-such-flag']);
    expect(badFlag.status).toBe(2);
  });

  it('exits 3 with a one-line reason naming the file when the data folder holds a damaged database', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'partner-desk.sqlite'), 'not a database at all'.repeat(100));
    const result = runCli(['status', '--data-dir', dir]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(
      /partner-desk: The database .*partner-desk\.sqlite is damaged \(it does not start with a SQLite header\)/,
    );
    expect(result.stderr).toMatch(/doctor --repair/);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^partner-desk: /);
  });

  it('demo-server --port 0 serves the simulated hub on 127.0.0.1 and prints its URL', async () => {
    const server = startLongRunning([CLI, 'demo-server', '--port', '0', '--clients', '5', '--channels', '8']);
    running.push(server);
    const [url] = await server.waitFor(/http:\/\/127\.0\.0\.1:\d+/);
    // The details follow on stderr, which may arrive a moment after the URL on stdout.
    const [, partner, key] = await server.waitFor(/partner id (\S+?), API key (\S+?)\./, 10_000, 'stderr');
    expect(key).toBeTruthy();
    const res = await fetch(`${url}/api/v2/partners/${partner}/channels`, { headers: { 'X-API-Key': key! } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number };
    expect(body.total).toBe(8);
    expect(await server.stop()).toBe(0);
  });

  it('web --port 0 serves the app on 127.0.0.1, prints the URL with its token, and refuses requests without it', async () => {
    const web = startLongRunning([CLI, 'web', '--port', '0', '--data-dir', tempDir()]);
    running.push(web);
    const [url, origin, token] = await web.waitFor(/(http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]{64})/, 120_000);
    expect(url).toBeTruthy();
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<title>Partner Desk<\/title>/);
    const refused = await fetch(`${origin}/api/request/app.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    const info = await fetch(`${origin}/api/request/app.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(await info.json()).toMatchObject({ ok: true, value: { runMode: 'web' } });
    expect(await web.stop()).toBe(0);
  });

  it('npm start says plainly why Electron is unavailable here and serves web mode instead', async () => {
    // Where a developer does have Electron, force the fallback so this test never opens a window.
    const hasElectron = fs.existsSync(path.join(ROOT, 'node_modules', 'electron', 'path.txt'));
    const start = startLongRunning(['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts'), '--port', '0', '--data-dir', tempDir()], {
      PARTNER_DESK_FORCE_WEB: hasElectron ? '1' : '',
    });
    running.push(start);
    const [, origin] = await start.waitFor(/(http:\/\/127\.0\.0\.1:\d+)\/#token=/, 180_000);
    expect(start.stderr()).toMatch(/cannot start as a desktop app here: .+\.\nStarting web mode instead/);
    expect((await fetch(`${origin}/`)).status).toBe(200);
  });
});
