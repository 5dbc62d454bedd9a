#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) one after the
// other, each in its own Node process with --expose-gc, and prints what they report. Benchmarks
// measure and print; they never fail a build on timing (machines here are shared and noisy).
//
// Each benchmark is bundled first (esbuild, into out/bench/), with the worker threads beside it as
// the app ships them, and runs under plain Node: run through tsx instead, the process carries tsx's
// loader thread (~50 MB of RSS) and every worker compiles TypeScript as it starts (~0.5 s a
// sync), so the numbers would describe the test harness rather than the app.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'bench');
const outdir = path.join(root, 'out', 'bench');
const workers = {
  'sync-worker': path.join(root, 'electron/core/sync/worker/sync-worker.ts'),
  'search-index-worker': path.join(root, 'electron/core/store/search-index-worker.ts'),
};
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

fs.rmSync(outdir, { recursive: true, force: true });
const entries = Object.fromEntries(files.map((f) => [f.replace(/\.ts$/, ''), path.join(dir, f)]));
await build({
  entryPoints: { ...entries, ...workers },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies load from node_modules as in the app (better-sqlite3 is native); chunks stay beside
  // the workers, where electron/core/workers/worker-file.ts looks for them.
  packages: 'external',
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});

let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== ${file}\n`);
  const bundled = path.join(outdir, file.replace(/\.ts$/, '.js'));
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', bundled], { cwd: root, stdio: 'inherit' });
  if (child.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
