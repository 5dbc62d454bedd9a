/**
 * Waits until a JavaScript expression is truthy in the page. Polled from Node with page.evaluate
 * (which the page's CSP allows) rather than page.waitForFunction with a string (which the page
 * would have to eval, and its CSP rightly forbids).
 */
import type { Page } from 'playwright-core';

export async function waitForExpression(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
