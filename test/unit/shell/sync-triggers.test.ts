/** Syncing on wake-up and when the network returns, without doubling up. */
import { describe, expect, it } from 'vitest';
import { SyncTriggers, type SyncTriggerReason } from '../../../electron/main/policy/sync-triggers';
import { FakeClock } from './fakes';

function setup(initiallyOnline = true) {
  const clock = new FakeClock();
  const net = { online: initiallyOnline };
  const fired: SyncTriggerReason[] = [];
  const changes: boolean[] = [];
  const triggers = new SyncTriggers({
    trigger: (reason) => fired.push(reason),
    networkChanged: (online) => changes.push(online),
    isOnline: () => net.online,
    timers: clock,
    now: () => clock.now,
    pollMs: 10_000,
    settleMs: 3_000,
    minGapMs: 30_000,
  });
  triggers.start();
  return { clock, net, fired, changes, triggers };
}

describe('SyncTriggers', () => {
  it('syncs when the network comes back, once', () => {
    const { clock, net, fired } = setup(false);
    clock.advance(60_000);
    expect(fired).toEqual([]);
    net.online = true;
    clock.advance(10_000);
    expect(fired).toEqual(['online']);
    clock.advance(120_000);
    expect(fired).toEqual(['online']);
  });

  it('does not sync merely because the app started online', () => {
    const { clock, fired } = setup(true);
    clock.advance(100_000);
    expect(fired).toEqual([]);
  });

  it('syncs a moment after waking up', () => {
    const { clock, fired, triggers } = setup(true);
    clock.advance(60_000);
    triggers.resumed();
    clock.advance(2_999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['resume']);
  });

  it('after waking offline, waits for the network', () => {
    const { clock, net, fired, triggers } = setup(true);
    net.online = false;
    clock.advance(60_000);
    triggers.resumed();
    clock.advance(3_000);
    expect(fired).toEqual([]);
    net.online = true;
    clock.advance(10_000);
    expect(fired).toEqual(['online']);
  });

  it('collapses a wake-up and a reconnect that arrive together', () => {
    const { clock, net, fired, triggers } = setup(false);
    clock.advance(60_000);
    net.online = true;
    triggers.resumed();
    clock.advance(10_000);
    expect(fired).toHaveLength(1);
  });

  it('reports the state at start and every change of it, both ways', () => {
    const { clock, net, changes } = setup(true);
    clock.advance(20_000);
    net.online = false;
    clock.advance(20_000);
    net.online = true;
    clock.advance(10_000);
    clock.advance(50_000);
    expect(changes).toEqual([true, false, true]);
  });

  it('stops cleanly', () => {
    const { clock, triggers } = setup(true);
    triggers.resumed();
    triggers.stop();
    expect(clock.pending).toBe(0);
  });
});
