/**
 * The session service on the auth providers: a Bearer profile's connection check renews an expired
 * token from the stored password (through the real core, hub and client on one injected clock),
 * and `connectionFor` gives what a Partner API client needs.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPartnerApi } from '@core/api/partner-api';
import { ProfileRepository } from '@core/profiles/profile-repository';
import { secretAccounts } from '@core/secrets/secret-store';
import { startTestCore, type CoreFixture } from '../../helpers/core-fixture';
import { fakeClock } from '../../unit/api/test-doubles';
import { startHub, type HubFixture } from './hub-fixture';

const clock = fakeClock();
let fx: HubFixture;
let core: CoreFixture;

beforeAll(async () => {
  fx = await startHub({ clients: 3, channels: 4, now: clock.now, tokenTtlSeconds: 3600 });
});
afterAll(() => fx.close());
beforeEach(async () => {
  fx.hub.faults.reset();
  fx.hub.stats.reset();
  core = await startTestCore({ hubUrl: fx.baseUrl, clock: clock.now });
});
afterEach(() => core.dispose());

const tokenRequests = () => fx.count('POST', '/token');

describe('session with a Bearer profile', () => {
  it('renews the expired token on refresh and after a 401, storing the new one in the keychain', async () => {
    const state = await core.core.session.signIn({
      method: 'token',
      partnerId: fx.hub.partnerId,
      username: fx.hub.username,
      password: fx.hub.password,
    });
    const id = state.activeProfileId!;
    const first = JSON.parse((await core.secrets.get(secretAccounts.bearerToken(id)))!) as { accessToken: string };
    expect(tokenRequests()).toBe(1);

    clock.advance(3600 * 1000 + 1000);
    expect((await core.core.session.refresh()).connection.status).toBe('connected');
    expect(tokenRequests()).toBe(2);
    const second = JSON.parse((await core.secrets.get(secretAccounts.bearerToken(id)))!) as { accessToken: string };
    expect(second.accessToken).not.toBe(first.accessToken);

    fx.hub.faults.set({ unauthorized: { count: 1, path: '/partners/' } });
    expect((await core.core.session.refresh()).connection.status).toBe('connected');
    expect(tokenRequests()).toBe(3);
  });

  it('connectionFor builds a working Partner API client for the active profile', async () => {
    const state = await core.core.session.signIn({ method: 'api_key', partnerId: fx.hub.partnerId, apiKey: fx.hub.apiKey });
    const profile = new ProfileRepository(core.core.db, clock.now).get(state.activeProfileId!);
    expect(profile).toBeTruthy();
    const api = createPartnerApi(await core.core.session.connectionFor(profile!));
    expect((await api.getPartner()).id).toBe(fx.hub.partnerId);
  });
});
