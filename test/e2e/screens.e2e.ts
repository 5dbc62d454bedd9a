/**
 * Every screen and dialog of the app, in the light and the dark scheme: axe-core finds no serious or
 * critical violation, and a screenshot of each lands in test-results/screenshots/<screen>-<scheme>.png.
 * The states that matter are produced for real against a simulated Hub: offline, a failed sync, a
 * sync in progress, queued and settled actions, notifications.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelPage } from '@shared/accounts';
import { formatPhone } from '@shared/format';
import type { TestPage } from './helpers/browser';
import { REPO_ROOT } from './helpers/child-process';
import type { DemoServer } from './helpers/demo-server';
import { findJourneyTargets, type JourneyTargets } from './helpers/demo-targets';
import { screenshotOnFailure, startDemoWorkspace, type DemoWorkspace } from './helpers/demo-workspace';
import { captureScreen, goTo, type ScreenReport } from './helpers/screens';
import type { WebApp } from './helpers/web-app';

const reports: ScreenReport[] = [];

async function check(page: Page, name: string): Promise<void> {
  const report = await captureScreen(page, name);
  reports.push(report);
  expect(report.blocking, `axe on "${name}"`).toEqual([]);
}

describe('screens: axe and screenshots, light and dark', () => {
  let workspace: DemoWorkspace;
  let hub: DemoServer;
  let app: WebApp;
  let tab: TestPage;
  let targets: JourneyTargets;

  beforeAll(async () => {
    workspace = await startDemoWorkspace('screens');
    ({ hub, app, tab } = workspace);
  });

  afterEach((context) => screenshotOnFailure(tab, 'screens', context.task));

  afterAll(async () => {
    await mkdir(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    await writeFile(path.join(REPO_ROOT, 'test-results', 'axe-screens.json'), `${JSON.stringify(reports, null, 2)}\n`);
    const minor = [...new Set(reports.flatMap((r) => r.all))];
    console.log(
      `[axe] ${reports.length} screens x 2 schemes; blocking: ${reports.reduce((n, r) => n + r.blocking.length, 0)}; all findings: ${minor.join(', ') || 'none'}`,
    );
    await workspace?.stop();
  });

  it('welcome, and the sign-in form with its errors', async () => {
    const { page } = tab;
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Explore with demo data' }).waitFor();
    await check(page, 'welcome');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    await page.getByText('Advanced').click();
    await page.getByRole('radio', { name: /Username and password/ }).check();
    await check(page, 'welcome-validation');
  });

  it('accounts: cards, table, filters, nothing found', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Explore with demo data' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor();
    await page.locator('.ch-card').first().waitFor();
    targets = await findJourneyTargets(app, hub);
    await check(page, 'accounts-cards');

    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
    await page.locator('.row-open').first().waitFor();
    await check(page, 'accounts-table');
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Cards' }).click();

    await page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /^Live/ }).click();
    await page.getByRole('combobox', { name: /Meta business verification/ }).selectOption('Verified');
    await page.getByRole('button', { name: 'Action required' }).click();
    await page.locator('.ch-card').first().waitFor();
    await check(page, 'accounts-filtered');
    await page.getByRole('button', { name: /^Clear filters/ }).click();

    await page.getByRole('searchbox', { name: 'Search channels' }).fill('no such channel anywhere');
    await page.getByRole('heading', { name: 'No channels match' }).waitFor();
    await check(page, 'accounts-no-match');
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await page.locator('.ch-card').first().waitFor();
  });

  it('channel details: overview, templates, insights and billing, actions, confirmation', async () => {
    const { page } = tab;
    const number = formatPhone({ raw: targets.channel.phoneNumber, e164: targets.channel.phoneE164 }) ?? '';
    await page.getByRole('searchbox', { name: 'Search channels' }).fill(targets.fragment);
    await page.locator(`.list-region[data-shown-search="${targets.fragment}"]`).waitFor();
    await page
      .locator('.ch-card', { hasText: number })
      .getByRole('button', { name: /^Show details/ })
      .click();
    const details = page.getByRole('dialog', { name: targets.channel.companyName ?? '' });
    await details.getByRole('heading', { name: 'Status' }).waitFor();
    await details.getByText('All fields', { exact: true }).click();
    await details.getByText('Raw JSON', { exact: true }).click();
    await check(page, 'details-overview');

    await details.getByRole('tab', { name: 'Template Message Manager' }).click();
    await details.getByRole('group', { name: 'Message preview' }).waitFor();
    await check(page, 'details-templates');

    await details.getByRole('tab', { name: 'Insights and Billing' }).click();
    await details.getByRole('img', { name: /Conversations over the last/ }).waitFor();
    await check(page, 'details-insights');

    await details.getByRole('tab', { name: 'Actions' }).click();
    await details.getByRole('heading', { name: 'Health check' }).waitFor();
    await check(page, 'details-actions');

    await details.getByRole('button', { name: 'Request cancellation…' }).click();
    const confirm = page.getByRole('dialog', { name: /^Cancel \+/ });
    await confirm.getByText('pending deletion', { exact: false }).waitFor();
    await check(page, 'confirm-cancellation');
    await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
  });

  it('clients, a client, its channel limit', async () => {
    const { page } = tab;
    await goTo(page, 'Clients');
    await page.locator('.row-open').first().waitFor();
    await check(page, 'clients');
    const { name, email } = targets.client;
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(email ?? name);
    await page.getByRole('button', { name, exact: true }).first().click();
    const sheet = page.getByRole('dialog', { name });
    await sheet.locator('.mini-row').first().waitFor();
    await sheet.getByText('Balance', { exact: true }).waitFor();
    await check(page, 'client');
    await sheet.getByRole('button', { name: 'Change limit…' }).click();
    const limit = String((targets.client.maxChannels ?? 2) + 7);
    await page
      .getByRole('dialog', { name: /^Channel limit of/ })
      .getByRole('spinbutton')
      .fill(limit);
    await page
      .getByRole('dialog', { name: /^Channel limit of/ })
      .getByRole('button', { name: `Change limit to ${limit}` })
      .waitFor();
    await check(page, 'client-limit');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });

  it('notifications, after a sync finds changes made in the Hub', async () => {
    const { page } = tab;
    const found = await app.request<ChannelPage>('channels.list', { states: ['live'], limit: 3 });
    for (const channel of found.ok ? found.value.items : []) {
      const response = await hub.partnerRequest(
        'POST',
        `/clients/${channel.clientId ?? ''}/channels/${channel.id}/control/cancellation_request`,
      );
      expect(response.ok).toBe(true);
    }
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('button', { name: /Notifications.*unread/ })
      .waitFor();
    await goTo(page, 'Notifications');
    await page.locator('.notif').first().waitFor();
    await check(page, 'notifications');
  });

  it('offline: the banner, a queued action, the outbox; then sent', async () => {
    const { page } = tab;
    await hub.setFaults({ offline: true });
    await goTo(page, 'WhatsApp accounts');
    const live = await app.request<ChannelPage>('channels.list', { states: ['live'], limit: 50 });
    const channel = (live.ok ? live.value.items : []).find(
      (c) => c.id !== targets.channel.id && c.clientId !== targets.other.clientId && c.phoneE164,
    );
    // Searched by its E.164 digits; the outbox names it as the cards show it.
    const digits = channel?.phoneE164?.slice(1) ?? '';
    const shown = formatPhone({ raw: channel?.phoneNumber ?? null, e164: channel?.phoneE164 ?? null }) ?? '';
    await page.getByRole('searchbox', { name: 'Search channels' }).fill(digits);
    await page.locator(`.list-region[data-shown-search="${digits}"]`).waitFor();
    await page
      .locator('.ch-card')
      .first()
      .getByRole('button', { name: /^Show details/ })
      .click();
    await page.getByRole('dialog').getByRole('tab', { name: 'Actions' }).click();
    await page.getByRole('button', { name: 'Request cancellation…' }).click();
    await page.getByRole('button', { name: 'Request cancellation', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Waiting for|Sending it/ })
      .waitFor();
    await check(page, 'confirm-queued');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.keyboard.press('Escape');
    await page.locator('[data-connection="hub_unavailable"]').waitFor();
    await page.locator('.ch-card .pill', { hasText: 'Cancellation queued' }).first().waitFor();
    await check(page, 'accounts-offline');

    await goTo(page, 'Outbox');
    await page.getByRole('region', { name: /Waiting to be sent/ }).waitFor();
    await check(page, 'outbox-offline');

    await hub.clearFaults();
    await page
      .getByRole('region', { name: /Done and cancelled/ })
      .getByText(shown, { exact: false })
      .waitFor({ timeout: 20_000 });
    await check(page, 'outbox-sent');
  });

  it('the sync: running with its progress, failed with the reason', async () => {
    const { page } = tab;
    await hub.setFaults({ latencyMs: 1_500 });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByRole('progressbar', { name: 'Sync progress' }).waitFor();
    await captureScreen(page, 'sync-running').then((report) => {
      reports.push(report);
      expect(report.blocking).toEqual([]);
    });
    await page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor({ timeout: 30_000 });

    await hub.setFaults({ latencyMs: 0, serverErrors: { count: 50, status: 503 } });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Sync failed/ })
      .waitFor({ timeout: 30_000 });
    await check(page, 'sync-failed');
    await hub.clearFaults();
    await page.getByRole('button', { name: 'Retry sync' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor({ timeout: 30_000 });
  });

  it('dialogs: export, profile, keyboard shortcuts', async () => {
    const { page } = tab;
    await goTo(page, 'WhatsApp accounts');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    await page.getByRole('dialog', { name: 'Download CSV' }).waitFor();
    await check(page, 'export');
    await page.getByRole('dialog', { name: 'Download CSV' }).getByRole('button', { name: 'Download CSV' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    await check(page, 'export-saved');
    await page.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: /^Profile:/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Check connection' }).waitFor();
    await check(page, 'profile');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await check(page, 'shortcuts');
    await page.keyboard.press('Escape');
    expect(tab.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  });
});
