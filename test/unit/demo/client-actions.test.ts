import { describe, expect, it } from 'vitest';
import type { DemoClient } from '@demo-hub';
import { call, partnerPath, START_MS, testHub, type MetaError } from './support';

function clientWithChannel(hub: ReturnType<typeof testHub>['hub']): DemoClient {
  const found = hub.state.listClients().find((c) => hub.state.listChannels(c.id).length > 0);
  if (!found) throw new Error('no client with channels');
  return found;
}

describe('PATCH client', () => {
  it('updates max_channels and partner_payload, bumps modified_at and updates channel summaries', async () => {
    const { hub } = testHub();
    const client = clientWithChannel(hub);
    const answer = await call(hub, partnerPath(hub, `/clients/${client.id}`), {
      method: 'PATCH',
      body: { max_channels: 7, partner_payload: '007-crm' },
    });
    expect(answer.status).toBe(200);
    const updated = answer.json<DemoClient>();
    expect(updated).toMatchObject({ id: client.id, max_channels: 7, partner_payload: '007-crm', name: client.name });
    expect(Date.parse(updated.modified_at)).toBeGreaterThan(Date.parse(client.modified_at));
    expect(Date.parse(updated.modified_at)).toBeGreaterThanOrEqual(START_MS);
    expect(hub.state.getClient(client.id)?.max_channels).toBe(7);
    for (const ch of hub.state.listChannels(client.id)) expect(ch.client.partner_payload).toBe('007-crm');
    const listed = await call(hub, partnerPath(hub, `/clients?filters=${encodeURIComponent(JSON.stringify({ id: client.id }))}`));
    expect(listed.json<{ clients: DemoClient[] }>().clients[0]?.max_channels).toBe(7);
  });

  it('treats null as "unchanged", like the .NET client sends', async () => {
    const { hub } = testHub();
    const client = clientWithChannel(hub);
    const answer = await call(hub, partnerPath(hub, `/clients/${client.id}`), {
      method: 'PATCH',
      body: { max_channels: 4, partner_payload: null },
    });
    expect(answer.json<DemoClient>()).toMatchObject({ max_channels: 4, partner_payload: client.partner_payload });
  });

  it('refuses wrong types with 400 "Wrong payload" and leaves the client alone', async () => {
    const { hub } = testHub();
    const client = clientWithChannel(hub);
    const before = hub.state.version;
    for (const body of [{ max_channels: 'many' }, { max_channels: 0 }, { max_channels: 2.5 }, { partner_payload: 5 }, [], 'x', '{broken']) {
      const answer = await call(hub, partnerPath(hub, `/clients/${client.id}`), { method: 'PATCH', body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json<MetaError>().meta.developer_message).toMatch(/^Wrong payload/);
    }
    expect(hub.state.version).toBe(before);
    expect(hub.state.getClient(client.id)).toEqual(client);
  });

  it('answers 404 for an unknown client', async () => {
    const { hub } = testHub();
    const answer = await call(hub, partnerPath(hub, '/clients/nopenopeCL'), { method: 'PATCH', body: { max_channels: 3 } });
    expect(answer.status).toBe(404);
    expect(answer.json<MetaError>().meta.http_code).toBe(404);
  });
});

describe('client balance', () => {
  const range = `start_date=${Date.UTC(2025, 0, 15) / 1000}&end_date=${Date.UTC(2025, 3, 2) / 1000}&granularity=month`;

  it('returns monthly usage with per-category fields for direct-payment clients', async () => {
    const { hub } = testHub();
    const direct = hub.state.listClients().find((c) => hub.state.isDirectPayment(c.id)) as DemoClient;
    const answer = await call(hub, partnerPath(hub, `/clients/${direct.id}/info/balance?${range}`));
    expect(answer.status, answer.text).toBe(200);
    const body = answer.json<{ usage: Record<string, unknown>[]; currency: string; granularity: string; last_renewal: unknown }>();
    expect(body).toMatchObject({
      currency: 'usd',
      granularity: 'month',
      last_renewal: { date: expect.any(String), amount: expect.any(Number) },
    });
    expect(body.usage.map((u) => u.period_date)).toEqual([
      '2025-01-01T00:00:00Z',
      '2025-02-01T00:00:00Z',
      '2025-03-01T00:00:00Z',
      '2025-04-01T00:00:00Z',
    ]);
    for (const row of body.usage) {
      for (const category of ['marketing', 'utility', 'authentication', 'service', 'business_initiated', 'user_initiated']) {
        expect(row[`${category}_quantity`]).toEqual(expect.any(Number));
        expect(row[`${category}_paid_quantity`]).toEqual(expect.any(Number));
        expect(row[`${category}_price`]).toEqual(expect.any(Number));
      }
      expect(row).toMatchObject({
        quantity: expect.any(Number),
        paid_quantity: expect.any(Number),
        total_price: expect.any(Number),
        free_quantity: expect.any(Number),
      });
    }
    const again = await call(hub, partnerPath(hub, `/clients/${direct.id}/info/balance?${range}`));
    expect(again.text).toBe(answer.text);
  });

  it('refuses partner-payment clients with a clear 400', async () => {
    const { hub } = testHub();
    const directShare = hub.state.listClients().filter((c) => hub.state.isDirectPayment(c.id)).length / hub.state.clientCount();
    expect(directShare).toBeGreaterThan(0.25);
    expect(directShare).toBeLessThan(0.55);
    const partnerPaid = hub.state.listClients().find((c) => !hub.state.isDirectPayment(c.id)) as DemoClient;
    const answer = await call(hub, partnerPath(hub, `/clients/${partnerPaid.id}/info/balance`));
    expect(answer.status).toBe(400);
    expect(answer.json<MetaError>().meta.developer_message).toMatch(/only.*direct payment/i);
  });

  it('allows 5 requests per 30 s, then 429 with Retry-After', async () => {
    const { hub, advance } = testHub();
    const direct = hub.state.listClients().find((c) => hub.state.isDirectPayment(c.id)) as DemoClient;
    const path = partnerPath(hub, `/clients/${direct.id}/info/balance`);
    for (let i = 0; i < 5; i++) {
      expect((await call(hub, path)).status).toBe(200);
      advance(1000);
    }
    const limited = await call(hub, path);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('25');
    expect(limited.json<MetaError>().meta.http_code).toBe(429);
    advance(25_000);
    expect((await call(hub, path)).status).toBe(200);
  });

  it('validates dates and granularity, and 404s unknown clients', async () => {
    const { hub } = testHub();
    const direct = hub.state.listClients().find((c) => hub.state.isDirectPayment(c.id)) as DemoClient;
    for (const query of ['start_date=yesterday', 'granularity=fortnight', 'start_date=1700000000&end_date=1600000000']) {
      expect((await call(hub, partnerPath(hub, `/clients/${direct.id}/info/balance?${query}`))).status, query).toBe(400);
    }
    expect((await call(hub, partnerPath(hub, '/clients/nopenopeCL/info/balance'))).status).toBe(404);
  });
});
