import { describe, expect, it } from 'vitest';
import { GATEWAY_STATUSES, HEALTH_CACHE_MS, type DemoChannel, type DemoHub } from '@demo-hub';
import { call, partnerPath, testHub } from './support';

async function keyFor(hub: DemoHub, ch: DemoChannel): Promise<string> {
  const answer = await call(hub, partnerPath(hub, `/channels/${ch.id}/api_keys`), { method: 'POST' });
  expect(answer.status, answer.text).toBe(201);
  return answer.json<{ api_key: string }>().api_key;
}

function keyable(hub: DemoHub): DemoChannel[] {
  return hub.state.listChannels().filter((c) => c.terminated_at === null && !!c.integration?.app_id && hub.state.hasApiKeyPermission(c.id));
}

describe('channel-level Messaging API', () => {
  it('answers phone_number and health only for the current D360-API-KEY', async () => {
    const { hub } = testHub();
    const ch = keyable(hub)[0] as DemoChannel;
    const key = await keyFor(hub, ch);
    const phone = await call(hub, '/waba/v1/configs/phone_number', { anonymous: true, headers: { 'D360-API-KEY': key } });
    expect(phone.json()).toEqual({ phone_number: ch.setup_info.phone_number });
    const health = await call(hub, '/waba/v1/health', { anonymous: true, headers: { 'd360-api-key': key } });
    expect(health.status).toBe(200);
    expect(GATEWAY_STATUSES).toContain(health.json<{ health: { gateway_status: string } }>().health.gateway_status);
    const attempts: Record<string, string>[] = [{}, { 'D360-API-KEY': 'wrong' }, { 'X-API-Key': hub.apiKey }];
    for (const headers of attempts) {
      const refused = await call(hub, '/waba/v1/health', { anonymous: true, headers });
      expect(refused.status).toBe(401);
      expect(refused.json()).toMatchObject({ meta: { success: false, http_code: 401 }, errors: [{ code: 401 }] });
    }
  });

  it('answers the Cloud API health (/waba-v2/health_status) from the same cached state, in its own shapes', async () => {
    const { hub } = testHub();
    const expected: Record<string, string> = {
      connected: 'AVAILABLE',
      connecting: 'LIMITED',
      disconnected: 'BLOCKED',
      uninitialized: 'BLOCKED',
      unregistered: 'BLOCKED',
    };
    let problems = 0;
    for (const ch of keyable(hub).slice(0, 12)) {
      const key = await keyFor(hub, ch);
      const legacy = (await call(hub, '/waba/v1/health', { anonymous: true, headers: { 'D360-API-KEY': key } })).json<{
        health: { gateway_status: string };
      }>().health.gateway_status;
      const cloud = (await call(hub, '/waba-v2/health_status', { anonymous: true, headers: { 'D360-API-KEY': key } })).json<{
        health_status: {
          can_send_message: string;
          entities: Array<{
            entity_type: string;
            can_send_message: string;
            errors?: Array<{ error_description: string; possible_solution: string }>;
          }>;
        };
      }>();
      expect(cloud.health_status.can_send_message).toBe(expected[legacy]);
      expect(cloud.health_status.entities.map((e) => e.entity_type)).toEqual(['PHONE_NUMBER', 'WABA', 'APP']);
      const phone = cloud.health_status.entities[0]!;
      if (phone.can_send_message === 'AVAILABLE') expect(phone.errors).toBeUndefined();
      else {
        expect(phone.errors?.[0]).toMatchObject({ error_description: expect.any(String), possible_solution: expect.any(String) });
        problems += 1;
      }
    }
    expect(problems).toBeGreaterThan(0);
    const refused = await call(hub, '/waba-v2/health_status', { anonymous: true, headers: { 'D360-API-KEY': 'wrong' } });
    expect(refused.status).toBe(401);
    expect(refused.json()).toEqual({ error: 'Invalid api key' });
  });

  it('caches health for 5 minutes and counts calls per channel', async () => {
    const { hub, advance } = testHub();
    const ch = keyable(hub)[0] as DemoChannel;
    const key = await keyFor(hub, ch);
    const get = async (): Promise<string> =>
      (await call(hub, '/waba/v1/health', { anonymous: true, headers: { 'D360-API-KEY': key } })).json<{
        health: { gateway_status: string };
      }>().health.gateway_status;
    const first = await get();
    advance(HEALTH_CACHE_MS - 1);
    expect(await get()).toBe(first);
    expect(hub.stats.healthCallCount(ch.id)).toBe(2);
    expect(hub.stats.healthRefreshes.get(ch.id)).toBe(1);
    advance(1);
    await get();
    expect(hub.stats.healthRefreshes.get(ch.id)).toBe(2);
    const times = hub.stats.snapshot().healthCalls[ch.id] ?? [];
    expect(times).toHaveLength(3);
    // The assertion a poller's test would make: two calls came closer than 5 minutes apart.
    expect(times.slice(1).some((t, i) => t - (times[i] ?? 0) < HEALTH_CACHE_MS)).toBe(true);
  });

  it('derives health deterministically: mostly connected for live channels', async () => {
    const { hub, advance } = testHub({ clients: 300, channels: 600 });
    const statuses = new Map<string, number>();
    for (const ch of keyable(hub)
      .filter((c) => c.account_mode === 'live')
      .slice(0, 60)) {
      const key = await keyFor(hub, ch);
      const status = (await call(hub, '/waba/v1/health', { anonymous: true, headers: { 'D360-API-KEY': key } })).json<{
        health: { gateway_status: string };
      }>().health.gateway_status;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      advance(1);
    }
    expect(statuses.get('connected') ?? 0).toBeGreaterThan(40);
  });
});
