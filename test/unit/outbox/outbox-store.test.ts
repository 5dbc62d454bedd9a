/** The outbox table on a real SQLite file: one transaction per change with its overlay, state guards, ordering per record. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overlaysFor } from '@core/outbox/pending-effects';
import { storeFixture, type StoreFixture } from './store-fixture';

let s: StoreFixture;
beforeEach(() => {
  s = storeFixture();
});
afterEach(() => s.close());

const overlay = (target: string) => overlaysFor(s.db, s.profileId, [target]).get(target) ?? null;
const error = (code: string, status: number | null = null) => ({ code, message: code, status, serverMessage: null });

describe('insert and overlays', () => {
  it('writes the action and its overlay together; an effect that throws leaves neither', () => {
    const action = s.store.insert(s.cancel('ch1'));
    expect(action).toMatchObject({ state: 'queued', uncertain: false, payload: { channelId: 'ch1' } });
    expect(overlay('channel:ch1')).toEqual({
      actionId: action.id,
      kind: 'cancel_channel',
      state: 'queued',
      label: 'Cancellation queued',
      maxChannels: null,
      partnerPayload: null,
    });
    expect(() =>
      s.store.insert(s.cancel('ch2'), () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(s.store.list(s.profileId, { openOnly: false, limit: 10 })).toHaveLength(1);
    expect(overlay('channel:ch2')).toBeNull();
  });

  it('follows the action: sending, conflict, then gone when it resolves; the weightiest open action wins', () => {
    const limit = s.store.insert(s.limit('c1', 5));
    expect(overlay('client:c1')).toMatchObject({ label: 'Channel limit 5 queued', maxChannels: 5 });
    const sending = s.store.claim(limit, 'r1')!;
    expect(overlay('client:c1')).toMatchObject({ state: 'sending', label: 'Channel limit 5 being sent' });
    const conflict = s.store.transition(sending, {
      to: 'conflict',
      conflict: { message: 'm', field: 'max_channels', queued: '5', server: '7', seen: '2', retryable: true },
    })!;
    expect(overlay('client:c1')).toMatchObject({ state: 'conflict', label: 'Channel limit 5: conflict' });
    s.store.transition(conflict, { to: 'cancelled' });
    expect(overlay('client:c1')).toBeNull();
  });
});

describe('state guards', () => {
  it('a transition applies only from the state the caller read (a user cancel and a claim cannot both win)', () => {
    const action = s.store.insert(s.cancel('ch1'));
    expect(s.store.transition(action, { to: 'cancelled' })).toMatchObject({ state: 'cancelled' });
    expect(s.store.claim(action, 'r1')).toBeNull();
    const other = s.store.insert(s.cancel('ch2'));
    const claimed = s.store.claim(other, 'r1')!;
    expect(claimed).toMatchObject({ state: 'sending', row: { attempts: 1, claimed_by: 'r1' } });
    expect(s.store.transition(other, { to: 'cancelled' })).toBeNull();
    expect(s.store.transition(claimed, { to: 'done', result: { outcome: 'ok' } })).toMatchObject({
      state: 'done',
      result: { outcome: 'ok' },
    });
  });
});

describe('heads: what may go now', () => {
  it('per record in creation order; a conflict holds back later actions of its record; records side by side', () => {
    const first = s.store.insert(s.limit('c1', 3));
    const second = s.store.insert(s.limit('c1', 4, 3));
    const other = s.store.insert(s.cancel('ch1'));
    const now = s.clock.now;
    expect(s.store.heads(s.profileId, now, new Set(), 'r1', 0).map((a) => a.id)).toEqual([first.id, other.id]);
    s.store.transition(first, {
      to: 'conflict',
      conflict: { message: 'm', field: 'max_channels', queued: '3', server: '9', seen: '2', retryable: true },
    });
    expect(s.store.heads(s.profileId, now, new Set(), 'r1', 0).map((a) => a.id)).toEqual([other.id]);
    expect(s.store.heads(s.profileId, now, new Set(['channel:ch1']), 'r1', 0)).toEqual([]);
    expect(second.state).toBe('queued');
  });

  it('not before next_attempt_at; an interrupted "sending" of another runner first, once settled; never its own', () => {
    const later = s.store.insert(s.cancel('ch1'));
    s.store.transition(later, { to: 'queued', nextAttemptAt: s.clock.now + 5_000, error: error('server_error', 500), uncertain: true });
    const orphan = s.store.claim(s.store.insert(s.cancel('ch2')), 'dead-runner')!;
    const mine = s.store.claim(s.store.insert(s.cancel('ch3')), 'r1')!;
    expect(s.store.heads(s.profileId, s.clock.now, new Set(), 'r1', 10_000)).toEqual([]);
    expect(s.store.nextWakeAt(s.profileId, 'r1', 10_000)).toBe(s.clock.now + 5_000);
    s.clock.now += 10_000;
    expect(s.store.heads(s.profileId, s.clock.now, new Set(), 'r1', 10_000).map((a) => a.id)).toEqual([orphan.id, later.id]);
    expect(mine.state).toBe('sending');
  });

  it('push skips backoff, but not Retry-After, and not the settle time of an unanswered request', () => {
    const backoff = s.store.insert(s.cancel('ch1'));
    const limited = s.store.insert(s.cancel('ch2'));
    const unanswered = s.store.claim(s.store.insert(s.cancel('ch3')), 'r1')!;
    s.store.transition(backoff, { to: 'queued', nextAttemptAt: s.clock.now + 60_000, error: error('server_error', 502), uncertain: true });
    s.store.transition(limited, { to: 'queued', nextAttemptAt: s.clock.now + 60_000, error: error('rate_limited', 429), uncertain: false });
    s.store.transition(unanswered, { to: 'queued', nextAttemptAt: s.clock.now + 60_000, error: error('offline'), uncertain: true });
    s.clock.now += 1_000;
    s.store.skipBackoff(s.profileId, 30_000);
    const at = new Map(s.store.list(s.profileId, { openOnly: true, limit: 10 }).map((a) => [a.id, a.row.next_attempt_at]));
    expect(at.get(backoff.id)).toBe(s.clock.now);
    expect(at.get(limited.id)).toBe(s.clock.now + 59_000);
    expect(at.get(unanswered.id)).toBe(Date.parse(unanswered.row.sent_at!) + 30_000);
  });

  it('the connection coming back releases only what waited for it', () => {
    const offline = s.store.insert(s.cancel('ch1'));
    const server = s.store.insert(s.cancel('ch2'));
    s.store.transition(offline, { to: 'queued', nextAttemptAt: s.clock.now + 60_000, error: error('offline'), uncertain: false });
    s.store.transition(server, { to: 'queued', nextAttemptAt: s.clock.now + 60_000, error: error('server_error', 500), uncertain: true });
    s.store.connectionBack(s.profileId, 30_000);
    expect(s.store.heads(s.profileId, s.clock.now, new Set(), 'r1', 30_000).map((a) => a.id)).toEqual([offline.id]);
  });
});

describe('what a sync must not overwrite', () => {
  it('records with an action in flight, or one that took effect after the listing started', () => {
    const inFlight = s.store.claim(s.store.insert(s.cancel('ch1')), 'r1')!;
    const early = s.store.claim(s.store.insert(s.cancel('ch2')), 'r1')!;
    s.store.transition(early, { to: 'done', result: { outcome: null } });
    const since = new Date(s.clock.now + 1).toISOString();
    s.clock.now += 5;
    const late = s.store.claim(s.store.insert(s.limit('c1', 4)), 'r1')!;
    s.store.transition(late, { to: 'done', result: { outcome: null } });
    s.store.insert(s.cancel('ch3')); // queued: its overlay carries it, the base may be written
    expect([...s.store.protectedTargets(s.profileId, since)].sort()).toEqual(['channel:ch1', 'client:c1']);
    expect(inFlight.state).toBe('sending');
  });
});
