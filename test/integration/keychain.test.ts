/**
 * The real OS keychain: GNOME Keyring's Secret Service inside a private D-Bus session
 * (`npm test` runs vitest through scripts/keyring-session.sh). No mocks.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '@core/secrets/keytar-secret-store';

const service = `partner-desk-test-${randomUUID()}`;
const store = new KeytarSecretStore(service);
const account = `profile:${randomUUID()}:partner-api-key`;
const root = path.resolve(import.meta.dirname, '../..');

describe('KeytarSecretStore against a real Secret Service', () => {
  afterAll(async () => {
    await store.delete(account).catch(() => undefined);
  });

  it('runs inside a keyring session (npm test provides one) or on a keychain the user allowed', async () => {
    // 1: scripts/keyring-session.sh's private keyring; system: PARTNER_DESK_SYSTEM_KEYCHAIN=1 (docs/TESTING.md).
    expect(process.env.PARTNER_DESK_KEYRING, 'run the tests with `npm run test:keychain`').toMatch(/^(1|system)$/);
    expect(await store.isAvailable()).toBe(true);
  });

  it('stores, reads, overwrites and deletes a secret', async () => {
    expect(await store.get(account)).toBeNull();
    await store.set(account, 'first-secret-value');
    expect(await store.get(account)).toBe('first-secret-value');
    await store.set(account, 'second value with ünïcödé ✓');
    expect(await store.get(account)).toBe('second value with ünïcödé ✓');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('keeps accounts apart', async () => {
    const other = `${account}-other`;
    await store.set(account, 'a');
    await store.set(other, 'b');
    expect(await store.get(account)).toBe('a');
    expect(await store.get(other)).toBe('b');
    await store.delete(other);
    expect(await store.get(account)).toBe('a');
  });

  it('lists the accounts under a prefix (names only), for signing a profile out completely', async () => {
    const prefix = `${account}:`;
    await store.set(`${prefix}channel:A:api-key`, 'key-a');
    await store.set(`${prefix}channel:B:api-key`, 'key-b');
    try {
      expect((await store.accounts(prefix)).sort()).toEqual([`${prefix}channel:A:api-key`, `${prefix}channel:B:api-key`]);
      expect(await store.accounts(`${prefix}nothing-here`)).toEqual([]);
    } finally {
      await store.delete(`${prefix}channel:A:api-key`);
      await store.delete(`${prefix}channel:B:api-key`);
    }
  });

  it('refuses to store an empty secret', async () => {
    await expect(store.set(account, '')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('gives a clear error, not a crash, when no Secret Service is running', () => {
    // A child process with no session bus: keytar cannot reach any keychain.
    const script = `
      import { KeytarSecretStore } from './electron/core/secrets/keytar-secret-store.ts';
      const store = new KeytarSecretStore('partner-desk-test-missing');
      try { await store.get('x'); console.log('UNEXPECTED: read succeeded'); }
      catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }
      console.log('available=' + (await store.isAvailable()));
    `;
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/partner-desk-bus', DISPLAY: '' };
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const [errorLine, availableLine] = child.stdout.trim().split('\n');
    const error = JSON.parse(errorLine!) as { code: string; message: string };
    expect(error.code).toBe('keychain_unavailable');
    expect(error.message).toMatch(/system keychain/);
    expect(error.message).toMatch(/GNOME Keyring|Secret Service/);
    expect(availableLine).toBe('available=false');
  });
});
