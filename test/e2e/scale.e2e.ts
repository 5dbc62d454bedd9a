/**
 * 50,000 channels: the list shows within about a second of opening, and typing a search shows its
 * results about 100 ms after the last keystroke. Times are measured inside the page (performance.now
 * at the last input event, and when the rows for exactly that search are committed and painted),
 * written to test-results/perf-50k.json and printed, not asserted: the machines running this suite are
 * shared, and a time on shared cores is a coin toss (speed is measured by `npm run bench`). What is
 * asserted is that each thing happens: the list shows, every search finds its rows, the table jumps.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '@shared/accounts';
import { launchChromium, openPage, screenshot, type TestPage } from './helpers/browser';
import { REPO_ROOT } from './helpers/child-process';
import { startDemoServer, type DemoServer } from './helpers/demo-server';
import { waitForExpression } from './helpers/poll';
import { startWebApp, type WebApp } from './helpers/web-app';

const CHANNELS = 50_000;
const measurements: Record<string, unknown> = {};

/** Records, from the very start of the page, when the first channel card is in the DOM. */
const FIRST_CARD_PROBE = `
  window.__firstCardAt = null;
  new MutationObserver((_, observer) => {
    if (document.querySelector('.ch-card .ch-company')) {
      window.__firstCardAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/**
 * Starts watching a search: resolves with the time from the last input event in the search box to
 * the moment the list shows the rows of exactly `expected` (committed, then after two frames: painted).
 */
function searchProbe(expected: string): string {
  // Ends in "; true": page.evaluate would otherwise wait for the promise before typing could start.
  return `window.__search = new Promise((resolve) => {
    const input = document.getElementById('page-search');
    let lastInput = 0;
    let done = false;
    const onInput = () => { lastInput = performance.now(); };
    input.addEventListener('input', onInput);
    const check = () => {
      const region = document.querySelector('.list-region');
      if (done || !region || lastInput === 0 || input.value.trim() !== ${JSON.stringify(expected)}) return;
      if (region.getAttribute('data-shown-search') !== ${JSON.stringify(expected)} || region.getAttribute('aria-busy') === 'true') return;
      done = true;
      const committed = performance.now() - lastInput;
      observer.disconnect();
      input.removeEventListener('input', onInput);
      requestAnimationFrame(() => requestAnimationFrame(() => resolve({ committed, painted: performance.now() - lastInput, rows: document.querySelectorAll('.ch-card').length })));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-shown-search', 'aria-busy'] });
    setTimeout(() => {
      if (done) return;
      const region = document.querySelector('.list-region');
      resolve({ committed: -1, painted: -1, rows: 0, stuck: [input.value, region && region.getAttribute('data-shown-search'), region && region.getAttribute('aria-busy')] });
    }, 15000);
  }); true`;
}

interface SearchTiming {
  committed: number;
  painted: number;
  rows: number;
  /** Set when the list never showed the search: what the page showed instead. */
  stuck?: unknown;
}

async function timeSearch(page: Page, query: string): Promise<SearchTiming> {
  const search = page.getByRole('searchbox', { name: 'Search channels' });
  await search.fill('');
  await page.locator('.list-region[data-shown-search=""]').waitFor();
  await page.evaluate(searchProbe(query));
  // About 12 characters a second, a brisk typist.
  await search.pressSequentially(query, { delay: 80 });
  const timing = (await page.evaluate('window.__search')) as SearchTiming;
  if (timing.stuck) throw new Error(`"${query}" never showed: ${JSON.stringify(timing.stuck)}`);
  return timing;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

describe(`scale: ${CHANNELS.toLocaleString('en')} channels`, () => {
  let hub: DemoServer;
  let app: WebApp;
  let browser: Browser;
  let tab: TestPage;

  beforeAll(async () => {
    hub = await startDemoServer({ clients: 5_000, channels: CHANNELS });
    app = await startWebApp({ demoHub: hub.origin });
    // Setup, not the subject: sign in to the demo and sync the 50,000 channels before the page opens.
    await app.request('session.startDemo');
    const synced = await app.request<SyncStatus>('sync.now');
    if (!synced.ok || synced.value.counts.channels !== CHANNELS) throw new Error(`sync did not finish: ${JSON.stringify(synced)}`);
    browser = await launchChromium();
    tab = await openPage(browser);
  }, 240_000);

  afterAll(async () => {
    await mkdir(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    await writeFile(path.join(REPO_ROOT, 'test-results', 'perf-50k.json'), `${JSON.stringify(measurements, null, 2)}\n`);
    console.log(`[perf] ${JSON.stringify(measurements)}`);
    await tab?.close();
    await browser?.close();
    await app?.stop();
    await hub?.stop();
  });

  it('shows the list on opening the window (time to first card recorded)', async () => {
    const { page } = tab;
    await page.addInitScript({ content: FIRST_CARD_PROBE });
    await page.goto(app.url);
    await page.locator('.ch-card').first().waitFor();
    const firstCard = (await page.evaluate('window.__firstCardAt')) as number;
    await page.locator('.page-sub', { hasText: '50,000 channels' }).waitFor();
    measurements.firstCardAfterNavigationMs = Math.round(firstCard);
    // The budget is one second: measured and kept in test-results/perf-50k.json, not asserted (shared
    // cores make a time a coin toss); `npm run bench` is where the numbers are read.
    expect(firstCard).toBeGreaterThan(0);
    await screenshot(page, 'scale-50k-cards-light');
  });

  it('shows the list again when coming back to the accounts page (time recorded)', async () => {
    const { page } = tab;
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    await nav.getByRole('button', { name: /^Clients/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await page.evaluate(
      `window.__clickAt = 0; document.addEventListener('click', () => { window.__clickAt = performance.now(); }, { capture: true, once: true }); ${FIRST_CARD_PROBE}`,
    );
    await nav.getByRole('button', { name: /^WhatsApp accounts/ }).click();
    await page.locator('.ch-card').first().waitFor();
    await waitForExpression(page, 'window.__firstCardAt !== null');
    const elapsed = (await page.evaluate('window.__firstCardAt - window.__clickAt')) as number;
    measurements.reopenAccountsPageMs = Math.round(elapsed);
    expect(elapsed).toBeGreaterThan(0);
  });

  it('answers each typed search with its rows (time after the last keystroke recorded)', async () => {
    const { page } = tab;
    if (!page.url().startsWith(app.origin)) await page.goto(app.url);
    await page.locator('.ch-card').first().waitFor();
    // '+49 15': German mobile numbers, as the demo hub's numbers are.
    const queries = ['müller', 'bäckerei', 'sohne gmbh', '+49 15', 'ñandú', 'pizza roma', 'zahnärzte'];
    const timings: Record<string, SearchTiming> = {};
    for (const query of queries) timings[query] = await timeSearch(page, query);
    const painted = Object.values(timings).map((t) => t.painted);
    measurements.search = Object.fromEntries(
      Object.entries(timings).map(([q, t]) => [
        q,
        { committedMs: Math.round(t.committed), paintedMs: Math.round(t.painted), cards: t.rows },
      ]),
    );
    measurements.searchPaintedMedianMs = Math.round(median(painted));
    measurements.searchPaintedMaxMs = Math.round(Math.max(...painted));
    for (const timing of Object.values(timings)) expect(timing.rows).toBeGreaterThan(0);
    // The goal is 100 ms: measured (perf-50k.json), not asserted, as above.
    await screenshot(page, 'scale-50k-search-light');
  });

  it('scrolls the table to any point of the 50,000 rows and fills it in', async () => {
    const { page } = tab;
    await page.getByRole('searchbox', { name: 'Search channels' }).fill('');
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
    const table = page.getByRole('table', { name: 'WhatsApp accounts' });
    await table.waitFor();
    expect(await table.getAttribute('aria-rowcount')).toBe(String(CHANNELS + 1));
    // Only the visible rows exist in the DOM.
    expect(await page.locator('.ch-tbody [role="row"]').count()).toBeLessThan(80);

    const started = Date.now();
    await page.evaluate("document.querySelector('.table-scroll').scrollTop = 46 * 31000");
    await waitForExpression(page, 'document.querySelector(\'.row-open[data-index="31005"]\') !== null', 5_000);
    measurements.tableJumpToRow31000Ms = Date.now() - started;

    await page.locator('.row-open[data-index="31005"]').focus();
    await page.keyboard.press('End');
    await waitForExpression(
      page,
      `document.activeElement && document.activeElement.getAttribute('data-index') === '${CHANNELS - 1}'`,
      5_000,
    );
    await screenshot(page, 'scale-50k-table-end-light');
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Cards' }).click();
    expect(tab.problems).toEqual([]);
  });
});
