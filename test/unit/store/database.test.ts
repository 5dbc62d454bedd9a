import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { openDatabase } from '@core/store/database';
import { LATEST_SCHEMA_VERSION, type Migration } from '@core/store/migrations';
import { makeTempDir } from '../../helpers/temp-dir';

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('openDatabase', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('tells an engine that cannot load from a damaged file, and leaves an existing file untouched', () => {
    const file = path.join(tmp.dir, 'db.sqlite');
    openDatabase(file).close();
    const before = sha256(file);
    // What a binding for another ABI or CPU does: the loader rejects the file.
    const foreign = path.join(tmp.dir, 'better_sqlite3.node');
    fs.writeFileSync(foreign, Buffer.from('\x7fELF\x02\x01\x01 not a loadable object'));
    for (const target of [file, path.join(tmp.dir, 'new.sqlite')]) {
      let caught: unknown;
      try {
        openDatabase(target, { nativeBinding: foreign });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('database_engine_unavailable');
      expect((caught as AppError).message).toMatch(/could not be loaded.*Your data was not touched/s);
      expect((caught as AppError).message).not.toMatch(/move it aside/);
    }
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(path.join(tmp.dir, 'new.sqlite'))).toBe(false);
  });

  it('creates a new database in WAL mode at the latest schema version', () => {
    const file = path.join(tmp.dir, 'nested', 'db.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['profiles', 'settings']));
    db.close();
  });

  it('applies only pending migrations, in order, and is idempotent on reopen', () => {
    const file = path.join(tmp.dir, 'db.sqlite');
    const applied: number[] = [];
    const migrations: Migration[] = [1, 2, 3].map((version) => ({
      version,
      description: `m${version}`,
      up: (db) => {
        applied.push(version);
        db.exec(`CREATE TABLE t${version} (x INTEGER)`);
      },
    }));
    openDatabase(file, { migrations: migrations.slice(0, 2) }).close();
    expect(applied).toEqual([1, 2]);
    openDatabase(file, { migrations }).close();
    expect(applied).toEqual([1, 2, 3]);
    const db = openDatabase(file, { migrations });
    expect(applied).toEqual([1, 2, 3]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });

  it('rolls back a failing migration and keeps the previous version', () => {
    const file = path.join(tmp.dir, 'db.sqlite');
    const good: Migration = { version: 1, description: 'ok', up: (db) => db.exec('CREATE TABLE a (x)') };
    const bad: Migration = {
      version: 2,
      description: 'fails halfway',
      up: (db) => {
        db.exec('CREATE TABLE b (x)');
        throw new Error('boom');
      },
    };
    openDatabase(file, { migrations: [good] }).close();
    expect(() => openDatabase(file, { migrations: [good, bad] })).toThrow('boom');
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer version, naming the file, without modifying it', () => {
    const file = path.join(tmp.dir, 'newer.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = sha256(file);
    const mtime = fs.statSync(file).mtimeMs;
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('database_too_new');
    expect((error as AppError).message).toContain(file);
    expect((error as AppError).message).toMatch(/newer version/);
    expect(sha256(file)).toBe(before);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it.each([
    ['random bytes', crypto.randomBytes(4096)],
    ['a text file', Buffer.from('this is not a database\n'.repeat(100))],
    ['a truncated SQLite header', Buffer.from('SQLite format 3\0')],
  ])('refuses %s as corrupt, naming the file, without modifying it', (_label, content) => {
    const file = path.join(tmp.dir, 'corrupt.sqlite');
    fs.writeFileSync(file, content);
    const before = sha256(file);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'database_corrupt', message: expect.stringContaining(file) }));
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(tmp.dir)).toEqual(['corrupt.sqlite']);
  });

  it('refuses a file whose pages are damaged after a valid header', () => {
    const file = path.join(tmp.dir, 'damaged.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 16, 100); // page size, versions and counters all garbage
    fs.writeFileSync(file, bytes);
    const before = sha256(file);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'database_corrupt' }));
    expect(sha256(file)).toBe(before);
  });

  it('keeps checkpoints off the commit path, and sizes the cache and memory map per connection', () => {
    const file = path.join(tmp.dir, 'db.sqlite');
    const app = openDatabase(file);
    expect(app.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(app.pragma('cache_size', { simple: true })).toBe(-65_536);
    expect(app.pragma('mmap_size', { simple: true })).toBe(0);
    const worker = openDatabase(file, { cacheKiB: 16_384, mmapBytes: 64 * 1024 * 1024 });
    expect(worker.pragma('cache_size', { simple: true })).toBe(-16_384);
    expect(worker.pragma('mmap_size', { simple: true })).toBe(64 * 1024 * 1024);
    worker.close();
    app.close();
  });
});
