/** The first screen in web mode: the two ways in, the token guard, and form validation. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartnerId } from '@shared/contract';
import { launchChromium, openPage, screenshot } from './helpers/browser';
import { startWebApp, type WebApp } from './helpers/web-app';

describe('welcome screen', () => {
  let app: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows both ways in with accessible names, and moves the token out of the address bar', async () => {
    const { page, problems, close } = await openPage(browser);
    await page.goto(app.url);
    await page.getByRole('heading', { level: 1, name: 'Partner Desk' }).waitFor();

    expect(await page.title()).toBe('Partner Desk');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const signIn = page.getByRole('region', { name: 'Sign in with a Partner API key' });
    expect(await signIn.getByRole('textbox', { name: 'Partner ID' }).isVisible()).toBe(true);
    expect(await signIn.getByLabel('Partner API key', { exact: true }).getAttribute('type')).toBe('password');
    expect(await signIn.getByRole('button', { name: 'Sign in', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Explore with demo data' }).isVisible()).toBe(true);
    expect(await page.getByText('kept in the system keychain, never on disk').isVisible()).toBe(true);

    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate("sessionStorage.getItem('partner-desk-token')")).toBe(app.token);

    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'welcome-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'welcome-dark');
    expect(problems).toEqual([]);
    await close();
  });

  it('refuses API requests that lack the token', async () => {
    const { page, close } = await openPage(browser);
    const response = await page.request.post(`${app.origin}/api/request/app.info`, { data: {} });
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const events = await fetch(`${app.origin}/api/events`);
    expect(events.status).toBe(401);
    await events.body?.cancel();
    await close();
  });

  it('asks for the printed address when opened without a token', async () => {
    const { page, problems, close } = await openPage(browser);
    await page.goto(`${app.origin}/`);
    await page.getByRole('heading', { level: 1, name: 'Open Partner Desk from its address' }).waitFor();
    expect(await page.getByText('Open the address printed by').textContent()).toContain('(it includes a one-time access token)');
    await screenshot(page, 'missing-token-light');
    expect(problems).toEqual([]);
    await close();
  });

  it('shows the validation message for an invalid partner id, next to the field', async () => {
    const { page, problems, close } = await openPage(browser);
    await page.goto(app.url);
    const partnerId = page.getByRole('textbox', { name: 'Partner ID' });
    await partnerId.fill('not a partner id!');
    await page.getByLabel('Partner API key', { exact: true }).fill('a-long-enough-api-key');
    await page.getByLabel('Partner API key', { exact: true }).press('Enter');

    const expected = PartnerId.safeParse('not a partner id!').error?.issues[0]?.message ?? '';
    expect(expected).not.toBe('');
    const alert = page.getByRole('alert').filter({ hasText: expected });
    await alert.waitFor();
    expect(await partnerId.getAttribute('aria-invalid')).toBe('true');
    expect(await partnerId.getAttribute('aria-describedby')).toContain(await alert.getAttribute('id'));
    // Focus goes to the field to fix.
    expect(await page.locator(':focus').getAttribute('name')).toBe('partnerId');
    await screenshot(page, 'welcome-validation-light');
    expect(problems).toEqual([]);
    await close();
  });
});
