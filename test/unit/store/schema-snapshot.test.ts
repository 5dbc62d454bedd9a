/**
 * The schema a new database gets, compared with the committed snapshot
 * test/unit/store/__snapshots__/schema.sql: every table, index and trigger as SQLite stores it, and
 * the schema version. A change here without a new migration is a mistake (a shipped migration was
 * edited); with one, look at the diff of schema.sql in review, since it is the whole change.
 *
 * After adding a migration, update the snapshot with one command and commit it:
 *   npm run test:schema-snapshot
 * (that is `vitest run --project unit test/unit/store/schema-snapshot.test.ts --update`).
 */
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '@core/store/database';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

it('matches the committed snapshot (npm run test:schema-snapshot updates it)', async () => {
  const db = openDatabase(path.join(tmp.dir, 'db.sqlite'));
  let text: string;
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const objects = db
      .prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name != 'sqlite_sequence' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, tbl_name, name",
      )
      .all() as Array<{ type: string; name: string; tbl_name: string; sql: string | null }>;
    const blocks = objects.map((o) =>
      o.sql === null ? `-- ${o.type} ${o.name} on ${o.tbl_name}: made by SQLite for a PRIMARY KEY or UNIQUE constraint` : `${o.sql};`,
    );
    text = [
      '-- The schema of a new Partner Desk database (test/unit/store/schema-snapshot.test.ts).',
      '-- Generated: after adding a migration run `npm run test:schema-snapshot` and commit this file.',
      `PRAGMA user_version = ${version};`,
      '',
      blocks.join('\n\n'),
      '',
    ].join('\n');
  } finally {
    db.close();
  }
  await expect(text).toMatchFileSnapshot('./__snapshots__/schema.sql');
});
