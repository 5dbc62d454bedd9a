/**
 * Rebuilds what the rules derive from each stored record (the indexed status columns, the phone
 * numbers in E.164, the search texts and numbers, the channel hashes) when the rules changed since
 * the database was last brought up to date. The cards derive their status from the raw record when
 * read, but the state filter, the counts, search and the export read the stored columns: without this,
 * a new version of the app would count a banned account as live, or not find a number written "0049 …",
 * until the next sync, and on a train that may be days.
 *
 * Runs once per rules version, from the raw JSON already stored (no network), in small transactions
 * with the event loop free between them (about 9 s for 75,000 records on a loaded 2-core machine, never one long block). Each
 * batch is a pure function of the raw records it reads, so a sync writing meanwhile, another process
 * doing the same, or a crash half-way (the next start does it again) leave nothing inconsistent.
 */
import type Database from 'better-sqlite3';
import type { Logger } from '../log';
import { parseJsonOr } from '../store/json-column';
import type { RecordTableWriter } from '../store/record-tables';
import {
  channelHash,
  channelOwn,
  clientRow,
  clientSummary,
  completeChannelRow,
  rawHashOf,
  STATUS_RULES_VERSION,
  type ClientSummary,
} from './record-rows';

export const RULES_VERSION_KEY = 'derived_rules_version';

/** Rows per transaction: some tens of milliseconds of work, so the main thread is never held for long. */
const BATCH = 500;

interface StoredRecord {
  rid: number;
  profile_id: string;
  id: string;
  client_id?: string | null;
  raw: string;
  hash: string;
}

function storedVersion(db: Database.Database): number {
  const value: unknown = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(RULES_VERSION_KEY);
  const version = typeof value === 'string' ? Number(value) : 0;
  return Number.isInteger(version) ? version : 0;
}

/** Whether the stored derived columns were written by older rules. An older app sharing the folder never rewrites a newer one's rows. */
export function derivedIsStale(db: Database.Database): boolean {
  return storedVersion(db) < STATUS_RULES_VERSION;
}

/** Waits for another writer: 120 x 250 ms after the 5 s busy timeout each, ~10 minutes in all. */
const BUSY_WAIT_MS = 250;
const MAX_BUSY_WAITS = 120;

function isBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'SQLITE_BUSY';
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Processes a table in rowid order, `BATCH` rows per immediate transaction, yielding between batches.
 * A statement cannot be iterated while the same connection writes, hence the keyset pages.
 */
async function eachBatch(db: Database.Database, select: string, handle: (record: StoredRecord) => void): Promise<number> {
  const page = db.prepare(`${select} WHERE rid > ? ORDER BY rid LIMIT ${BATCH}`);
  let done = 0;
  for (let after = 0, busy = 0; ;) {
    // Read and rewritten in one transaction, so no other writer's change falls in between.
    let rows: StoredRecord[];
    try {
      rows = db
        .transaction(() => {
          const batch = page.all(after) as StoredRecord[];
          for (const row of batch) handle(row);
          return batch;
        })
        .immediate();
    } catch (error) {
      // A sync's write transaction (another thread or process) can hold the lock longer than the
      // busy timeout: wait for it rather than give up half-way.
      if (!isBusy(error) || ++busy > MAX_BUSY_WAITS) throw error;
      await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS));
      continue;
    }
    if (rows.length === 0) return done;
    done += rows.length;
    after = (rows.at(-1) as StoredRecord).rid;
    await nextTurn();
  }
}

/** Brings the stored derived columns up to the current rules; returns what it rewrote, or null when they were current. */
export async function refreshDerived(
  db: Database.Database,
  writers: { clients: RecordTableWriter; channels: RecordTableWriter },
  log?: Logger,
): Promise<{ clients: number; channels: number; ms: number } | null> {
  if (!derivedIsStale(db)) return null;
  const started = performance.now();
  const summaries = new Map<string, ClientSummary>();
  const clients = await eachBatch(db, 'SELECT rid, profile_id, id, raw, hash FROM clients', (record) => {
    const client = parseJsonOr(record.raw, null);
    const summary = clientSummary(client, record.id);
    summaries.set(`${record.profile_id}\u0000${record.id}`, summary);
    writers.clients.rewriteDerived(record.rid, clientRow(record.id, client, record.raw, record.hash, summary));
  });
  const channels = await eachBatch(db, 'SELECT rid, profile_id, id, client_id, raw, hash FROM channels', (record) => {
    const summary = record.client_id ? summaries.get(`${record.profile_id}\u0000${record.client_id}`) : undefined;
    const own = channelOwn(record.id, parseJsonOr(record.raw, null));
    writers.channels.rewriteDerived(record.rid, completeChannelRow(own, record.raw, channelHash(rawHashOf(record.hash), summary), summary));
  });
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    RULES_VERSION_KEY,
    String(STATUS_RULES_VERSION),
  );
  const ms = Math.round(performance.now() - started);
  log?.info('stored records re-derived for new rules', { rulesVersion: STATUS_RULES_VERSION, clients, channels, ms });
  return { clients, channels, ms };
}
