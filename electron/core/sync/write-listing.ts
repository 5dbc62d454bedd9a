/**
 * The write phase of a sync: both complete listings land in one transaction (so an interrupted
 * or failed sync changes nothing), unchanged records are skipped by content hash, records missing
 * from a complete listing are marked removed, bad records are quarantined with the reason, and
 * status changes become notifications.
 */
import type Database from 'better-sqlite3';
import type { NewNotification, NotificationStore } from '../store/notification-store';
import type { QuarantinedRecord, QuarantineStore } from '../store/quarantine-store';
import type { RecordTableWriter, WriteCounts } from '../store/record-tables';
import { bulkChannelWrite } from '../store/channel-generations';
import { newChannelNotification, previousStatusIfChanged, removedChannelNotification, statusChangeNotification } from './notify-changes';
import { RecordPreparer } from './record-preparer';
import { channelHash, completeChannelRow, type ClientSummary } from './record-rows';

export interface Listing {
  items: unknown[];
  complete: boolean;
}

export interface ResourceCounts extends WriteCounts {
  quarantined: number;
}

export interface WriteResult {
  clients: ResourceCounts;
  channels: ResourceCounts;
  notifications: number;
}

export interface WriteDeps {
  db: Database.Database;
  clients: RecordTableWriter;
  channels: RecordTableWriter;
  notifications: NotificationStore;
  quarantine: QuarantineStore;
  /** The offline outbox's say in what a listing may overwrite (see outbox/sync-guard.ts). */
  guard?: ListingGuard;
}

/** Lets queued user actions keep their records: a sync never undoes what an action just did. */
export interface ListingGuard {
  /** Ids whose stored record this listing must leave alone (an action on it is in flight or took effect after `listedSince`). */
  protectedIds(profileId: string, resource: 'clients' | 'channels', listedSince: string): ReadonlySet<string>;
  /** Inside the write transaction, after both listings: open actions the server's state made moot become conflicts. */
  afterWrite(profileId: string): void;
}

const zero = (): ResourceCounts => ({ inserted: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 });

function quarantined(resource: QuarantinedRecord['resource'], recordId: string | null, raw: string, reason: string): QuarantinedRecord {
  return { resource, recordId, raw: raw.slice(0, 100_000), reason };
}

export interface WriteOptions {
  syncedAt: string;
  /** When the listing started: actions that took effect after it are newer than what it shows. */
  listedSince?: string;
  /** Per-record work already done while the pages arrived. */
  preparer?: RecordPreparer;
  /** Runs last inside the transaction (the run row's final state commits with the data). */
  beforeCommit?: (result: WriteResult) => void;
}

export function writeListings(deps: WriteDeps, profileId: string, clients: Listing, channels: Listing, options: WriteOptions): WriteResult {
  const { syncedAt, listedSince = options.syncedAt, preparer = new RecordPreparer() } = options;
  // The channel rows' generation is bumped once for the whole write, not by a trigger per row.
  const channelsChanged = (r: WriteResult) => r.channels.inserted + r.channels.updated + r.channels.removed > 0;
  // IMMEDIATE: the write lock up front, waiting within the busy timeout. A deferred transaction reads
  // first and is refused at once ("database is locked") when it then wants to write while another
  // process holds the lock.
  return deps.db
    .transaction(() => {
      const result = bulkChannelWrite(
        deps.db,
        profileId,
        () => writeBoth(deps, profileId, clients, channels, { syncedAt, listedSince, preparer }),
        channelsChanged,
      );
      deps.guard?.afterWrite(profileId);
      options.beforeCommit?.(result);
      return result;
    })
    .immediate();
}

function writeBoth(
  deps: WriteDeps,
  profileId: string,
  clients: Listing,
  channels: Listing,
  options: { syncedAt: string; listedSince: string; preparer: RecordPreparer },
): WriteResult {
  const { syncedAt, listedSince, preparer } = options;
  const keepClients = deps.guard?.protectedIds(profileId, 'clients', listedSince) ?? new Set<string>();
  const keepChannels = deps.guard?.protectedIds(profileId, 'channels', listedSince) ?? new Set<string>();
  const result: WriteResult = { clients: zero(), channels: zero(), notifications: 0 };
  const notify = (n: NewNotification) => {
    deps.notifications.add(profileId, syncedAt, n);
    result.notifications += 1;
  };

  // Clients first: channels take their company name from them. A record whose content hash is
  // unchanged is skipped: it passed validation when it was stored and nothing about it changed.
  const storedClients = deps.clients.hashes(profileId);
  const summaries = new Map<string, ClientSummary>();
  const seenClients = new Set<string>();
  const badClients: QuarantinedRecord[] = [];
  for (const item of clients.items) {
    const prepared = preparer.client(item);
    const stored = prepared.id === null ? undefined : storedClients.get(prepared.id);
    if (
      prepared.id !== null &&
      prepared.summary &&
      ((stored && stored.hash === prepared.hash && !stored.removed) || keepClients.has(prepared.id))
    ) {
      seenClients.add(prepared.id);
      summaries.set(prepared.id, prepared.summary);
      result.clients.unchanged += 1;
      continue;
    }
    const row = preparer.clientRow(prepared);
    if (!row.ok) {
      const bad = quarantined('clients', prepared.id, prepared.raw, row.reason);
      if (bad.recordId) seenClients.add(bad.recordId); // listed, so not removed: its last good version stays
      badClients.push(bad);
      continue;
    }
    seenClients.add(row.value.id);
    if (prepared.summary) summaries.set(row.value.id, prepared.summary);
    result.clients[deps.clients.write(profileId, row.value, stored, syncedAt)] += 1;
  }
  if (clients.complete) result.clients.removed = deps.clients.markMissingRemoved(profileId, seenClients, storedClients, syncedAt).length;
  result.clients.quarantined = badClients.length;
  deps.quarantine.replace(profileId, 'clients', badClients, syncedAt);

  const storedChannels = deps.channels.hashes(profileId);
  const firstSync = storedChannels.size === 0;
  const seenChannels = new Set<string>();
  const badChannels: QuarantinedRecord[] = [];
  for (const item of channels.items) {
    const prepared = preparer.channel(item);
    const client = prepared.clientId === null ? undefined : summaries.get(prepared.clientId);
    const hash = channelHash(prepared.rawHash, client);
    const stored = prepared.id === null ? undefined : storedChannels.get(prepared.id);
    if (prepared.id !== null && ((stored && stored.hash === hash && !stored.removed) || keepChannels.has(prepared.id))) {
      seenChannels.add(prepared.id);
      result.channels.unchanged += 1;
      continue;
    }
    const own = preparer.channelOwn(prepared);
    if (!own.ok) {
      const bad = quarantined('channels', prepared.id, prepared.raw, own.reason);
      if (bad.recordId) seenChannels.add(bad.recordId);
      badChannels.push(bad);
      continue;
    }
    const { id, derived } = own.value;
    seenChannels.add(id);
    const row = completeChannelRow(own.value, prepared.raw, hash, client);
    const before = previousStatusIfChanged(deps.channels, stored, derived);
    const outcome = deps.channels.write(profileId, row, stored, syncedAt);
    result.channels[outcome] += 1;
    const text = (value: string | number | null | undefined) => (typeof value === 'string' ? value : null);
    const who = {
      id,
      clientId: prepared.clientId,
      companyName: text(row.columns.company_name),
      phoneNumber: text(row.columns.phone_e164) ?? text(row.columns.phone_number),
    };
    if (outcome === 'inserted' && !firstSync) notify(newChannelNotification(who, derived));
    if (before) {
      const notification = statusChangeNotification(who, before, derived);
      if (notification) notify(notification);
    }
  }
  if (channels.complete) {
    const removed = deps.channels.markMissingRemoved(profileId, seenChannels, storedChannels, syncedAt);
    result.channels.removed = removed.length;
    for (const id of removed)
      notify(
        removedChannelNotification(deps.channels.summary(profileId, id) ?? { id, clientId: null, companyName: null, phoneNumber: null }),
      );
  }
  result.channels.quarantined = badChannels.length;
  deps.quarantine.replace(profileId, 'channels', badChannels, syncedAt);
  return result;
}
