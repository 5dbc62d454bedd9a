/** The demo journey: explore, the connected screen, reload, restart on the same database, leave. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/contract';
import { launchChromium, openPage, screenshot, type TestPage } from './helpers/browser';
import { startWebApp, type WebApp } from './helpers/web-app';

/** The demo partner's name as main reports it, so the test does not guess the seed's name. */
async function demoPartnerName(app: WebApp): Promise<string> {
  const result = await app.request<SessionState>('session.get');
  if (!result.ok) throw new Error(result.error.message);
  const name = result.value.connection.partner?.name;
  if (!name) throw new Error(`session.get shows no partner: ${JSON.stringify(result.value.connection)}`);
  return name;
}

async function expectConnectedTo(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  await page.locator('.badge', { hasText: 'Connected' }).waitFor();
}

describe('demo session', () => {
  let dataDir: string;
  let app: WebApp;
  let browser: Browser;
  let tab: TestPage;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'partner-desk-e2e-demo-'));
    app = await startWebApp({ dataDir });
    browser = await launchChromium();
    tab = await openPage(browser);
  });

  afterAll(async () => {
    await tab?.close();
    await browser?.close();
    await app?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('"Explore with demo data" opens the connected screen with the demo partner', async () => {
    const { page } = tab;
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Explore with demo data' }).click();
    await page.locator('#partner-name').waitFor();
    const name = await demoPartnerName(app);
    await expectConnectedTo(page, name);

    const status = await page.getByRole('status').filter({ hasText: 'Connected to' }).textContent();
    expect(status).toContain(`Connected to ${name}`);
    expect(status).toContain('Demo data');
    expect(await page.getByRole('button', { name: 'Leave demo' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: "What's next" }).isVisible()).toBe(true);

    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'connected-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'connected-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(tab.problems).toEqual([]);
  });

  it('"Check connection" re-checks and stays connected', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Check connection' }).click();
    await page.getByRole('button', { name: 'Check connection' }).waitFor();
    await expectConnectedTo(page, await demoPartnerName(app));
    expect(await page.locator('time').count()).toBe(1);
  });

  it('keeps the session across a page reload', async () => {
    const { page } = tab;
    await page.reload();
    await expectConnectedTo(page, await demoPartnerName(app));
    expect(page.url()).not.toContain('token=');
  });

  it('says so when the local service stops, and restores the profile from the database after a restart', async () => {
    const { page } = tab;
    const problemsBefore = tab.problems.length;
    await app.stop();
    await page.getByRole('button', { name: 'Check connection' }).click();
    await page.getByRole('alert').filter({ hasText: "Partner Desk's local service is not answering" }).waitFor();

    app = await startWebApp({ dataDir });
    await page.goto(app.url); // a new launch prints a new token
    // While the service was down the browser logged the refused connections (and, once it was back,
    // the old token being refused): expected here, so only other problems are kept.
    const expected = /Failed to load resource: (net::ERR_CONNECTION_REFUSED|the server responded with a status of 401)/;
    tab.problems.push(...tab.problems.splice(problemsBefore).filter((problem) => !expected.test(problem)));
    await expectConnectedTo(page, await demoPartnerName(app));
  });

  it('"Leave demo" returns to the welcome screen', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Leave demo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner Desk' }).waitFor();
    expect(await page.getByRole('button', { name: 'Explore with demo data' }).isVisible()).toBe(true);
    expect(tab.problems).toEqual([]);
  });
});
