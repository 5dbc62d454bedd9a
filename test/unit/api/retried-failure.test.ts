/**
 * A request retried until it failed says how many attempts it made over how long: a hanging Hub
 * once failed `partner-desk sync` after 124 s with "did not answer within 30 s". The clock and the
 * pauses are injected, so nothing waits.
 */
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '@core/api/http-client';
import { afterAttempts, HubError } from '@core/api/http-errors';

describe('the final error of a retried request', () => {
  it('tells the attempts and the real time they took', async () => {
    let now = 0;
    const refused = (async () => {
      now += 4_000; // each attempt takes a while to be refused
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }) as unknown as typeof fetch;
    const http = createHttpClient({
      baseUrl: 'http://127.0.0.1:9/api/v2',
      fetch: refused,
      now: () => now,
      sleep: async (ms) => void (now += ms),
      random: () => 0.5,
      retry: { maxAttempts: 3 },
    });
    const error = await http.request({ path: '/partners/x/clients', what: 'list the clients' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe('offline');
    expect((error as HubError).message).toMatch(/Could not reach the 360dialog Hub to list the clients: .* \(3 attempts over \d+ s\)\.$/);
    const seconds = Number(/over (\d+) s/.exec((error as HubError).message)![1]);
    expect(seconds).toBe(Math.round(now / 1000));
  });

  it('leaves a single attempt as it was, and keeps what callers decide on', () => {
    const original = new HubError('offline', 'The Hub did not answer within 15 s.', { mayHaveActed: true, status: null });
    expect(afterAttempts(original, 1, 15_000)).toBe(original);
    const after = afterAttempts(original, 3, 48_400);
    expect(after.message).toBe('The Hub did not answer within 15 s (3 attempts over 48 s).');
    expect(after).toMatchObject({ code: 'offline', mayHaveActed: true, status: null });
    expect(after.cause).toBe(original);
  });
});
