// Lint fixture: linted as if it lived at electron/core/; a deferred write transaction (line 5) must be refused.
import type Database from 'better-sqlite3';

export function write(db: Database.Database): void {
  db.transaction(() => db.prepare('UPDATE t SET x = 1').run())();
  db.transaction(() => db.prepare('UPDATE t SET x = 2').run()).immediate();
  db.transaction(() => db.prepare('SELECT 1').get()).deferred();
}
