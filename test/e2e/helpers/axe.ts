/**
 * Accessibility checks with axe-core: the serious and critical violations on the page as it is now,
 * as readable lines ("color-contrast (serious): .pill-progress ... "), so a failure says what to fix.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface AxeSummary {
  /** Serious and critical violations, one line each. */
  blocking: string[];
  /** Every violation id with its impact, for the report. */
  all: string[];
}

export async function checkAxe(page: Page): Promise<AxeSummary> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const describe = (v: (typeof results.violations)[number]) =>
    `${v.id} (${v.impact ?? 'unknown'}): ${v.help} — ${v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(' '))
      .join(' | ')}`;
  return {
    blocking: results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(describe),
    all: results.violations.map((v) => `${v.id}:${v.impact ?? '?'}`),
  };
}
