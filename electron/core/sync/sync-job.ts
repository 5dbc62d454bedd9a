/**
 * One sync of one profile, start to finish, on a connection of its own: read the complete client
 * and channel listings (both side by side, the rest of the pages four at a time, each record hashed
 * and, if it changed, prepared as its page arrives), then write both in one IMMEDIATE transaction
 * that also records the run's outcome, so a sync is either entirely there and marked succeeded, or
 * not there at all. It runs in a worker thread (sync-worker.ts): the parsing, hashing and the write
 * never touch the thread that answers the window. While it lists, it renews its run's heartbeat, so
 * other processes know it is alive.
 */
import type Database from 'better-sqlite3';
import { AppError, isAppError } from '@shared/errors';
import { listAll, type ListAllProgress, type ListAllResult, type PartnerApi } from '../api';
import type { Logger } from '../log';
import { ACTION_HANDLERS } from '../outbox/actions';
import { LocalRecords } from '../outbox/local-records';
import { OutboxStore } from '../outbox/outbox-store';
import { createSyncGuard } from '../outbox/sync-guard';
import { BookQueries } from '../store/book-queries';
import { NotificationStore } from '../store/notification-store';
import { QuarantineStore } from '../store/quarantine-store';
import { RecordTableWriter, type StoredHash } from '../store/record-tables';
import { buildSearchSnapshot, type SearchSnapshot } from '../store/search-snapshot';
import { SYNC_HEARTBEAT_MS, SyncRunStore, type SyncStats } from '../store/sync-run-store';
import { RecordPreparer, type KnownHashes } from './record-preparer';
import { CHANNEL_COLUMNS, CLIENT_COLUMNS, rawHashOf } from './record-rows';
import { writeListings, type WriteResult } from './write-listing';

export interface SyncJobRequest {
  profileId: string;
  /** The run row the engine started for this sync (its lease). */
  runId: number;
  /** When the run started (ms): actions that took effect later are newer than the listing. */
  startedAt: number;
  pageSize: number;
  concurrency: number;
}

/** `total`: null while the listing states none (it is then read until a short page). */
export type SyncJobProgress = { phase: 'clients' | 'channels'; fetched: number; total: number | null } | { phase: 'writing' };

export type SyncJobStatus = 'succeeded' | 'failed' | 'offline' | 'cancelled';

export interface SyncJobOutcome {
  status: SyncJobStatus;
  error: { code: string; message: string } | null;
  stats: SyncStats | null;
  /** Notifications the write added (status changes, new and removed channels). */
  notifications: number;
  /** Queued actions the write found moot or done (they moved to conflict or done). */
  actionsChecked: number;
  /** Whether any channel row changed (copies of the search table are then stale). */
  channelsChanged: boolean;
}

export interface SyncJobContext {
  db: Database.Database;
  api: PartnerApi;
  log: Logger;
  signal?: AbortSignal;
  onProgress(progress: SyncJobProgress): void;
  /**
   * A fresh copy of the search table (default order), read inside the write transaction just before
   * it commits, for the thread that answers queries: it arrives there before the commit can be seen,
   * so no query between the commit and the sync's result falls back to SQL.
   */
  onSnapshot?(snapshot: SearchSnapshot): void;
  now?: () => number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function runSyncJob(request: SyncJobRequest, context: SyncJobContext): Promise<SyncJobOutcome> {
  const { db, api, log, signal } = context;
  const now = context.now ?? Date.now;
  const runs = new SyncRunStore(db);
  const writers = {
    clients: new RecordTableWriter(db, 'clients', CLIENT_COLUMNS),
    channels: new RecordTableWriter(db, 'channels', CHANNEL_COLUMNS),
  };
  const notifications = new NotificationStore(db);
  // The outbox's say in what the listing may overwrite, checked inside the write transaction; the
  // engine announces what it moved once the transaction has committed.
  const guard = createSyncGuard({
    store: new OutboxStore(db, now),
    records: new LocalRecords(db, writers, (profileId, at, notification) => notifications.add(profileId, at, notification)),
    handlers: ACTION_HANDLERS,
    onChecked: () => undefined,
  });
  const heartbeat = setInterval(() => {
    try {
      runs.heartbeat(request.runId, now());
    } catch (error) {
      log.debug('sync heartbeat skipped', { error: error instanceof Error ? error.message : String(error) });
    }
  }, SYNC_HEARTBEAT_MS);

  const started = now();
  try {
    const pageOptions = { pageSize: request.pageSize, concurrency: request.concurrency, ...(signal ? { signal } : {}) };
    // Without a stated total the progress has no end to show: the total stays unknown.
    const track = (phase: 'clients' | 'channels') => (p: ListAllProgress) =>
      context.onProgress({
        phase,
        fetched: p.totalStated ? Math.min(p.fetched, p.total) : p.fetched,
        total: p.totalStated ? p.total : null,
      });
    const preparer = new RecordPreparer(knownHashes(writers, request.profileId)); // per-record work while later pages are in flight
    const [clients, channels] = await Promise.all([
      listAll(
        preparer.clientPages((q) => api.listClientsPage(q)),
        { ...pageOptions, onProgress: track('clients') },
      ),
      listAll(
        preparer.channelPages((q) => api.listChannelsPage(q)),
        { ...pageOptions, onProgress: track('channels') },
      ),
    ]);
    signal?.throwIfAborted();
    context.onProgress({ phase: 'writing' });
    clearInterval(heartbeat);
    runs.heartbeat(request.runId, now());
    const listed = now();
    const notes = listingNotes({ clients, channels });
    // Filled inside the transaction (a holder: TypeScript does not follow assignments in a callback).
    const end: { stats: SyncStats | null; channelsChanged: boolean; snapshotMs: number; countMs: number } = {
      stats: null,
      channelsChanged: false,
      snapshotMs: 0,
      countMs: 0,
    };
    const written = writeListings(
      { db, ...writers, notifications, quarantine: new QuarantineStore(db), guard },
      request.profileId,
      clients,
      channels,
      {
        syncedAt: iso(listed),
        listedSince: iso(request.startedAt),
        preparer,
        beforeCommit: (result) => {
          const wrote = now();
          // The search copy for main, read inside the transaction (its generation is final: nobody else
          // can write meanwhile) with the data at hand in the page cache, and sent before the commit.
          end.channelsChanged = result.channels.inserted + result.channels.updated + result.channels.removed > 0;
          if (end.channelsChanged && context.onSnapshot) context.onSnapshot(buildSearchSnapshot(db, request.profileId));
          end.snapshotMs = now() - wrote;
          // The day's counts for the Overview's trend, committed with the data they describe. Never
          // worth a sync: a failure here is logged and the sync commits without its day.
          const counted = now();
          try {
            new BookQueries(db).recordDay(request.profileId, iso(counted));
          } catch (error) {
            log.warn("the day's counts were not recorded", { error: error instanceof Error ? error.message : String(error) });
          }
          end.countMs = now() - counted;
          end.stats = {
            ...result,
            requests: clients.requests + channels.requests,
            complete: clients.complete && channels.complete,
            listMs: listed - started,
            writeMs: wrote - listed,
            totalStated: { clients: clients.totalStated, channels: channels.totalStated },
            notes,
          };
          runs.finish(request.runId, iso(now()), 'succeeded', end.stats);
        },
      },
    );
    log.info('sync succeeded', {
      profileId: request.profileId,
      ms: now() - started,
      listMs: listed - started,
      writeMs: end.stats?.writeMs,
      snapshotMs: end.snapshotMs,
      countMs: end.countMs,
      ...summary(written),
      ...(notes.length > 0 ? { notes } : {}),
    });
    return {
      status: 'succeeded',
      error: null,
      stats: end.stats,
      notifications: written.notifications,
      actionsChecked: guard.drain(request.profileId),
      channelsChanged: end.channelsChanged,
    };
  } catch (error) {
    const { status, info } = classify(error, signal);
    try {
      runs.finish(request.runId, iso(now()), status, null, info);
    } catch (finishError) {
      log.error('could not record the end of a sync', { error: finishError instanceof Error ? finishError.message : String(finishError) });
    }
    log.warn('sync did not complete', { profileId: request.profileId, status, code: info.code, message: info.message });
    return { status, error: info, stats: null, notifications: 0, actionsChecked: 0, channelsChanged: false };
  } finally {
    clearInterval(heartbeat);
  }
}

/** What is stored now, so the listing prepares only records that changed (the write checks again). */
function knownHashes(writers: { clients: RecordTableWriter; channels: RecordTableWriter }, profileId: string): KnownHashes {
  const current = (stored: Map<string, StoredHash>, hashOf: (hash: string) => string) => {
    const known = new Map<string, string>();
    for (const [id, entry] of stored) if (!entry.removed) known.set(id, hashOf(entry.hash));
    return known;
  };
  return {
    clients: current(writers.clients.hashes(profileId), (h) => h),
    channels: current(writers.channels.hashes(profileId), rawHashOf),
  };
}

/** Says which listings came without a stated total, and so were read until a short page. */
function listingNotes(listings: Record<'clients' | 'channels', ListAllResult>): string[] {
  const notes: string[] = [];
  for (const which of ['clients', 'channels'] as const) {
    const listing = listings[which];
    if (!listing.totalStated) {
      notes.push(
        `The Hub stated no total for the ${which === 'clients' ? 'client' : 'channel'} listing; it was read page by page until a short page (${listing.items.length} records).`,
      );
    }
  }
  return notes;
}

function summary(result: WriteResult): Record<string, number> {
  return {
    clientsWritten: result.clients.inserted + result.clients.updated,
    channelsWritten: result.channels.inserted + result.channels.updated,
    quarantined: result.clients.quarantined + result.channels.quarantined,
    notifications: result.notifications,
  };
}

export function classify(
  error: unknown,
  signal: AbortSignal | undefined,
): { status: Exclude<SyncJobStatus, 'succeeded'>; info: { code: string; message: string } } {
  if (signal?.aborted)
    return { status: 'cancelled', info: { code: 'cancelled', message: 'The sync was cancelled; the previous data is unchanged.' } };
  if (isAppError(error)) {
    const info = { code: error.code, message: `${error.message} The previous data is unchanged.` };
    return { status: error.code === 'offline' ? 'offline' : 'failed', info };
  }
  const wrapped = new AppError(
    'internal',
    `The sync failed unexpectedly (${error instanceof Error ? error.message : String(error)}). The previous data is unchanged.`,
  );
  return { status: 'failed', info: wrapped.toInfo() };
}
