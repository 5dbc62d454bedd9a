import { describe, expect, it } from 'vitest';
import { createDemoHub, type DemoChannel, type DemoClient } from '@demo-hub';
import { call, listQuery, partnerPath, type ListBody, type MetaError } from './support';

const hub = createDemoHub({ clients: 150, channels: 330 });

async function channels(params: Parameters<typeof listQuery>[0]): Promise<ListBody<DemoChannel>> {
  const answer = await call(hub, partnerPath(hub, `/channels${listQuery(params)}`));
  expect(answer.status, answer.text).toBe(200);
  return answer.json<ListBody<DemoChannel>>();
}

async function clients(params: Parameters<typeof listQuery>[0]): Promise<ListBody<DemoClient>> {
  const answer = await call(hub, partnerPath(hub, `/clients${listQuery(params)}`));
  expect(answer.status, answer.text).toBe(200);
  return answer.json<ListBody<DemoClient>>();
}

describe('list paging', () => {
  it('pages until offset + count == total, without gaps or repeats', async () => {
    const seen: string[] = [];
    let offset = 0;
    for (;;) {
      const page = await channels({ limit: 100, offset });
      expect(page.limit).toBe(100);
      expect(page.offset).toBe(offset);
      expect(page.count).toBe(page.partner_channels?.length);
      seen.push(...(page.partner_channels ?? []).map((c) => c.id));
      if (offset + page.count >= page.total) {
        expect(offset + page.count).toBe(page.total);
        break;
      }
      offset += page.count;
    }
    expect(seen).toHaveLength(330);
    expect(new Set(seen).size).toBe(330);
    expect(seen).toEqual([...seen].sort());
  });

  it('defaults to limit 1000, sort ["id"] and echoes filters; caps limit at 1000', async () => {
    const page = await channels({});
    expect(page).toMatchObject({ limit: 1000, offset: 0, sort: ['id'], filters: {}, total: 330, count: 330 });
    expect((await channels({ limit: 5000 })).limit).toBe(1000);
    const big = createDemoHub({ clients: 600, channels: 1500 });
    const capped = (await call(big, partnerPath(big, '/channels?limit=5000'))).json<ListBody<DemoChannel>>();
    expect(capped).toMatchObject({ limit: 1000, count: 1000, total: 1500 });
    expect((await channels({ offset: 9999 })).count).toBe(0);
  });

  it('sorts ascending and descending, by nested fields too, nulls last', async () => {
    const asc = (await clients({ sort: 'name' })).clients ?? [];
    const names = asc.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const desc = await channels({ sort: '-created_at' });
    expect(desc.sort).toEqual(['-created_at']);
    const dates = (desc.partner_channels ?? []).map((c) => c.created_at);
    expect(dates).toEqual([...dates].sort().reverse());
    const multi = await channels({ sort: 'status,-setup_info.phone_number' });
    expect(multi.sort).toEqual(['status', '-setup_info.phone_number']);
    const rows = multi.partner_channels ?? [];
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1] as DemoChannel, rows[i] as DemoChannel];
      expect(a.status <= b.status).toBe(true);
      if (a.status === b.status) expect(a.setup_info.phone_number >= b.setup_info.phone_number).toBe(true);
    }
    const byTerminated = (await channels({ sort: 'terminated_at' })).partner_channels ?? [];
    expect(byTerminated[0]?.terminated_at).not.toBeNull();
    expect(byTerminated.at(-1)?.terminated_at).toBeNull();
  });

  it('filters by the documented keys', async () => {
    const all = hub.state.listChannels();
    const sample = all.find((c) => c.waba_account && c.client.contact_info) as DemoChannel;
    const cases: [Record<string, unknown>, (c: DemoChannel) => boolean][] = [
      [{ id: sample.id }, (c) => c.id === sample.id],
      [{ client_id: sample.client_id }, (c) => c.client_id === sample.client_id],
      [{ status: 'ready' }, (c) => c.status === 'ready'],
      [{ account_mode: 'sandbox' }, (c) => c.account_mode === 'sandbox'],
      [{ 'setup_info.phone_number': sample.setup_info.phone_number }, (c) => c.id === sample.id],
      [{ 'waba_account.fb_account_status': 'verified' }, (c) => c.waba_account?.fb_account_status === 'verified'],
      [
        { 'client.contact_info.email': sample.client.contact_info?.email },
        (c) => c.client.contact_info?.email === sample.client.contact_info?.email,
      ],
      [{ terminated_at: null }, (c) => c.terminated_at === null],
      [{ status: ['error', 'created'] }, (c) => c.status === 'error' || c.status === 'created'],
      [{ account_mode: 'live', status: 'ready' }, (c) => c.account_mode === 'live' && c.status === 'ready'],
    ];
    for (const [filters, expected] of cases) {
      const page = await channels({ filters });
      expect(page.filters).toEqual(filters);
      expect(page.partner_channels?.map((c) => c.id).sort(), JSON.stringify(filters)).toEqual(
        all
          .filter(expected)
          .map((c) => c.id)
          .sort(),
      );
      expect(page.total).toBe(all.filter(expected).length);
    }
    const client = hub.state.listClients().find((c) => c.contact_info) as DemoClient;
    for (const filters of [{ id: client.id }, { name: client.name }, { 'contact_info.email': client.contact_info?.email }]) {
      expect((await clients({ filters })).clients?.map((c) => c.id)).toContain(client.id);
    }
    expect((await clients({ filters: { status: 'active' } })).total).toBe(150);
  });

  it('searches free text with q over names, numbers, emails and ids', async () => {
    const sample = hub.state.listChannels().find((c) => c.client.name === 'Müller & Söhne GmbH') as DemoChannel;
    expect(sample).toBeDefined();
    const byName = await channels({ filters: { q: 'müller & söhne' } });
    expect(byName.partner_channels?.map((c) => c.id)).toContain(sample.id);
    const digits = sample.setup_info.phone_number;
    const spaced = `+${digits.slice(0, 2)} ${digits.slice(2, 6)} ${digits.slice(6)}`;
    expect((await channels({ filters: { q: spaced } })).partner_channels?.map((c) => c.id)).toEqual([sample.id]);
    expect((await channels({ filters: { q: sample.id.toLowerCase() } })).partner_channels?.map((c) => c.id)).toContain(sample.id);
    expect((await channels({ filters: { q: 'no such thing anywhere' } })).total).toBe(0);
  });

  it('answers 400 with the meta envelope for bad parameters', async () => {
    const bad = [
      '/channels?filters=%7Bnot-json',
      `/channels?filters=${encodeURIComponent('{"unknown_key":1}')}`,
      `/channels?filters=${encodeURIComponent('["id"]')}`,
      `/channels?filters=${encodeURIComponent('{"status":{"$ne":"ready"}}')}`,
      `/clients?filters=${encodeURIComponent('{"q":"x"}')}`,
      '/channels?limit=-1',
      '/channels?limit=1.5',
      '/channels?limit=abc',
      '/channels?offset=-10',
      '/channels?sort=no_such_field',
    ];
    for (const path of bad) {
      const answer = await call(hub, partnerPath(hub, path));
      expect(answer.status, path).toBe(400);
      const body = answer.json<MetaError>();
      expect(body.meta).toMatchObject({ success: false, http_code: 400 });
      expect(body.meta.developer_message.length).toBeGreaterThan(5);
    }
  });
});
