/**
 * The workspace's second round in Chromium against web mode and a simulated Hub:
 * - at 1024x700, 1280x720, 1366x768 and 1920x1080, light and dark: no badge, chip or status text
 *   on the first screen is wider than its box, nothing scrolls sideways, the table keeps Company,
 *   Number, State and Action in view at 1024, and every state with channels has a chip on screen or
 *   behind "More";
 * - bulk: three channels selected, one confirmation listing the three, three queued actions, each
 *   cancellation sent to the Hub exactly once;
 * - the list's filters, sort and view survive a reload and a restart; a saved view's count follows a sync;
 * - every number on the Overview equals the count of the list it opens;
 * - screenshots and axe of every new screen at 1280x720, light and dark.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelPage } from '@shared/accounts';
import type { OutboxPage } from '@shared/outbox';
import type { TestPage } from './helpers/browser';
import { screenshotOnFailure, startDemoWorkspace, type DemoWorkspace } from './helpers/demo-workspace';
import { waitForExpression } from './helpers/poll';
import { captureScreen, goTo, type ScreenReport } from './helpers/screens';
import type { WebApp } from './helpers/web-app';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Every badge, chip and status text in view that is wider than its own box (its text cut). */
const OVERFLOWING = `(() => {
  const selectors = '.pill, .pill-label, .chip, .chip-count, .ch-company, .ch-action-text, .ch-no-action, .ch-quality, .nav-label, .partner-name, .page-sub, .cell-action, .cell .pill, .funnel-row, .bar-row, .tile-value';
  const out = [];
  for (const el of document.querySelectorAll(selectors)) {
    if (el.closest('[inert], .state-bar-measure, .visually-hidden')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.bottom < 0 || box.top > innerHeight || box.right < 0 || box.left > innerWidth) continue;
    if (el.scrollWidth > el.clientWidth + 1) out.push(el.className + ': ' + (el.textContent || '').trim().slice(0, 40) + ' (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
  }
  return out;
})()`;

/** Scroll areas that scroll sideways (an invisible horizontal scroll hides columns). */
const SIDEWAYS = `[...document.querySelectorAll('.list-scroll, .main, .page-body, .overview-scroll, .state-bar')].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.className)`;

async function resultCount(page: Page): Promise<number> {
  const text = (await page.locator('#page-title + .page-sub').textContent()) ?? '';
  const match = /^([\d,]+)/.exec(text.trim());
  if (!match?.[1]) throw new Error(`No count in "${text}"`);
  return Number(match[1].replace(/,/g, ''));
}

/** Waits until the accounts list shows the answer to the current filters (not the previous list's). */
async function settledCount(page: Page): Promise<number> {
  await waitForExpression(
    page,
    `!document.querySelector('.list-region[aria-busy="true"]') && /^[\\d,]+ /.test(document.querySelector('#page-title + .page-sub')?.textContent ?? '')`,
  );
  return resultCount(page);
}

describe('the workspace, round two', () => {
  let workspace: DemoWorkspace;
  let tab: TestPage;
  let app: WebApp;
  const reports: ScreenReport[] = [];

  const check = async (page: Page, name: string) => {
    const report = await captureScreen(page, name);
    reports.push(report);
    expect(report.blocking, `axe on "${name}"`).toEqual([]);
  };

  beforeAll(async () => {
    workspace = await startDemoWorkspace('workspace2');
    ({ tab, app } = workspace);
    await tab.page.setViewportSize({ width: 1280, height: 720 });
    await tab.page.goto(app.url);
    await tab.page.getByRole('button', { name: 'Explore with demo data' }).click();
    await tab.page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor({ timeout: 60_000 });
    await tab.page.locator('.ch-card').first().waitFor();
  });

  afterEach((context) => screenshotOnFailure(tab, 'workspace2', context.task));

  afterAll(async () => {
    const minor = [...new Set(reports.flatMap((r) => r.all))];
    console.log(`[axe] workspace screens: ${reports.length}; findings: ${minor.join(', ') || 'none'}`);
    await workspace?.stop();
  });

  it('holds at four laptop sizes, light and dark: nothing cut, nothing sideways, key columns and every state reachable', async () => {
    const { page } = tab;
    const counts = await app.request<ChannelPage>('channels.list', { limit: 1 });
    if (!counts.ok) throw new Error(counts.error.message);
    const withChannels = Object.entries(counts.value.countsByState)
      .filter(([, n]) => n > 0)
      .map(([state]) => state);
    expect(withChannels.length).toBeGreaterThan(10);

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const size of SIZES) {
        const at = `${size.width}x${size.height} ${scheme}`;
        await page.setViewportSize(size);
        await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Cards' }).click();
        await page.locator('.ch-card').first().waitFor();
        await page.waitForTimeout(150);
        expect(await page.evaluate<string[]>(OVERFLOWING), `cards at ${at}`).toEqual([]);
        expect(await page.evaluate<string[]>(SIDEWAYS), `sideways scrolling at ${at}`).toEqual([]);

        // Every state with channels: a chip on screen, or one behind More.
        const visible = await page
          .locator('.state-bar > button[data-state]')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-state')));
        const more = page.getByRole('button', { name: /^More/ });
        let behindMore: (string | null)[] = [];
        if (await more.count()) {
          await more.click();
          behindMore = await page
            .getByRole('group', { name: 'More states' })
            .locator('button[data-state]')
            .evaluateAll((els) => els.map((el) => el.getAttribute('data-state')));
          expect(await page.evaluate<string[]>(OVERFLOWING), `the More menu at ${at}`).toEqual([]);
          await more.click();
        }
        expect([...visible, ...behindMore].sort(), `state chips at ${at}`).toEqual([...withChannels].sort());
        for (const state of visible) {
          const box = await page.locator(`.state-bar > button[data-state="${state}"]`).boundingBox();
          expect(box && box.x + box.width <= size.width, `${state} chip within the window at ${at}`).toBe(true);
        }

        await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
        await page.locator('.row-open').first().waitFor();
        await page.waitForTimeout(100);
        expect(await page.evaluate<string[]>(OVERFLOWING), `table at ${at}`).toEqual([]);
        expect(await page.evaluate<string[]>(SIDEWAYS), `table sideways at ${at}`).toEqual([]);
        for (const name of ['Company and display name', 'WhatsApp number', 'Channel state', 'Action required']) {
          const box = await page.getByRole('columnheader', { name }).boundingBox();
          expect(box, `${name} at ${at}`).not.toBeNull();
          expect(box!.x >= 0 && box!.x + box!.width <= size.width + 0.5, `${name} inside the window at ${at}`).toBe(true);
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Cards' }).click();
  }, 240_000);

  it('cancels three selected channels: one confirmation listing them, three queued actions, each sent once', async () => {
    const { page } = tab;
    await page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /^Live/ }).click();
    await settledCount(page);
    const cards = page.locator('.ch-card');
    const names: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const checkbox = cards.nth(i).getByRole('checkbox');
      names.push(((await checkbox.getAttribute('aria-label')) ?? '').replace(/^Select /, ''));
      await checkbox.click();
    }
    await page.getByRole('region', { name: 'Selection' }).getByText('3 selected').waitFor();
    await check(page, 'selection-bar');
    await page.getByRole('button', { name: 'Request cancellation…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Request cancellation of 3 channels' });
    await dialog.waitFor();
    const listed = await dialog.getByRole('list').locator('li').allTextContents();
    expect(listed).toHaveLength(3);
    for (const name of names)
      expect(
        listed.some((text) => text.includes(name.split(', ')[1] ?? name)),
        name,
      ).toBe(true);
    await check(page, 'bulk-confirm');
    await dialog.getByRole('button', { name: 'Request cancellation of 3 channels' }).click();
    await page.getByRole('dialog', { name: 'Queued' }).getByText('3 cancellations queued.').waitFor();
    await check(page, 'bulk-queued');

    const outbox = await app.request<OutboxPage>('outbox.list', {});
    if (!outbox.ok) throw new Error(outbox.error.message);
    const cancellations = outbox.value.items.filter((a) => a.kind === 'cancel_channel');
    expect(cancellations).toHaveLength(3);
    // Sent by the background outbox; wait until all three are done, then count the Hub's requests.
    let done = 0;
    for (let i = 0; i < 600 && done < 3; i += 1) {
      const now = await app.request<OutboxPage>('outbox.list', {});
      done = now.ok ? now.value.items.filter((a) => a.kind === 'cancel_channel' && a.state === 'done').length : 0;
      if (done < 3) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(done).toBe(3);
    const stats = (await (await fetch(`${workspace.hub.origin}/__demo/stats`)).json()) as {
      mutations: Array<{ method: string; path: string; applied: boolean }>;
    };
    for (const action of cancellations) {
      const sent = stats.mutations.filter((m) => m.path.includes(`/channels/${action.target.id}/control/cancellation_request`));
      expect(
        sent.map((m) => m.applied),
        action.title,
      ).toEqual([true]);
    }
    await page.getByRole('dialog', { name: 'Queued' }).getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('region', { name: 'Selection' }).count()).resolves.toBe(0);
  }, 180_000);

  it('keeps filters, sort and view across a reload and a restart; a saved view counts along with the syncs', async () => {
    const { page } = tab;
    await page.getByRole('searchbox', { name: 'Search channels' }).fill('gmbh');
    await page.locator('.sort-select select').selectOption('display_name');
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
    const count = await settledCount(page);
    expect(count).toBeGreaterThan(0);

    await page.reload();
    await page.locator('.row-open').first().waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search channels' }).inputValue()).toBe('gmbh');
    expect(
      await page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /^Live/ }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await page.locator('.sort-select select').inputValue()).toBe('display_name');
    expect(await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await settledCount(page)).toBe(count);

    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('dialog', { name: 'Save this view' }).getByRole('textbox', { name: 'Name' }).fill('Live GmbH');
    await check(page, 'save-view');
    await page.getByRole('dialog', { name: 'Save this view' }).getByRole('button', { name: 'Save view' }).click();
    const viewCount = page.locator('[data-view-count="Live GmbH"] [aria-hidden="true"]');
    await waitForExpression(
      page,
      `document.querySelector('[data-view-count="Live GmbH"] [aria-hidden="true"]')?.textContent === '${count}'`,
    );

    // Restart web mode on the same data folder and port: the page's storage is the same origin's.
    await app.restart();
    // A new address differs only after "#": leave the page first, or the old one (with the old token) stays.
    await page.goto('about:blank');
    await page.goto(app.url);
    await page.locator('.row-open').first().waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search channels' }).inputValue()).toBe('gmbh');
    expect(await settledCount(page)).toBe(count);
    await viewCount.waitFor();

    // A colleague cancels one of those channels in the Hub; after a sync the view counts one fewer.
    const found = await app.request<ChannelPage>('channels.list', { search: 'gmbh', states: ['live'], limit: 1 });
    if (!found.ok) throw new Error(found.error.message);
    if (!found.value.items[0]) throw new Error('no live GmbH channel');
    const channel = found.value.items[0];
    const response = await workspace.hub.partnerRequest(
      'POST',
      `/clients/${channel.clientId ?? ''}/channels/${channel.id}/control/cancellation_request`,
    );
    expect(response.ok).toBe(true);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await waitForExpression(
      page,
      `document.querySelector('[data-view-count="Live GmbH"] [aria-hidden="true"]')?.textContent === '${count - 1}'`,
      30_000,
    );
    await check(page, 'saved-view-sidebar');

    // Clean up the filters for what follows.
    await page.getByRole('searchbox', { name: 'Search channels' }).fill('');
    await page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /^All/ }).click();
  }, 240_000);

  it('shows on the Overview only numbers that the lists they open repeat', async () => {
    const { page } = tab;
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('button', { name: /^Overview/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.locator('.funnel-row').first().waitFor();
    await check(page, 'overview');
    const links = page.locator('.overview-grid .chart-link[data-count]');
    const total = await links.count();
    expect(total).toBeGreaterThan(20);
    for (let i = 0; i < total; i += 1) {
      const link = page.locator('.overview-grid .chart-link[data-count]').nth(i);
      const shown = Number(await link.getAttribute('data-count'));
      const text = (await link.locator('.chart-count').textContent()) ?? '';
      expect(Number(text.replace(/,/g, '')), `the visible number of link ${i}`).toBe(shown);
      const label = (await link.getAttribute('aria-label')) ?? (await link.textContent()) ?? '';
      await link.click();
      await page.getByRole('heading', { level: 1, name: 'WhatsApp accounts' }).waitFor();
      expect(await settledCount(page), label).toBe(shown);
      await page
        .getByRole('navigation', { name: 'Workspace' })
        .getByRole('button', { name: /^Overview/ })
        .click();
      await page.locator('.funnel-row').first().waitFor();
    }
    // The Clients tile opens the clients, as many as it says.
    const clients = Number(await page.locator('[data-client-count]').getAttribute('data-client-count'));
    await page.locator('[data-client-count]').click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await waitForExpression(
      page,
      `/^${clients} clients?$/.test(document.querySelector('#page-title + .page-sub')?.textContent?.replace(/,/g, '') ?? '')`,
    );
  }, 300_000);

  it('screens: the channel history, copy and links, the columns menu, More states (1280x720, light and dark)', async () => {
    const { page } = tab;
    await goTo(page, 'WhatsApp accounts');
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('group', { name: 'Table columns' }).waitFor();
    await check(page, 'table-columns-menu');
    await page.getByRole('button', { name: 'Columns' }).click();
    const more = page.getByRole('button', { name: /^More/ });
    if (await more.count()) {
      await more.click();
      await check(page, 'more-states');
      await more.click();
    }
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Cards' }).click();

    // Whatever an Overview link left set: the list from scratch.
    const clear = page.getByRole('button', { name: /^Clear filters/ });
    if (await clear.count()) await clear.click();
    await page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /^All/ }).click();
    // The channels cancelled above have a history: queued, sent, done, then the sync's note.
    const pending = await app.request<ChannelPage>('channels.list', { states: ['pending_deletion'], limit: 100 });
    const outbox = await app.request<OutboxPage>('outbox.list', {});
    if (!pending.ok || !outbox.ok) throw new Error('setup');
    const cancelled = outbox.value.items.find((a) => a.kind === 'cancel_channel' && a.state === 'done');
    const channel = pending.value.items.find((c) => c.id === cancelled?.target.id);
    if (!channel) throw new Error('no cancelled channel');
    await page.getByRole('searchbox', { name: 'Search channels' }).fill(channel.id);
    await page.locator(`.list-region[data-shown-search="${channel.id}"]`).waitFor();
    await page.locator('.card-open').first().click();
    const details = page.getByRole('dialog');
    await details.getByRole('button', { name: 'Copy the channel ID' }).waitFor();
    await expect(details.getByRole('link', { name: 'Open in Partner Hub' }).getAttribute('href')).resolves.toMatch(
      /^https:\/\/hub\.360dialog\.com\//,
    );
    await check(page, 'details-overview-links');
    await details.getByRole('tab', { name: 'History' }).click();
    const timeline = details.locator('.timeline');
    await timeline.waitFor();
    await timeline
      .getByText(/^Sent /)
      .first()
      .waitFor();
    expect(await timeline.locator('.timeline-action').count()).toBeGreaterThanOrEqual(1);
    expect(await timeline.getByText(/[A-Z]{2,5}|GMT|UTC/).count()).toBeGreaterThan(0);
    await check(page, 'details-history');
    await page.keyboard.press('Escape');
    expect(tab.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  }, 180_000);
});
