/**
 * Rebuilds what the rules derive from each stored record (the indexed status columns, the phone
 * numbers in E.164, the search texts and numbers, the channel hashes) when the rules changed since
 * the database was last brought up to date. The cards derive their status from the raw record when
 * read, but the state filter, the counts, search and the export read the stored columns: without this,
 * a new version of the app would count a banned account as live, or not find a number written "0049 …",
 * until the next sync, and on a train that may be days. Runs once per rules version, in one
 * transaction, from the raw JSON already stored (no network); about a second for 50,000 channels.
 */
import type Database from 'better-sqlite3';
import type { Logger } from '../log';
import { parseJsonOr } from '../store/json-column';
import type { RecordTableWriter } from '../store/record-tables';
import { channelHash, channelOwn, clientRow, clientSummary, completeChannelRow, rawHashOf, STATUS_RULES_VERSION, type ClientSummary } from './record-rows';

export const RULES_VERSION_KEY = 'derived_rules_version';

interface StoredRecord {
  rid: number;
  profile_id: string;
  id: string;
  client_id?: string | null;
  raw: string;
  hash: string;
}

/** Rows in batches by rowid (a statement cannot be iterated while the same connection writes). */
function* batches(db: Database.Database, sql: string): Generator<StoredRecord> {
  const statement = db.prepare(`${sql} WHERE rid > ? ORDER BY rid LIMIT 1000`);
  for (let after = 0; ; ) {
    const rows = statement.all(after) as StoredRecord[];
    if (rows.length === 0) return;
    yield* rows;
    after = (rows.at(-1) as StoredRecord).rid;
  }
}

function storedVersion(db: Database.Database): number {
  const value: unknown = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(RULES_VERSION_KEY);
  const version = typeof value === 'string' ? Number(value) : 0;
  return Number.isInteger(version) ? version : 0;
}

/** Brings the stored derived columns up to the current rules; returns what it rewrote, or null when they were current. */
export function refreshDerived(
  db: Database.Database,
  writers: { clients: RecordTableWriter; channels: RecordTableWriter },
  log?: Logger,
): { clients: number; channels: number; ms: number } | null {
  // An older app sharing the folder never rewrites rows a newer one derived (`<`, not `!==`).
  if (storedVersion(db) >= STATUS_RULES_VERSION) return null;
  const started = performance.now();
  const result = db
    .transaction(() => {
      // Checked again inside the (immediate) transaction: another process may have just done it.
      if (storedVersion(db) >= STATUS_RULES_VERSION) return null;
      const summaries = new Map<string, ClientSummary>();
      let clients = 0;
      for (const record of batches(db, 'SELECT rid, profile_id, id, raw, hash FROM clients')) {
        const client = parseJsonOr(record.raw, null);
        const summary = clientSummary(client, record.id);
        summaries.set(`${record.profile_id}\u0000${record.id}`, summary);
        writers.clients.rewriteDerived(record.rid, clientRow(record.id, client, record.raw, record.hash, summary));
        clients += 1;
      }
      let channels = 0;
      for (const record of batches(db, 'SELECT rid, profile_id, id, client_id, raw, hash FROM channels')) {
        const channel = parseJsonOr(record.raw, null);
        const summary = record.client_id ? summaries.get(`${record.profile_id}\u0000${record.client_id}`) : undefined;
        const own = channelOwn(record.id, channel);
        writers.channels.rewriteDerived(record.rid, completeChannelRow(own, record.raw, channelHash(rawHashOf(record.hash), summary), summary));
        channels += 1;
      }
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(RULES_VERSION_KEY, String(STATUS_RULES_VERSION));
      return { clients, channels };
    })
    .immediate();
  if (!result) return null;
  const ms = Math.round(performance.now() - started);
  log?.info('stored records re-derived for new rules', { rulesVersion: STATUS_RULES_VERSION, ...result, ms });
  return { ...result, ms };
}
