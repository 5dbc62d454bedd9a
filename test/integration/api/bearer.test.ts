/**
 * The legacy Bearer flow against the simulated hub, on one injected clock shared by the hub and the
 * client: token from the keychain, renewed 5 minutes before expiry, renewed once after a 401 (then
 * the request is resent), and a second 401 surfacing as unauthorized. Concurrent callers share one
 * renewal.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearerAuth, requestToken, storeBearerToken, type BearerAuth } from '@core/api/auth';
import { createHttpClient } from '@core/api/http-client';
import { HubError } from '@core/api/http-errors';
import { MemorySecretStore, secretAccounts } from '@core/secrets/secret-store';
import { storedTokenSchema } from '@core/session/stored-token';
import { fakeClock } from '../../unit/api/test-doubles';
import { startHub, type HubFixture } from './hub-fixture';

const TTL_S = 3600;
const clock = fakeClock();
let fx: HubFixture;
let secrets: MemorySecretStore;
let auth: BearerAuth;

const tokenRequests = () => fx.count('POST', '/token');
const partnerReads = () => fx.count('GET', '/partners/:pid');
const api = () => fx.api({ auth, now: clock.now, sleep: clock.sleep });
async function stored() {
  return storedTokenSchema.parse(JSON.parse((await secrets.get(secretAccounts.bearerToken('p1')))!));
}

beforeAll(async () => {
  fx = await startHub({ clients: 3, channels: 4, now: clock.now, tokenTtlSeconds: TTL_S });
});
afterAll(() => fx.close());
beforeEach(async () => {
  fx.hub.faults.reset();
  secrets = new MemorySecretStore();
  // What sign-in leaves in the keychain: the password and a fresh token.
  const token = await requestToken(createHttpClient({ baseUrl: fx.baseUrl, fetch }), fx.hub.username, fx.hub.password);
  expect(token.token_type).toBe('bearer'); // lowercase, as the real service answers
  await storeBearerToken(secrets, 'p1', fx.hub.username, token, clock.now());
  await secrets.set(secretAccounts.partnerPassword('p1'), fx.hub.password);
  auth = bearerAuth({ secrets, profileId: 'p1', baseUrl: fx.baseUrl, fetch, now: clock.now });
  fx.hub.stats.reset();
});

describe('bearer auth', () => {
  it('uses the stored token while it is fresh', async () => {
    const before = await stored();
    await api().getPartner();
    await api().listClientsPage({ offset: 0, limit: 2 });
    expect(tokenRequests()).toBe(0);
    expect((await stored()).accessToken).toBe(before.accessToken);
  });

  it('renews 5 minutes before expiry, before sending, and keeps the new token in the keychain', async () => {
    const before = await stored();
    clock.advance(TTL_S * 1000 - 4 * 60_000);
    await api().getPartner();
    expect(tokenRequests()).toBe(1);
    expect(fx.hub.stats.byStatus.get(401)).toBeUndefined();
    const after = await stored();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.expiresAt).toBe(clock.now() + TTL_S * 1000);
  });

  it('after a 401 renews once and resends the request', async () => {
    fx.hub.faults.set({ unauthorized: { count: 1, path: '/partners/' } });
    const partner = await api().getPartner();
    expect(partner.id).toBe(fx.hub.partnerId);
    expect(tokenRequests()).toBe(1);
    expect(partnerReads()).toBe(2);
  });

  it('a second 401 surfaces as unauthorized, after exactly one renewal', async () => {
    fx.hub.faults.set({ unauthorized: { count: 2, path: '/partners/' } });
    const error = await api()
      .getPartner()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(tokenRequests()).toBe(1);
    expect(partnerReads()).toBe(2);
  });

  it('concurrent callers share one renewal (single flight)', async () => {
    clock.advance(TTL_S * 1000 + 1000);
    const client = api();
    await Promise.all(Array.from({ length: 6 }, () => client.getPartner()));
    expect(tokenRequests()).toBe(1);
    expect(partnerReads()).toBe(6);
  });

  it('concurrent 401s with the same old token share one renewal too', async () => {
    fx.hub.faults.set({ unauthorized: { count: 3, path: '/partners/' } });
    const client = api();
    await Promise.all(Array.from({ length: 3 }, () => client.getPartner()));
    expect(tokenRequests()).toBe(1);
    expect(partnerReads()).toBe(6);
  });

  it('a changed password surfaces the /token refusal in words', async () => {
    await secrets.set(secretAccounts.partnerPassword('p1'), 'not-the-password');
    fx.hub.faults.set({ unauthorized: { count: 1, path: '/partners/' } });
    const error = await api()
      .getPartner()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized', serverMessage: 'Wrong email or password.' });
  });

  it('without a stored password a 401 stays a 401, and an expired token means not signed in', async () => {
    await secrets.delete(secretAccounts.partnerPassword('p1'));
    fx.hub.faults.set({ unauthorized: { count: 1, path: '/partners/' } });
    await expect(api().getPartner()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(tokenRequests()).toBe(0);
    clock.advance(TTL_S * 1000);
    await expect(api().getPartner()).rejects.toMatchObject({ code: 'not_signed_in' });
  });
});
