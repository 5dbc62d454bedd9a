/**
 * Backups: one is taken before a migration (the file as it was, at its old schema, with its rows),
 * the newest three are kept, `doctor --restore` puts one back (the file in place set aside, never
 * deleted), and the daily upkeep takes one after a passing check.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE_NAME } from '@core';
import { silentLogger } from '@core/log';
import { MemorySecretStore } from '@core/secrets/secret-store';
import { listBackups, takeBackup } from '@core/store/backups';
import { openDatabase } from '@core/store/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '@core/store/migrations';
import { openStore } from '@core/store/open-store';
import { readHealth } from '@core/store/store-health';
import { runCliAsync } from '../../helpers/spawn-cli';
import { makeTempDir } from '../../helpers/temp-dir';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempDir(): string {
  const tmp = makeTempDir('partner-desk-backups-');
  cleanups.push(tmp.cleanup);
  return tmp.dir;
}

/** A database one schema version behind, with a profile and a queued action in it. */
function olderDatabase(file: string): void {
  const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < LATEST_SCHEMA_VERSION) });
  db.prepare(
    "INSERT INTO profiles (id, partner_id, label, auth_method, hub_url, created_at) VALUES ('p1', 'abcPA', 'Partner', 'api_key', 'https://hub.example', '2026-01-01T00:00:00Z')",
  ).run();
  db.prepare(
    "INSERT INTO outbox (id, profile_id, kind, target, payload, state, next_attempt_at, created_at, updated_at) VALUES ('a1', 'p1', 'cancel_channel', 'ch1', '{}', 'queued', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
  ).run();
  db.close();
}

const versionOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};

describe('backups', () => {
  it('are taken before a migration, and doctor --restore puts one back with the file in place set aside', async () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE_NAME);
    olderDatabase(file);
    const opened = await openStore({ file, appVersion: '0.0.0-test', kind: 'cli', worker: null, log: silentLogger });
    expect(opened.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    opened.db.prepare("UPDATE outbox SET state = 'done' WHERE id = 'a1'").run();
    opened.db.close();
    opened.release();

    const [backup] = listBackups(file);
    expect(backup).toMatchObject({ reason: `before-v${LATEST_SCHEMA_VERSION}` });
    expect(path.basename(backup!.file)).toMatch(/^partner-desk-\d{8}T\d{9}Z-before-v\d+\.sqlite$/);
    expect(versionOf(backup!.file)).toBe(LATEST_SCHEMA_VERSION - 1);
    // A self-contained file: no WAL beside it.
    expect(fs.readdirSync(path.dirname(backup!.file))).toEqual([path.basename(backup!.file)]);

    const restored = await runCliAsync(['doctor', '--restore', 'latest'], { env: { PARTNER_DESK_DATA_DIR: dir } });
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    const setAside = /The file that was there is kept as (.+)\.\n/.exec(restored.stdout)?.[1];
    expect(setAside).toMatch(/partner-desk\.sqlite\.replaced-\d{8}T\d{6}Z$/);
    expect(versionOf(file)).toBe(LATEST_SCHEMA_VERSION - 1);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT state FROM outbox WHERE id = 'a1'").get()).toEqual({ state: 'queued' });
    db.close();
    const aside = new Database(setAside!, { readonly: true });
    expect(aside.prepare("SELECT state FROM outbox WHERE id = 'a1'").get()).toEqual({ state: 'done' });
    aside.close();

    // The restored file opens (and is migrated again, after another backup).
    const core = await createCore({
      dataDir: dir,
      secrets: new MemorySecretStore(),
      runMode: 'cli',
      appVersion: '0.0.0-test',
      checkConnection: false,
    });
    expect(core.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    core.close();
    expect(listBackups(file)).toHaveLength(2);
  }, 60_000);

  it('keeps the newest three', async () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE_NAME);
    openDatabase(file).close();
    const db = new Database(file, { readonly: true });
    let clock = Date.parse('2026-03-01T10:00:00Z');
    const taken: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      clock += 60_000;
      taken.push((await takeBackup(db, file, { reason: 'daily', now: () => clock })).file);
    }
    db.close();
    expect(listBackups(file).map((b) => b.file)).toEqual(taken.slice(2).reverse());
  });

  it('the daily upkeep checks the file and then takes a backup', async () => {
    const dir = tempDir();
    const core = await createCore({
      dataDir: dir,
      secrets: new MemorySecretStore(),
      runMode: 'web',
      appVersion: '0.0.0-test',
      checkConnection: false,
      upkeepFirstDelayMs: 0,
    });
    try {
      const file = path.join(dir, DATABASE_FILE_NAME);
      for (let i = 0; i < 200 && listBackups(file).length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(listBackups(file)).toEqual([expect.objectContaining({ reason: 'daily' })]);
      expect(readHealth(file)).toMatchObject({ lastCheck: { ok: true, reason: 'daily' }, lastBackupAt: expect.any(String) });
      expect(core.storeStatus()).toMatchObject({ state: 'healthy', backups: [expect.objectContaining({ reason: 'daily' })] });
    } finally {
      core.close();
    }
  }, 30_000);
});
