import { describe, expect, it } from 'vitest';
import { call, partnerPath, testHub, type MetaError } from './support';

interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
}

describe('partner authentication', () => {
  it('accepts the X-API-Key header in any case', async () => {
    const { hub } = testHub();
    for (const name of ['X-API-Key', 'x-api-key', 'X-API-KEY']) {
      const answer = await call(hub, partnerPath(hub), { anonymous: true, headers: { [name]: hub.apiKey } });
      expect(answer.status).toBe(200);
      expect(answer.json()).toMatchObject({ id: 'demoHubPA', brand_name: 'Demo Partner GmbH', country: 'DE' });
    }
  });

  it('answers 401 in the meta envelope for a missing or wrong key', async () => {
    const { hub } = testHub();
    const attempts: Record<string, string>[] = [
      {},
      { 'X-API-Key': 'wrong' },
      { Authorization: 'Bearer nope' },
      { Authorization: 'Basic abc' },
    ];
    for (const headers of attempts) {
      const answer = await call(hub, partnerPath(hub, '/channels'), { anonymous: true, headers });
      expect(answer.status).toBe(401);
      expect(answer.json<MetaError>().meta).toMatchObject({ success: false, http_code: 401 });
      expect(answer.json<MetaError>().meta.developer_message).toBeTruthy();
    }
  });

  it('issues a JWT-looking bearer token that works until it expires', async () => {
    const { hub, advance } = testHub({ tokenTtlSeconds: 600 });
    const answer = await call(hub, '/api/v2/token', {
      method: 'POST',
      anonymous: true,
      body: { username: hub.username, password: hub.password },
    });
    expect(answer.status).toBe(200);
    const token = answer.json<TokenBody>();
    expect(token.token_type).toBe('bearer');
    expect(token.expires_in).toBe(600);
    expect(token.refresh_token.length).toBeGreaterThan(10);
    const parts = token.access_token.split('.');
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString())).toMatchObject({ sub: hub.username, exp: expect.any(Number) });

    // kairon builds the header from token_type, so a lowercase scheme must work too.
    for (const scheme of ['Bearer', 'bearer']) {
      const ok = await call(hub, partnerPath(hub, '/balance'), {
        anonymous: true,
        headers: { Authorization: `${scheme} ${token.access_token}` },
      });
      expect(ok.status).toBe(200);
      expect(ok.json<unknown[]>()).toEqual([{ currency: 'usd', total: expect.any(Number) }]);
    }
    advance(599_000);
    expect(
      (await call(hub, partnerPath(hub), { anonymous: true, headers: { Authorization: `Bearer ${token.access_token}` } })).status,
    ).toBe(200);
    advance(1_000);
    const expired = await call(hub, partnerPath(hub), { anonymous: true, headers: { Authorization: `Bearer ${token.access_token}` } });
    expect(expired.status).toBe(401);
    expect(expired.json<MetaError>().meta.developer_message).toMatch(/expired/i);
  });

  it('refuses wrong credentials and malformed token requests OAuth-style', async () => {
    const { hub } = testHub();
    const wrong = await call(hub, '/api/v2/token', { method: 'POST', anonymous: true, body: { username: hub.username, password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
    for (const body of ['{not json', { username: hub.username }, { username: 1, password: 2 }]) {
      const bad = await call(hub, '/api/v2/token', { method: 'POST', anonymous: true, body });
      expect(bad.status).toBe(400);
      expect(bad.json()).toEqual({ error: expect.any(String), error_description: expect.any(String) });
    }
  });

  it('forbids another partner id with 403', async () => {
    const { hub } = testHub();
    const answer = await call(hub, '/api/v2/partners/otherPA/channels');
    expect(answer.status).toBe(403);
    expect(answer.json<MetaError>().meta).toMatchObject({ success: false, http_code: 403 });
  });

  it('answers 404 for unknown paths and 405 for a wrong method, in the meta envelope', async () => {
    const { hub } = testHub();
    const missing = await call(hub, partnerPath(hub, '/no-such-thing'));
    expect(missing.status).toBe(404);
    expect(missing.json<MetaError>().meta.http_code).toBe(404);
    expect((await call(hub, '/elsewhere')).status).toBe(404);
    const wrongMethod = await call(hub, partnerPath(hub, '/channels'), { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(wrongMethod.json<MetaError>().meta.http_code).toBe(405);
  });

  it('uses the configured credentials and partner id', async () => {
    const { hub } = testHub({ partnerId: 'acmePA', apiKey: 'k-1', username: 'u@example.com', password: 'p' });
    expect((await call(hub, '/api/v2/partners/acmePA', { anonymous: true, headers: { 'X-API-Key': 'k-1' } })).status).toBe(200);
    expect(
      (await call(hub, '/api/v2/token', { method: 'POST', anonymous: true, body: { username: 'u@example.com', password: 'p' } })).status,
    ).toBe(200);
  });
});
