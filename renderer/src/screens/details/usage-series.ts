/**
 * The client's usage as chart data: one entry per period, oldest first, with the conversations of
 * each category, and the totals over all periods for the legend.
 */
import type { UsagePeriod } from '@shared/insights';

export const USAGE_CATEGORIES = ['marketing', 'utility', 'authentication', 'service'] as const;
export type UsageCategoryName = (typeof USAGE_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<UsageCategoryName, string> = {
  marketing: 'Marketing',
  utility: 'Utility',
  authentication: 'Authentication',
  service: 'Service',
};

export interface UsageBar {
  period: string | null;
  values: Record<UsageCategoryName, number>;
  total: number;
  price: number | null;
}

export interface UsageSeries {
  bars: UsageBar[];
  max: number;
  totals: Record<UsageCategoryName, number>;
  totalPrice: number | null;
}

export function usageSeries(usage: readonly UsagePeriod[], maxBars = 12): UsageSeries {
  const sorted = [...usage].sort((a, b) => (a.periodDate ?? '').localeCompare(b.periodDate ?? ''));
  const recent = sorted.slice(-maxBars);
  const totals: Record<UsageCategoryName, number> = { marketing: 0, utility: 0, authentication: 0, service: 0 };
  let totalPrice: number | null = null;
  const bars = recent.map((period) => {
    const values = { ...totals };
    let total = 0;
    for (const category of USAGE_CATEGORIES) {
      const quantity = period.categories[category].quantity ?? 0;
      values[category] = quantity;
      totals[category] += quantity;
      total += quantity;
    }
    if (period.totalPrice !== null) totalPrice = (totalPrice ?? 0) + period.totalPrice;
    return { period: period.periodDate, values, total, price: period.totalPrice };
  });
  return { bars, max: Math.max(0, ...bars.map((b) => b.total)), totals, totalPrice };
}

/** A "nice" axis maximum (1, 2, 2.5, 5 x 10^n) at or above `value`, so gridlines land on round numbers. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
