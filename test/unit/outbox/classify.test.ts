/** How failed attempts are read: retry (with backoff or Retry-After), pause, or fail; and whether the request may have acted. */
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { errorForStatus, HubError, offlineError, timeoutError } from '@core/api/http-errors';
import { backoffMs, classifyFailure, DEFAULT_BACKOFF, isOfflineFailure, retryDelayMs } from '@core/outbox/classify';

const context = (over: Partial<Parameters<typeof classifyFailure>[1]> = {}) => ({
  attempts: 1,
  sent: true,
  wasUncertain: false,
  policy: DEFAULT_BACKOFF,
  random: () => 0.5,
  ...over,
});

describe('backoff', () => {
  it('grows exponentially, stays within [half, full] of its ceiling, never below the minimum, capped', () => {
    expect(backoffMs(1, DEFAULT_BACKOFF, () => 0)).toBe(2_500);
    expect(backoffMs(1, DEFAULT_BACKOFF, () => 1)).toBe(5_000);
    expect(backoffMs(3, DEFAULT_BACKOFF, () => 0)).toBe(10_000);
    expect(backoffMs(30, DEFAULT_BACKOFF, () => 1)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(backoffMs(1, { ...DEFAULT_BACKOFF, baseMs: 10 }, () => 0)).toBe(DEFAULT_BACKOFF.minMs);
  });

  it('honours Retry-After, falls back to the documented 30-second window for a bare 429', () => {
    expect(retryDelayMs(errorForStatus(429, null, 'x', { retryAfterMs: 7_000 }), 1, DEFAULT_BACKOFF, () => 0)).toBe(7_000);
    expect(retryDelayMs(errorForStatus(429, null, 'x', { retryAfterMs: 0 }), 1, DEFAULT_BACKOFF, () => 0)).toBe(DEFAULT_BACKOFF.minMs);
    expect(retryDelayMs(errorForStatus(429, null, 'x'), 1, DEFAULT_BACKOFF, () => 0)).toBe(30_000);
  });
});

describe('classifyFailure', () => {
  it('network errors, 5xx and 429 are retried; a 5xx or a timeout after sending may have acted, a 429 never', () => {
    expect(classifyFailure(errorForStatus(500, null, 'x'), context())).toMatchObject({ type: 'retry', uncertain: true });
    expect(classifyFailure(timeoutError('x', 1000), context())).toMatchObject({ type: 'retry', uncertain: true });
    expect(classifyFailure(errorForStatus(429, null, 'x'), context())).toMatchObject({ type: 'retry', uncertain: false });
    const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
    expect(classifyFailure(offlineError('x', refused), context())).toMatchObject({ type: 'retry', uncertain: false });
  });

  it('nothing sent yet means nothing uncertain; an action already uncertain stays so', () => {
    expect(classifyFailure(errorForStatus(503, null, 'x'), context({ sent: false }))).toMatchObject({ uncertain: false });
    expect(classifyFailure(errorForStatus(429, null, 'x'), context({ wasUncertain: true }))).toMatchObject({ uncertain: true });
  });

  it("401 pauses; 400, 403, 404, 409 and 422 fail with the server's words", () => {
    expect(classifyFailure(errorForStatus(401, { meta: { developer_message: 'Token expired' } }, 'x'), context())).toMatchObject({
      type: 'pause',
      error: { code: 'unauthorized', status: 401 },
    });
    expect(classifyFailure(new AppError('not_signed_in', 'sign in'), context())).toMatchObject({ type: 'pause' });
    for (const status of [400, 403, 404, 409, 422]) {
      const outcome = classifyFailure(errorForStatus(status, { meta: { developer_message: `said ${status}` } }, 'x'), context());
      expect(outcome).toMatchObject({ type: 'failed', error: { status, serverMessage: `said ${status}` } });
    }
  });

  it('only an unanswered network failure stops a flush', () => {
    expect(isOfflineFailure(offlineError('x', new Error('reset')))).toBe(true);
    expect(isOfflineFailure(new HubError('offline', 'cut', { status: 200, mayHaveActed: true }))).toBe(false);
    expect(isOfflineFailure(errorForStatus(503, null, 'x'))).toBe(false);
  });
});
