/**
 * CSV export of 100,000 channels: the streaming export (the app's code path: its own SQLite reader,
 * 64 KB chunks, atomic write) against the naive baseline that reads every row into memory, maps
 * them and writes one `join`ed string. Same rows, same cell encoding, same bytes (checked). Each run
 * is its own child process, so peak RSS (getrusage maxRSS) belongs to that run alone; 25,000 rows
 * are measured too, to show which variant's memory grows with the row count.
 *
 * `npm run bench export`. Prints; never fails on timing (shared, noisy machines).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChannelQuery } from '@shared/accounts';
import { createCore } from '@core';
import { headlessDesktop } from '@core/desktop';
import { ChannelExporter } from '@core/export/channel-exporter';
import { csvFormat } from '@core/export/csv-format';
import { EXPORT_HEADER, exportRow } from '@core/export/export-columns';
import { silentLogger } from '@core/log';
import { MemorySecretStore } from '@core/secrets/secret-store';
import { ChannelQueries } from '@core/store/channel-queries';
import { openDatabase } from '@core/store/database';

const SELF = fileURLToPath(import.meta.url);
const SIZES = [25_000, 100_000];
const REPEATS = 3;
type Variant = 'stream' | 'baseline';

interface RunResult {
  variant: Variant;
  rows: number;
  ms: number;
  baseRssMb: number;
  peakRssMb: number;
  bytes: number;
  sha1: string;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** A database filled the way the app fills it: the demo hub's generated channels, synced by the real core. */
async function buildDatabases(dir: string): Promise<Map<number, { file: string; profileId: string }>> {
  const built = new Map<number, { file: string; profileId: string }>();
  for (const size of SIZES) {
    const dataDir = path.join(dir, `data-${size}`);
    const core = await createCore({
      dataDir,
      secrets: new MemorySecretStore(),
      runMode: 'cli',
      appVersion: 'bench',
      demo: { hub: { clients: Math.round(size / 4), channels: size, seed: 3 } },
    });
    try {
      const session = await core.session.startDemo();
      const status = await core.accounts.syncNow();
      if (status.state !== 'succeeded' || status.counts.channels !== size) throw new Error(`bench sync failed: ${JSON.stringify(status)}`);
      built.set(size, { file: core.databaseFile, profileId: session.activeProfileId! });
    } finally {
      core.close();
    }
  }
  return built;
}

function sha1(file: string): string {
  return createHash('sha1').update(fs.readFileSync(file)).digest('hex');
}

async function child(variant: Variant, databaseFile: string, profileId: string, target: string): Promise<void> {
  const format = csvFormat({ format: 'spreadsheet', delimiter: ',' });
  const query = ChannelQuery.parse({});
  // Warm up both paths on a few rows, so the base RSS includes loaded code and a prepared reader.
  const warm = openDatabase(databaseFile);
  [...new ChannelQueries(warm).iterate(profileId, { ...query, search: 'zzzz-no-match' })].map(exportRow);
  warm.close();
  globalThis.gc?.();
  const baseRss = process.memoryUsage().rss;
  const started = performance.now();
  let rows: number;
  if (variant === 'stream') {
    const exporter = new ChannelExporter({
      databaseFile,
      activeProfileId: () => profileId,
      lastSyncedAt: () => null,
      desktop: headlessDesktop(),
      now: Date.now,
      log: silentLogger,
    });
    rows = (await exporter.exportToFile(target, { format: 'spreadsheet', delimiter: ',', query })).rows;
  } else {
    const db = openDatabase(databaseFile);
    const items = [...new ChannelQueries(db).iterate(profileId, query)];
    const text = format.preamble + [EXPORT_HEADER, ...items.map(exportRow)].map((row) => format.record(row)).join('');
    fs.writeFileSync(target, text);
    rows = items.length;
    db.close();
  }
  const ms = performance.now() - started;
  const result: RunResult = {
    variant,
    rows,
    ms: Math.round(ms),
    baseRssMb: mb(baseRss),
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    bytes: fs.statSync(target).size,
    sha1: sha1(target),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function spawnChild(variant: Variant, db: { file: string; profileId: string }, target: string, nodeFlags: string[] = []) {
  return spawnSync(
    process.execPath,
    [
      '--expose-gc',
      ...nodeFlags,
      ...(SELF.endsWith('.ts') ? ['--import', 'tsx'] : []),
      SELF,
      'child',
      variant,
      db.file,
      db.profileId,
      target,
    ],
    { encoding: 'utf8' },
  );
}

function runChild(variant: Variant, db: { file: string; profileId: string }, target: string): RunResult {
  const result = spawnChild(variant, db, target);
  if (result.status !== 0) throw new Error(`bench child failed: ${result.stderr}`);
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as RunResult;
}

/** Proof of bounded memory: the same export with V8's old space capped far below the data size. */
function underHeapCap(variant: Variant, db: { file: string; profileId: string }, target: string, capMb: number): string {
  const result = spawnChild(variant, db, target, [`--max-old-space-size=${capMb}`]);
  if (result.status === 0) return `completed (${(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as RunResult).rows} rows)`;
  return /heap out of memory/i.test(result.stderr) ? 'ran out of memory' : `failed (exit ${result.status})`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-desk-bench-export-'));
  try {
    const t0 = performance.now();
    const databases = await buildDatabases(dir);
    console.log(
      `synced ${SIZES.join(' and ')}-channel databases from the demo hub in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${REPEATS} runs per variant, alternating, median shown`,
    );
    console.log('rows      variant   time ms   base RSS MB   peak RSS MB   peak-base MB   file MB');
    const summary = new Map<string, RunResult>();
    for (const size of SIZES) {
      const db = databases.get(size)!;
      const runs: Record<Variant, RunResult[]> = { stream: [], baseline: [] };
      for (let i = 0; i < REPEATS; i += 1) {
        for (const variant of (i % 2 === 0 ? ['stream', 'baseline'] : ['baseline', 'stream']) as Variant[]) {
          const target = path.join(dir, `${variant}-${size}.csv`);
          runs[variant].push(runChild(variant, db, target));
        }
      }
      const hashes = new Set([...runs.stream, ...runs.baseline].map((r) => r.sha1));
      if (hashes.size !== 1) throw new Error(`the variants wrote different bytes for ${size} rows`);
      for (const variant of ['stream', 'baseline'] as Variant[]) {
        const r = runs[variant];
        const row: RunResult = {
          ...r[0]!,
          ms: median(r.map((x) => x.ms)),
          baseRssMb: median(r.map((x) => x.baseRssMb)),
          peakRssMb: median(r.map((x) => x.peakRssMb)),
        };
        summary.set(`${variant}-${size}`, row);
        console.log(
          `${String(size).padEnd(9)} ${variant.padEnd(9)} ${String(row.ms).padStart(7)}   ${row.baseRssMb.toFixed(1).padStart(11)}   ${row.peakRssMb.toFixed(1).padStart(11)}   ${(row.peakRssMb - row.baseRssMb).toFixed(1).padStart(12)}   ${mb(row.bytes).toFixed(1).padStart(7)}`,
        );
      }
    }
    const largest = Math.max(...SIZES);
    const s = summary.get(`stream-${largest}`)!;
    const b = summary.get(`baseline-${largest}`)!;
    console.log(
      `\n${largest} rows: streaming export ${s.ms} ms vs baseline ${b.ms} ms = ${(s.ms / b.ms).toFixed(2)}x the baseline's time (target <= 1.5x)`,
    );
    console.log(
      `${largest} rows: peak RSS streaming ${s.peakRssMb} MB (+${(s.peakRssMb - s.baseRssMb).toFixed(1)} over base) vs baseline ${b.peakRssMb} MB (+${(b.peakRssMb - b.baseRssMb).toFixed(1)})`,
    );
    const small = summary.get(`stream-${Math.min(...SIZES)}`)!;
    const smallBase = summary.get(`baseline-${Math.min(...SIZES)}`)!;
    console.log(
      `growth from ${Math.min(...SIZES)} to ${largest} rows: streaming +${(s.peakRssMb - s.baseRssMb - (small.peakRssMb - small.baseRssMb)).toFixed(1)} MB, baseline +${(b.peakRssMb - b.baseRssMb - (smallBase.peakRssMb - smallBase.baseRssMb)).toFixed(1)} MB`,
    );
    const cap = 48;
    const db = databases.get(largest)!;
    console.log(
      `${largest} rows with the V8 heap capped at ${cap} MB (the file alone is ${mb(s.bytes)} MB): streaming ${underHeapCap('stream', db, path.join(dir, 'cap-stream.csv'), cap)}, baseline ${underHeapCap('baseline', db, path.join(dir, 'cap-baseline.csv'), cap)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  const [, , , variant, databaseFile, profileId, target] = process.argv;
  await child(variant as Variant, databaseFile!, profileId!, target!);
} else {
  await main();
}
