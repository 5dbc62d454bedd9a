/**
 * Onboarding in Chromium against web mode and a simulated Partner Hub: the partner settings (and a
 * webhook URL changed through the outbox), a permission link made on a client (copied, shown as QR
 * code), followed in the same browser through the simulated Hub's permission page to the redirect,
 * the redirect pasted back, the granted channel's key queued and generated, a sync, and the
 * notification. Then a client's tag, a new client's link, and withdrawing a cancellation. Every new
 * screen and dialog is checked with axe and photographed at 1024, 1280 and 1366 wide, light and dark
 * (test-results/screenshots/onboarding-<screen>-<width>-<scheme>.png).
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelPage, ClientListItem, ClientPage } from '@shared/accounts';
import { formatPhoneText } from '@shared/format';
import type { TestPage } from './helpers/browser';
import type { DemoServer } from './helpers/demo-server';
import { screenshotOnFailure, startDemoWorkspace, type DemoWorkspace } from './helpers/demo-workspace';
import { captureScreen, type ScreenReport } from './helpers/screens';
import type { WebApp } from './helpers/web-app';

const WIDTHS = [1024, 1280, 1366] as const;
const reports: ScreenReport[] = [];

/** axe clean and a screenshot at each laptop width, light and dark; back to 1280 afterwards. */
async function check(page: Page, name: string): Promise<void> {
  // The pointer rests where the last click was: a button that opened under it would be measured hovered.
  await page.mouse.move(1, 1);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 860 });
    let report = await captureScreen(page, `onboarding-${name}-${width}`);
    // A finding measured mid-repaint (a scheme switch, a list re-read) must still be there a moment later.
    if (report.blocking.length > 0) {
      await page.waitForTimeout(500);
      report = await captureScreen(page, `onboarding-${name}-${width}`);
    }
    reports.push(report);
    expect(report.blocking, `axe on "${name}" at ${width}`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

async function go(page: Page, section: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('button', { name: new RegExp(`^${section}`) })
    .click();
  await page.getByRole('heading', { level: 1, name: section }).waitFor();
}

async function value<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('onboarding: settings, a permission link through the Hub and back, keys, notification', () => {
  let workspace: DemoWorkspace;
  let hub: DemoServer;
  let app: WebApp;
  let tab: TestPage;
  let client: ClientListItem;
  let redirect: string;
  let number: string;

  beforeAll(async () => {
    workspace = await startDemoWorkspace('onboarding');
    ({ hub, app, tab } = workspace);
    await tab.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  afterEach((context) => screenshotOnFailure(tab, 'onboarding', context.task));

  afterAll(async () => {
    const blocking = reports.reduce((n, r) => n + r.blocking.length, 0);
    console.log(
      `[axe] onboarding: ${reports.length} screens x 2 schemes; blocking: ${blocking}; all findings: ${[...new Set(reports.flatMap((r) => r.all))].join(', ') || 'none'}`,
    );
    await workspace?.stop();
  }, 240_000);

  it('explores the demo data; partner settings show what each setting is for, and a webhook URL changes through the outbox', async () => {
    const { page } = tab;
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Explore with demo data' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor();
    await go(page, 'Partner settings');
    const list = page.locator('.settings-list');
    await list.getByText('https://partner-desk.example/onboarding/done').waitFor();
    await expect(list.getByText(/Without it the client sees an error/).count()).resolves.toBe(1);
    await page
      .getByRole('status')
      .filter({ hasText: /read from the Hub/ })
      .waitFor();
    await check(page, 'partner-settings');

    await page.getByRole('button', { name: 'Change the webhook URL' }).click();
    const field = page.getByRole('textbox', { name: 'New webhook URL' });
    await field.fill('http://crm.example.com/hook');
    await field.blur();
    await page.getByText(/must start with https/).waitFor();
    await field.fill('https://crm.example.com/hooks/360dialog');
    await check(page, 'partner-settings-change');
    await page.getByRole('button', { name: 'Continue…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Partner settings' });
    await confirm
      .getByText(/webhook URL https:\/\/partner-desk\.example\/webhooks\/360dialog → https:\/\/crm\.example\.com\/hooks\/360dialog/)
      .waitFor();
    await check(page, 'partner-settings-confirm');
    await confirm.getByRole('button', { name: 'Change the webhook URL' }).click();
    await confirm
      .getByRole('status')
      .filter({ hasText: /Saved: webhook URL https:\/\/crm\.example\.com\/hooks\/360dialog/ })
      .waitFor({ timeout: 20_000 });
    await confirm.getByRole('button', { name: 'Done' }).click();
    await list.getByText('https://crm.example.com/hooks/360dialog').waitFor();
    const partner = (await (await hub.partnerRequest('GET', '')).json()) as { webhook_url: string };
    expect(partner.webhook_url).toBe('https://crm.example.com/hooks/360dialog');
  }, 240_000);

  it('makes a permission link on a client: copied, shown as QR code', async () => {
    const { page } = tab;
    const clients = await value(app.request<ClientPage>('clients.list', { limit: 1000 }));
    client = clients.items.find((c) => c.maxChannels !== null && c.channelCount + 1 < c.maxChannels && c.email && !/[&<]/.test(c.name))!;
    expect(client).toBeTruthy();
    await go(page, 'Clients');
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(client.email!);
    await page.getByRole('button', { name: client.name, exact: true }).first().click();
    const sheet = page.getByRole('dialog', { name: client.name });
    await sheet.getByRole('button', { name: 'Permission link…' }).click();
    const form = page.getByRole('dialog', { name: `Permission link for ${client.name}` });
    await expect(form.getByRole('textbox', { name: /Client's email/ }).inputValue()).resolves.toBe(client.email);
    number = '+49 151 55512345';
    // Read as main reads it (shared/format/phone.ts): letters are no number; written nationally, it is
    // read in the client's country, which the hint names.
    const field = form.getByRole('textbox', { name: /WhatsApp number/ });
    await field.fill('call me');
    await form.getByText(/Only digits, spaces and a leading \+/).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill(number);
    const country = client.country ? new Intl.DisplayNames(['en-US'], { type: 'region' }).of(client.country.toUpperCase()) : undefined;
    await form
      .getByText(country ? `without + or 00 it is read as a number of ${country}` : 'with its country code.', { exact: false })
      .waitFor();
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await check(page, 'link-form');
    await form.getByRole('button', { name: 'Create link' }).click();
    const ready = page.getByRole('dialog', { name: 'Permission link ready' });
    const link = await ready.getByRole('textbox', { name: 'Permission link' }).inputValue();
    const url = new URL(link);
    expect(url.origin).toBe(hub.origin);
    expect(url.pathname).toBe(`/dashboard/app/${hub.partnerId}/permissions`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: client.id,
      next: 'login',
      number: '+4915155512345',
      state: expect.stringMatching(/^pd/),
    });
    await ready.getByRole('button', { name: 'Copy link' }).click();
    await ready.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(link);
    await ready.getByRole('button', { name: 'Show QR code' }).click();
    await ready.getByRole('img', { name: 'QR code of the permission link' }).waitFor();
    await expect(ready.getByRole('link', { name: 'Email draft' }).getAttribute('href')).resolves.toMatch(/^mailto:.*subject=/);
    await check(page, 'link-ready');
  }, 240_000);

  it("follows the link in the same browser through the Hub's permission page to the redirect", async () => {
    const { page } = tab;
    const context = page.context();
    // The partner's redirect page (on a reserved example domain) stands in for the partner's site.
    await context.route('https://partner-desk.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Onboarding done</title><h1>Thank you</h1>' }),
    );
    const ready = page.getByRole('dialog', { name: 'Permission link ready' });
    const opened = context.waitForEvent('page');
    await ready.getByRole('link', { name: 'Open in browser' }).click();
    const hubPage = await opened;
    await hubPage.getByRole('heading', { name: /would like access to your WhatsApp numbers/ }).waitFor();
    await hubPage.getByText(`Signed in as ${client.name}`, { exact: false }).waitFor();
    await expect(hubPage.getByRole('textbox', { name: /Phone number/ }).inputValue()).resolves.toBe('+4915155512345');
    await hubPage.getByRole('button', { name: 'Allow access' }).click();
    await hubPage.getByRole('heading', { name: 'Permission shared' }).waitFor();
    await hubPage.getByRole('link', { name: 'Continue to the redirect page' }).click();
    await hubPage.getByRole('heading', { name: 'Thank you' }).waitFor();
    redirect = hubPage.url();
    const target = new URL(redirect);
    expect(target.origin + target.pathname).toBe('https://partner-desk.example/onboarding/done');
    expect(target.searchParams.get('client')).toBe(client.id);
    expect(target.searchParams.get('channels')).toMatch(/^\[[\w,-]+\]$/);
    await hubPage.close();
    await page.bringToFront();
    await ready.getByRole('button', { name: 'Done' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: client.name }).waitFor({ state: 'detached' });
  }, 240_000);

  it('pastes the redirect back, sees the granted channel, queues its key, syncs, and sees the notification', async () => {
    const { page } = tab;
    await go(page, 'Onboarding');
    await page.getByRole('button', { name: 'Read a redirect…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Read a redirect' });
    await dialog.getByRole('textbox', { name: 'Redirect address' }).fill('https://partner-desk.example/onboarding/done?client=x');
    await dialog.getByRole('button', { name: 'Read redirect' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: /names no channels/ })
      .waitFor();
    await dialog.getByRole('textbox', { name: 'Redirect address' }).fill(redirect);
    await check(page, 'redirect-paste');
    await dialog.getByRole('button', { name: 'Read redirect' }).click();
    const received = page.getByRole('dialog', { name: 'Permission received' });
    await received.getByText(`${client.name} granted access to`, { exact: false }).first().waitFor();
    // The redirect's channel is new: the sync it started brings it, with its number.
    const shown = formatPhoneText('4915155512345')!;
    await received.getByRole('button', { name: shown, exact: true }).waitFor({ timeout: 30_000 });
    await check(page, 'redirect-read');

    await received.getByRole('button', { name: `Generate API key for ${shown}` }).click();
    const confirm = page.getByRole('dialog', { name: /^New API key for/ });
    await confirm.getByText(/revokes every existing key of this number/).waitFor();
    await confirm.getByRole('button', { name: 'Generate API key', exact: true }).click();
    await confirm
      .getByRole('status')
      .filter({ hasText: /Done|Sending it|Waiting for/ })
      .waitFor();
    await confirm.getByRole('button', { name: 'Done' }).click();
    await received.getByText('API key in the keychain').waitFor({ timeout: 20_000 });
    await received.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Sync now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor();
    await go(page, 'Notifications');
    await page.getByText(`granted access to ${shown}`, { exact: false }).first().waitFor();
    await page
      .getByText(/Its API key can be generated/)
      .first()
      .waitFor();
    await check(page, 'notifications-granted');

    await go(page, 'Onboarding');
    await page.locator('.link-row', { hasText: client.name }).getByText('1 granted').waitFor();
    await check(page, 'onboarding-list');
    await page.locator('.link-row', { hasText: client.name }).getByRole('button').click();
    const panel = page.getByRole('dialog', { name: `${client.name} (add numbers)` });
    await panel.getByText('API key in the keychain').waitFor();
    await check(page, 'link-sheet');
    await page.keyboard.press('Escape');
  }, 240_000);

  it("a client's tag through the outbox, searchable; a new client's link; withdrawing a cancellation", async () => {
    const { page } = tab;
    await go(page, 'Clients');
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(client.email!);
    await page.getByRole('button', { name: client.name, exact: true }).first().click();
    const sheet = page.getByRole('dialog', { name: client.name });
    await sheet.getByRole('button', { name: /tag…$/ }).click();
    const tagDialog = page.getByRole('dialog', { name: `Tag of ${client.name}` });
    await tagDialog.getByRole('textbox', { name: 'Tag' }).fill('crm-E2E-77');
    await tagDialog.getByText(/Set the tag \(partner_payload\)/).waitFor();
    await check(page, 'tag');
    await tagDialog.getByRole('button', { name: 'Save tag' }).click();
    await tagDialog
      .getByRole('status')
      .filter({ hasText: /The tag is now "crm-E2E-77"|in the Outbox/ })
      .waitFor();
    await tagDialog.getByRole('button', { name: 'Done' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('searchbox', { name: 'Search clients' }).fill('crm-e2e-77');
    await page.getByRole('table', { name: 'Clients' }).getByText('Tag crm-E2E-77').waitFor();

    await page.getByRole('button', { name: 'New client…' }).click();
    const newClient = page.getByRole('dialog', { name: 'New client: permission link' });
    await newClient.getByRole('textbox', { name: /Your tag for the client/ }).waitFor();
    await check(page, 'new-client');
    await page.keyboard.press('Escape');

    // Cancelled this month in the Client Hub (the demo's own pending deletions are from months ago).
    const live = await value(app.request<ChannelPage>('channels.list', { states: ['live'], limit: 50 }));
    const channel = live.items.find((c) => c.phoneE164 && c.clientId && c.clientId !== client.id)!;
    expect(
      (
        await hub.partnerRequest('POST', `/clients/${channel.clientId}/channels/${channel.id}/control/cancellation_request`, {
          enabled: true,
        })
      ).ok,
    ).toBe(true);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Synced just now/ })
      .waitFor();
    await go(page, 'WhatsApp accounts');
    await page.getByRole('searchbox', { name: 'Search channels' }).fill(channel.phoneE164!);
    await page.locator(`.list-region[data-shown-search="${channel.phoneE164}"]`).waitFor();
    await page
      .locator('.ch-card')
      .first()
      .getByRole('button', { name: /^Show details/ })
      .click();
    await page.getByRole('dialog').getByRole('tab', { name: 'Actions' }).click();
    const details = page.getByRole('dialog').first();
    await details.getByRole('heading', { name: 'Withdraw the cancellation' }).waitFor();
    await check(page, 'details-withdraw');
    await details.getByRole('button', { name: 'Withdraw cancellation request…' }).click();
    const confirm = page.getByRole('dialog', { name: /^Reactivate / });
    await confirm.getByText(/stays active and is no longer deleted/).waitFor();
    await check(page, 'confirm-withdraw');
    await confirm.getByRole('button', { name: 'Withdraw cancellation request' }).click();
    await confirm
      .getByRole('status')
      .filter({ hasText: /Cancellation withdrawn/ })
      .waitFor({ timeout: 20_000 });
    const after = (await (
      await hub.partnerRequest('GET', `/channels?filters=${encodeURIComponent(JSON.stringify({ id: channel.id }))}`)
    ).json()) as { partner_channels: Array<{ terminated_at: string | null }> };
    expect(after.partner_channels[0]?.terminated_at).toBeNull();
    expect(tab.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  }, 240_000);
});
