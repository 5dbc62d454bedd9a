/**
 * A synced database with queued actions and channel-key records, damaged five ways: 64 KiB of random
 * bytes at 10 %, 40 % and 90 % of the file, a zeroed first page, and a WAL cut short under a running
 * app. Each time the app (a real core) and the CLI refuse to write and name the file, the damaged
 * file's bytes stay as they were, and `partner-desk doctor --repair` keeps every queued action and
 * key record (compared with what was there before the damage).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE_NAME, type Core } from '@core';
import { takeBackup } from '@core/store/backups';
import { startOutboxFixture, type OutboxFixture } from '../outbox/outbox-fixture';
import { runCliAsync } from '../../helpers/spawn-cli';
import { makeTempDir } from '../../helpers/temp-dir';

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

interface Irreplaceable {
  outbox: unknown[];
  keys: unknown[];
}

function readIrreplaceable(file: string): Irreplaceable {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      outbox: db.prepare('SELECT id, profile_id, kind, target, payload, state, attempts, created_at FROM outbox ORDER BY seq').all(),
      keys: db
        .prepare('SELECT profile_id, channel_id, key_id, address, app_id, generated_at, action_id FROM channel_keys ORDER BY channel_id')
        .all(),
    };
  } finally {
    db.close();
  }
}

let f: OutboxFixture;
let image: ReturnType<typeof makeTempDir>;
let before: Irreplaceable;
let cancelTarget: string;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  f = await startOutboxFixture({ hub: { clients: 80, channels: 2500, seed: 15 } });
  const channels = f.channels(4);
  // Two keys generated (their metadata in SQLite, the keys in the keychain), then three actions queued offline.
  for (const channel of channels.slice(0, 2)) {
    await f.call('actions.generateApiKey', { channelId: channel.id, confirmed: true });
  }
  expect((await f.call('outbox.push', {})).counts.done).toBe(2);
  f.hub.faults.set({ offline: true });
  await f.call('actions.cancelChannel', { channelId: channels[2]!.id, confirmed: true });
  await f.call('actions.generateApiKey', { channelId: channels[3]!.id, confirmed: true });
  const client = f.clientWith(1);
  await f.call('actions.setMaxChannels', { clientId: client.id, maxChannels: client.max + 3, confirmed: true });
  cancelTarget = channels[3]!.id;
  f.core.close();
  image = makeTempDir('partner-desk-damage-image-');
  fs.cpSync(f.dataDir, image.dir, { recursive: true });
  const file = path.join(image.dir, DATABASE_FILE_NAME);
  // A backup as the daily upkeep takes it (repair reads a lost first page from the newest one).
  const source = new Database(file, { readonly: true });
  await takeBackup(source, file, { reason: 'daily' });
  source.close();
  before = readIrreplaceable(file);
  expect(before.outbox.filter((a) => (a as { state: string }).state === 'queued')).toHaveLength(3);
  expect(before.keys).toHaveLength(2);
}, 300_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) cleanup();
  image?.cleanup();
  await f?.dispose();
});

function copyImage(): { dir: string; file: string } {
  const tmp = makeTempDir('partner-desk-damage-');
  cleanups.push(tmp.cleanup);
  fs.cpSync(image.dir, tmp.dir, { recursive: true });
  return { dir: tmp.dir, file: path.join(tmp.dir, DATABASE_FILE_NAME) };
}

function openApp(dir: string): Promise<Core> {
  return createCore({
    dataDir: dir,
    secrets: f.secrets,
    hubUrl: f.hubUrl,
    runMode: 'web',
    appVersion: '0.0.0-test',
    checkConnection: false,
  });
}

async function expectAppRefuses(core: Core, file: string): Promise<void> {
  const refused = await core.dispatch('actions.cancelChannel', { channelId: cancelTarget, confirmed: true });
  expect(core.storeGuard.damaged).not.toBeNull();
  expect(refused).toMatchObject({ ok: false, error: { code: 'database_corrupt' } });
  expect(!refused.ok && refused.error.message).toContain(file);
  expect(!refused.ok && refused.error.message).not.toMatch(/move it aside/);
  const status = await core.dispatch('store.status', {});
  expect(status).toMatchObject({ ok: true, value: { state: 'damaged', file } });
}

async function expectCliRefuses(dir: string, file: string): Promise<void> {
  const cli = await runCliAsync(['cancel', cancelTarget, '--yes'], { env: { PARTNER_DESK_DATA_DIR: dir } });
  expect(cli.status).toBe(3);
  expect(cli.stderr).toContain(file);
  expect(cli.stderr).toMatch(/damaged/);
  const doctor = await runCliAsync(['doctor'], { env: { PARTNER_DESK_DATA_DIR: dir } });
  expect(doctor.status).toBe(3);
  expect(doctor.stdout).toMatch(/DAMAGED/);
  expect(doctor.stdout).toMatch(/A repair keeps 3 open queued action\(s\), 2 channel-key record\(s\)/);
}

async function expectRepairKeepsEverything(dir: string, file: string, damagedHash: string): Promise<void> {
  const repaired = await runCliAsync(['doctor', '--repair'], { env: { PARTNER_DESK_DATA_DIR: dir } });
  expect(repaired.stderr).toBe('');
  expect(repaired.status).toBe(0);
  const movedTo = /kept as (.+)\.\n/.exec(repaired.stdout)?.[1];
  expect(movedTo).toMatch(/partner-desk\.sqlite\.damaged-\d{8}T\d{6}Z/);
  expect(sha256(movedTo!)).toBe(damagedHash);
  expect(readIrreplaceable(file)).toEqual(before);
  const doctor = await runCliAsync(['doctor'], { env: { PARTNER_DESK_DATA_DIR: dir } });
  expect(doctor.status).toBe(0);
  expect(doctor.stdout).toMatch(/Integrity: ok/);
  // The repaired database opens and takes writes again.
  const core = await openApp(dir);
  try {
    expect(core.storeGuard.damaged).toBeNull();
    expect((await core.dispatch('outbox.list', {})) as { ok: boolean }).toMatchObject({ ok: true });
  } finally {
    core.close();
  }
}

/** A damaged file: the app and the CLI refuse it without writing a byte, then a repair keeps everything. */
async function expectRefusedThenRepaired(dir: string, file: string, damagedHash: string): Promise<void> {
  const core = await openApp(dir);
  try {
    await expectAppRefuses(core, file);
  } finally {
    core.close();
  }
  await expectCliRefuses(dir, file);
  expect(sha256(file)).toBe(damagedHash);
  await expectRepairKeepsEverything(dir, file, damagedHash);
}

describe('a damaged database', () => {
  it.each([0.1, 0.4, 0.9])(
    'with 64 KiB of random bytes at %s of the file: writes stop, the file is named and kept, doctor repairs',
    async (at) => {
      const { dir, file } = copyImage();
      const bytes = fs.readFileSync(file);
      crypto.randomFillSync(bytes, Math.floor(bytes.length * at), 64 * 1024);
      fs.writeFileSync(file, bytes);
      const damagedHash = sha256(file);

      await expectRefusedThenRepaired(dir, file, damagedHash);
    },
    180_000,
  );

  it('with a zeroed first page: the table list comes from the newest backup and nothing is lost', async () => {
    const { dir, file } = copyImage();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(16_384), 0, 16_384, 0);
    fs.closeSync(fd);
    const damagedHash = sha256(file);

    await expectRefusedThenRepaired(dir, file, damagedHash);
  }, 180_000);

  it('with its WAL cut short under a running app: another process finds it, writes stop, and a repair keeps what was committed to the file', async () => {
    const { dir, file } = copyImage();
    const core = await openApp(dir);
    let damagedHash: string;
    try {
      f.hub.faults.reset();
      const client = f.hub.state.listClients()[0]!;
      for (let i = 0; i < 200; i += 1) f.hub.state.addChannel(client.id);
      expect((await core.accounts.syncNow()).state).toBe('succeeded');
      // The sync worker checkpoints after it answered; let it, then empty the WAL.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      // Changes the app then makes live in the WAL only (200 new-channel notifications marked read)…
      expect(await core.dispatch('notifications.markRead', { ids: 'all' })).toMatchObject({ ok: true });
      const wal = `${file}-wal`;
      expect(fs.statSync(wal).size).toBeGreaterThan(3 * 16_384);
      // …and the WAL is cut short under the running app.
      fs.truncateSync(wal, Math.floor(fs.statSync(wal).size * 0.4));
      damagedHash = sha256(file);

      // doctor, in another process, reads the whole file: damaged; it marks the file for everyone.
      const doctor = await runCliAsync(['doctor'], { env: { PARTNER_DESK_DATA_DIR: dir } });
      expect(doctor.status).toBe(3);
      expect(doctor.stdout).toMatch(/DAMAGED/);
      await expectAppRefuses(core, file);
      const cli = await runCliAsync(['cancel', cancelTarget, '--yes'], { env: { PARTNER_DESK_DATA_DIR: dir } });
      expect(cli.status).toBe(3);
      expect(cli.stderr).toContain(file);
    } finally {
      core.close();
    }
    expect(sha256(file)).toBe(damagedHash);
    // The queued actions and key records were in the file itself; what the cut took was the marking as read.
    await expectRepairKeepsEverything(dir, file, damagedHash);
  }, 240_000);
});
