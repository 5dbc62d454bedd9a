/** One replaying process at a time: the lease is refused while a live holder has it, taken over from a dead or expired one. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxLease } from '@core/outbox';
import { storeFixture, type StoreFixture } from './store-fixture';

let s: StoreFixture;
beforeEach(() => {
  s = storeFixture();
});
afterEach(() => s.close());

const lease = (holder: string, pid: number, alive: Set<number>) =>
  new OutboxLease(s.db, { holder, pid, host: 'laptop', now: () => s.clock.now, ttlMs: 30_000, isAlive: (p) => alive.has(p) });

describe('OutboxLease', () => {
  it('is refused while another live process holds it, and free again once released', () => {
    const alive = new Set([100, 200]);
    const app = lease('app', 100, alive);
    const cli = lease('cli', 200, alive);
    expect(app.acquire()).toBe(true);
    expect(app.acquire()).toBe(true); // re-entrant for its holder
    expect(cli.acquire()).toBe(false);
    expect(cli.holder()).toMatchObject({ pid: 100, host: 'laptop' });
    app.release();
    expect(cli.acquire()).toBe(true);
    cli.release();
  });

  it('is taken over at once from a holder whose process is gone (killed), and from an expired one', () => {
    const alive = new Set([100, 200, 300]);
    expect(lease('killed', 100, alive).acquire()).toBe(true);
    alive.delete(100);
    expect(lease('cli', 200, alive).acquire()).toBe(true); // pid 100 is not alive any more
    const other = lease('next', 300, alive);
    expect(other.acquire()).toBe(false);
    s.clock.now += 30_001;
    expect(other.acquire()).toBe(true);
    other.release();
  });
});
