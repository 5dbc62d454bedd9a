/** Signing in with a wrong key against a simulated Hub shows the Hub's refusal in words. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, screenshot } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/demo-server';
import { startWebApp, type WebApp } from './helpers/web-app';

describe('sign-in', () => {
  let hub: DemoServer;
  let app: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    hub = await startDemoServer();
    app = await startWebApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await hub?.stop();
  });

  it("shows the Hub's refusal of a wrong key and stays on the welcome screen", async () => {
    const { page, problems, close } = await openPage(browser);
    await page.goto(app.url);
    await page.getByRole('textbox', { name: 'Partner ID' }).fill('e2eWrongKeyPA');
    await page.getByLabel('Partner API key', { exact: true }).fill('this-is-not-the-right-key');
    await page.getByText('Advanced').click();
    await page.getByRole('textbox', { name: /Hub URL/ }).fill(hub.hubUrl);

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // Read from the page, not the raw HTTP answer: a sign-in slower than 300 ms (a loaded machine) is
    // answered with a ticket first (web mode's 202), and the page follows it.
    const alert = page.getByRole('alert').filter({ hasText: 'Sign-in failed' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/refused the credentials/);
    const session = await app.request<{ profiles: unknown[] }>('session.get', {});
    expect(session.ok && session.value.profiles).toEqual([]);
    // The refused key does not linger in the form; the partner id stays for the next try.
    expect(await page.getByLabel('Partner API key', { exact: true }).inputValue()).toBe('');
    expect(await page.getByRole('textbox', { name: 'Partner ID' }).inputValue()).toBe('e2eWrongKeyPA');
    expect(await page.getByRole('heading', { level: 1, name: 'Partner Desk' }).isVisible()).toBe(true);
    await screenshot(page, 'welcome-sign-in-refused-light');
    expect(problems).toEqual([]);
    await close();
  });
});
