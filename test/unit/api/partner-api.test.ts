/**
 * Partner API details that need a hand-made server answer: both API-key response forms, 429s
 * without Retry-After (the endpoint's documented window), an HTTP-date Retry-After, the exact URL
 * and body sent, and how a 401 is renewed.
 */
import { describe, expect, it } from 'vitest';
import type { AuthProvider } from '@core/api/auth';
import { createPartnerApi, type PartnerApiOptions } from '@core/api/partner-api';
import { fakeClock, fakeFetch, jsonResponse, type FakeCall } from './test-doubles';

const BASE = 'https://hub.example/api/v2/';
const key: AuthProvider = { headers: async () => ({ 'X-API-Key': 'k-123456' }) };

function apiWith(answer: (call: FakeCall, index: number) => Response, extra: Partial<PartnerApiOptions> = {}) {
  const clock = fakeClock();
  const fake = fakeFetch(answer);
  const api = createPartnerApi({
    baseUrl: BASE,
    partnerId: 'abcPA',
    fetch: fake.fetch,
    auth: key,
    now: clock.now,
    sleep: clock.sleep,
    ...extra,
  });
  return { api, calls: fake.calls, clock };
}

const envelope = (items: unknown[], total = items.length) => ({
  count: items.length,
  total,
  offset: 0,
  limit: 1000,
  filters: {},
  sort: ['id'],
  partner_channels: items,
});

describe('generateApiKey', () => {
  const flat = { id: 201126, address: 'https://waba-v2.360dialog.io', api_key: 'fake-channel-key-for-tests-0001', app_id: '104148' };

  it('accepts the flat form (201), posting {} to the partner-scoped path', async () => {
    const { api, calls } = apiWith(() => jsonResponse(201, flat));
    expect(await api.generateApiKey('ch1CH')).toMatchObject({
      id: '201126',
      address: flat.address,
      api_key: flat.api_key,
      app_id: '104148',
    });
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.url.href).toBe('https://hub.example/api/v2/partners/abcPA/channels/ch1CH/api_keys');
    expect(calls[0]?.body).toBe('{}');
    expect(calls[0]?.headers.get('x-api-key')).toBe('k-123456');
  });

  it('accepts the wrapped {api_keys: [...]} form with any 2xx', async () => {
    const { api } = apiWith(() => jsonResponse(200, { api_keys: [{ ...flat, address: 'https://waba.360dialog.io' }] }));
    expect(await api.generateApiKey('ch1CH')).toMatchObject({ api_key: flat.api_key, address: 'https://waba.360dialog.io' });
  });

  it('an answer without a key is a bad_response', async () => {
    const { api } = apiWith(() => jsonResponse(201, { ok: true }));
    await expect(api.generateApiKey('ch1CH')).rejects.toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining('no api_key'),
    });
  });

  it('is not resent after a 502', async () => {
    const { api, calls } = apiWith(() => new Response('<html>bad gateway</html>', { status: 502 }));
    await expect(api.generateApiKey('ch1CH')).rejects.toMatchObject({ code: 'server_error', status: 502 });
    expect(calls).toHaveLength(1);
  });
});

describe('429 without Retry-After waits for the documented window of the endpoint class', () => {
  const limitedOnce = (ok: () => Response) => (_: FakeCall, i: number) =>
    i === 0 ? jsonResponse(429, { meta: { developer_message: 'slow down' } }) : ok();

  it('templates: 60 s', async () => {
    const { api, clock, calls } = apiWith(limitedOnce(() => jsonResponse(200, { count: 0, total: 0, waba_templates: [] })));
    await api.listTemplatesPage('DWLgd6WA', { offset: 0, limit: 10 });
    expect(clock.sleeps).toEqual([60_000]);
    expect(calls[1]?.url.pathname).toBe('/api/v2/partners/abcPA/waba_accounts/DWLgd6WA/waba_templates');
  });

  it('client balance: 30 s, with the dates sent as UNIX seconds', async () => {
    const { api, clock, calls } = apiWith(limitedOnce(() => jsonResponse(200, { balance: null, currency: 'eur', usage: [] })));
    const balance = await api.getClientBalance('cCL', {
      startDate: new Date('2023-10-01T00:00:00Z'),
      endDate: 1698796799,
      granularity: 'month',
    });
    expect(balance).toMatchObject({ balance: null, currency: 'eur' });
    expect(clock.sleeps).toEqual([30_000]);
    expect(Object.fromEntries(calls[1]!.url.searchParams)).toEqual({
      start_date: '1696118400',
      end_date: '1698796799',
      granularity: 'month',
    });
  });

  it('api keys: 30 s', async () => {
    const { api, clock } = apiWith(limitedOnce(() => jsonResponse(201, { address: 'https://waba-v2.360dialog.io', api_key: 'abcdefgh' })));
    await api.generateApiKey('ch1CH');
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('other endpoints: the configured fallback; an HTTP-date Retry-After counts from the injected clock', async () => {
    const { api, clock } = apiWith(
      limitedOnce(() => jsonResponse(200, { id: 'abcPA' })),
      { retry: { rateLimitFallbackMs: 4000 } },
    );
    await api.getPartner();
    expect(clock.sleeps).toEqual([4000]);

    const dated = apiWith((_, i) =>
      i === 0
        ? jsonResponse(429, {}, { 'retry-after': new Date(fakeClock().now() + 9000).toUTCString() })
        : jsonResponse(200, { id: 'abcPA' }),
    );
    await dated.api.getPartner();
    expect(dated.clock.sleeps).toEqual([9000]);
  });

  it('rejects a millisecond timestamp passed as UNIX seconds, without a request', async () => {
    const { api, calls } = apiWith(() => jsonResponse(200, {}));
    await expect(api.getClientBalance('cCL', { startDate: Date.now(), endDate: Date.now(), granularity: 'month' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(calls).toHaveLength(0);
  });
});

describe('requests as sent', () => {
  it('encodes filters as JSON and sort as a string; finds single records by id and checks the id', async () => {
    const { api, calls } = apiWith(() =>
      jsonResponse(
        200,
        envelope([
          { id: 'otherCH', client_id: 'xCL' },
          { id: 'ch1CH', client_id: 'xCL' },
        ]),
      ),
    );
    await api.listChannelsPage({
      offset: 20,
      limit: 10,
      filters: { 'waba_account.id': 'DWLgd6WA', status: ['ready', 'verified'] },
      sort: '-modified_at',
    });
    const params = calls[0]!.url.searchParams;
    expect(JSON.parse(params.get('filters')!)).toEqual({ 'waba_account.id': 'DWLgd6WA', status: ['ready', 'verified'] });
    expect(params.get('sort')).toBe('-modified_at');
    expect(params.get('offset')).toBe('20');
    expect(params.get('limit')).toBe('10');
    expect(calls[0]!.url.search).toContain('filters=%7B%22waba_account.id%22');

    // The server ignored the filter and sent two records: the matching one is picked, not the first.
    expect(await api.getChannel('ch1CH')).toMatchObject({ id: 'ch1CH' });
    expect(JSON.parse(calls[1]!.url.searchParams.get('filters')!)).toEqual({ id: 'ch1CH' });
  });

  it('a single record that fails validation is a bad_response naming the field', async () => {
    const { api } = apiWith(() => jsonResponse(200, envelope([{ id: 'ch1CH', client_id: 'xCL', setup_info: 'x' }])));
    await expect(api.getChannel('ch1CH')).rejects.toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining('setup_info: expected an object'),
    });
  });

  it('PATCH sends only the keys being changed', async () => {
    const { api, calls } = apiWith(() => jsonResponse(200, { id: 'cCL', max_channels: 4 }));
    await api.updateClient('cCL', { max_channels: 4 });
    expect(calls[0]?.method).toBe('PATCH');
    expect(JSON.parse(calls[0]!.body!)).toEqual({ max_channels: 4 });
  });

  it('cancellation posts {"enabled": true} to the client-scoped path; an unexpected success body is still a success', async () => {
    const { api, calls } = apiWith(() => jsonResponse(200, { message: 'ok' }));
    expect(await api.requestCancellation('cCL', 'ch1CH')).toBeNull();
    expect(calls[0]?.url.pathname).toBe('/api/v2/partners/abcPA/clients/cCL/channels/ch1CH/control/cancellation_request');
    expect(JSON.parse(calls[0]!.body!)).toEqual({ enabled: true });
  });
});

describe('401 renewal', () => {
  it('renews once, resends once (even a POST), and passes the refused headers to the provider', async () => {
    let token = 'old';
    const rejectedSeen: (Record<string, string> | undefined)[] = [];
    const auth: AuthProvider = {
      headers: async () => ({ Authorization: `Bearer ${token}` }),
      renewAfterUnauthorized: async (_signal, rejected) => {
        rejectedSeen.push(rejected);
        token = 'new';
        return true;
      },
    };
    const { api, calls } = apiWith(
      (call) => (call.headers.get('authorization') === 'Bearer new' ? jsonResponse(200, { id: 'c' }) : jsonResponse(401, {})),
      { auth },
    );
    await api.requestCancellation('cCL', 'ch1CH');
    expect(calls.map((c) => c.headers.get('authorization'))).toEqual(['Bearer old', 'Bearer new']);
    expect(rejectedSeen).toEqual([{ Authorization: 'Bearer old' }]);

    const always401 = apiWith(() => jsonResponse(401, { meta: { developer_message: 'Token expired' } }), { auth });
    await expect(always401.api.getPartner()).rejects.toMatchObject({ code: 'unauthorized', serverMessage: 'Token expired' });
    expect(always401.calls).toHaveLength(2);
  });
});
