import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '@shared/contract';
import type { HubObserver, HubOutcome } from '@core/api/hub-observer';
import { ConnectionMonitor, FRESH_CONTACT_MS, type MonitorTimers } from '@core/session/connection-monitor';

/** Timers driven by the test's clock. */
class ManualTimers implements MonitorTimers {
  private next = 1;
  readonly pending = new Map<number, { at: number; callback: () => void }>();
  constructor(private readonly clock: { now: number }) {}
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.clock.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Moves the clock, firing what falls due. */
  advance(ms: number): void {
    const until = this.clock.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.clock.now = due[1].at;
      due[1].callback();
    }
    this.clock.now = until;
  }
}

type Hub = 'up' | 'down' | 'no_network' | '503' | '401';

function setup() {
  const clock = { now: 1_000_000 };
  const timers = new ManualTimers(clock);
  const hub: { state: Hub; checks: number } = { state: 'up', checks: 0 };
  const changes: Array<{ status: ConnectionState['status']; previous: ConnectionState['status'] }> = [];
  const outcomeOf = (startedAt: number): HubOutcome => {
    const at = clock.now;
    if (hub.state === 'up') return { type: 'answered', status: 200, startedAt, at, message: null };
    if (hub.state === '503') return { type: 'answered', status: 503, startedAt, at, message: 'HTTP 503' };
    if (hub.state === '401') return { type: 'answered', status: 401, startedAt, at, message: 'revoked' };
    return { type: 'no_answer', noNetwork: hub.state === 'no_network', startedAt, at, message: 'no answer' };
  };
  const monitor = new ConnectionMonitor({
    now: () => clock.now,
    random: () => 1,
    timers,
    check: async (observe: HubObserver) => {
      hub.checks++;
      const startedAt = clock.now;
      await Promise.resolve();
      observe(outcomeOf(startedAt));
      return true;
    },
    onChange: (state, previous) => {
      if (changes.at(-1)?.status !== state.status) changes.push({ status: state.status, previous });
    },
  });
  /** A request of other traffic (the outbox, a balance): sent now, answered (or not) 100 ms later. */
  const traffic = (): void => {
    const startedAt = clock.now;
    clock.now += 100;
    monitor.observer(outcomeOf(startedAt));
  };
  /** Lets the check's promise chain settle. */
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { clock, timers, hub, changes, monitor, traffic, settle };
}

describe('connection monitor', () => {
  it('goes online with the first answer and tells listeners each change once', async () => {
    const t = setup();
    expect(t.monitor.state().status).toBe('signed_out');
    const state = await t.monitor.check();
    expect(state.status).toBe('connected');
    expect(t.changes.map((c) => c.status)).toEqual(['connecting', 'connected']);
    t.traffic();
    t.traffic();
    expect(t.changes).toHaveLength(2);
  });

  it('while the Hub does not answer it checks by itself with a backoff, and notices within seconds that it is back', async () => {
    const t = setup();
    await t.monitor.check();
    t.hub.state = 'down';
    t.traffic();
    expect(t.monitor.state()).toMatchObject({ status: 'hub_unavailable' });
    expect(t.monitor.state().nextCheckAt).toBe(new Date(t.clock.now + 1_000).toISOString());
    // 1 s, 2 s, 4 s, 8 s, then every 10 s: after a minute of outage, 9 checks at most.
    for (let s = 0; s < 60; s++) {
      t.timers.advance(1_000);
      await t.settle();
    }
    expect(t.hub.checks).toBeGreaterThanOrEqual(7);
    expect(t.hub.checks).toBeLessThanOrEqual(10);
    const checksBefore = t.hub.checks;
    t.hub.state = 'up';
    let waited = 0;
    while (t.monitor.state().status !== 'connected' && waited < 30_000) {
      t.timers.advance(500);
      waited += 500;
      await t.settle();
    }
    expect(t.monitor.state().status).toBe('connected');
    expect(waited).toBeLessThanOrEqual(10_000);
    expect(t.hub.checks).toBe(checksBefore + 1);
    expect(t.changes.at(-1)).toEqual({ status: 'connected', previous: 'hub_unavailable' });
    // Connected: no more checks.
    t.timers.advance(120_000);
    await t.settle();
    expect(t.hub.checks).toBe(checksBefore + 1);
    expect(t.timers.pending.size).toBe(0);
  });

  it('the OS saying online checks at once; saying offline is believed at once and probing slows to a minute', async () => {
    const t = setup();
    await t.monitor.check();
    t.monitor.networkChanged(false);
    expect(t.monitor.state()).toMatchObject({ status: 'offline', network: 'down' });
    const [timer] = [...t.timers.pending.values()];
    expect(timer?.at).toBe(t.clock.now + 60_000);
    t.hub.state = 'up';
    t.clock.now += 5_000;
    const before = t.hub.checks;
    t.monitor.networkChanged(true);
    await t.settle();
    expect(t.hub.checks).toBe(before + 1);
    expect(t.monitor.state().status).toBe('connected');
  });

  it('a Hub answering 5xx is reachable but unavailable, and is probed like a silent one', async () => {
    const t = setup();
    await t.monitor.check();
    t.hub.state = '503';
    t.traffic(); // other traffic: that request's problem
    expect(t.monitor.state().status).toBe('connected');
    await t.monitor.check(); // the check itself gets a 503: the Hub is in trouble
    expect(t.monitor.state()).toMatchObject({ status: 'hub_unavailable', network: 'up', message: 'HTTP 503' });
    expect(t.timers.pending.size).toBe(1);
    t.hub.state = 'up';
    t.timers.advance(1_000);
    await t.settle();
    expect(t.monitor.state().status).toBe('connected');
  });

  it('a refused key is not probed (waiting does not help it) until the user acts', async () => {
    const t = setup();
    await t.monitor.check();
    t.hub.state = '401';
    t.traffic();
    expect(t.monitor.state().status).toBe('key_rejected');
    expect(t.timers.pending.size).toBe(0);
    expect(await t.monitor.ready()).toBe(false);
    const before = t.hub.checks;
    t.timers.advance(600_000);
    expect(t.hub.checks).toBe(before);
  });

  it('ready(): a fresh answer lets a request go without a check; an old one or a failure asks the Hub first', async () => {
    const t = setup();
    await t.monitor.check();
    const checks = t.hub.checks;
    t.clock.now += FRESH_CONTACT_MS - 1;
    expect(await t.monitor.ready()).toBe(true);
    expect(t.hub.checks).toBe(checks);
    t.clock.now += 2;
    expect(await t.monitor.ready()).toBe(true);
    expect(t.hub.checks).toBe(checks + 1);
    t.hub.state = 'no_network';
    t.clock.now += FRESH_CONTACT_MS;
    expect(await t.monitor.ready()).toBe(false);
    expect(t.monitor.state().status).toBe('offline');
  });

  it('checks asked for at the same time share one request', async () => {
    const t = setup();
    const [first, second, ready] = await Promise.all([t.monitor.check(), t.monitor.check(), t.monitor.ready()]);
    expect(t.hub.checks).toBe(1);
    expect([first.status, second.status]).toEqual(['connected', 'connected']);
    expect(ready).toBe(true);
  });

  it('after close nothing runs and nobody is told', async () => {
    const t = setup();
    await t.monitor.check();
    t.hub.state = 'down';
    t.traffic();
    const told = t.changes.length;
    t.monitor.close();
    t.timers.advance(60_000);
    t.traffic();
    expect(t.timers.pending.size).toBe(0);
    expect(t.changes).toHaveLength(told);
  });
});
