/**
 * Store upkeep benchmark on a synced book of 25,000 clients and 50,000 channels: the integrity
 * check (`PRAGMA quick_check`, and integrity_check for comparison), an app start whose open needs
 * the check (it runs on the worker thread: how long the start takes and how long this thread was
 * ever blocked), a backup on the worker thread and on this thread (the CLI's path before a
 * migration) with the longest block of this thread during each, a repair of the file damaged at
 * 40 %, and the RSS. Numbers only; nothing fails on timing.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createCore, DATABASE_FILE_NAME } from '@core';
import { MemorySecretStore } from '@core/secrets/secret-store';
import { takeBackup } from '@core/store/backups';
import { repairDatabase } from '@core/store/repair';
import { SearchIndexWorker } from '@core/store/search-index-host';
import { healthFile, quickCheck } from '@core/store/store-health';

const CLIENTS = 25_000;
const CHANNELS = 50_000;
const root = process.cwd();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function startHub(): Promise<{ url: string; apiKey: string; partnerId: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'bin/partner-desk.mjs'),
      'demo-server',
      '--port',
      '0',
      '--clients',
      `${CLIENTS}`,
      '--channels',
      `${CHANNELS}`,
      '--replay-listings',
    ],
    { cwd: root },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  for (let i = 0; i < 600 && !/API key (\S+?)\./.test(err); i += 1) await new Promise((r) => setTimeout(r, 100));
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
  const apiKey = /API key (\S+?)\./.exec(err)?.[1];
  const partnerId = /partner id (\S+?),/.exec(err)?.[1];
  if (!url || !apiKey || !partnerId) throw new Error(`demo-server did not start: ${out} ${err}`);
  return { url, apiKey, partnerId, stop: () => child.kill('SIGTERM') };
}

/** This thread's longest block while `work` runs: the largest gap of a 5 ms timer, and the event-loop delay p99/max. */
async function blocking<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; longestGapMs: number; loopMaxMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    const value = await work();
    const took = performance.now() - started;
    longest = Math.max(longest, performance.now() - last);
    return { value, ms: took, longestGapMs: longest, loopMaxMs: histogram.max / 1e6 };
  } finally {
    clearInterval(timer);
    histogram.disable();
  }
}

const hub = await startHub();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-desk-bench-store-'));
const file = path.join(dataDir, DATABASE_FILE_NAME);
const secrets = new MemorySecretStore();
try {
  const open = () =>
    createCore({ dataDir, secrets, hubUrl: `${hub.url}/api/v2`, runMode: 'web', appVersion: '0.0.0-bench', checkConnection: false });
  let core = await open();
  await core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey });
  const synced = await core.accounts.syncNow();
  if (synced.state !== 'succeeded') throw new Error(`sync failed: ${synced.error?.message}`);
  core.close();
  console.log(`database: ${mb(fs.statSync(file).size)} (${CLIENTS} clients, ${CHANNELS} channels)`);

  const checks: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const result = quickCheck(file);
    if (!result.ok) throw new Error('quick_check failed on a healthy file');
    checks.push(result.ms);
  }
  checks.sort((a, b) => a - b);
  console.log(`quick_check (this thread, read-only connection): median ${ms(checks[1]!)} (runs ${checks.map(ms).join(', ')})`);
  const full = new Database(file, { readonly: true });
  const fullStarted = performance.now();
  full.pragma('integrity_check');
  console.log(`integrity_check for comparison: ${ms(performance.now() - fullStarted)}`);
  full.close();

  // An app start whose open needs the check (as after an update): the check runs on the worker thread.
  fs.rmSync(healthFile(file), { force: true });
  const start = await blocking(() => open());
  core = start.value;
  console.log(
    `app start with the check at open: ${ms(start.ms)}; this thread's longest block ${ms(start.longestGapMs)} (event loop max ${ms(start.loopMaxMs)})`,
  );
  core.close();

  const worker = new SearchIndexWorker({ databaseFile: file });
  const onWorker = await blocking(() => worker.backup('bench'));
  console.log(
    `backup on the worker thread: ${ms(onWorker.ms)} for ${mb(onWorker.value.bytes)}; this thread's longest block ${ms(onWorker.longestGapMs)} (event loop max ${ms(onWorker.loopMaxMs)})`,
  );
  worker.close();
  const source = new Database(file, { readonly: true });
  const onMain = await blocking(() => takeBackup(source, file, { reason: 'bench' }));
  source.close();
  console.log(`backup on this thread (the CLI, before a migration): ${ms(onMain.ms)}; longest block ${ms(onMain.longestGapMs)}`);

  const bytes = fs.readFileSync(file);
  crypto.randomFillSync(bytes, Math.floor(bytes.length * 0.4), 64 * 1024);
  fs.writeFileSync(file, bytes);
  const repairStarted = performance.now();
  const report = repairDatabase(file);
  console.log(
    `repair of the file damaged at 40 %: ${ms(performance.now() - repairStarted)} (kept ${report.restored.outbox} actions, ${report.restored.channel_keys} key records, ${report.restored.profiles} profiles)`,
  );
  global.gc?.();
  console.log(`RSS at the end: ${mb(process.memoryUsage().rss)}`);
} finally {
  hub.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
