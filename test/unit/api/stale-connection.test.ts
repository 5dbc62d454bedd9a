/**
 * A keep-alive connection the server closed while idle fails the next request at once. Idempotent
 * requests go again once on a fresh connection, even with a single-attempt policy (sign-in); a POST
 * does not (it could have reached the server).
 */
import { describe, expect, it } from 'vitest';
import { createHttpClient, isStaleConnection } from '@core/api/http-client';

function staleOnce(): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  const fake = (async () => {
    calls += 1;
    if (calls === 1) {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    }
    return new Response(JSON.stringify({ id: 'demoHubPA' }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { fetch: fake, calls: () => calls };
}

describe('a stale pooled connection', () => {
  it('is recognised from the cause chain, and only then', () => {
    expect(isStaleConnection(new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } }))).toBe(true);
    expect(isStaleConnection(new Error('x', { cause: new Error('y', { cause: { code: 'ECONNRESET' } }) }))).toBe(true);
    expect(isStaleConnection(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }))).toBe(false);
    expect(isStaleConnection(new Error('plain'))).toBe(false);
  });

  it('makes a single-attempt GET go again once, on a fresh connection', async () => {
    const double = staleOnce();
    const http = createHttpClient({ baseUrl: 'http://127.0.0.1:9/api/v2', fetch: double.fetch, retry: { maxAttempts: 1 } });
    const result = await http.request({ path: '/partners/demoHubPA', what: 'read the partner account' });
    expect(result.data).toEqual({ id: 'demoHubPA' });
    expect(double.calls()).toBe(2);
  });

  it('does not send a POST twice', async () => {
    const double = staleOnce();
    const http = createHttpClient({ baseUrl: 'http://127.0.0.1:9/api/v2', fetch: double.fetch, retry: { maxAttempts: 1 } });
    await expect(
      http.request({ method: 'POST', path: '/partners/demoHubPA/channels/x/api_keys', what: 'generate an API key' }),
    ).rejects.toMatchObject({ code: 'offline' });
    expect(double.calls()).toBe(1);
  });
});
