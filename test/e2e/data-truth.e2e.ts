/**
 * What the Hub means, as the user sees it (issue 14): an account Meta banned is red on its card and in
 * the table at 1280x720, with its hint whole and its details saying why and what to do; numbers written
 * with 00 or nationally are shown grouped in E.164 and found however they are typed; the export dialog
 * lists every column it will write. Screenshots of the banned card and row, light and dark, at 1024,
 * 1280 and 1366 wide, land in test-results/screenshots/.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelListItem, ChannelPage, ClientPage } from '@shared/accounts';
import { EXPORT_COLUMN_TITLES } from '@shared/export';
import { formatPhone } from '@shared/format';
import { screenshot } from './helpers/browser';
import { goTo } from './helpers/screens';
import { screenshotOnFailure, startDemoWorkspace, type DemoWorkspace } from './helpers/demo-workspace';

async function channels(workspace: DemoWorkspace, input: Record<string, unknown>): Promise<ChannelListItem[]> {
  const result = await workspace.app.request<ChannelPage>('channels.list', { limit: 1000, ...input });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.items;
}

/** The colour a tone is drawn in, as the page's theme defines it now. */
function toneColour(page: Page, tone: string): Promise<string> {
  return page.evaluate(`(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--tone-${tone})';
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  })()`);
}

/** Switches the colour scheme and lets the page repaint before anything is measured. */
async function scheme(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme });
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

/** The element's computed text colour (through its own window: the test build has no DOM globals). */
const colourOf = (locator: Locator): Promise<string> =>
  locator.evaluate(
    (element) =>
      (element.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(element).color,
  );

/** Whether an element shows all of its text (no ellipsis, no clamped lines). */
const shownWhole = (locator: Locator) =>
  locator.evaluate((element) => element.scrollHeight <= element.clientHeight + 1 && element.scrollWidth <= element.clientWidth + 1);

describe('data truth in the browser', () => {
  let workspace: DemoWorkspace;
  let banned: ChannelListItem;

  beforeAll(async () => {
    workspace = await startDemoWorkspace('data-truth');
    const { page } = workspace.tab;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(workspace.app.url);
    await page.getByRole('button', { name: 'Explore with demo data' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor();
    await page.locator('.ch-card').first().waitFor();
    const found = await channels(workspace, { states: ['banned'] });
    expect(found.length).toBeGreaterThan(0);
    banned = found[0]!;
  });

  afterEach((context) => screenshotOnFailure(workspace?.tab, 'data-truth', context.task));
  afterAll(async () => {
    await workspace?.stop();
  });

  async function view(page: Page, name: 'Cards' | 'Table'): Promise<void> {
    const button = page.getByRole('group', { name: 'View' }).getByRole('button', { name });
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  }

  async function showBanned(page: Page): Promise<void> {
    await view(page, 'Cards');
    const bar = page.getByRole('group', { name: 'Filter by state' });
    const chip = bar.getByRole('button', { name: /^Banned/ });
    if ((await chip.getAttribute('aria-pressed')) !== 'true') await chip.click();
    await page
      .locator('.ch-card', { hasText: banned.companyName ?? banned.id })
      .first()
      .waitFor();
  }

  it("shows a banned account's red state on its card at 1280x720, with its hint whole, and counts it", async () => {
    const { page } = workspace.tab;
    const chip = page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /^Banned/ });
    expect(await chip.textContent()).toMatch(/Banned\s*\d+/);
    await showBanned(page);
    const card = page.locator('.ch-card', { hasText: banned.companyName ?? banned.id }).first();
    const state = card.locator('.ch-badges .pill', { hasText: 'Banned' });
    await state.waitFor();
    expect(await state.getAttribute('class')).toContain('pill-negative');
    expect(await colourOf(state)).toBe(await toneColour(page, 'negative'));
    expect(await card.locator('.ch-badges').textContent()).not.toMatch(/Live/);
    const hint = card.locator('.ch-action');
    expect(await hint.textContent()).toContain('Review the ban in Meta Business Manager');
    expect(await hint.getAttribute('title')).toMatch(/^Review the ban in Meta Business Manager(\n.+)*$/);
    expect(await colourOf(hint)).toBe(await toneColour(page, 'negative'));
    expect(await shownWhole(card.locator('.ch-action-text'))).toBe(true);
    for (const colours of ['light', 'dark'] as const) {
      await scheme(page, colours);
      expect(await colourOf(state)).toBe(await toneColour(page, 'negative'));
      await screenshot(page, `banned-cards-1280-${colours}`);
    }
    await scheme(page, 'light');
  });

  it('shows it red in the table too, and its details say why and what to do, never "ready to use"', async () => {
    const { page } = workspace.tab;
    await showBanned(page);
    await view(page, 'Table');
    const row = page
      .getByRole('row')
      .filter({ hasText: banned.companyName ?? banned.id })
      .first();
    await row.waitFor();
    const state = row.locator('.pill', { hasText: 'Banned' });
    expect(await colourOf(state)).toBe(await toneColour(page, 'negative'));
    // The hint in a few words, its tooltip every sentence.
    const action = row.locator('.cell-action');
    expect(await action.textContent()).toMatch(/^Review the ban( \+\d+)?$/);
    expect(await action.getAttribute('title')).toContain('Review the ban in Meta Business Manager');
    expect(await colourOf(action)).toBe(await toneColour(page, 'negative'));
    expect(await shownWhole(action)).toBe(true);
    for (const colours of ['light', 'dark'] as const) {
      await scheme(page, colours);
      await screenshot(page, `banned-table-1280-${colours}`);
    }
    await scheme(page, 'light');

    await row.locator('.row-open').click();
    const details = page.getByRole('dialog', { name: banned.companyName ?? undefined });
    await details.getByRole('heading', { name: 'Status' }).waitFor();
    const status = details.locator('.state-line');
    expect(await status.textContent()).toMatch(/Banned.*Meta disabled this WhatsApp Business Account.*request a review/);
    expect(await details.textContent()).not.toMatch(/ready to use/);
    await screenshot(page, 'banned-details-1280-light');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    await view(page, 'Cards');
  });

  /** Cards whose hint is cut, or whose contents reach past the card's own edge. */
  const brokenCards = (page: Page) =>
    page.locator('.ch-card:not(.ch-card-skeleton)').evaluateAll((cards) =>
      cards.flatMap((card) => {
        const edge = card.getBoundingClientRect().right;
        const hint = card.querySelector('.ch-action-text');
        const cut = hint !== null && (hint.scrollHeight > hint.clientHeight + 1 || hint.scrollWidth > hint.clientWidth + 1);
        const past = [...card.querySelectorAll('.pill, .ch-action, .card-open')].some(
          (el) => el.getBoundingClientRect().right > edge + 0.5,
        );
        return cut || past ? [card.querySelector('.ch-company')?.textContent ?? '?'] : [];
      }),
    );

  it.each([1024, 1366])('keeps the banned card and row whole at %i wide, light and dark', async (width) => {
    const { page } = workspace.tab;
    await page.setViewportSize({ width, height: 720 });
    await showBanned(page);
    const card = page.locator('.ch-card', { hasText: banned.companyName ?? banned.id }).first();
    expect(await shownWhole(card.locator('.ch-action-text'))).toBe(true);
    expect(await brokenCards(page)).toEqual([]);
    for (const colours of ['light', 'dark'] as const) {
      await scheme(page, colours);
      await screenshot(page, `banned-cards-${width}-${colours}`);
    }
    await view(page, 'Table');
    const row = page
      .getByRole('row')
      .filter({ hasText: banned.companyName ?? banned.id })
      .first();
    await row.waitFor();
    expect(await shownWhole(row.locator('.cell-action'))).toBe(true);
    for (const colours of ['light', 'dark'] as const) {
      await scheme(page, colours);
      await screenshot(page, `banned-table-${width}-${colours}`);
    }
    await scheme(page, 'light');
    await view(page, 'Cards');
    // Every card of the book, not only the banned ones: no hint is cut, nothing reaches past a card.
    await page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /^All/ }).click();
    await page.locator('.ch-card:not(.ch-card-skeleton)').first().waitFor();
    await page.mouse.move(width / 2 + 100, 500);
    for (let screen = 0; screen < 8; screen += 1) {
      expect(await brokenCards(page), `screen ${screen}`).toEqual([]);
      await page.mouse.wheel(0, 500);
      await page.waitForTimeout(200);
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  /**
   * Table cells that fail the reader: a number not shown whole (cut, or past two lines), or a status
   * word broken inside itself ("Approve" / "d") because its column is narrower than the word.
   */
  const brokenCells = (page: Page) =>
    page.locator('.ch-tbody .ch-tr').evaluateAll((rows) =>
      rows.flatMap((row) => {
        const problems: string[] = [];
        const phone = row.querySelector('.cell-phone');
        if (phone && (phone.scrollHeight > phone.clientHeight + 1 || phone.scrollWidth > phone.clientWidth + 1))
          problems.push(`number cut: ${phone.textContent}`);
        for (const label of row.querySelectorAll('.pill-label')) {
          const text = label.firstChild;
          if (!text || text.nodeType !== 3) continue;
          const range = label.ownerDocument.createRange();
          const content = text.textContent ?? '';
          for (const match of content.matchAll(/\S+/g)) {
            range.setStart(text, match.index);
            range.setEnd(text, match.index + match[0].length);
            if (range.getClientRects().length > 1) problems.push(`word broken: ${match[0]}`);
          }
        }
        return problems;
      }),
    );

  it('shows every number whole and never breaks a status word in the table at 1280x720, light and dark', async () => {
    const { page } = workspace.tab;
    await page.setViewportSize({ width: 1280, height: 720 });
    await view(page, 'Table');
    await page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /^All/ }).click();
    await page.locator('.ch-tbody .ch-tr').first().waitFor();
    // No sideways scrolling at 1280: every column fits beside the sidebar.
    expect(await page.locator('.table-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.mouse.move(800, 500);
    for (let screen = 0; screen < 8; screen += 1) {
      expect(await brokenCells(page), `screen ${screen}`).toEqual([]);
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(200);
    }
    for (const colours of ['light', 'dark'] as const) {
      await scheme(page, colours);
      await screenshot(page, `table-all-1280-${colours}`);
    }
    await scheme(page, 'light');
    await view(page, 'Cards');
  });

  it('shows a number written with 00 grouped in E.164, and finds it typed with +, 00 or partly', async () => {
    const { page } = workspace.tab;
    await view(page, 'Cards');
    await page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /^All/ }).click();
    const all = await channels(workspace, {});
    const idd = all.find((c) => c.phoneNumber?.startsWith('00') && c.phoneE164 !== null);
    expect(idd, 'the demo has a number written with 00').toBeDefined();
    const shown = formatPhone({ raw: idd!.phoneNumber, e164: idd!.phoneE164 })!;
    expect(shown.startsWith('+')).toBe(true);
    expect(shown).not.toMatch(/^\+00/);
    const search = page.getByRole('searchbox', { name: 'Search channels' });
    const digits = idd!.phoneE164!.slice(1);
    for (const typed of [shown, `00${digits}`, digits.slice(-7)]) {
      await search.fill(typed);
      await page.locator(`.list-region[data-shown-search="${typed}"]`).waitFor();
      expect(await page.locator('.ch-card .ch-phone').allTextContents(), typed).toContain(shown);
    }
    await search.fill('');
  });

  it("shows a client's contact number written nationally as grouped E.164 in its sheet, and finds the client by it", async () => {
    const { page } = workspace.tab;
    const result = await workspace.app.request<ClientPage>('clients.list', { limit: 1000 });
    if (!result.ok) throw new Error(result.error.message);
    const client = result.value.items.find(
      (c) => c.phoneNumber?.startsWith('0') && !c.phoneNumber.startsWith('00') && c.phoneE164 !== null && c.email,
    );
    expect(client, 'the demo has a client whose number is written nationally').toBeDefined();
    const shown = formatPhone({ raw: client!.phoneNumber, e164: client!.phoneE164 })!;
    expect(shown.startsWith(`+`)).toBe(true);
    await goTo(page, 'Clients');
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(client!.phoneNumber!);
    await page.getByRole('button', { name: client!.name, exact: true }).first().click();
    const sheet = page.getByRole('dialog', { name: client!.name });
    await expect(
      sheet
        .locator('dt', { hasText: /^Phone$/ })
        .locator('xpath=following-sibling::dd[1]')
        .textContent(),
    ).resolves.toBe(shown);
    await screenshot(page, 'client-phone-1280-light');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    await goTo(page, 'WhatsApp accounts');
  });

  it('lists every column the export will write, in file order', async () => {
    const { page } = workspace.tab;
    await page
      .getByRole('button', { name: /Download CSV/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Download CSV' });
    await dialog.waitFor();
    expect(await dialog.locator('.export-columns li').allTextContents()).toEqual([...EXPORT_COLUMN_TITLES]);
    expect(EXPORT_COLUMN_TITLES.slice(6, 8)).toEqual(['Quality rating', 'Messaging limit']);
    await screenshot(page, 'export-dialog-columns-light');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});
