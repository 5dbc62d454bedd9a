import { describe, expect, it } from 'vitest';
import { createHealthLimiter, createPartnerLimiters, PARTNER_WIDE, RateLimiter } from '@core/api/rate-limiter';
import { fakeClock } from './test-doubles';

describe('RateLimiter (sliding window, injected clock)', () => {
  it('balance: five calls pass at once, the sixth within 30 s waits for the oldest to leave the window', async () => {
    const clock = fakeClock();
    const { clientBalance } = createPartnerLimiters(clock);
    const start = clock.now();
    for (let i = 0; i < 5; i++) {
      await clientBalance.acquire(PARTNER_WIDE);
      clock.advance(1000);
    }
    expect(clock.sleeps).toEqual([]);
    expect(clientBalance.check(PARTNER_WIDE)).toBe(false);
    expect(clientBalance.nextAllowedAt(PARTNER_WIDE)).toBe(start + 30_000);
    await clientBalance.acquire(PARTNER_WIDE);
    expect(clock.sleeps).toEqual([25_000]);
    expect(clock.now()).toBe(start + 30_000);
  });

  it('api keys: one per 30 s per channel, channels independent', async () => {
    const clock = fakeClock();
    const { apiKeys } = createPartnerLimiters(clock);
    expect(apiKeys.tryAcquire('aCH')).toBe(true);
    expect(apiKeys.tryAcquire('bCH')).toBe(true);
    expect(apiKeys.tryAcquire('aCH')).toBe(false);
    await apiKeys.acquire('cCH');
    expect(clock.sleeps).toEqual([]);
    await apiKeys.acquire('aCH');
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('templates: 400 per minute partner-wide', () => {
    const clock = fakeClock();
    const { templates } = createPartnerLimiters(clock);
    for (let i = 0; i < 400; i++) expect(templates.tryAcquire(PARTNER_WIDE)).toBe(true);
    expect(templates.tryAcquire(PARTNER_WIDE)).toBe(false);
    clock.advance(60_000);
    expect(templates.tryAcquire(PARTNER_WIDE)).toBe(true);
  });

  it('health: nextAllowedAt tells a caller when to stop showing the cached value', () => {
    const clock = fakeClock();
    const health = createHealthLimiter(clock);
    expect(health.nextAllowedAt('aCH')).toBe(clock.now());
    expect(health.tryAcquire('aCH')).toBe(true);
    const checkedAt = clock.now();
    clock.advance(4 * 60_000);
    expect(health.check('aCH')).toBe(false);
    expect(health.nextAllowedAt('aCH')).toBe(checkedAt + 5 * 60_000);
    expect(health.check('bCH')).toBe(true);
    clock.advance(60_000);
    expect(health.check('aCH')).toBe(true);
  });

  it('release gives back a slot; block holds everyone back until the server allows', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ max: 2, windowMs: 10_000 }, clock);
    limiter.tryAcquire('k');
    limiter.release('k');
    expect(limiter.nextAllowedAt('k')).toBe(clock.now());
    limiter.block('k', clock.now() + 7000);
    expect(limiter.check('k')).toBe(false);
    await limiter.acquire('k');
    expect(clock.sleeps).toEqual([7000]);
  });

  it('acquire is abortable while waiting', async () => {
    const limiter = new RateLimiter({ max: 1, windowMs: 60_000 });
    limiter.tryAcquire('k');
    const controller = new AbortController();
    const started = Date.now();
    const waiting = limiter.acquire('k', controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('concurrent waiters each get their own slot', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ max: 1, windowMs: 1000 }, clock);
    await Promise.all([limiter.acquire('k'), limiter.acquire('k'), limiter.acquire('k')]);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000);
  });
});
