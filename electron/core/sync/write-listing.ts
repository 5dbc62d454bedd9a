/**
 * The write phase of a sync: both complete listings land in one transaction (so an interrupted
 * or failed sync changes nothing), unchanged records are skipped by content hash, records missing
 * from a complete listing are marked removed, bad records are quarantined with the reason, and
 * status changes become notifications.
 */
import type Database from 'better-sqlite3';
import { parseChannel, parseClient } from '../api/schemas';
import type { NewNotification, NotificationStore } from '../store/notification-store';
import type { QuarantinedRecord, QuarantineStore } from '../store/quarantine-store';
import type { RecordTableWriter, WriteCounts } from '../store/record-tables';
import { newChannelNotification, parseStoredDerivation, removedChannelNotification, statusChangeNotification } from './notify-changes';
import { channelRow, clientRow, clientSummary, type ClientSummary } from './record-rows';

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
}

const zero = (): ResourceCounts => ({ inserted: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 });

function rawText(item: unknown): string {
  return JSON.stringify(item) ?? 'null';
}

function quarantined(resource: QuarantinedRecord['resource'], item: unknown, reason: string): QuarantinedRecord {
  const id = typeof item === 'object' && item !== null && 'id' in item ? (item as { id: unknown }).id : null;
  return { resource, recordId: typeof id === 'string' || typeof id === 'number' ? String(id) : null, raw: rawText(item).slice(0, 100_000), reason };
}

export function writeListings(deps: WriteDeps, profileId: string, clients: Listing, channels: Listing, syncedAt: string): WriteResult {
  return deps.db.transaction(() => {
    const result: WriteResult = { clients: zero(), channels: zero(), notifications: 0 };
    const notify = (n: NewNotification) => {
      deps.notifications.add(profileId, syncedAt, n);
      result.notifications += 1;
    };

    // Clients first: channels take their company name from them.
    const storedClients = deps.clients.hashes(profileId);
    const summaries = new Map<string, ClientSummary>();
    const seenClients = new Set<string>();
    const badClients: QuarantinedRecord[] = [];
    for (const item of clients.items) {
      const parsed = parseClient(item);
      if (!parsed.ok) {
        const bad = quarantined('clients', item, parsed.reason);
        if (bad.recordId) seenClients.add(bad.recordId); // listed, so not removed: its last good version stays
        badClients.push(bad);
        continue;
      }
      const id = parsed.value.id;
      seenClients.add(id);
      summaries.set(id, clientSummary(parsed.value, id));
      result.clients[deps.clients.write(profileId, clientRow(id, parsed.value, rawText(item)), storedClients.get(id), syncedAt)] += 1;
    }
    if (clients.complete) result.clients.removed = deps.clients.markMissingRemoved(profileId, seenClients, storedClients, syncedAt).length;
    result.clients.quarantined = badClients.length;
    deps.quarantine.replace(profileId, 'clients', badClients, syncedAt);

    const storedChannels = deps.channels.hashes(profileId);
    const firstSync = storedChannels.size === 0;
    const seenChannels = new Set<string>();
    const badChannels: QuarantinedRecord[] = [];
    for (const item of channels.items) {
      const parsed = parseChannel(item);
      if (!parsed.ok) {
        const bad = quarantined('channels', item, parsed.reason);
        if (bad.recordId) seenChannels.add(bad.recordId);
        badChannels.push(bad);
        continue;
      }
      const id = parsed.value.id;
      seenChannels.add(id);
      const stored = storedChannels.get(id);
      const { row, derived } = channelRow(id, parsed.value, rawText(item), summaries.get(parsed.value.client_id));
      // Read the previous derivation before the write replaces it.
      const statusChanged = stored !== undefined && !stored.removed && stored.fingerprint !== derived.fingerprint;
      const before = statusChanged ? parseStoredDerivation(deps.channels.derivedByRid(stored.rid)) : null;
      const outcome = deps.channels.write(profileId, row, stored, syncedAt);
      result.channels[outcome] += 1;
      const who = { id, clientId: parsed.value.client_id, companyName: typeof row.columns.company_name === 'string' ? row.columns.company_name : null };
      if (outcome === 'inserted' && !firstSync) notify(newChannelNotification(who, derived));
      if (before) {
        const notification = statusChangeNotification(who, before, derived);
        if (notification) notify(notification);
      }
    }
    if (channels.complete) {
      const removed = deps.channels.markMissingRemoved(profileId, seenChannels, storedChannels, syncedAt);
      result.channels.removed = removed.length;
      for (const id of removed) notify(removedChannelNotification(deps.channels.summary(profileId, id) ?? { id, clientId: null, companyName: null, phoneNumber: null }));
    }
    result.channels.quarantined = badChannels.length;
    deps.quarantine.replace(profileId, 'channels', badChannels, syncedAt);
    return result;
  })();
}
