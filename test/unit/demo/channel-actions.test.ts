import { describe, expect, it } from 'vitest';
import { DEMO_HUB_IN_PROCESS_ORIGIN, type DemoChannel, type DemoHub } from '@demo-hub';
import { call, partnerPath, START_MS, testHub, type MetaError } from './support';

function find(hub: DemoHub, test: (c: DemoChannel) => boolean): DemoChannel {
  const found = hub.state.listChannels().find(test);
  if (!found) throw new Error('no matching channel in the demo hub');
  return found;
}

const isLiveKeyable =
  (hub: DemoHub) =>
  (c: DemoChannel): boolean =>
    c.terminated_at === null && !!c.integration?.app_id && hub.state.hasApiKeyPermission(c.id);

function cancelPath(hub: DemoHub, ch: DemoChannel, clientId = ch.client_id): string {
  return partnerPath(hub, `/clients/${clientId}/channels/${ch.id}/control/cancellation_request`);
}

describe('cancellation request', () => {
  it('sets terminated_at to now for {"enabled": true}, {} and an empty body', async () => {
    const { hub } = testHub();
    const open = hub.state
      .listChannels()
      .filter((c) => c.terminated_at === null)
      .slice(0, 3);
    for (const [i, body] of [{ enabled: true }, {}, undefined].entries()) {
      const ch = open[i] as DemoChannel;
      const answer = await call(hub, cancelPath(hub, ch), { method: 'POST', body });
      expect(answer.status, answer.text).toBe(200);
      const result = answer.json<DemoChannel>();
      expect(result).toMatchObject({ id: ch.id, client_id: ch.client_id, terminated_at: '2025-07-01T12:00:00Z' });
      expect(Date.parse(result.modified_at)).toBeGreaterThanOrEqual(START_MS);
      expect(hub.state.getChannel(ch.id)?.terminated_at).toBe('2025-07-01T12:00:00Z');
    }
  });

  it('refuses a second cancellation with a clear 400, and revokes with {"enabled": false}', async () => {
    const { hub } = testHub();
    const ch = find(hub, (c) => c.terminated_at === null);
    expect((await call(hub, cancelPath(hub, ch), { method: 'POST', body: { enabled: true } })).status).toBe(200);
    const again = await call(hub, cancelPath(hub, ch), { method: 'POST', body: { enabled: true } });
    expect(again.status).toBe(400);
    expect(again.json<MetaError>().meta.developer_message).toMatch(/already.*cancellation/i);
    const revoked = await call(hub, cancelPath(hub, ch), { method: 'POST', body: { enabled: false } });
    expect(revoked.status).toBe(200);
    expect(revoked.json<DemoChannel>().terminated_at).toBeNull();
    expect((await call(hub, cancelPath(hub, ch), { method: 'POST', body: { enabled: false } })).status).toBe(400);
  });

  it('answers 404 for a channel of another client or unknown ids, 400 for a bad body', async () => {
    const { hub } = testHub();
    const ch = find(hub, (c) => c.terminated_at === null);
    const other = hub.state.listClients().find((c) => c.id !== ch.client_id)?.id ?? '';
    expect((await call(hub, cancelPath(hub, ch, other), { method: 'POST', body: {} })).status).toBe(404);
    expect(
      (
        await call(hub, partnerPath(hub, `/clients/${ch.client_id}/channels/nopeCH/control/cancellation_request`), {
          method: 'POST',
          body: {},
        })
      ).status,
    ).toBe(404);
    expect((await call(hub, cancelPath(hub, ch, 'nopenopeCL'), { method: 'POST', body: {} })).status).toBe(404);
    expect((await call(hub, cancelPath(hub, ch), { method: 'POST', body: { enabled: 'yes' } })).status).toBe(400);
    expect(hub.state.getChannel(ch.id)?.terminated_at).toBeNull();
  });
});

describe('channel API keys', () => {
  it('answers 201 with the flat form; the address is the origin of the request + /waba-v2 (Cloud API)', async () => {
    const { hub } = testHub();
    const ch = find(hub, isLiveKeyable(hub));
    const answer = await call(hub, partnerPath(hub, `/channels/${ch.id}/api_keys`), { method: 'POST', body: {} });
    expect(answer.status).toBe(201);
    const key = answer.json<{ id: string; address: string; api_key: string; app_id: string }>();
    expect(key).toEqual({
      id: expect.stringMatching(/^\d+$/),
      address: `${DEMO_HUB_IN_PROCESS_ORIGIN}/waba-v2`,
      api_key: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      app_id: ch.integration?.app_id,
    });
    expect(hub.state.currentApiKey(ch.id)).toBe(key.api_key);
    const elsewhere = await call(
      hub,
      partnerPath(hub, `/channels/${find(hub, (c) => c.id !== ch.id && isLiveKeyable(hub)(c)).id}/api_keys`),
      { method: 'POST', origin: 'https://hub.example.test' },
    );
    expect(elsewhere.json<{ address: string }>().address).toBe('https://hub.example.test/waba-v2');
  });

  it('allows 1 request per 30 s per channel; a new key revokes the previous one', async () => {
    const { hub, advance } = testHub();
    const ch = find(hub, isLiveKeyable(hub));
    const path = partnerPath(hub, `/channels/${ch.id}/api_keys`);
    const first = (await call(hub, path, { method: 'POST' })).json<{ api_key: string }>().api_key;
    advance(10_000);
    const limited = await call(hub, path, { method: 'POST' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    // Other channels have their own window.
    expect(
      (
        await call(hub, partnerPath(hub, `/channels/${find(hub, (c) => c.id !== ch.id && isLiveKeyable(hub)(c)).id}/api_keys`), {
          method: 'POST',
        })
      ).status,
    ).toBe(201);
    advance(20_000);
    const second = await call(hub, path, { method: 'POST' });
    expect(second.status).toBe(201);
    const secondKey = second.json<{ api_key: string }>().api_key;
    expect(secondKey).not.toBe(first);
    expect((await call(hub, '/waba/v1/configs/phone_number', { anonymous: true, headers: { 'D360-API-KEY': first } })).status).toBe(401);
    expect((await call(hub, '/waba/v1/configs/phone_number', { anonymous: true, headers: { 'D360-API-KEY': secondKey } })).status).toBe(
      200,
    );
  });

  it('makes the same keys for the same seed', async () => {
    const keys = async (): Promise<string> => {
      const { hub } = testHub({ seed: 99 });
      const ch = find(hub, isLiveKeyable(hub));
      return (await call(hub, partnerPath(hub, `/channels/${ch.id}/api_keys`), { method: 'POST' })).json<{ api_key: string }>().api_key;
    };
    expect(await keys()).toBe(await keys());
  });

  it('refuses drafts, channels without permission, terminated and unknown channels', async () => {
    const { hub } = testHub({ clients: 200, channels: 400 });
    const post = (id: string) => call(hub, partnerPath(hub, `/channels/${id}/api_keys`), { method: 'POST' });
    const draft = await post(find(hub, (c) => c.terminated_at === null && !c.integration?.app_id).id);
    expect(draft.status).toBe(400);
    expect(draft.json<MetaError>().meta.developer_message).toMatch(/draft/i);
    const unshared = find(hub, (c) => c.terminated_at === null && !!c.integration?.app_id && !hub.state.hasApiKeyPermission(c.id));
    expect(hub.state.isDirectPayment(unshared.client_id)).toBe(true);
    const forbidden = await post(unshared.id);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json<MetaError>().meta.developer_message).toMatch(/permission/i);
    const terminated = await post(find(hub, (c) => c.terminated_at !== null).id);
    expect(terminated.status).toBe(400);
    expect(terminated.json<MetaError>().meta.developer_message).toMatch(/pending deletion/i);
    expect((await post('nopeCH')).status).toBe(404);
    hub.state.setApiKeyPermission(unshared.id, true);
    expect((await post(unshared.id)).status).toBe(429); // the refused attempt still used the window
  });
});
