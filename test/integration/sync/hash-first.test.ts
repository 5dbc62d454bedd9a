/**
 * Hash first: a record whose raw JSON is what was stored is not validated or derived while the
 * listing arrives; the write still rewrites it when it must (its client was renamed, or another writer
 * changed the stored row after the listing began), working from the raw text; and every stored row is
 * the same as when every record is prepared in full.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartnerApi, apiKeyAuth, listAll } from '@core/api';
import { NotificationStore } from '@core/store/notification-store';
import { QuarantineStore } from '@core/store/quarantine-store';
import { RecordTableWriter } from '@core/store/record-tables';
import { type PreparedChannel, type PreparedClient, RecordPreparer, type KnownHashes } from '@core/sync/record-preparer';
import { CHANNEL_COLUMNS, CLIENT_COLUMNS, rawHashOf } from '@core/sync/record-rows';
import { writeListings } from '@core/sync/write-listing';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';

let f: SyncedFixture;
beforeAll(async () => {
  f = await startSyncedCore({ clients: 30, channels: 90, seed: 21 });
  await f.core.accounts.syncNow();
});
afterAll(() => f.dispose());

function storedRows(): unknown[] {
  return f.core.db
    .prepare(
      `SELECT c.id, c.client_id, c.company_name, c.display_name, c.display_sort, c.phone_number, c.email, c.state, c.status_fingerprint, c.hash, c.raw,
              s.search_text, s.company_sort, s.state AS search_state
       FROM channels c JOIN channel_search s ON s.rid = c.rid WHERE c.profile_id = ? ORDER BY c.id`,
    )
    .all(f.profileId);
}

function known(): KnownHashes {
  const hashes = (table: 'clients' | 'channels') =>
    f.core.db.prepare(`SELECT id, hash FROM ${table} WHERE profile_id = ?`).raw().all(f.profileId) as Array<[string, string]>;
  return { clients: new Map(hashes('clients')), channels: new Map(hashes('channels').map(([id, hash]) => [id, rawHashOf(hash)])) };
}

async function listings(preparer: RecordPreparer) {
  const api = createPartnerApi({ baseUrl: f.hubUrl, partnerId: f.hub.partnerId, fetch, auth: apiKeyAuth(f.hub.apiKey) });
  const prepare = (list: 'clients' | 'channels') => async (q: { offset: number; limit: number }) => {
    const page = list === 'clients' ? await api.listClientsPage(q) : await api.listChannelsPage(q);
    return {
      ...page,
      items: page.items.map((item, i) =>
        list === 'clients' ? preparer.client(item, page.itemTexts?.[i]) : preparer.channel(item, page.itemTexts?.[i]),
      ),
    };
  };
  const [clients, channels] = await Promise.all([
    listAll(prepare('clients'), { pageSize: 20 }),
    listAll(prepare('channels'), { pageSize: 20 }),
  ]);
  return { clients, channels };
}

function write(preparer: RecordPreparer, lists: Awaited<ReturnType<typeof listings>>) {
  const db = f.core.db;
  return writeListings(
    {
      db,
      clients: new RecordTableWriter(db, 'clients', CLIENT_COLUMNS),
      channels: new RecordTableWriter(db, 'channels', CHANNEL_COLUMNS),
      notifications: new NotificationStore(db),
      quarantine: new QuarantineStore(db),
    },
    f.profileId,
    lists.clients,
    lists.channels,
    { syncedAt: new Date().toISOString(), preparer },
  );
}

describe('hash first', () => {
  it('prepares in full only the records that changed, keeping the text the server sent', async () => {
    const channel = f.hub.state.listChannels()[4]!;
    f.hub.state.updateChannel(channel.id, { status: 'verified' });
    const preparer = new RecordPreparer(known());
    const lists = await listings(preparer);
    const { clients, channels } = lists;
    const prepared = channels.items as PreparedChannel[];
    expect(prepared.filter((p) => p.own !== undefined).map((p) => p.id)).toEqual([channel.id]);
    expect((clients.items as PreparedClient[]).every((p) => p.row === undefined)).toBe(true);
    expect(JSON.parse(prepared.find((p) => p.id === channel.id)!.raw)).toEqual(
      JSON.parse(JSON.stringify(f.hub.state.getChannel(channel.id))),
    );
    expect(write(preparer, lists).channels).toMatchObject({ updated: 1, unchanged: channels.items.length - 1 });
  });

  it('rewrites from the raw text what the listing left unprepared when the stored row changed meanwhile', async () => {
    const before = storedRows();
    const snapshot = known(); // what the listing compares against: the rows as they are now
    const target = f.hub.state.listChannels()[7]!;
    // Another writer changes the stored row after the listing began (its hash no longer matches).
    f.core.db
      .prepare("UPDATE channels SET hash = 'changed-meanwhile', company_name = 'Stale' WHERE profile_id = ? AND id = ?")
      .run(f.profileId, target.id);
    const preparer = new RecordPreparer(snapshot);
    const lists = await listings(preparer);
    expect((lists.channels.items as PreparedChannel[]).find((p) => p.id === target.id)!.own).toBeUndefined();
    const result = write(preparer, lists);
    expect(result.channels.updated).toBe(1);
    expect(storedRows()).toEqual(before);
  });

  it('rewrites the channels of a renamed client, though their own records did not change', async () => {
    const client = f.hub.state.listClients().find((c) => f.hub.state.listChannels(c.id).length >= 2)!;
    f.hub.state.updateClient(client.id, { organisation: 'Renamed Holding AG' });
    const preparer = new RecordPreparer(known());
    const lists = await listings(preparer);
    const result = write(preparer, lists);
    expect(result.clients.updated).toBe(1);
    expect(result.channels.updated).toBe(f.hub.state.listChannels(client.id).length);
    const names = f.core.db
      .prepare('SELECT DISTINCT company_name FROM channels WHERE profile_id = ? AND client_id = ?')
      .pluck()
      .all(f.profileId, client.id);
    expect(names).toEqual(['Renamed Holding AG']);
  });

  it('stores exactly what a preparer without any stored hashes (everything prepared in full) stores', async () => {
    const lazy = storedRows();
    f.core.db.prepare("UPDATE channels SET hash = 'x' WHERE profile_id = ?").run(f.profileId);
    f.core.db.prepare("UPDATE clients SET hash = 'x' WHERE profile_id = ?").run(f.profileId);
    const preparer = new RecordPreparer();
    const result = write(preparer, await listings(preparer));
    expect(result.channels.updated).toBe(f.hub.state.listChannels().length);
    expect(storedRows()).toEqual(lazy);
  });
});
