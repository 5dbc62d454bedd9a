/**
 * `npm start`: the desktop app through electron-vite, after making sure it can start here (see
 * scripts/start/start-flow.ts for the order and the fallbacks). Where it cannot, it says why and
 * runs web mode instead: the same app in the browser, served on 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectronSqlite } from './packaging/electron-sqlite';
import { probeSandboxFacts, sandboxPlan, SANDBOX_CRASH } from './start/linux-sandbox';
import { runStart, type ElectronBinary, type ElectronExit } from './start/start-flow';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const electronDir = path.join(root, 'node_modules', 'electron');

function installedBinary(): boolean {
  const pathFile = path.join(electronDir, 'path.txt');
  return fs.existsSync(pathFile) && fs.existsSync(path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim()));
}

function electronBinary(): ElectronBinary {
  if (!fs.existsSync(electronDir)) return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  if (installedBinary()) return { ok: true };
  // Electron fetches its binary on first use; try once.
  process.stderr.write('Partner Desk: downloading Electron (first start only)…\n');
  const attempt = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
  if (attempt.status === 0 && installedBinary()) return { ok: true };
  const detail = `${attempt.stderr ?? ''}${attempt.stdout ?? ''}`.match(
    /(fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|403|404)[^\n]*/,
  )?.[0];
  return { ok: false, reason: `the Electron binary is not installed and could not be downloaded${detail ? ` (${detail.trim()})` : ''}` };
}

const children = new Set<ReturnType<typeof spawn>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

function launchElectron(extraArgs: string[]): Promise<ElectronExit> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['dev', ...extraArgs, ...args], {
      cwd: root,
      stdio: ['inherit', 'inherit', 'pipe'],
      shell: process.platform === 'win32',
    });
    children.add(child);
    let sandboxCrash = false;
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      if (SANDBOX_CRASH.test(chunk.toString())) sandboxCrash = true;
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code: signal ? 0 : (code ?? 1), sandboxCrash });
    });
  });
}

function launchWeb(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'partner-desk.mjs'), 'web', ...args], { cwd: root, stdio: 'inherit' });
    children.add(child);
    child.on('exit', (code, signal) => resolve(signal ? 0 : (code ?? 1)));
  });
}

const code = await runStart({
  forceWeb: process.env.PARTNER_DESK_FORCE_WEB === '1',
  electronBinary,
  electronVersion: () => (JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')) as { version: string }).version,
  buildNative: (electronVersion, log) =>
    buildElectronSqlite({ projectRoot: root, target: { electronVersion, platform: process.platform, arch: process.arch }, log }),
  sandbox: () =>
    process.env.PARTNER_DESK_NO_SANDBOX === '1'
      ? { sandbox: false, reason: 'PARTNER_DESK_NO_SANDBOX=1 is set', fix: null }
      : sandboxPlan(probeSandboxFacts(path.join(electronDir, 'dist', 'chrome-sandbox'))),
  launchElectron,
  launchWeb,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.exit(code);
