import { describe, expect, it } from 'vitest';
import type { DemoChannel, DemoClient } from '@demo-hub';
import { call, listQuery, partnerPath, START_MS, testHub, type ListBody } from './support';

describe('hub.state', () => {
  it('returns copies, so a test cannot change the hub behind its back', () => {
    const { hub } = testHub();
    const ch = hub.state.listChannels()[0] as DemoChannel;
    const copy = hub.state.getChannel(ch.id) as DemoChannel;
    copy.status = 'tampered';
    copy.setup_info.phone_name = 'tampered';
    expect(hub.state.getChannel(ch.id)).toEqual(ch);
    expect(hub.state.getClient('nopeCL')).toBeUndefined();
    expect(() => hub.state.cancelChannel('nopeCH')).toThrow(/no channel/);
  });

  it('changes made "elsewhere" show in the next listing and bump modified_at', async () => {
    const { hub } = testHub();
    const ch = hub.state.listChannels().find((c) => c.terminated_at === null) as DemoChannel;
    const version = hub.state.version;
    const cancelled = hub.state.cancelChannel(ch.id);
    expect(cancelled.terminated_at).toBe('2025-07-01T12:00:00Z');
    expect(Date.parse(cancelled.modified_at)).toBeGreaterThanOrEqual(START_MS);
    expect(hub.state.version).toBeGreaterThan(version);
    const listed = (await call(hub, partnerPath(hub, `/channels${listQuery({ filters: { id: ch.id } })}`))).json<ListBody<DemoChannel>>();
    expect(listed.partner_channels?.[0]?.terminated_at).toBe('2025-07-01T12:00:00Z');
    expect(hub.state.revokeCancellation(ch.id).terminated_at).toBeNull();
    const updated = hub.state.updateChannel(ch.id, {
      current_quality_rating: 'RED',
      setup_info: { ...ch.setup_info, phone_name: 'Renamed' },
    });
    expect(updated).toMatchObject({ current_quality_rating: 'RED', setup_info: { phone_name: 'Renamed' } });
    const searched = (await call(hub, partnerPath(hub, `/channels${listQuery({ filters: { q: 'renamed' } })}`))).json<
      ListBody<DemoChannel>
    >();
    expect(searched.partner_channels?.map((c) => c.id)).toEqual([ch.id]);
  });

  it('client changes reach the channel summaries', () => {
    const { hub } = testHub();
    const client = hub.state.listClients().find((c) => hub.state.listChannels(c.id).length > 0) as DemoClient;
    hub.state.updateClient(client.id, { name: 'Neuer Name GmbH' });
    expect(hub.state.setMaxChannels(client.id, 1).max_channels).toBe(1);
    for (const ch of hub.state.listChannels(client.id)) expect(ch.client.name).toBe('Neuer Name GmbH');
  });

  it('adds and removes clients and channels, with the indexes kept right', async () => {
    const { hub } = testHub();
    const added = hub.state.addClient({ name: 'Zebra 🦓 Zoo' });
    expect(added.id).toMatch(/CL$/);
    expect(hub.state.clientCount()).toBe(121);
    const ch = hub.state.addChannel(added.id, { status: 'created', account_mode: 'sandbox' });
    expect(ch).toMatchObject({ client_id: added.id, status: 'created', client: { name: 'Zebra 🦓 Zoo' } });
    expect(ch.created_at).toBe('2025-07-01T12:00:00Z');
    expect(hub.state.listChannels(added.id).map((c) => c.id)).toEqual([ch.id]);
    const listed = (await call(hub, partnerPath(hub, `/channels${listQuery({ filters: { client_id: added.id } })}`))).json<
      ListBody<DemoChannel>
    >();
    expect(listed.total).toBe(1);
    expect(hub.state.removeChannel(ch.id)).toBe(true);
    expect(hub.state.removeChannel(ch.id)).toBe(false);
    const other = hub.state.listClients().find((c) => hub.state.listChannels(c.id).length > 1) as DemoClient;
    const before = hub.state.channelCount();
    const owned = hub.state.listChannels(other.id).length;
    expect(hub.state.removeClient(other.id)).toBe(true);
    expect(hub.state.channelCount()).toBe(before - owned);
    const page = (await call(hub, partnerPath(hub, `/channels${listQuery({ filters: { client_id: other.id } })}`))).json<
      ListBody<DemoChannel>
    >();
    expect(page.total).toBe(0);
  });

  it('exposes payment mode, key permission and the current key', async () => {
    const { hub } = testHub();
    const ch = hub.state.listChannels().find((c) => c.terminated_at === null && !!c.integration?.app_id) as DemoChannel;
    hub.state.setApiKeyPermission(ch.id, true);
    expect(hub.state.currentApiKey(ch.id)).toBeNull();
    const key = (await call(hub, partnerPath(hub, `/channels/${ch.id}/api_keys`), { method: 'POST' })).json<{ api_key: string }>().api_key;
    expect(hub.state.currentApiKey(ch.id)).toBe(key);
    hub.state.setDirectPayment(ch.client_id, true);
    expect(hub.state.isDirectPayment(ch.client_id)).toBe(true);
    expect((await call(hub, partnerPath(hub, `/clients/${ch.client_id}/info/balance`))).status).toBe(200);
    hub.state.setDirectPayment(ch.client_id, false);
    expect((await call(hub, partnerPath(hub, `/clients/${ch.client_id}/info/balance`))).status).toBe(400);
    // A removed channel's key stops working at once.
    hub.state.removeChannel(ch.id);
    expect((await call(hub, '/waba/v1/health', { anonymous: true, headers: { 'D360-API-KEY': key } })).status).toBe(401);
  });
});
