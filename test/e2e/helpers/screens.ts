/**
 * One screen, checked the way users meet it: axe in the light and the dark scheme, and a screenshot
 * of each under test-results/screenshots/<name>-light.png / -dark.png. The scheme is switched with
 * emulateMedia, so the page (and any open dialog) stays exactly as it is.
 */
import type { Page } from 'playwright-core';
import { checkAxe } from './axe';
import { screenshot } from './browser';

export interface ScreenReport {
  name: string;
  blocking: string[];
  all: string[];
}

export async function captureScreen(page: Page, name: string): Promise<ScreenReport> {
  const report: ScreenReport = { name, blocking: [], all: [] };
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Let the colour change and any pending rows settle before measuring contrast.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const axe = await checkAxe(page);
    report.blocking.push(...axe.blocking.map((line) => `[${scheme}] ${line}`));
    report.all.push(...axe.all.map((id) => `${scheme}:${id}`));
    await screenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return report;
}

export type WorkspaceSection = 'WhatsApp accounts' | 'Clients' | 'Notifications' | 'Outbox';

/** Goes to a section of the workspace through its sidebar navigation and waits for its heading. */
export async function goTo(page: Page, section: WorkspaceSection): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('button', { name: new RegExp(`^${section}`) })
    .click();
  await page.getByRole('heading', { level: 1, name: section }).waitFor();
}
