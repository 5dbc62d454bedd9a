/**
 * The Hub's meaning, end to end through a sync over HTTP: listings without `count` or `total` (or with
 * their records under another key) store everything; Meta's standing of an account becomes a state
 * that is counted and filtered and whose changes are notified; numbers written with 00, nationally or
 * with brackets are stored in E.164 beside what was sent and found however they are typed, through
 * the in-memory search and through SQL alike, never matching a company name; and a database written
 * by older rules is re-derived when it is opened, offline.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelQuery, ClientQuery, type ChannelQueryInput } from '@shared/accounts';
import { createCore } from '@core';
import { ChannelQueries } from '@core/store/channel-queries';
import { inlineSnapshotBuilder } from '@core/store/search-index-host';
import { RULES_VERSION_KEY } from '@core/sync/refresh-derived';
import { STATUS_RULES_VERSION } from '@core/sync/record-rows';
import type { ChannelPatch } from '@demo-hub/hub-state';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';

let f: SyncedFixture | undefined;
afterEach(() => {
  f?.dispose();
  f = undefined;
});

async function synced(clients: number, channels: number, seed = 5): Promise<SyncedFixture> {
  f = await startSyncedCore({ clients, channels, seed });
  return f;
}

const listed = (fx: SyncedFixture, input: ChannelQueryInput = {}) =>
  fx.core.accounts.listChannels(ChannelQuery.parse({ limit: 1000, ...input }));
const storedIds = (fx: SyncedFixture) =>
  listed(fx)
    .items.map((c) => c.id)
    .sort();
const hubIds = (fx: SyncedFixture) =>
  fx.hub.state
    .listChannels()
    .map((c) => c.id)
    .sort();

describe('listings as the published schema allows them', () => {
  it('stores everything from pages without `count`', async () => {
    const fx = await synced(120, 260);
    fx.hub.faults.set({ envelope: { omit: ['count'] }, limitCap: 50 });
    const status = await fx.core.accounts.syncNow();
    expect(status.state, status.error?.message).toBe('succeeded');
    expect(status.counts).toEqual({ clients: 120, channels: 260 });
    expect(storedIds(fx)).toEqual(hubIds(fx));
    expect(fx.core.sync.lastStats(fx.profileId)).toMatchObject({ totalStated: { clients: true, channels: true }, notes: [] });
  });

  it('stores everything from pages without `total`, reading until a short page, and says so', async () => {
    const fx = await synced(120, 260);
    fx.hub.faults.set({ envelope: { omit: ['total'] }, limitCap: 50 });
    fx.hub.stats.reset();
    const status = await fx.core.accounts.syncNow();
    expect(status.state, status.error?.message).toBe('succeeded');
    expect(status.counts).toEqual({ clients: 120, channels: 260 });
    expect(storedIds(fx)).toEqual(hubIds(fx));
    const stats = fx.core.sync.lastStats(fx.profileId);
    expect(stats).toMatchObject({ totalStated: { clients: false, channels: false }, complete: true });
    expect(stats?.notes).toEqual([
      'The Hub stated no total for the client listing; it was read page by page until a short page (120 records).',
      'The Hub stated no total for the channel listing; it was read page by page until a short page (260 records).',
    ]);
    // 260 channels in pages of 50 that overlap by one: 6 full pages and a short one, plus at most a batch past it.
    expect(fx.hub.stats.count('GET', '/api/v2/partners/:pid/channels')).toBeLessThanOrEqual(11);
  });

  it('without `count` and `total`, under `items`: still complete, so a channel gone from the Hub is marked removed', async () => {
    const fx = await synced(60, 130);
    fx.hub.faults.set({ envelope: { omit: ['count', 'total'], itemsKey: 'items' }, limitCap: 40 });
    expect((await fx.core.accounts.syncNow()).state).toBe('succeeded');
    expect(storedIds(fx)).toEqual(hubIds(fx));
    const gone = fx.hub.state.listChannels()[7]!.id;
    fx.hub.state.removeChannel(gone);
    expect((await fx.core.accounts.syncNow()).state).toBe('succeeded');
    expect(storedIds(fx)).toEqual(hubIds(fx));
    expect(listed(fx, { includeRemoved: true, search: gone }).items.map((c) => [c.id, c.removedAt !== null])).toEqual([[gone, true]]);
  });
});

describe("Meta's standing of the account", () => {
  it('is a state: counted, filtered, and notified when an account enters, moves between and leaves them', async () => {
    const fx = await synced(40, 90);
    await fx.core.accounts.syncNow();
    const live = fx.hub.state
      .listChannels()
      .find((c) => c.account_mode === 'live' && !c.terminated_at && c.waba_account?.status === 'approved')!;
    const waba = live.waba_account!;
    const setStanding = (status: string) => {
      // Every channel on the WABA carries the same account object.
      for (const channel of fx.hub.state.listChannels().filter((c) => c.waba_account?.id === waba.id)) {
        fx.hub.state.updateChannel(channel.id, { waba_account: { ...channel.waba_account!, status } });
      }
    };
    const stateOf = () => listed(fx, { search: live.id }).items[0]?.status.state;
    const notes = () =>
      fx.core.accounts
        .notifications({ limit: 100, unreadOnly: false })
        .items.filter((n) => n.channelId === live.id)
        .map((n) => n.body);

    setStanding('account_banned');
    await fx.core.accounts.syncNow();
    expect(stateOf()).toMatchObject({ id: 'banned', label: 'Banned', tone: 'negative' });
    const all = listed(fx);
    expect(all.countsByState.banned).toBeGreaterThanOrEqual(1);
    expect(listed(fx, { states: ['banned'] }).items.every((c) => c.status.state.id === 'banned')).toBe(true);
    expect(listed(fx, { states: ['banned'] }).items.map((c) => c.id)).toContain(live.id);
    expect(listed(fx, { states: ['live'] }).items.map((c) => c.id)).not.toContain(live.id);

    setStanding('account_restriction');
    await fx.core.accounts.syncNow();
    setStanding('approved');
    await fx.core.accounts.syncNow();
    expect(stateOf()?.id).toBe('live');
    const told = notes();
    expect(told.some((b) => b.includes('Channel state: Live → Banned'))).toBe(true);
    expect(told.some((b) => b.includes('Channel state: Banned → Restricted'))).toBe(true);
    expect(told.some((b) => b.includes('Channel state: Restricted → Live'))).toBe(true);
  });

  it('a version-2 sandbox channel is in sandbox whatever its status says, and changing that status tells nobody', async () => {
    const fx = await synced(30, 60);
    const client = fx.hub.state.listClients()[0]!;
    const channel = fx.hub.state.addChannel(client.id, {
      version: 2,
      account_mode: 'sandbox',
      status: 'ready',
      terminated_at: null,
      integration: { enabled: true, app_id: '555111', state: 'pending' },
    });
    await fx.core.accounts.syncNow();
    expect(listed(fx, { search: channel.id }).items[0]?.status.state.id).toBe('sandbox');
    fx.hub.state.updateChannel(channel.id, { status: 'created' });
    await fx.core.accounts.syncNow();
    expect(listed(fx, { search: channel.id }).items[0]?.status.state.id).toBe('sandbox');
    expect(fx.core.accounts.notifications({ limit: 100, unreadOnly: false }).items.filter((n) => n.channelId === channel.id)).toEqual([]);
  });
});

describe('numbers as written, found however they are typed', () => {
  /** Adds a client of `country` and one channel whose number the Hub holds as `written`. */
  function addWritten(fx: SyncedFixture, organisation: string, country: string, written: string, contactPhone = '') {
    const client = fx.hub.state.addClient({
      organisation,
      name: organisation,
      contact_info: {
        webpage_url: '',
        phone: contactPhone,
        language: 'en',
        country,
        street_name: '',
        city: '',
        email: `${organisation.replace(/\W/g, '').toLowerCase()}@example.com`,
        full_name: 'A. Person',
        zip_code: '',
      },
    });
    const channel = fx.hub.state.addChannel(client.id);
    fx.hub.state.updateChannel(channel.id, { setup_info: { ...channel.setup_info, phone_number: written } });
    return { client, channel };
  }

  it('stores E.164 beside the value as sent, and searches it the same through the index and SQL', async () => {
    const fx = await synced(30, 60, 8);
    const thuringia = addWritten(fx, 'Schäfer Logistik Jena', 'DE', '03649 2485142', '+49 30 123456');
    const mobile = addWritten(fx, 'Mobile Müller', 'DE', '00491510001037');
    const paris = addWritten(fx, 'Café Crème Paris', 'FR', '06 12 34 56 78');
    const trading = addWritten(fx, '+49 Trading GmbH', 'GB', '447400123456');
    // A channel whose record embeds its client without a country (as the reference's §8.2 example
    // does): the client's own record gives the country its national number is read in.
    const bare = addWritten(fx, 'Bare Record AG', 'DE', '030 9876543');
    const embedded = {
      client: { id: bare.client.id, name: bare.client.name, partner_payload: null, contact_info: { email: 'ops@bare.example' } },
    };
    fx.hub.state.updateChannel(bare.channel.id, embedded as unknown as ChannelPatch);
    const junk = addWritten(fx, 'Junk Numbers Ltd', 'GB', 'tbd (ask Jörg)');
    expect((await fx.core.accounts.syncNow()).state).toBe('succeeded');

    const item = (id: string) => listed(fx, { search: id }).items[0];
    expect(item(thuringia.channel.id)).toMatchObject({ phoneNumber: '03649 2485142', phoneE164: '+4936492485142' });
    expect(item(mobile.channel.id)).toMatchObject({ phoneNumber: '00491510001037', phoneE164: '+491510001037' });
    expect(item(paris.channel.id)).toMatchObject({ phoneNumber: '06 12 34 56 78', phoneE164: '+33612345678' });
    expect(item(bare.channel.id)).toMatchObject({ phoneNumber: '030 9876543', phoneE164: '+49309876543' });
    expect(item(junk.channel.id)).toMatchObject({ phoneNumber: 'tbd (ask Jörg)', phoneE164: null });

    const sql = new ChannelQueries(fx.core.db);
    const indexed = new ChannelQueries(fx.core.db, { searchIndex: inlineSnapshotBuilder(fx.core.db) });
    await indexed.searchIndex!.ready(fx.profileId);
    const ids = (search: string) => {
      const viaIndex = indexed
        .list(fx.profileId, ChannelQuery.parse({ search, limit: 1000 }))
        .items.map((c) => c.id)
        .sort();
      const viaSql = sql
        .list(fx.profileId, ChannelQuery.parse({ search, limit: 1000 }))
        .items.map((c) => c.id)
        .sort();
      expect(viaIndex, `"${search}": index and SQL agree`).toEqual(viaSql);
      return viaIndex;
    };
    for (const typed of [
      '+49 3649 2485142',
      '0049 3649 2485142',
      '03649 2485142',
      '3649 2485142',
      '(0) 3649',
      '2485142',
      '+49 (0)3649 2485142',
    ]) {
      expect(ids(typed), typed).toEqual([thuringia.channel.id]);
    }
    for (const typed of ['+49 151 0001037', '0151 0001037', '1510001037']) expect(ids(typed), typed).toEqual([mobile.channel.id]);
    for (const typed of ['06 12 34 56 78', '+33 6 12 34 56 78', '0033612345678']) expect(ids(typed), typed).toEqual([paris.channel.id]);
    expect(ids('030 9876543')).toEqual([bare.channel.id]);
    // "+49" finds every German number and no company named "+49 …"; every number it finds is German.
    const german = ids('+49');
    expect(german).toEqual(expect.arrayContaining([thuringia.channel.id, mobile.channel.id, bare.channel.id]));
    expect(german).not.toContain(trading.channel.id);
    expect(listed(fx, { search: '+49' }).items.every((c) => c.phoneE164?.startsWith('+49'))).toBe(true);
    // Words still find the company ("+49" then matches as text or as a German number), and text that
    // is no number finds the value as sent.
    const mixed = listed(fx, { search: '+49 trading' }).items;
    expect(ids('+49 trading')).toContain(trading.channel.id);
    expect(
      mixed.every((c) => /trading/i.test(c.companyName ?? '') && (c.companyName?.includes('+49') || c.phoneE164?.startsWith('+49'))),
    ).toBe(true);
    expect(ids('tbd')).toEqual([junk.channel.id]);

    // Sorting by number sorts by E.164 (a value that is no number by its text).
    const byNumber = listed(fx, { sort: 'phone' })
      .items.filter((c) => c.phoneE164 !== null)
      .map((c) => c.phoneE164!);
    expect(byNumber).toEqual([...byNumber].sort());

    // Clients are found by their contact number, written any way.
    const clients = (search: string) => fx.core.accounts.listClients(ClientQuery.parse({ search, limit: 1000 })).items.map((c) => c.id);
    expect(clients('030 123456')).toEqual([thuringia.client.id]);
    expect(clients('+49 30 123456')).toEqual([thuringia.client.id]);
    // ...and the client shows it as the cards show numbers (its contact phone, in the client's country).
    expect(fx.core.accounts.listClients(ClientQuery.parse({ search: '030 123456' })).items[0]).toMatchObject({
      phoneNumber: '+49 30 123456',
      phoneE164: '+4930123456',
      country: 'DE',
    });
    expect(fx.core.accounts.listClients(ClientQuery.parse({ search: 'Junk Numbers' })).items[0]).toMatchObject({
      phoneNumber: null,
      phoneE164: null,
    });
  });
});

describe('a database written by older rules', () => {
  it('is re-derived when opened, offline: states, numbers and search, without a sync and without rewriting on the next one', async () => {
    const fx = await synced(40, 120, 9);
    await fx.core.accounts.syncNow();
    const before = listed(fx);
    expect(before.countsByState.banned ?? 0).toBeGreaterThan(0);
    const someNumber = before.items.find((c) => c.phoneE164 !== null)!;
    const dataDir = fx.dataDir;
    const hubUrl = fx.hubUrl;
    // What version 1 of the rules stored: no standing states, digits only, no numbers column.
    const db = new Database(`${dataDir}/partner-desk.sqlite`);
    db.exec(`
      UPDATE channels SET phone_e164 = NULL, phone_number = replace(phone_number, ' ', '');
      UPDATE channel_search SET numbers = '', state = 'live' WHERE state IN ('banned', 'restricted', 'violation');
      UPDATE clients SET numbers = '';
    `);
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(String(STATUS_RULES_VERSION - 1), RULES_VERSION_KEY);
    fx.core.close();
    db.close();

    // Opened again: before any sync, the stored rows already say what the new rules say.
    const core = await createCore({ dataDir, secrets: fx.secrets, runMode: 'web', appVersion: 'test', hubUrl });
    try {
      await core.derived; // in the background for the app and web mode (a CLI process waits for it)
      const after = core.accounts.listChannels(ChannelQuery.parse({ limit: 1000 }));
      expect(after.countsByState).toEqual(before.countsByState);
      expect(after.items.find((c) => c.id === someNumber.id)?.phoneE164).toBe(someNumber.phoneE164);
      expect(core.accounts.listChannels(ChannelQuery.parse({ search: someNumber.phoneE164!, limit: 10 })).items.map((c) => c.id)).toContain(
        someNumber.id,
      );
      const version = core.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(RULES_VERSION_KEY);
      expect(version).toBe(String(STATUS_RULES_VERSION));
      // The rows were rebuilt as a sync builds them: the next sync finds nothing to write.
      expect((await core.accounts.syncNow()).state).toBe('succeeded');
      expect(core.sync.lastStats(core.accounts.activeProfileId()!)).toMatchObject({
        channels: { inserted: 0, updated: 0 },
        clients: { inserted: 0, updated: 0 },
      });
    } finally {
      core.close();
    }
  });

  it('leaves rows alone when the rules are current, and a re-sync of an unchanged Hub writes nothing', async () => {
    const fx = await synced(40, 120, 9);
    await fx.core.accounts.syncNow();
    await fx.core.accounts.syncNow();
    expect(fx.core.sync.lastStats(fx.profileId)).toMatchObject({
      channels: { inserted: 0, updated: 0 },
      clients: { inserted: 0, updated: 0 },
    });
  });
});
