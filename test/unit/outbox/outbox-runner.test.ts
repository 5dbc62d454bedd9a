/**
 * The runner with stand-in handlers on a real outbox table: order per record, records side by side
 * up to the cap, each action at most once per flush, resolve before resend, a network failure
 * stops the flush, a 401 pauses until resumed, a busy lease defers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorForStatus, offlineError } from '@core/api/http-errors';
import { silentLogger } from '@core/log';
import { OutboxLease, OutboxRunner } from '@core/outbox';
import type { ActionEnv, ActionHandler, Resolution } from '@core/outbox/action-handler';
import type { Outcome } from '@core/outbox/classify';
import type { StoredAction } from '@core/outbox/outbox-rows';
import { ACTION_KINDS, type ActionKind } from '@shared/outbox';
import { storeFixture, type StoreFixture } from './store-fixture';

let s: StoreFixture;
let log: string[];
let running: number;
let peak: number;
/** What the stand-in send does per target, in order of calls. */
let script: Map<string, Array<() => Outcome>>;

beforeEach(() => {
  s = storeFixture();
  log = [];
  running = 0;
  peak = 0;
  script = new Map();
});
afterEach(() => s.close());

const done: Outcome = { type: 'done', outcome: 'ok' };

function handler(kind: ActionHandler['kind'], resolution: () => Resolution = () => ({ type: 'send' })): ActionHandler {
  return {
    kind,
    async resolve(_env, action) {
      log.push(`resolve ${action.target}`);
      return resolution();
    },
    async send(_env, action: StoredAction) {
      running += 1;
      peak = Math.max(peak, running);
      log.push(`send ${action.target} ${action.payload?.kind === 'set_max_channels' ? action.payload.maxChannels : ''}`.trim());
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      const next = script.get(action.target)?.shift();
      return next ? next() : done;
    },
  };
}

/** The same handler for every kind of action (the runner looks handlers up by the action's kind). */
function forEveryKind(h: ActionHandler): Record<ActionKind, ActionHandler> {
  return Object.fromEntries(ACTION_KINDS.map((kind) => [kind, h])) as Record<ActionKind, ActionHandler>;
}

function runner(
  options: { resolution?: () => Resolution; concurrency?: number; holder?: string; connectionReady?: () => Promise<boolean> } = {},
): OutboxRunner {
  const cancel = handler('cancel_channel', options.resolution);
  const limit = handler('set_max_channels', options.resolution);
  const holder = options.holder ?? 'r1';
  return new OutboxRunner({
    runnerId: holder,
    store: s.store,
    lease: new OutboxLease(s.db, { holder, now: () => s.clock.now }),
    handlers: { ...forEveryKind(cancel), set_max_channels: limit },
    envFor: () => ({}) as ActionEnv,
    activeProfileId: () => s.profileId,
    onChanged: () => undefined,
    log: silentLogger,
    now: () => s.clock.now,
    random: () => 0.5,
    concurrency: options.concurrency ?? 2,
    settleMs: 0,
    ...(options.connectionReady ? { connectionReady: options.connectionReady } : {}),
  });
}

const states = () =>
  Object.fromEntries(
    s.store
      .list(s.profileId, { openOnly: false, limit: 50 })
      .map((a) => [a.target + (a.payload?.kind === 'set_max_channels' ? `=${a.payload.maxChannels}` : ''), a.state]),
  );

describe('OutboxRunner', () => {
  it("sends each record's actions in creation order, records side by side up to the cap", async () => {
    s.store.insert(s.limit('c1', 3));
    s.store.insert(s.limit('c1', 4, 3));
    for (const id of ['ch1', 'ch2', 'ch3']) s.store.insert(s.cancel(id));
    const report = await runner({ concurrency: 2 }).flush();
    expect(report).toEqual({ attempted: 5, busy: false });
    expect(log.filter((l) => l.startsWith('send client:c1'))).toEqual(['send client:c1 3', 'send client:c1 4']);
    expect(peak).toBe(2);
    expect(Object.values(states())).toEqual(Array(5).fill('done'));
  });

  it('tries an action at most once per flush; a retry waits for its time, stored for the next start', async () => {
    s.store.insert(s.cancel('ch1'));
    script.set('channel:ch1', [
      () => ({
        type: 'retry',
        error: { code: 'server_error', message: 'x', status: 500, serverMessage: null },
        delayMs: 5_000,
        uncertain: true,
      }),
    ]);
    const r = runner();
    expect((await r.flush()).attempted).toBe(1);
    expect((await r.flush()).attempted).toBe(0);
    const [waiting] = s.store.list(s.profileId, { openOnly: true, limit: 1 });
    expect(waiting).toMatchObject({ state: 'queued', uncertain: true, row: { next_attempt_at: s.clock.now + 5_000 } });
    s.clock.now += 5_000;
    await runner({ holder: 'r2' }).flush();
    expect(log).toEqual(['send channel:ch1', 'resolve channel:ch1', 'send channel:ch1']);
  });

  it('an interrupted action is resolved, not resent, when the server shows it took effect', async () => {
    s.store.claim(s.store.insert(s.cancel('ch1')), 'dead-runner');
    await runner({ resolution: () => done }).flush();
    expect(log).toEqual(['resolve channel:ch1']);
    expect(states()).toEqual({ 'channel:ch1': 'done' });
  });

  it('sends nothing while the connection is not proven: attempts stay 0, the action stays withdrawable, no timer spins', async () => {
    for (const id of ['ch1', 'ch2']) s.store.insert(s.cancel(id));
    let online = false;
    let asked = 0;
    const r = runner({
      connectionReady: async () => {
        asked++;
        return online;
      },
    });
    r.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await r.flush()).toEqual({ attempted: 0, busy: false });
    expect(log).toEqual([]);
    const waiting = s.store.list(s.profileId, { openOnly: true, limit: 10 });
    expect(waiting.map((a) => [a.state, a.row.attempts, a.uncertain])).toEqual([
      ['queued', 0, false],
      ['queued', 0, false],
    ]);
    // Waiting for the connection schedules no retry of its own: the connection's return pokes it.
    const askedWhileWaiting = asked;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toBe(askedWhileWaiting);
    online = true;
    r.connectionBack();
    for (let i = 0; i < 50 && Object.values(states()).some((v) => v !== 'done'); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(Object.values(states())).toEqual(['done', 'done']);
    r.close();
  });

  it('asks about the connection only when something is due', async () => {
    let asked = 0;
    const r = runner({ connectionReady: async () => (asked++, true) });
    expect(await r.flush()).toEqual({ attempted: 0, busy: false });
    expect(asked).toBe(0);
  });

  it('a network failure stops the flush: the rest stays queued', async () => {
    for (const id of ['ch1', 'ch2', 'ch3']) s.store.insert(s.cancel(id));
    const cut = offlineError('x', Object.assign(new Error('down'), { code: 'ENETUNREACH' }));
    const failing: ActionHandler = { ...handler('cancel_channel'), send: async () => Promise.reject(cut) };
    const r = new OutboxRunner({
      runnerId: 'r1',
      store: s.store,
      lease: new OutboxLease(s.db, { holder: 'r1', now: () => s.clock.now }),
      handlers: forEveryKind(failing),
      envFor: () => ({}) as ActionEnv,
      activeProfileId: () => s.profileId,
      onChanged: () => undefined,
      log: silentLogger,
      now: () => s.clock.now,
      concurrency: 1,
    });
    expect((await r.flush()).attempted).toBe(1);
    expect(r.status().online).toBe(false);
    expect(
      s.store
        .list(s.profileId, { openOnly: true, limit: 5 })
        .map((a) => a.lastError?.code ?? 'none')
        .sort(),
    ).toEqual(['none', 'none', 'offline']);
  });

  it('a 401 pauses the queue until resumed; the action is kept', async () => {
    s.store.insert(s.cancel('ch1'));
    s.store.insert(s.cancel('ch2'));
    const refused = errorForStatus(401, null, 'x');
    const pausing: ActionHandler = { ...handler('cancel_channel'), send: async () => Promise.reject(refused) };
    const r = new OutboxRunner({
      runnerId: 'r1',
      store: s.store,
      lease: new OutboxLease(s.db, { holder: 'r1', now: () => s.clock.now }),
      handlers: forEveryKind(pausing),
      envFor: () => ({}) as ActionEnv,
      activeProfileId: () => s.profileId,
      onChanged: () => undefined,
      log: silentLogger,
      now: () => s.clock.now,
      concurrency: 1,
    });
    await r.flush();
    expect(r.status().paused).toMatchObject({ code: 'unauthorized' });
    expect((await r.flush()).attempted).toBe(0);
    expect(s.store.counts(s.profileId)).toMatchObject({ queued: 2 });
    r.resume();
    expect(r.status().paused).toBeNull();
  });

  it('defers while another live process holds the lease', async () => {
    s.store.insert(s.cancel('ch1'));
    const other = new OutboxLease(s.db, { holder: 'app', now: () => s.clock.now });
    expect(other.acquire()).toBe(true);
    expect(await runner().flush()).toEqual({ attempted: 0, busy: true });
    other.release();
    expect((await runner().flush()).attempted).toBe(1);
  });
});
