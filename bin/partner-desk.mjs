#!/usr/bin/env node
// The `partner-desk` command. Runs the built CLI (out/cli/partner-desk.js: ~0.1 s to start), after
// building it when it is missing or older than its sources (once after an install or a change: a
// few seconds, under a lock so parallel invocations build it once). If it cannot be built, the
// TypeScript sources run through tsx instead (slower to start, same behaviour).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'out', 'cli', 'partner-desk.js');
const lock = path.join(root, 'out', 'cli-build.lock');
const SOURCES = ['electron/core', 'electron/cli', 'shared', 'package.json', 'package-lock.json'].map((p) => path.join(root, p));

function newestMtime(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function isCurrent() {
  const built = fs.statSync(bundle, { throwIfNoEntry: false });
  return built !== undefined && SOURCES.every((source) => newestMtime(source) <= built.mtimeMs);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function build() {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // Another invocation is building: use its result; take over a lock left by a killed build.
      if (isCurrent()) return;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      if (waited > 180_000) throw new Error('another partner-desk is still building the CLI', { cause: error });
      await sleep(100);
    }
  }
  try {
    if (isCurrent()) return;
    process.stderr.write('partner-desk: building the command-line tool (once after a change, a few seconds)…\n');
    const { build: viteBuild } = await import('vite');
    await viteBuild({ configFile: path.join(root, 'electron', 'cli', 'vite.cli.config.ts'), logLevel: 'warn' });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

let main;
try {
  if (!isCurrent()) await build();
  ({ main } = await import(pathToFileURL(bundle).href));
} catch (error) {
  process.stderr.write(
    `partner-desk: could not build the command-line tool (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); running it from the sources instead.\n`,
  );
  const { register } = await import('tsx/esm/api');
  // The repository's tsconfig, wherever the command runs from: its `paths` are the import aliases.
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  ({ main } = await import('../electron/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
