import { describe, expect, it } from 'vitest';
import type { DemoChannel } from '@demo-hub';
import { call, partnerPath, START_MS, testHub } from './support';

const CANCEL = 'POST /api/v2/partners/:pid/clients/:cid/channels/:chid/control/cancellation_request';

describe('hub.stats', () => {
  it('counts requests by method and route template', async () => {
    const { hub } = testHub();
    const [a, b] = hub.state.listChannels();
    await call(hub, partnerPath(hub, '/channels?limit=1'));
    await call(hub, partnerPath(hub, '/channels?limit=2&offset=1'));
    await call(hub, partnerPath(hub, `/channels/${a?.id}/api_keys`), { method: 'POST' });
    await call(hub, partnerPath(hub, `/channels/${b?.id}/api_keys`), { method: 'POST' });
    await call(hub, '/nowhere');
    expect(hub.stats.count('GET', '/api/v2/partners/:pid/channels')).toBe(2);
    expect(hub.stats.count('post', '/api/v2/partners/:pid/channels/:chid/api_keys')).toBe(2);
    expect(hub.stats.byRoute.get('GET <unmatched>')).toBe(1);
    expect(hub.stats.total).toBe(5);
    expect(hub.stats.snapshot().byStatus['200']).toBe(2);
  });

  it('logs each mutating request once, with status, time and whether it was applied', async () => {
    const { hub, advance } = testHub();
    const ch = hub.state.listChannels().find((c) => c.terminated_at === null) as DemoChannel;
    const path = partnerPath(hub, `/clients/${ch.client_id}/channels/${ch.id}/control/cancellation_request`);
    hub.faults.set({ serverErrors: { count: 1, status: 503 } });
    await call(hub, path, { method: 'POST', body: { enabled: true } });
    advance(5_000);
    await call(hub, path, { method: 'POST', body: { enabled: true } });
    await call(hub, path, { method: 'POST', body: { enabled: true } });
    const log = hub.stats.mutationsTo('cancellation_request');
    expect(log).toEqual([
      { method: 'POST', path, route: CANCEL.slice(5), status: 503, at: START_MS, applied: false, fault: 'serverErrors' },
      { method: 'POST', path, route: CANCEL.slice(5), status: 200, at: START_MS + 5_000, applied: true, fault: null },
      { method: 'POST', path, route: CANCEL.slice(5), status: 400, at: START_MS + 5_000, applied: false, fault: null },
    ]);
    expect(log.filter((m) => m.applied)).toHaveLength(1);
    expect(hub.stats.snapshot().faults).toEqual({ serverErrors: 1 });
  });

  it('resets to zero', async () => {
    const { hub } = testHub();
    await call(hub, partnerPath(hub));
    await call(hub, partnerPath(hub, `/clients/${hub.state.listClients()[0]?.id}`), { method: 'PATCH', body: {} });
    hub.stats.reset();
    expect(hub.stats.snapshot()).toEqual({
      total: 0,
      byRoute: {},
      byStatus: {},
      mutations: [],
      healthCalls: {},
      healthRefreshes: {},
      faults: {},
      dropped: 0,
    });
  });
});
