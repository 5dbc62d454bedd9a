import { describe, expect, it } from 'vitest';
import type { ChannelPage } from '@shared/accounts';
import {
  activeFilterCount,
  channelQueryKey,
  clearFilters,
  createChannelList,
  DEFAULT_CHANNEL_FILTERS,
  toChannelQuery,
  toggleValue,
} from '../../../../renderer/src/state/channel-list';
import { fakeApi, flush } from '../fake-api';
import { channel } from './samples';

describe('channel list filters', () => {
  it('become a contract query: trimmed search, sorted states, optional client and action filter', () => {
    const query = toChannelQuery(
      {
        ...DEFAULT_CHANNEL_FILTERS,
        search: '  müller ',
        states: ['live', 'draft', 'live'],
        client: { id: 'c1', name: 'Acme' },
        actionRequired: true,
      },
      200,
      100,
    );
    expect(query).toEqual({
      search: 'müller',
      states: ['draft', 'live'],
      messageOnBehalf: [],
      metaBusinessVerification: [],
      numberRegistration: [],
      clientId: 'c1',
      actionRequired: true,
      actions: [],
      qualityRating: [],
      messagingLimit: [],
      sort: 'company',
      direction: 'asc',
      offset: 200,
      limit: 100,
    });
    expect(toChannelQuery(DEFAULT_CHANNEL_FILTERS, 0, 1)).not.toHaveProperty('clientId');
    expect(toChannelQuery(DEFAULT_CHANNEL_FILTERS, 0, 1)).not.toHaveProperty('actionRequired');
  });

  it('share a cache key when they ask the same question', () => {
    const a = channelQueryKey({ ...DEFAULT_CHANNEL_FILTERS, states: ['live', 'draft'], search: 'acme ' });
    const b = channelQueryKey({ ...DEFAULT_CHANNEL_FILTERS, states: ['draft', 'live'], search: 'acme' });
    expect(a).toBe(b);
    // The client's name is for the chip; only its id asks main anything.
    expect(channelQueryKey({ ...DEFAULT_CHANNEL_FILTERS, client: { id: 'c1', name: 'A' } })).toBe(
      channelQueryKey({ ...DEFAULT_CHANNEL_FILTERS, client: { id: 'c1', name: 'B' } }),
    );
    expect(channelQueryKey({ ...DEFAULT_CHANNEL_FILTERS, direction: 'desc' })).not.toBe(channelQueryKey(DEFAULT_CHANNEL_FILTERS));
  });

  it('count the narrowing filters and clear them, keeping search and sort', () => {
    const filters = {
      ...DEFAULT_CHANNEL_FILTERS,
      search: 'x',
      sort: 'state' as const,
      states: ['live' as const],
      numberRegistration: ['Registered'],
      client: { id: 'c1', name: 'A' },
      actionRequired: true,
    };
    expect(activeFilterCount(filters)).toBe(4);
    expect(clearFilters(filters)).toEqual({ ...DEFAULT_CHANNEL_FILTERS, search: 'x', sort: 'state' });
    expect(toggleValue(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggleValue(['a'], 'b')).toEqual(['a', 'b']);
  });

  it('reads windows through channels.list and keeps the counts per state', async () => {
    const fake = fakeApi();
    fake.answer('channels.list', (input) => {
      const page: ChannelPage = { total: 2, offset: input.offset ?? 0, items: [channel('a'), channel('b')], countsByState: { live: 2 } };
      return { ok: true, value: page };
    });
    const list = createChannelList(fake.api, 50);
    list.getState().load();
    await flush();
    expect(fake.callsTo('channels.list')[0]).toMatchObject({ offset: 0, limit: 50, search: '', sort: 'company' });
    expect(list.getState().shown).toMatchObject({ total: 2, extra: { live: 2 } });
  });
});
