#!/usr/bin/env node
// `npm start`: the desktop app through electron-vite. Where the Electron binary cannot be had
// (no download access, an unsupported machine), say so plainly and run web mode instead: the same
// app in the browser, served on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(dir)) return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  if (fs.existsSync(pathFile)) {
    const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    if (fs.existsSync(binary)) return { ok: true, binary };
  }
  // Electron fetches its binary on first use; try once, briefly and quietly.
  const attempt = spawnSync(process.execPath, [path.join(dir, 'install.js')], { encoding: 'utf8', timeout: 120_000 });
  if (attempt.status === 0 && fs.existsSync(pathFile)) {
    const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    if (fs.existsSync(binary)) return { ok: true, binary };
  }
  const detail = `${attempt.stderr ?? ''}${attempt.stdout ?? ''}`.match(/(fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|403|404)[^\n]*/)?.[0];
  return { ok: false, reason: `the Electron binary is not installed and could not be downloaded${detail ? ` (${detail.trim()})` : ''}` };
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 1)));
}

const electron = process.env.PARTNER_DESK_FORCE_WEB === '1' ? { ok: false, reason: 'PARTNER_DESK_FORCE_WEB=1 is set' } : electronBinary();
if (electron.ok) {
  run(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['dev', ...args]);
} else {
  process.stderr.write(
    `Partner Desk cannot start as a desktop app here: ${electron.reason}.\n` +
      'Starting web mode instead: the same app in your browser, on this computer only (127.0.0.1).\n',
  );
  run(process.execPath, [path.join(root, 'bin', 'partner-desk.mjs'), 'web', ...args]);
}
