/** Keyboard only: a logical tab order to the demo button, Enter starts it, focus follows. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from './helpers/browser';
import { startWebApp, type WebApp } from './helpers/web-app';

describe('keyboard', () => {
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

  it('reaches "Explore with demo data" with Tab and starts the demo with Enter', async () => {
    const { page, problems, close } = await openPage(browser);
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
    await page.locator('#partner-name').waitFor();
    // Focus moves to the new screen's heading, so the next Tab starts at the top of it.
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('partner-name');
    expect(problems).toEqual([]);
    await close();
  });
});
