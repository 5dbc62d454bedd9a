/**
 * A real sign-in against a simulated Hub, signing out while keeping the cache, and switching
 * between profiles. Needs a working keychain: run inside scripts/keyring-session.sh, else skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo, SessionState } from '@shared/contract';
import { screenshot, type TestPage } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/demo-server';
import type { WebApp } from './helpers/web-app';
import { startWebSession, type WebSession } from './helpers/web-session';

describe('profiles', () => {
  let hub: DemoServer;
  let web: WebSession;
  let app: WebApp;
  let tab: TestPage;
  let keychain = false;

  beforeAll(async () => {
    hub = await startDemoServer();
    web = await startWebSession('profiles');
    ({ app, tab } = web);
    const info = await app.request<AppInfo>('app.info');
    keychain = info.ok && info.value.keychainAvailable === true;
  });

  afterAll(async () => {
    await web?.stop();
    await hub?.stop();
  });

  it('signs in with a valid key and shows the partner', async (ctx) => {
    if (!keychain) ctx.skip();
    const { page } = tab;
    await page.goto(app.url);
    await page.getByRole('textbox', { name: 'Partner ID' }).fill(hub.partnerId);
    await page.getByLabel('Partner API key', { exact: true }).fill(hub.apiKey);
    await page.getByText('Advanced').click();
    await page.getByRole('textbox', { name: /Hub URL/ }).fill(hub.hubUrl);
    await page.getByRole('textbox', { name: /Hub URL/ }).press('Enter');

    await page.getByRole('heading', { level: 1, name: 'WhatsApp accounts' }).waitFor();
    const session = await app.request<SessionState>('session.get');
    const name = session.ok ? session.value.connection.partner?.name : undefined;
    expect(name).toBeTruthy();
    const profileButton = page.getByRole('button', { name: `Profile: ${name ?? ''}, ${hub.partnerId}`, exact: true });
    await profileButton.waitFor();
    // The first sync runs at once and the hub's channels appear.
    await page.locator('.ch-card').first().waitFor();
    await profileButton.click();
    expect(await page.getByRole('dialog').getByText('In the system keychain').isVisible()).toBe(true);
    expect(await page.getByText('Demo data', { exact: true }).count()).toBe(0);
    expect(tab.problems).toEqual([]);
  });

  it('signs out after confirming, keeping the profile for later', async (ctx) => {
    if (!keychain) ctx.skip();
    const { page } = tab;
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('checkbox').isChecked()).toBe(true);
    await screenshot(page, 'sign-out-dialog-light');
    await dialog.getByRole('button', { name: 'Sign out' }).click();

    await page.getByRole('heading', { level: 2, name: 'Profiles on this computer' }).waitFor();
    expect(await page.getByText('Signed out, cached data kept').isVisible()).toBe(true);
    await screenshot(page, 'welcome-with-profile-light');
  });

  it('switches from the demo to the signed-out profile and says why it cannot connect', async (ctx) => {
    if (!keychain) ctx.skip();
    const { page } = tab;
    await page.getByRole('button', { name: 'Explore with demo data' }).click();
    await page.getByRole('button', { name: /demo data$/ }).click();

    const session = await app.request<SessionState>('session.get');
    const signedOut = session.ok ? session.value.profiles.find((p) => p.authMethod === 'api_key') : undefined;
    expect(signedOut).toBeDefined();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: `Switch to ${signedOut?.label ?? ''}` })
      .click();

    // The signed-out profile opens on its cached accounts, and says why it cannot connect.
    await page.getByRole('button', { name: `Profile: ${signedOut?.label ?? ''}`, exact: false }).waitFor();
    const after = await app.request<SessionState>('session.get');
    // No key in the keychain: the same remedy as a refused one (enter it), nothing else to wait for.
    expect(after.ok && after.value.connection.status).toBe('key_rejected');
    await page
      .getByRole('alert')
      .filter({ hasText: `The keychain holds no API key for ${signedOut?.label ?? ''}.` })
      .waitFor();
    await page.locator('.ch-card').first().waitFor();
    await screenshot(page, 'workspace-signed-out-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'workspace-signed-out-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(tab.problems).toEqual([]);
  });

  it('"Update the API key" asks only for the key, and the same profile reconnects on its cache', async (ctx) => {
    if (!keychain) ctx.skip();
    const { page } = tab;
    await page.getByRole('button', { name: 'Update the API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update the API key' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Partner API key').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

    await page.keyboard.type(hub.apiKey);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-connection]').waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'WhatsApp accounts' }).waitFor();
    await page.getByRole('button', { name: /^Profile:/ }).click();
    await page.getByRole('dialog').locator('.badge', { hasText: 'Online' }).waitFor();
    const session = await app.request<SessionState>('session.get');
    // The same profile came back rather than a second copy of it.
    expect(session.ok && session.value.profiles.filter((p) => p.authMethod === 'api_key').length).toBe(1);
    expect(tab.problems).toEqual([]);
  });
});
