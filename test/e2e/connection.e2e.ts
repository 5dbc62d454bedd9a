/**
 * The connection as a user meets it, in Chromium against web mode and a simulated Hub whose faults
 * can be switched: the Hub stops answering, actions queued meanwhile wait neutrally and can be
 * withdrawn, the Hub comes back and the queue goes without a click; the browser says it is offline;
 * the Hub refuses the API key and a new one is entered without signing out. Each state is captured in
 * light and dark and checked with axe.
 *
 * The browser's offline/online events are dispatched in the page: Chromium's own offline emulation
 * would also cut the page off from web mode's local server, which the desktop app's IPC never is.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelListItem, ChannelPage, ClientListItem, ClientPage } from '@shared/accounts';
import { formatPhone } from '@shared/format';
import { launchChromium, openPage, type TestPage } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/demo-server';
import { screenshotOnFailure, startDemoWorkspace, type DemoWorkspace } from './helpers/demo-workspace';
import { captureScreen, goTo } from './helpers/screens';
import { startWebApp, type WebApp } from './helpers/web-app';

async function value<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A live channel with a client, and another client whose limit can go up. */
async function pickTargets(app: WebApp): Promise<{ channel: ChannelListItem; client: ClientListItem }> {
  const channels = await value(app.request<ChannelPage>('channels.list', { states: ['live'], limit: 50 }));
  const channel = channels.items.find((c) => c.clientId && c.phoneNumber && c.pending === null);
  if (!channel) throw new Error('no live channel with a client and a number in the demo data');
  const clients = await value(app.request<ClientPage>('clients.list', { limit: 50 }));
  const client = clients.items.find((c) => c.id !== channel.clientId && c.email && c.pending === null);
  if (!client) throw new Error('no second client with an email in the demo data');
  return { channel, client };
}

/** Stands in for the OS: the browser says the network went (or came). */
async function browserNetwork(tab: TestPage, online: boolean): Promise<void> {
  // A string: the test files are type-checked without the DOM library.
  await tab.page.evaluate(
    `Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => ${online} }); window.dispatchEvent(new Event('${online ? 'online' : 'offline'}'));`,
  );
}

async function mutations(hub: DemoServer, suffix: string, method: string): Promise<{ sent: number; applied: number }> {
  const all = (await hub.stats()).mutations.filter((m) => m.method === method && m.path.endsWith(suffix));
  return { sent: all.length, applied: all.filter((m) => m.applied).length };
}

describe('connection: the Hub goes away and comes back', () => {
  let workspace: DemoWorkspace;
  let hub: DemoServer;
  let app: WebApp;
  let tab: TestPage;
  let channel: ChannelListItem;
  let client: ClientListItem;
  let newLimit: number;

  beforeAll(async () => {
    workspace = await startDemoWorkspace('connection');
    ({ hub, app, tab } = workspace);
    await tab.page.goto(app.url);
    await tab.page.getByRole('button', { name: 'Explore with demo data' }).click();
    await tab.page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor();
    ({ channel, client } = await pickTargets(app));
    newLimit = (client.maxChannels ?? 2) + 3;
  });

  afterEach((context) => screenshotOnFailure(tab, 'connection', context.task));

  afterAll(async () => {
    await workspace?.stop();
  });

  it('says plainly that the Hub does not answer, without calling it an error', async () => {
    const { page } = tab;
    await hub.setFaults({ offline: true });
    await page.getByRole('button', { name: 'Sync now' }).click();
    const banner = page.locator('[data-connection="hub_unavailable"]');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('status');
    expect(await banner.getAttribute('class')).not.toContain('banner-error');
    await banner.getByText('The 360dialog Hub is not answering.').waitFor();
    await banner.getByText(/checking again in \d+ s|checking…/).waitFor();
  });

  it('queues a cancellation and a limit change: the dialogs say they wait; the Outbox shows them waiting, neutrally', async () => {
    const { page } = tab;
    const number = formatPhone({ raw: channel.phoneNumber, e164: channel.phoneE164 }) ?? '';
    await page
      .locator('.ch-card', { hasText: number })
      .getByRole('button', { name: /^Show details/ })
      .click();
    const details = page.getByRole('dialog', { name: channel.companyName ?? '' });
    await details.getByRole('tab', { name: 'Actions' }).click();
    await details.getByRole('button', { name: 'Request cancellation…' }).click();
    const confirm = page.getByRole('dialog', { name: /^Cancel / });
    await confirm.locator('.confirm-timing[data-timing="waits"]').waitFor();
    expect(await confirm.textContent()).not.toContain('cannot undo');
    await confirm.getByRole('button', { name: 'Request cancellation', exact: true }).click();
    await confirm.getByRole('status').filter({ hasText: 'Waiting for the 360dialog Hub to answer' }).waitFor();
    await confirm.getByRole('button', { name: 'Done' }).click();
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });

    await goTo(page, 'Clients');
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(client.email ?? client.name);
    await page.getByRole('button', { name: client.name, exact: true }).first().click();
    const sheet = page.getByRole('dialog', { name: client.name });
    await sheet.getByRole('button', { name: 'Change limit…' }).click();
    const limit = page.getByRole('dialog', { name: `Channel limit of ${client.name}` });
    await limit.getByRole('spinbutton', { name: 'Maximum number of channels' }).fill(String(newLimit));
    await limit.locator('.confirm-timing[data-timing="waits"]').waitFor();
    await limit.getByRole('button', { name: `Change limit to ${newLimit}` }).click();
    // In the Outbox's words, as the cancellation's dialog says it.
    await limit.getByRole('status').filter({ hasText: 'Waiting for the 360dialog Hub to answer' }).waitFor();
    expect(await limit.getByRole('status').textContent()).toContain('you can withdraw it in the Outbox');
    await limit.getByRole('button', { name: 'Done' }).click();
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    await goTo(page, 'Outbox');
    const waiting = page.getByRole('region', { name: /Waiting to be sent/ });
    await waiting.locator('.action-row').nth(1).waitFor();
    expect(await waiting.locator('.action-row').count()).toBe(2);
    expect(await waiting.locator('.pill', { hasText: 'Waiting' }).count()).toBe(2);
    expect(await waiting.getByText('Waiting for the 360dialog Hub to answer. Sent as soon as it does.').count()).toBe(2);
    // Neutral: no error text, no red, no attempt counter, and both can be withdrawn.
    expect(await waiting.locator('.action-error').count()).toBe(0);
    expect(await waiting.locator('.pill-negative').count()).toBe(0);
    expect(await waiting.getByText(/attempt/).count()).toBe(0);
    expect(await waiting.getByRole('button', { name: /^Withdraw/ }).count()).toBe(2);
    // Nothing reached the Hub: the actions were never handed to the network.
    expect(await mutations(hub, '/control/cancellation_request', 'POST')).toEqual({ sent: 0, applied: 0 });
    const report = await captureScreen(page, 'connection-waiting');
    expect(report.blocking).toEqual([]);
  });

  it('withdraws the limit change: the client shows its old limit again', async () => {
    const { page } = tab;
    const waiting = page.getByRole('region', { name: /Waiting to be sent/ });
    await waiting
      .locator('.action-row', { hasText: 'Channel limit of' })
      .getByRole('button', { name: /^Withdraw/ })
      .click();
    await waiting.locator('.action-row').nth(1).waitFor({ state: 'detached' });
    const settled = page.getByRole('region', { name: /Done and cancelled/ });
    await settled.locator('.pill', { hasText: 'Cancelled' }).waitFor();
    const item = await value(app.request<ClientListItem>('clients.get', { id: client.id }));
    expect(item.pending).toBeNull();
    expect(item.maxChannels).toBe(client.maxChannels);
  });

  it('comes back by itself within seconds of the Hub answering, and sends the queue exactly once', async () => {
    const { page } = tab;
    await hub.clearFaults();
    const cleared = Date.now();
    await page.locator('[data-connection]').waitFor({ state: 'detached', timeout: 10_000 });
    const back = Date.now() - cleared;
    await page.locator('.banner-online').filter({ hasText: 'Back online' }).waitFor();
    const report = await captureScreen(page, 'connection-back-online');
    expect(report.blocking).toEqual([]);
    expect(back).toBeLessThan(10_000);
    const done = page.getByRole('region', { name: /Done and cancelled/ });
    await done.locator('.action-row.action-done', { hasText: 'Cancel' }).waitFor({ timeout: 10_000 });
    expect(await mutations(hub, '/control/cancellation_request', 'POST')).toEqual({ sent: 1, applied: 1 });
    // The withdrawn limit change never went.
    expect((await mutations(hub, `/clients/${client.id}`, 'PATCH')).sent).toBe(0);
  });

  it('says "You\'re offline" when the browser loses the network, and checks at once when it returns', async () => {
    const { page } = tab;
    await goTo(page, 'WhatsApp accounts');
    await hub.setFaults({ offline: true });
    await browserNetwork(tab, false);
    const banner = page.locator('[data-connection="offline"]');
    await banner.getByText("You're offline.").waitFor();
    await banner.getByText(/^Since/).waitFor();
    const report = await captureScreen(page, 'connection-offline');
    expect(report.blocking).toEqual([]);
    await hub.clearFaults();
    await browserNetwork(tab, true);
    await banner.waitFor({ state: 'detached', timeout: 5_000 });
    expect(tab.problems).toEqual([]);
  });
});

describe('connection: the Hub refuses the API key', () => {
  let hub: DemoServer;
  let app: WebApp;
  let tab: TestPage;
  let close: () => Promise<void>;

  beforeAll(async () => {
    hub = await startDemoServer({ clients: 20, channels: 30 });
    app = await startWebApp();
    const browser = await launchChromium();
    tab = await openPage(browser);
    close = async () => {
      await tab.close();
      await browser.close();
    };
  });

  afterEach((context) => screenshotOnFailure(tab, 'connection-key', context.task));

  afterAll(async () => {
    await close?.();
    await app?.stop();
    await hub?.stop();
  });

  it('leads to "Update the API key"; a new key reconnects, keeps the cache and sends the queue once', async () => {
    const { page } = tab;
    await page.goto(app.url);
    await page.getByRole('textbox', { name: 'Partner ID' }).fill(hub.partnerId);
    await page.getByLabel('Partner API key', { exact: true }).fill(hub.apiKey);
    await page.getByText('Advanced').click();
    await page.getByRole('textbox', { name: /Hub URL/ }).fill(hub.hubUrl);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor();
    const before = await value(app.request<ChannelPage>('channels.list', { limit: 1 }));

    // The partner revokes the key in the Partner Hub and makes a new one.
    const newKey = await hub.rotateApiKey();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText('Sync failed').waitFor();
    const banner = page.locator('[data-connection="key_rejected"]');
    await banner.getByText(/refused the API key/).waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    const { client } = await pickTargets(app).catch(async () => ({
      client: (await value(app.request<ClientPage>('clients.list', { limit: 5 }))).items[0]!,
    }));
    const target = (client.maxChannels ?? 2) + 2;
    const queued = await value(
      app.request<{ id: string; state: string }>('actions.setMaxChannels', { clientId: client.id, maxChannels: target, confirmed: true }),
    );
    expect(queued.state).toBe('queued');
    await banner.getByText('1 action waits and will be sent once the API key is updated.').waitFor();
    const report = await captureScreen(page, 'connection-key-rejected');
    expect(report.blocking).toEqual([]);

    await banner.getByRole('button', { name: 'Update the API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update the API key' });
    await dialog.getByLabel('Partner API key').fill(newKey);
    await dialog.getByRole('button', { name: 'Save and reconnect' }).click();
    await dialog.waitFor({ state: 'detached' });
    await banner.waitFor({ state: 'detached' });

    for (let i = 0; i < 100 && (await mutations(hub, `/clients/${client.id}`, 'PATCH')).applied === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await mutations(hub, `/clients/${client.id}`, 'PATCH')).toEqual({ sent: 1, applied: 1 });
    const after = await value(app.request<ChannelPage>('channels.list', { limit: 1 }));
    expect(after.total).toBe(before.total);
    const session = await value(app.request<{ profiles: unknown[]; connection: { status: string } }>('session.get', {}));
    expect(session.profiles).toHaveLength(1);
    expect(session.connection.status).toBe('connected');
    expect(tab.problems).toEqual([]);
  });
});
