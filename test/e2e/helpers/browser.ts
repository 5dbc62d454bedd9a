/**
 * Chromium for the e2e tests through playwright-core (never a downloaded browser): the one `npm
 * test` found (PARTNER_DESK_CHROMIUM, see scripts/test-tiers.mjs), else Debian's /usr/bin/chromium;
 * plus page helpers that collect console errors and take screenshots.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './child-process';

export const LAUNCH_OPTIONS = {
  executablePath: process.env.PARTNER_DESK_CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch(LAUNCH_OPTIONS);
}

export interface TestPage {
  page: Page;
  /** Page errors and console errors seen so far (minus known, harmless browser notices). */
  problems: string[];
  close(): Promise<void>;
}

// Known, harmless browser notices to leave out of `problems`. None today: the page's CSP meta no
// longer carries frame-ancestors (the header does), so Chromium's warning about it would be a regression.
const IGNORED: RegExp[] = [];

export async function openPage(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if ((message.type() === 'error' || /Content Security Policy/.test(text)) && !IGNORED.some((re) => re.test(text))) {
      problems.push(`console.${message.type()}: ${text}`);
    }
  });
  return { page, problems, close: () => context.close() };
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}
