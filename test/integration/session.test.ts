/**
 * Sign-in, demo and sign-out through the real core against the simulated Partner Hub over HTTP on
 * 127.0.0.1. The keychain here is the in-memory store (the real keychain has its own test); what
 * matters is what reaches it and what never does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoHub, startDemoHubServer, type DemoHub } from '@demo-hub';
import { MemorySecretStore, secretAccounts } from '@core/secrets/secret-store';
import { createCore } from '@core';
import { startTestCore, type CoreFixture } from '../helpers/core-fixture';

let hub: DemoHub;
let server: Awaited<ReturnType<typeof startDemoHubServer>>;
let fixture: CoreFixture;

beforeAll(async () => {
  hub = createDemoHub({ clients: 20, channels: 30 });
  server = await startDemoHubServer(hub, { port: 0 });
});
afterAll(() => server.close());
beforeEach(async () => {
  fixture = await startTestCore({ hubUrl: `${server.url}/api/v2` });
});
afterEach(() => fixture.dispose());

function filesContain(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(needle)) hits.push(file);
  }
  return hits;
}

describe('session', () => {
  it('signs in with a Partner API key: the key goes to the keychain only, the profile to SQLite', async () => {
    const state = await fixture.core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey });
    expect(state.connection).toMatchObject({ status: 'connected', partner: { id: hub.partnerId } });
    expect(state.connection.partner?.name).toBeTruthy();
    expect(state.profiles).toHaveLength(1);
    expect(state.profiles[0]).toMatchObject({ partnerId: hub.partnerId, authMethod: 'api_key', hasSecret: true });
    expect(await fixture.secrets.get(secretAccounts.partnerApiKey(state.activeProfileId!))).toBe(hub.apiKey);
    fixture.core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesContain(fixture.dataDir, hub.apiKey)).toEqual([]);
    expect(JSON.stringify(state)).not.toContain(hub.apiKey);
  });

  it('refuses a wrong key with a clear message and stores nothing', async () => {
    await expect(
      fixture.core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: 'wrong-key-123456' }),
    ).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/refused the credentials.*sign in again/s),
    });
    const state = await fixture.core.session.state();
    expect(state.profiles).toEqual([]);
    expect(state.connection.status).toBe('signed_out');
    expect(await fixture.secrets.get(secretAccounts.partnerApiKey('any'))).toBeNull();
  });

  it('reports an unreachable hub as offline', async () => {
    hub.faults.set({ offline: true });
    try {
      await expect(fixture.core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey })).rejects.toMatchObject({
        code: 'offline',
      });
    } finally {
      hub.faults.reset();
    }
  });

  it('signs in with username and password (legacy Bearer token), keeping token and password in the keychain', async () => {
    const state = await fixture.core.session.signIn({
      method: 'token',
      partnerId: hub.partnerId,
      username: hub.username,
      password: hub.password,
    });
    expect(state.connection.status).toBe('connected');
    const id = state.activeProfileId!;
    expect(await fixture.secrets.get(secretAccounts.partnerPassword(id))).toBe(hub.password);
    const token = JSON.parse((await fixture.secrets.get(secretAccounts.bearerToken(id)))!);
    expect(token).toMatchObject({ username: hub.username, accessToken: expect.any(String), expiresAt: expect.any(Number) });
    fixture.core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesContain(fixture.dataDir, hub.password)).toEqual([]);
    expect(filesContain(fixture.dataDir, token.accessToken)).toEqual([]);
  });

  it('explores the demo hub without any credential and restores the session on restart', async () => {
    const state = await fixture.core.session.startDemo();
    expect(state.connection).toMatchObject({ status: 'connected', partner: { id: expect.stringMatching(/PA$/) } });
    expect(state.profiles[0]).toMatchObject({ authMethod: 'demo', hasSecret: true });
    fixture.core.close();

    const again = await createCore({ dataDir: fixture.dataDir, secrets: fixture.secrets, runMode: 'web', appVersion: 'test' });
    try {
      const restored = await again.session.state();
      expect(restored.activeProfileId).toBe(state.activeProfileId);
      const refreshed = await again.session.refresh();
      expect(refreshed.connection.status).toBe('connected');
    } finally {
      again.close();
    }
  });

  it('starts without waiting for the keychain: the cached session answers at once, the credential check follows', async () => {
    // A profile whose key is gone from the keychain, behind a keychain that answers only when released.
    await fixture.core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey });
    const profileId = (await fixture.core.session.state()).activeProfileId!;
    await fixture.secrets.delete(secretAccounts.partnerApiKey(profileId));
    fixture.core.close();
    const release: Array<() => void> = [];
    class LockedKeychain extends MemorySecretStore {
      override get(account: string): Promise<string | null> {
        return new Promise((resolve) => release.push(() => void super.get(account).then(resolve)));
      }
      override isAvailable(): Promise<boolean> {
        return new Promise((resolve) => release.push(() => resolve(true)));
      }
    }
    const again = await createCore({
      dataDir: fixture.dataDir,
      secrets: new LockedKeychain(),
      runMode: 'web',
      appVersion: 'test',
      hubUrl: `${server.url}/api/v2`,
    });
    try {
      const changes: boolean[] = [];
      again.events.on('session.changed', (state) => changes.push(state.profiles[0]!.hasSecret));
      const early = await again.session.state();
      expect(early).toMatchObject({
        activeProfileId: profileId,
        connection: { status: 'connecting' },
        profiles: [{ id: profileId, hasSecret: true }],
      });
      expect(await again.dispatch('app.info', {})).toMatchObject({ ok: true, value: { keychainAvailable: null } });
      expect(release.length).toBeGreaterThan(0); // the keychain was asked, and has not answered
      for (const answer of release.splice(0)) answer();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(changes).toContain(false);
      expect((await again.session.state()).profiles[0]!.hasSecret).toBe(false);
    } finally {
      for (const answer of release.splice(0)) answer();
      again.close();
    }
  });

  it('signs out: removes the credential, keeps the cached profile for offline browsing unless asked', async () => {
    const state = await fixture.core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey });
    const id = state.activeProfileId!;
    await fixture.secrets.set(secretAccounts.channelApiKey(id, 'abcCH'), 'a-channel-key');
    await fixture.secrets.set(secretAccounts.channelApiKey('another-profile', 'abcCH'), 'someone-elses-key');
    const kept = await fixture.core.session.signOut(id, true);
    expect(await fixture.secrets.get(secretAccounts.partnerApiKey(id))).toBeNull();
    expect(await fixture.secrets.get(secretAccounts.channelApiKey(id, 'abcCH'))).toBeNull();
    expect(await fixture.secrets.get(secretAccounts.channelApiKey('another-profile', 'abcCH'))).toBe('someone-elses-key');
    expect(kept.profiles).toEqual([expect.objectContaining({ id, hasSecret: false })]);
    expect(kept.activeProfileId).toBeNull();
    expect(kept.connection.status).toBe('signed_out');

    await fixture.core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey });
    const gone = await fixture.core.session.signOut(id, false);
    expect(gone.profiles).toEqual([]);
  });

  it('emits session.changed on every change', async () => {
    const seen: string[] = [];
    const off = fixture.core.events.on('session.changed', (s) => seen.push(s.connection.status));
    await fixture.core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey });
    off();
    expect(seen).toEqual(['connecting', 'connected']);
  });
});
