/**
 * Whole listings against the simulated hub's list faults: a server that caps `limit`, records that
 * come and go mid-listing, an unreadable page, records with wrong types, and an empty account.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAll } from '@core/api/paginate';
import { parseChannel, parseClient } from '@core/api/schemas';
import type { PartnerApi } from '@core/api/partner-api';
import { startHub, type HubFixture } from './hub-fixture';

let fx: HubFixture;
let api: PartnerApi;

beforeAll(async () => {
  fx = await startHub({ clients: 60, channels: 200 });
  api = fx.api();
});
afterAll(() => fx.close());
beforeEach(() => {
  fx.hub.faults.reset();
  fx.hub.stats.reset();
});

const idsOf = (items: unknown[]) => items.map((i) => (i as { id: string }).id).sort();
const hubChannelIds = () =>
  fx.hub.state
    .listChannels()
    .map((c) => c.id)
    .sort();
const channelPages = () => fx.count('GET', '/partners/:pid/channels');

describe('listAll over the Partner API', () => {
  it('reads every channel in pages, with the requests counted by the hub', async () => {
    const progress: number[] = [];
    const result = await listAll((p) => api.listChannelsPage(p), { pageSize: 50, onProgress: (p) => progress.push(p.fetched) });
    expect(result.complete).toBe(true);
    expect(result.total).toBe(200);
    expect(idsOf(result.items)).toEqual(hubChannelIds());
    expect(result.requests).toBe(channelPages());
    expect(result.requests).toBe(5); // 50 + 4 x 49 new per page (each page overlaps the last by one)
    expect(progress.at(-1)).toBeGreaterThanOrEqual(200);
  });

  it('does not trust the requested limit: a server capping at 37 still yields everything', async () => {
    fx.hub.faults.set({ limitCap: 37 });
    const result = await listAll((p) => api.listChannelsPage(p), { pageSize: 1000, concurrency: 3 });
    expect(result.complete).toBe(true);
    expect(idsOf(result.items)).toEqual(hubChannelIds());
    expect(result.requests).toBe(6); // 37 first, then 36 new per page
  });

  it('restarts when records are added mid-listing and returns the current, complete set', async () => {
    fx.hub.faults.set({ totalDrift: { count: 2, path: '/channels', insert: 1 } });
    const result = await listAll((p) => api.listChannelsPage(p), { pageSize: 40, concurrency: 2 });
    expect(result.complete).toBe(true);
    expect(result.total).toBe(202);
    expect(idsOf(result.items)).toEqual(hubChannelIds());
    expect(fx.hub.stats.faults.get('totalDrift')).toBe(2);
  });

  it('restarts when already-read records are removed (later pages shift back)', async () => {
    fx.hub.faults.set({ totalDrift: { count: 2, path: '/channels', insert: 0, remove: 1 } });
    const result = await listAll((p) => api.listChannelsPage(p), { pageSize: 40, concurrency: 1 });
    expect(result.complete).toBe(true);
    expect(idsOf(result.items)).toEqual(hubChannelIds());
    expect(result.total).toBe(fx.hub.state.channelCount());
  });

  it('catches a shift even when total stays the same (one removed, one added)', async () => {
    fx.hub.faults.set({ totalDrift: { count: 2, path: '/channels', insert: 1, remove: 1 } });
    const result = await listAll((p) => api.listChannelsPage(p), { pageSize: 40, concurrency: 1 });
    expect(result.complete).toBe(true);
    expect(idsOf(result.items)).toEqual(hubChannelIds());
  });

  it('returns the union marked incomplete when the listing never holds still', async () => {
    fx.hub.faults.set({ totalDrift: { count: 1000, path: '/channels', insert: 1 } });
    const before = new Set(hubChannelIds());
    const result = await listAll((p) => api.listChannelsPage(p), { pageSize: 50, concurrency: 2 });
    expect(result.complete).toBe(false);
    const got = new Set(idsOf(result.items));
    expect(got.size).toBe(result.items.length);
    for (const id of before) expect(got.has(id)).toBe(true); // nothing that existed is missing
  });

  it('an unreadable page fails the listing with bad_response', async () => {
    fx.hub.faults.set({ malformedJson: { count: 1, pathRegex: '/channels$' } });
    await expect(listAll((p) => api.listChannelsPage(p), { pageSize: 50 })).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('a page whose envelope has the wrong types fails the listing with bad_response', async () => {
    const broken = async () => new Response(JSON.stringify({ count: '5', total: 5, partner_channels: [] }), { status: 200 });
    const bad = fx.api({ fetch: broken as typeof fetch });
    const error = await bad.listChannelsPage({ offset: 0, limit: 5 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad_response', message: expect.stringContaining('count: expected a number') });
    const noItems = fx.api({ fetch: (async () => new Response('{"count":0,"total":0}', { status: 200 })) as typeof fetch });
    await expect(noItems.listChannelsPage({ offset: 0, limit: 5 })).rejects.toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining('partner_channels'),
    });
  });

  it('records with wrong types still arrive; parseChannel says what is wrong with them', async () => {
    // One page holding everything, so the record without id is not read again by an overlapping page.
    fx.hub.faults.set({ wrongTypes: { count: 1, path: '/channels', mode: 'both' } });
    const result = await listAll((p) => api.listChannelsPage(p), { pageSize: 1000 });
    expect(result).toMatchObject({ complete: true, requests: 1, total: fx.hub.state.channelCount() });
    expect(result.items.length).toBe(result.total);
    const failures = result.items.map(parseChannel).filter((r) => !r.ok);
    expect(failures).toHaveLength(2);
    const reasons = failures.map((f) => (f.ok ? '' : f.reason));
    expect(reasons.some((r) => r.includes('setup_info: expected an object, got the number 42'))).toBe(true);
    expect(reasons.some((r) => r.includes('id is missing'))).toBe(true);
  });

  it('a record that lost its id is taken from the overlapping page that still has it', async () => {
    fx.hub.faults.set({ wrongTypes: { count: 1, path: '/channels', mode: 'missing' } });
    const result = await listAll((p) => api.listChannelsPage(p), { pageSize: 50, concurrency: 1 });
    expect(result.complete).toBe(true);
    expect(result.requests).toBeLessThan(10); // no restarts for a record that cannot be compared
    expect(result.items.map(parseChannel).every((r) => r.ok)).toBe(true);
  });

  it('clients page the same way and parse cleanly', async () => {
    const result = await listAll((p) => api.listClientsPage(p), { pageSize: 25 });
    expect(result).toMatchObject({ complete: true, total: 60 });
    expect(result.items.map(parseClient).every((r) => r.ok)).toBe(true);
  });

  it('templates of a WABA page through their own endpoint', async () => {
    const waba = fx.hub.state.listChannels().find((c) => c.waba_account)?.waba_account?.id;
    if (!waba) throw new Error('no waba');
    const result = await listAll((p) => api.listTemplatesPage(waba, p), { pageSize: 5 });
    expect(result.complete).toBe(true);
    expect(result.items.length).toBe(result.total);
    expect(result.total).toBeGreaterThan(0);
  });
});

describe('an empty account', () => {
  it('lists zero records with one request', async () => {
    const empty = await startHub({ clients: 0, channels: 0 });
    try {
      const result = await listAll((p) => empty.api().listChannelsPage(p));
      expect(result).toEqual({ items: [], total: 0, totalStated: true, complete: true, requests: 1 });
    } finally {
      await empty.close();
    }
  });
});
