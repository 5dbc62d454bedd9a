/** Searching the local copy: folded text (umlauts, case), phone numbers as typed, ids, filters, sort. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelQuery, ClientQuery } from '@shared/accounts';
import { foldForSearch, sortKeyOf } from '@shared/search-text';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';

let f: SyncedFixture;
beforeAll(async () => {
  f = await startSyncedCore({ clients: 80, channels: 200, seed: 3 });
  await f.core.accounts.syncNow();
});
afterAll(() => f.dispose());

const search = (input: Partial<ChannelQuery>) => f.core.accounts.listChannels(ChannelQuery.parse({ limit: 1000, ...input }));

describe('channel search and filters', () => {
  it('finds a client by a fragment of its name with umlauts, typed with or without them, in any case', () => {
    const umlautClient = f.hub.state.listClients().find((c) => /[äöüÄÖÜß]/.test(c.organisation || c.name))!;
    expect(umlautClient).toBeDefined();
    const name = umlautClient.organisation || umlautClient.name;
    const fragment = name.slice(name.search(/[äöüÄÖÜß]/) - 1, name.search(/[äöüÄÖÜß]/) + 3);
    const expected = f.hub.state
      .listChannels(umlautClient.id)
      .map((c) => c.id)
      .sort();
    for (const typed of [fragment, fragment.toUpperCase(), foldForSearch(fragment)]) {
      const ids = search({ search: typed })
        .items.filter((c) => c.clientId === umlautClient.id)
        .map((c) => c.id)
        .sort();
      expect(ids, `searching "${typed}"`).toEqual(expected);
    }
  });

  it('finds a channel by its number typed the way people write numbers', () => {
    const channel = f.hub.state.listChannels().find((c) => /^[1-9]\d{8,}$/.test(c.setup_info?.phone_number ?? ''))!;
    const digits = channel.setup_info!.phone_number!;
    const typed = `+${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5)}`;
    expect(search({ search: typed }).items.map((c) => c.id)).toContain(channel.id);
    expect(search({ search: digits.slice(-6) }).items.map((c) => c.id)).toContain(channel.id);
  });

  it('finds by channel id, client id and email; requires every term', () => {
    const channel = f.hub.state.listChannels()[17]!;
    expect(search({ search: channel.id }).items.map((c) => c.id)).toEqual([channel.id]);
    expect(search({ search: channel.client_id.toLowerCase() }).items.every((c) => c.clientId === channel.client_id)).toBe(true);
    expect(search({ search: `${channel.id} zzzz-no-such-term` }).total).toBe(0);
  });

  it('filters by state and action required, and counts per state ignore the state filter', () => {
    const all = search({});
    const live = search({ states: ['live'] });
    expect(live.total).toBe(all.countsByState.live ?? 0);
    expect(live.items.every((c) => c.status.state.id === 'live')).toBe(true);
    expect(live.countsByState).toEqual(all.countsByState);
    const needsAction = search({ actionRequired: true });
    expect(needsAction.total).toBeGreaterThan(0);
    expect(needsAction.items.every((c) => c.status.actionRequired !== null)).toBe(true);
    expect(needsAction.total + search({ actionRequired: false }).total).toBe(all.total);
  });

  it('filters by activation status labels and by client', () => {
    const verified = search({ metaBusinessVerification: ['Verified'] });
    expect(verified.total).toBeGreaterThan(0);
    expect(verified.items.every((c) => c.status.metaBusinessVerification.label === 'Verified')).toBe(true);
    const clientId = f.hub.state.listChannels()[0]!.client_id;
    expect(
      search({ clientId })
        .items.map((c) => c.id)
        .sort(),
    ).toEqual(
      f.hub.state
        .listChannels(clientId)
        .map((c) => c.id)
        .sort(),
    );
  });

  it('sorts and pages deterministically', () => {
    // Sorted by the folded name, so accents, case and leading quotes do not scatter clients across the list.
    const byCompany = search({ sort: 'company' }).items.map((c) => Buffer.from(sortKeyOf(c.companyName ?? '')));
    expect(byCompany).toEqual([...byCompany].sort(Buffer.compare));
    const desc = search({ sort: 'state', direction: 'desc' }).items.map((c) => c.status.state.order);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const first = search({ limit: 50, offset: 0 }).items.map((c) => c.id);
    const second = search({ limit: 50, offset: 50 }).items.map((c) => c.id);
    expect(new Set([...first, ...second]).size).toBe(100);
    expect([...first, ...second]).toEqual(search({ limit: 100 }).items.map((c) => c.id));
  });

  it('searches clients and counts their channels', () => {
    const client = f.hub.state.listClients()[4]!;
    const page = f.core.accounts.listClients(ClientQuery.parse({ search: client.id }));
    expect(page.items).toEqual([expect.objectContaining({ id: client.id, channelCount: f.hub.state.listChannels(client.id).length })]);
  });
});
