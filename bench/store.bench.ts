/**
 * Store upkeep benchmark on a synced book of 25,000 clients and 50,000 channels: the integrity
 * check (`PRAGMA quick_check`, and integrity_check for comparison), an app start whose open needs
 * the check (it runs on the worker thread: how long the start takes and how long this thread was
 * ever blocked), a backup on the worker thread and on this thread (the CLI's path before a
 * migration) with the longest block of this thread during each, a repair of the file damaged at
 * 40 %, and the RSS. Numbers only; nothing fails on timing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startHubProcess, watchMainThread } from './support';
import { createCore, DATABASE_FILE_NAME } from '@core';
import { MemorySecretStore } from '@core/secrets/secret-store';
import { takeBackup } from '@core/store/backups';
import { repairDatabase } from '@core/store/repair';
import { SearchIndexWorker } from '@core/store/search-index-host';
import { healthFile, quickCheck } from '@core/store/store-health';

const CLIENTS = 25_000;
const CHANNELS = 50_000;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

const hub = await startHubProcess({ clients: CLIENTS, channels: CHANNELS });
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
  const start = await watchMainThread(() => open(), 5);
  core = start.value;
  console.log(
    `app start with the check at open: ${ms(start.took)}; this thread's longest block ${ms(start.longestGap)} (event loop max ${ms(start.max)})`,
  );
  core.close();

  const worker = new SearchIndexWorker({ databaseFile: file });
  const onWorker = await watchMainThread(() => worker.backup('bench'), 5);
  console.log(
    `backup on the worker thread: ${ms(onWorker.took)} for ${mb(onWorker.value.bytes)}; this thread's longest block ${ms(onWorker.longestGap)} (event loop max ${ms(onWorker.max)})`,
  );
  worker.close();
  const source = new Database(file, { readonly: true });
  const onMain = await watchMainThread(() => takeBackup(source, file, { reason: 'bench' }), 5);
  source.close();
  console.log(`backup on this thread (the CLI, before a migration): ${ms(onMain.took)}; longest block ${ms(onMain.longestGap)}`);

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
