/**
 * Keyboard only: a logical tab order to the demo button, Enter starts it, focus follows; then the
 * workspace without a mouse: "/" to search, arrows through the cards, Enter for details, Esc back
 * to the same card, "g c" to the clients, "?" for the shortcut list, Ctrl+K from anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPage } from './helpers/browser';
import { waitForExpression } from './helpers/poll';
import type { WebApp } from './helpers/web-app';
import { startWebSession, type WebSession } from './helpers/web-session';

const activeId = 'document.activeElement && document.activeElement.id';
const activeIndex = "document.activeElement && document.activeElement.getAttribute('data-index')";

describe('keyboard', () => {
  let session: WebSession;
  let app: WebApp;
  let tab: TestPage;

  beforeAll(async () => {
    session = await startWebSession('keyboard');
    ({ app, tab } = session);
  });

  afterAll(() => session?.stop());

  it('reaches "Explore with demo data" with Tab and starts the demo with Enter', async () => {
    const { page } = tab;
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Explore with demo data' }).waitFor();

    const visited: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      const label = (await focused.getAttribute('name')) ?? (await focused.textContent())?.trim() ?? '';
      visited.push(label);
      if (label === 'Explore with demo data') break;
    }
    expect(visited).toEqual(['partnerId', 'apiKey', 'Advanced', 'Sign in', 'Explore with demo data']);
    // Keyboard focus is visible.
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');

    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'WhatsApp accounts' }).waitFor();
    // Focus moves to the new screen's heading, so the next Tab starts at the top of it.
    await waitForExpression(page, `${activeId} === 'page-title'`);
    await page.locator('.ch-card').first().waitFor();
  });

  it('"/" focuses the search; typing filters; arrows move through the cards; Enter opens, Esc returns', async () => {
    const { page } = tab;
    await page.keyboard.press('/');
    expect(await page.evaluate(activeId)).toBe('page-search');
    await page.keyboard.type('gmbh');
    await page.waitForSelector('.list-region[data-shown-search="gmbh"]');
    await page.keyboard.press('Escape'); // clears the search
    await page.waitForSelector('.list-region[data-shown-search=""]');

    await page.locator('.card-open[data-index="0"]').focus();
    await page.keyboard.press('ArrowRight');
    await waitForExpression(page, `${activeIndex} === '1'`);
    await page.keyboard.press('ArrowDown');
    // One row down: as many cards further as there are columns (2 at 1280 px beside the sidebar).
    await waitForExpression(page, `Number(${activeIndex}) > 1`);
    await page.keyboard.press('k');
    await waitForExpression(page, `${activeIndex} === '1'`);

    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('tab', { name: 'Overview' }).waitFor();
    // Arrow keys move between the tabs.
    await dialog.getByRole('tab', { name: 'Overview' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await dialog.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await dialog.getByRole('tab', { name: 'Template Message Manager' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(activeIndex)).toBe('1');
  });

  it('"g c" goes to the clients, "?" lists the shortcuts, Ctrl+K searches from anywhere', async () => {
    const { page } = tab;
    await page.keyboard.press('g');
    await page.keyboard.press('c');
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.keyboard.press('g');
    await page.keyboard.press('n');
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.keyboard.press('Control+k');
    await page.getByRole('heading', { level: 1, name: 'WhatsApp accounts' }).waitFor();
    await waitForExpression(page, `${activeId} === 'page-search'`);
    expect(tab.problems).toEqual([]);
  });
});
