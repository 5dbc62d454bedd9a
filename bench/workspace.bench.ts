/**
 * Workspace benchmark (issue 17) on a book of 25,000 clients and 50,000 channels synced from the
 * simulated Hub: the Overview's query (cold and warm) and the day's counts a sync records; select-all
 * (every id of a filtered list, from the in-memory copy and from SQL); counting ten saved views;
 * previewing and queueing bulk actions over 1,000 and 5,000 channels; a channel's history with
 * 200,000 notifications in the table. Each is a synchronous call on the thread that answers the
 * window, so its time is also how long that thread is blocked; the longest gap of a 5 ms timer
 * around the async ones is reported too. Measures and prints; never fails on timing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '@core';
import { createDemoHub, startDemoHubServer } from '@demo-hub';
import { MemorySecretStore } from '@core/secrets/secret-store';
import { BookQueries } from '@core/store/book-queries';
import { silentLogger, type LogFields, type Logger } from '@core/log';
import { watchMainThread } from './support';

const CLIENTS = 25_000;
const CHANNELS = 50_000;
const ms = (n: number) => `${n.toFixed(1)} ms`;

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `median ${ms(median)}, max ${ms(sorted.at(-1) ?? 0)} (${samples.length} runs)`;
}

/** As the window's thread sees it: a 5 ms timer, and 20 ms after the work for a block at its end. */
const timed5 = <T>(work: () => Promise<T> | T) => watchMainThread(work, 5, 20);

const hub = createDemoHub({ clients: CLIENTS, channels: CHANNELS, seed: 17 });
const server = await startDemoHubServer(hub, { port: 0 });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-desk-bench-ws-'));
const syncLogs: LogFields[] = [];
const log: Logger = { ...silentLogger, info: (message, fields) => void (message === 'sync succeeded' && fields && syncLogs.push(fields)) };
const core = await createCore({
  dataDir,
  secrets: new MemorySecretStore(),
  runMode: 'web',
  appVersion: 'bench',
  hubUrl: `${server.url}/api/v2`,
  log,
  outboxSettleMs: 0,
});
try {
  const state = await core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey });
  const profileId = state.activeProfileId ?? '';
  const synced = await core.accounts.syncNow();
  if (synced.state !== 'succeeded') throw new Error(`sync: ${synced.error?.message}`);
  await core.channels.searchIndex?.ready(profileId);
  const call = async (name: string, input: unknown) => {
    const result = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  };
  console.log(`book: ${CLIENTS.toLocaleString('en')} clients, ${CHANNELS.toLocaleString('en')} channels`);
  console.log(`the day's counts inside the sync's write transaction: ${syncLogs.map((f) => ms(Number(f.countMs))).join(', ')}`);

  const day = new BookQueries(core.db);
  const dayRuns: number[] = [];
  for (let i = 0; i < 5; i += 1) dayRuns.push((await timed5(() => day.dayCounts(profileId))).took);
  console.log(`  dayCounts alone: ${stats(dayRuns)}`);

  const cold = await timed5(() => call('book.overview', {}));
  const warm: number[] = [];
  for (let i = 0; i < 7; i += 1) warm.push((await timed5(() => call('book.overview', {}))).took);
  console.log(`book.overview: cold ${ms(cold.took)} (longest block ${ms(cold.longestGap)}); warm ${stats(warm)}`);

  const all = await timed5(() => call('channels.ids', { query: {} }));
  const sqlIds = await timed5(() => call('channels.ids', { query: { actionRequired: true } }));
  const searched = await timed5(() => call('channels.ids', { query: { search: 'gmbh', sort: 'display_name' } }));
  console.log(
    `channels.ids (select all): all 50,000 from the in-memory copy ${ms(all.took)} (block ${ms(all.longestGap)}); ` +
      `"action required" by SQL ${ms(sqlIds.took)} (${(sqlIds.value as { total: number }).total.toLocaleString('en')} ids); "gmbh" by display name ${ms(searched.took)}`,
  );

  const views = [
    {},
    { states: ['live'] },
    { actionRequired: true },
    { search: 'gmbh' },
    { states: ['draft', 'created'] },
    { qualityRating: ['Low'] },
    { messagingLimit: ['Not available'] },
    { actions: ['finish_signup'] },
    { search: '+49 15' },
    { states: ['pending_deletion'] },
  ];
  const counts: number[] = [];
  const countBlocks: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const run = await timed5(() => call('channels.counts', { queries: views }));
    counts.push(run.took);
    countBlocks.push(run.longestGap);
  }
  console.log(`channels.counts, 10 saved views: ${stats(counts)}; this thread's longest block ${ms(Math.max(...countBlocks))}`);

  const live = (await call('channels.ids', { query: { states: ['live'] }, max: 6_000 })) as { items: Array<[string, string | null]> };
  for (const size of [1_000, 5_000]) {
    const request = { kind: 'cancel_channel', channelIds: live.items.slice(0, size).map(([id]) => id) };
    const preview = await timed5(() => call('actions.bulkPreview', { request }));
    // Offline, so nothing is sent while measuring: only the queueing is timed.
    core.outbox.runner.networkChanged(false);
    const run = await timed5(() => call('actions.bulk', { request, confirmed: true }));
    console.log(
      `bulk cancellation of ${size.toLocaleString('en')}: preview ${ms(preview.took)}, queue ${ms(run.took)} (longest block ${ms(run.longestGap)}); ${(run.value as { summary: string }).summary}`,
    );
    // Withdrawn again for the next size (they never left).
    core.db.prepare("UPDATE outbox SET state = 'cancelled' WHERE state = 'queued'").run();
    core.db.prepare('DELETE FROM pending_effects').run();
  }

  // A long-lived book: 200,000 notifications over the channels, then one channel's history.
  const ids = live.items.map(([id]) => id);
  const insert = core.db.prepare(
    "INSERT INTO notifications (profile_id, created_at, client_id, channel_id, title, body, changes) VALUES (?, ?, NULL, ?, 't', 'b', '[]')",
  );
  core.db
    .transaction(() => {
      for (let i = 0; i < 200_000; i += 1) insert.run(profileId, new Date(Date.now() - i * 60_000).toISOString(), ids[i % 500] ?? null);
    })
    .immediate();
  const history: number[] = [];
  for (let i = 0; i < 7; i += 1) history.push((await timed5(() => call('channels.history', { id: ids[i] }))).took);
  const entries = ((await call('channels.history', { id: ids[0] })) as { items: unknown[] }).items.length;
  console.log(`channels.history with 200,000 notifications in the table (${entries} entries shown): ${stats(history)}`);
  console.log(`RSS at the end: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
} finally {
  core.close();
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
