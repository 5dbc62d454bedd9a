/**
 * The guard on real SQLite files: the first corruption error from any statement stops every write
 * on every connection to the file in this thread, marks the file for other processes, and closing
 * the writer afterwards never checkpoints into the damaged file. Other errors are told by cause.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@core/store/database';
import { describeStoreError, problemOf } from '@core/store/store-errors';
import { guardFor, markerFile, readDamageMarker } from '@core/store/store-guard';
import { makeTempDir } from '../../helpers/temp-dir';

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/** A database whose table `big` spans many pages, with one page in the middle overwritten. */
function damagedDatabase(file: string): void {
  const db = openDatabase(file, {
    migrations: [
      { version: 1, description: 'big', up: (d) => d.exec('CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT); CREATE TABLE small (x)') },
    ],
  });
  const insert = db.prepare('INSERT INTO big (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 3000; i += 1) insert.run('x'.repeat(500));
  })();
  db.close();
  const bytes = fs.readFileSync(file);
  crypto.randomFillSync(bytes, Math.floor(bytes.length * 0.5), 16_384);
  fs.writeFileSync(file, bytes);
}

describe('the store guard', () => {
  it('stops every write at the first corruption error, marks the file, and never checkpoints into it', () => {
    const file = path.join(tmp.dir, 'db.sqlite');
    damagedDatabase(file);
    const migrations = [{ version: 1, description: 'big', up: () => undefined }];
    const db = openDatabase(file, { migrations });
    const other = openDatabase(file, { migrations });
    // A write that lands in the WAL only, before anyone noticed anything.
    db.prepare('INSERT INTO small (x) VALUES (1)').run();
    const before = sha256(file);

    expect(() => db.prepare('SELECT count(*), sum(length(v)) FROM big').get()).toThrow(
      expect.objectContaining({ code: 'database_corrupt', message: expect.stringContaining(file) }),
    );
    const guard = guardFor(file);
    expect(guard.damaged).toMatchObject({ file, reason: expect.stringMatching(/malformed/) });
    // Every connection in this thread: refused with the message, and query_only underneath.
    for (const connection of [db, other]) {
      expect(() => connection.prepare('INSERT INTO small (x) VALUES (2)').run()).toThrow(
        expect.objectContaining({ code: 'database_corrupt' }),
      );
      expect(() => connection.exec('DELETE FROM small')).toThrow(expect.objectContaining({ code: 'database_corrupt' }));
      expect(() => connection.pragma('wal_checkpoint(TRUNCATE)')).toThrow(expect.objectContaining({ code: 'database_corrupt' }));
      expect(Object.getPrototypeOf(connection).pragma.call(connection, 'query_only', { simple: true })).toBe(1);
    }
    // Reads of healthy pages still answer.
    expect(db.prepare('SELECT count(*) AS n FROM small').get()).toEqual({ n: 1 });
    // Other processes learn of it from the marker, and refuse to open it for writing.
    expect(readDamageMarker(file)).toMatchObject({ reason: expect.stringMatching(/malformed/) });
    expect(() => openDatabase(file, { migrations })).toThrow(expect.objectContaining({ code: 'database_corrupt' }));

    other.close();
    db.close();
    // The writer was the last to close and the WAL held a page: still no checkpoint into the file.
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(markerFile(file))).toBe(true);
  });

  it('tells read-only, full and I/O errors by cause, never as damage', () => {
    const file = path.join(tmp.dir, 'db.sqlite');
    openDatabase(file).close();
    const sqlite = (code: string) => Object.assign(new Error('x'), { code });
    expect(problemOf(sqlite('SQLITE_CORRUPT_INDEX'))).toBe('corrupt');
    expect(problemOf(sqlite('SQLITE_NOTADB'))).toBe('corrupt');
    expect(problemOf(sqlite('SQLITE_IOERR_SHORT_READ'))).toBe('corrupt');
    expect(problemOf(sqlite('SQLITE_READONLY_DIRECTORY'))).toBe('read_only');
    expect(problemOf(sqlite('SQLITE_FULL'))).toBe('full');
    expect(problemOf(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toBe('full');
    expect(problemOf(Object.assign(new Error('ro'), { code: 'EROFS' }))).toBe('read_only');
    const full = describeStoreError(sqlite('SQLITE_FULL'), { file, activity: 'save the change' }) as Error;
    expect(full.message).toMatch(/The disk holding .* is full.*could not save the change.*Nothing was written.*Free at least \d+ MB/);
    expect(full.message).not.toMatch(/damaged|move it aside/);
    const readOnly = describeStoreError(sqlite('SQLITE_READONLY'), { file, platform: 'win32' }) as Error;
    expect(readOnly.message).toMatch(/is read-only for you.*Clear "Read-only" in the file's Properties/);
    expect(readOnly.message).not.toMatch(/damaged|move it aside/);
    // A full disk on SQLite's journal or its shared memory file can come as a plain I/O error.
    const io = describeStoreError(sqlite('SQLITE_IOERR_WRITE'), { file }) as Error & { code: string };
    expect(io.code).toBe('database_io');
    expect(io.message).toMatch(/could not be read or written/);
  });
});
