import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@core/store/database';
import { bulkChannelWrite } from '@core/store/channel-generations';
import { readGeneration } from '@core/store/search-snapshot';
import { makeTempDir } from '../../helpers/temp-dir';

describe('channel generations', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  const P = 'profile-1';
  const insertSearchRow = (rid: number, profileId = P) =>
    db.prepare("INSERT INTO channel_search (rid, profile_id, state, search_text) VALUES (?, ?, 'live', 'x')").run(rid, profileId);

  beforeEach(() => {
    tmp = makeTempDir();
    db = openDatabase(path.join(tmp.dir, 'db.sqlite'));
    db.pragma('foreign_keys = OFF'); // search rows without their channel rows: only the triggers are under test
    for (const id of [P, 'profile-2']) {
      db.prepare(
        "INSERT INTO profiles (id, partner_id, label, auth_method, hub_url, created_at) VALUES (?, ?, 'l', 'api_key', 'h', 'now')",
      ).run(id, id);
    }
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('every insert, update and delete of a search row outside a bulk write bumps its own profile', () => {
    insertSearchRow(1);
    insertSearchRow(2);
    expect(readGeneration(db, P)).toBe(2);
    db.prepare("UPDATE channel_search SET state = 'banned' WHERE rid = 1").run();
    expect(readGeneration(db, P)).toBe(3);
    db.prepare('DELETE FROM channel_search WHERE rid = 2').run();
    expect(readGeneration(db, P)).toBe(4);
    expect(readGeneration(db, 'profile-2')).toBe(0);
  });

  it('a bulk write bumps once when it says it changed rows, not at all when it did not, and leaves no marker', () => {
    insertSearchRow(1);
    const before = readGeneration(db, P);
    db.transaction(() =>
      bulkChannelWrite(
        db,
        P,
        () => {
          for (let rid = 10; rid < 510; rid += 1) insertSearchRow(rid);
          db.prepare('DELETE FROM channel_search WHERE rid = 1').run();
          return 501;
        },
        (n) => n > 0,
      ),
    ).immediate();
    expect(readGeneration(db, P)).toBe(before + 1);
    db.transaction(() =>
      bulkChannelWrite(
        db,
        P,
        () => 0,
        (n) => n > 0,
      ),
    ).immediate();
    expect(readGeneration(db, P)).toBe(before + 1);
    expect(db.prepare('SELECT count(*) FROM channel_bulk_writes').pluck().get()).toBe(0);
    // Another profile's rows written during one profile's bulk write still bump their own generation.
    db.transaction(() =>
      bulkChannelWrite(
        db,
        P,
        () => insertSearchRow(900, 'profile-2'),
        () => false,
      ),
    ).immediate();
    expect(readGeneration(db, 'profile-2')).toBe(1);
    // After the bulk write the triggers are back.
    insertSearchRow(901);
    expect(readGeneration(db, P)).toBe(before + 2);
  });

  it('a bulk write that throws rolls back with its marker, and refuses to run outside a transaction', () => {
    const before = readGeneration(db, P);
    expect(() =>
      db
        .transaction(() =>
          bulkChannelWrite(
            db,
            P,
            () => {
              insertSearchRow(5);
              throw new Error('disk full');
            },
            () => true,
          ),
        )
        .immediate(),
    ).toThrow('disk full');
    expect(db.prepare('SELECT count(*) FROM channel_bulk_writes').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM channel_search').pluck().get()).toBe(0);
    insertSearchRow(6);
    expect(readGeneration(db, P)).toBe(before + 1);
    expect(() =>
      bulkChannelWrite(
        db,
        P,
        () => 0,
        () => true,
      ),
    ).toThrow(/transaction/);
  });
});
