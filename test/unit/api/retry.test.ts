import { describe, expect, it } from 'vitest';
import { HubError, offlineError } from '@core/api/http-errors';
import { abortableSleep, backoffDelay, decideRetry, DEFAULT_RETRY, parseRetryAfter } from '@core/api/retry';

const policy = { ...DEFAULT_RETRY, maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const ctx = (idempotent: boolean, rateLimitWindowMs?: number) => ({ policy, idempotent, rateLimitWindowMs, random: () => 0.5 });

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 1, 0, 0, 0);
  it('reads delta-seconds, including 0 and fractions', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });
  it('reads an HTTP-date relative to the injected clock, never negative', () => {
    expect(parseRetryAfter(new Date(now + 12_000).toUTCString(), now)).toBe(12_000);
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
  });
});

describe('backoffDelay (full jitter)', () => {
  it('grows exponentially up to the cap, scaled by the random draw', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });
});

describe('decideRetry', () => {
  const server = new HubError('server_error', 'x', { status: 503, mayHaveActed: true });
  const dropped = offlineError('do it', Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }));
  const refused = offlineError(
    'do it',
    new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }),
  );

  it('retries 5xx and network errors for idempotent requests with backoff', () => {
    expect(decideRetry(server, 1, ctx(true))).toEqual({ retry: true, delayMs: 50 });
    expect(decideRetry(dropped, 2, ctx(true))).toEqual({ retry: true, delayMs: 100 });
  });
  it('never resends a non-idempotent request that may have been acted on', () => {
    expect(decideRetry(server, 1, ctx(false)).retry).toBe(false);
    expect(decideRetry(dropped, 1, ctx(false)).retry).toBe(false);
  });
  it('does resend a POST that provably never left (connection refused)', () => {
    expect(refused.mayHaveActed).toBe(false);
    expect(decideRetry(refused, 1, ctx(false)).retry).toBe(true);
  });
  it('retries 429 for every method, waiting Retry-After, else the endpoint window, else the fallback', () => {
    expect(decideRetry(new HubError('rate_limited', 'x', { status: 429, retryAfterMs: 3000 }), 1, ctx(false))).toEqual({
      retry: true,
      delayMs: 3000,
    });
    expect(decideRetry(new HubError('rate_limited', 'x', { status: 429 }), 1, ctx(false, 60_000))).toEqual({
      retry: true,
      delayMs: 60_000,
    });
    expect(decideRetry(new HubError('rate_limited', 'x', { status: 429 }), 1, ctx(true))).toEqual({
      retry: true,
      delayMs: policy.rateLimitFallbackMs,
    });
  });
  it('surfaces a 429 that asks for an unreasonable wait instead of sleeping through it', () => {
    expect(decideRetry(new HubError('rate_limited', 'x', { status: 429, retryAfterMs: 3_600_000 }), 1, ctx(true)).retry).toBe(false);
  });
  it('never retries other 4xx or bad answers, and stops at maxAttempts', () => {
    for (const code of ['invalid_input', 'not_found', 'unauthorized', 'forbidden', 'conflict', 'bad_response'] as const) {
      expect(decideRetry(new HubError(code, 'x', { status: 400 }), 1, ctx(true)).retry).toBe(false);
    }
    expect(decideRetry(server, 4, ctx(true)).retry).toBe(false);
  });
});

describe('abortableSleep', () => {
  it('rejects promptly with the abort reason', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = abortableSleep(60_000, controller.signal);
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(sleeping).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(1000);
  });
  it('rejects at once when already aborted', async () => {
    await expect(abortableSleep(10, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });
});
