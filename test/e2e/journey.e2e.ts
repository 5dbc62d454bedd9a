/**
 * The journey of a new user, in Chromium against web mode and a simulated Partner Hub whose faults
 * can be switched: explore the demo data, wait for the sync, find a client by a fragment of its
 * name with umlauts, open a channel and read its templates and balance, queue a cancellation while
 * the Hub is offline and see it pending, bring the Hub back and see it confirmed, see a
 * notification arrive, change a client's channel limit, and export the channels as CSV.
 *
 * The hub is `partner-desk demo-server` with the demo's default sizes. The records the journey uses
 * (a direct-payment client with an umlaut in its name and a channel with templates) are found once
 * the first sync is done, through the contract, so the test does not depend on the generator's seed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '@shared/format';
import { screenshot, type TestPage } from './helpers/browser';
import type { DemoServer } from './helpers/demo-server';
import { findJourneyTargets, type JourneyTargets } from './helpers/demo-targets';
import { screenshotOnFailure, startDemoWorkspace, type DemoWorkspace } from './helpers/demo-workspace';
import { goTo } from './helpers/screens';
import type { WebApp } from './helpers/web-app';

describe('journey: a new user, from the demo to an export', () => {
  let workspace: DemoWorkspace;
  let hub: DemoServer;
  let app: WebApp;
  let tab: TestPage;
  let downloads: string;
  let targets: JourneyTargets;
  /** The channel's company (the details panel's title) and its number as the card shows it. */
  let company: string;
  let number: string;

  beforeAll(async () => {
    workspace = await startDemoWorkspace('journey');
    ({ hub, app, tab, downloads } = workspace);
  });

  afterEach((context) => screenshotOnFailure(tab, 'journey', context.task));

  afterAll(async () => {
    await workspace?.stop();
  });

  it('explores the demo data and waits for the first sync', async () => {
    const { page } = tab;
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Explore with demo data' }).click();
    await page.getByRole('heading', { level: 1, name: 'WhatsApp accounts' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor();
    await page.locator('.page-sub', { hasText: '200 channels' }).waitFor();
    await page.locator('.ch-card').first().waitFor();
    // Counts per state come with the list and add up to the whole.
    const all = await page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /^All/ }).textContent();
    expect(all).toContain('200');
    expect(tab.problems).toEqual([]);

    targets = await findJourneyTargets(app, hub);
    company = targets.channel.companyName ?? '';
    number = formatPhone({ raw: targets.channel.phoneNumber, e164: targets.channel.phoneE164 }) ?? '';
  });

  it('finds a client by a fragment of its name with umlauts', async () => {
    const { page } = tab;
    const { fragment } = targets;
    const search = page.getByRole('searchbox', { name: 'Search channels' });
    await search.pressSequentially(fragment, { delay: 40 });
    await page.locator(`.list-region[data-shown-search="${fragment}"]`).waitFor();
    const companies = await page.locator('.ch-card .ch-company').allTextContents();
    expect(companies.length).toBeGreaterThan(0);
    expect(companies).toContain(company);
    await page.locator('.page-sub', { hasText: /of 200 channels/ }).waitFor();
    await page.locator('.ch-card', { hasText: number }).waitFor();

    // Typed without the umlauts, the same channels are found (search folds both sides).
    const plain = fragment.normalize('NFKD').replace(/\p{M}/gu, '');
    expect(plain).not.toBe(fragment);
    await search.fill(plain);
    await page.locator(`.list-region[data-shown-search="${plain}"]`).waitFor();
    expect(await page.locator('.ch-card .ch-company').allTextContents()).toEqual(companies);
    await search.fill(fragment);
    await page.locator(`.list-region[data-shown-search="${fragment}"]`).waitFor();
  });

  it('opens a channel and reads its templates and its client’s balance', async () => {
    const { page } = tab;
    const card = page.locator('.ch-card', { hasText: number });
    await card.getByRole('button', { name: /^Show details/ }).click();
    const details = page.getByRole('dialog', { name: company });
    await details.getByRole('heading', { name: 'Status' }).waitFor();
    expect(await details.getByText('Message on behalf').count()).toBeGreaterThan(0);

    await details.getByRole('tab', { name: 'Template Message Manager' }).click();
    const rows = details.getByRole('table', { name: 'Message templates' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await rows.nth(1).getByRole('button').click();
    const preview = details.getByRole('group', { name: 'Message preview' });
    await preview.waitFor();
    expect((await preview.textContent())?.length ?? 0).toBeGreaterThan(5);

    await details.getByRole('tab', { name: 'Insights and Billing' }).click();
    await details.getByText('Balance', { exact: true }).waitFor();
    const balance = await details.locator('.stat-value').first().textContent();
    expect(balance).toMatch(/\d/);
    expect(await details.getByRole('img', { name: /Conversations over the last/ }).count()).toBe(1);
    await screenshot(page, 'journey-insights-light');
  });

  it('queues a cancellation while the Hub is offline, and shows it pending', async () => {
    const { page } = tab;
    await hub.setFaults({ offline: true });
    const details = page.getByRole('dialog', { name: company });
    await details.getByRole('tab', { name: 'Actions' }).click();
    await details.getByRole('button', { name: 'Request cancellation…' }).click();

    const confirm = page.getByRole('dialog', { name: /^Cancel \+/ });
    await confirm.getByText('pending deletion', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Request cancellation', exact: true }).click();
    await confirm
      .getByRole('status')
      .filter({ hasText: /Waiting for|Sending it/ })
      .waitFor();
    await confirm.getByRole('button', { name: 'Done' }).click();

    // Pending: on the panel, in the list, in the sidebar and on the Outbox page; the banner says why.
    await details.locator('.pill', { hasText: 'Cancellation queued' }).waitFor();
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    const card = page.locator('.ch-card', { hasText: number });
    await card.locator('.pill', { hasText: 'Cancellation queued' }).waitFor();
    // The demo-server drops the connection: the network works, the Hub does not answer.
    await page.locator('[data-connection="hub_unavailable"]').waitFor();
    await screenshot(page, 'journey-offline-queued-light');
    await goTo(page, 'Outbox');
    const waiting = page.getByRole('region', { name: /Waiting to be sent/ });
    await waiting.getByText(number, { exact: false }).waitFor();
    // Waiting (the app knew the Hub was gone before sending), or: the connection dropped under the request,
    // which may have reached the Hub (it is read before anything is sent again).
    expect(await waiting.locator('.pill', { hasText: /^(Waiting|Outcome unknown)$/ }).count()).toBe(1);
  });

  it('sends it once the Hub is back: confirmed, the channel is pending deletion', async () => {
    const { page } = tab;
    await hub.clearFaults();
    // No click: the app checks by itself and sends the queue when the Hub answers.
    const done = page.getByRole('region', { name: /Done and cancelled/ });
    await done.getByText(number, { exact: false }).waitFor({ timeout: 20_000 });
    expect(await done.locator('.pill', { hasText: 'Done' }).count()).toBe(1);
    await page.locator('[data-connection]').waitFor({ state: 'detached' });

    await goTo(page, 'WhatsApp accounts');
    const card = page.locator('.ch-card', { hasText: number });
    await card.locator('.pill', { hasText: 'Pending deletion' }).waitFor();
    expect(await card.locator('.pill', { hasText: 'Cancellation queued' }).count()).toBe(0);
    // The confirmation is news like any status change.
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('button', { name: /Notifications.*1 unread/ })
      .waitFor();
  });

  it('shows notifications for our confirmed cancellation and for a status change a sync finds in the Hub', async () => {
    const { page } = tab;
    // A colleague cancels a channel of another client in the Partner Hub.
    const { other } = targets;
    const response = await hub.partnerRequest('POST', `/clients/${other.clientId ?? ''}/channels/${other.id}/control/cancellation_request`);
    expect(response.ok).toBe(true);

    await page.getByRole('button', { name: 'Sync now' }).click();
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    await nav.getByRole('button', { name: /Notifications.*2 unread/ }).waitFor();
    await goTo(page, 'Notifications');
    const ours = page.getByRole('region', { name: company });
    await ours.getByText('Pending deletion').first().waitFor();
    const group = page.getByRole('region', { name: targets.otherClientName });
    await group.getByText('Pending deletion').first().waitFor();
    expect(await group.textContent()).toContain(`Live`);
    await screenshot(page, 'journey-notification-light');
    await group
      .getByRole('button', { name: /^Mark read/ })
      .first()
      .click();
    await ours
      .getByRole('button', { name: /^Mark read/ })
      .first()
      .click();
    await page.locator('.page-sub', { hasText: 'All read' }).waitFor();
    expect(await nav.getByRole('button', { name: /unread/ }).count()).toBe(0);
  });

  it("changes a client's maximum number of channels through the outbox", async () => {
    const { page } = tab;
    await goTo(page, 'Clients');
    const { name, email } = targets.client;
    const newLimit = (targets.client.maxChannels ?? 2) + 3;
    // By email: two clients may share a name, not an address.
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(email ?? name);
    await page.getByRole('button', { name, exact: true }).first().click();
    const sheet = page.getByRole('dialog', { name });
    await sheet.getByRole('button', { name: 'Change limit…' }).click();
    const limit = page.getByRole('dialog', { name: `Channel limit of ${name}` });
    await limit.getByRole('spinbutton', { name: 'Maximum number of channels' }).fill(String(newLimit));
    await limit.getByRole('button', { name: `Change limit to ${newLimit}` }).click();
    await limit.getByRole('status').waitFor();
    await limit.getByRole('button', { name: 'Done' }).click();
    await sheet.locator('.limit', { hasText: `/ ${newLimit}` }).waitFor();
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    // The Hub has it too: a fresh sync brings the new limit back.
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name, exact: true }) });
    await row.locator('.limit', { hasText: `/ ${newLimit}` }).waitFor();
  });

  it('exports the channels with "Download CSV"', async () => {
    const { page } = tab;
    await goTo(page, 'WhatsApp accounts');
    await page.getByRole('button', { name: 'Clear search' }).click();
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Download CSV' });
    await dialog.getByRole('radio', { name: /^All channels/ }).check();
    await dialog.getByRole('button', { name: 'Download CSV' }).click();
    const saved = dialog.getByRole('status').filter({ hasText: /^Saved 200 channels to/ });
    await saved.waitFor();
    await screenshot(page, 'journey-export-light');

    const files = await readdir(downloads);
    expect(files).toHaveLength(1);
    const csv = (await readFile(path.join(downloads, files[0] ?? ''), 'utf8')).replace(/^\uFEFF/, '');
    // Records, not lines: a company name may hold a line break (inside its quoted cell).
    const rows = parse(csv, { delimiter: [',', ';'] }) as string[][];
    expect(rows[0]?.slice(0, 3)).toEqual(['Company legal name', 'WhatsApp number', 'Contact email']);
    expect(rows).toHaveLength(201);
    // The number in E.164 (inside the spreadsheet flavour's ="…" text formula).
    expect(csv).toContain(`"${targets.channel.phoneE164 ?? targets.channel.phoneNumber ?? ''}"`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(tab.problems).toEqual([]);
  });
});
