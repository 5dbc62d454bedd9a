/** Turns a stored balance answer (raw JSON) into what the Insights and Billing tab shows. */
import type { UsagePeriod } from '@shared/insights';
import { pick, pickText } from '@shared/status/pick';

/** Money and counts arrive as numbers or decimal strings (§3.2); anything else is unknown. */
export function decimalOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

const CATEGORIES = ['marketing', 'utility', 'authentication', 'service'] as const;

export function usagePeriods(raw: unknown): UsagePeriod[] {
  const usage = pick(raw, 'usage');
  if (!Array.isArray(usage)) return [];
  return usage.map((row: unknown) => ({
    periodDate: pickText(row, 'period_date'),
    quantity: decimalOrNull(pick(row, 'quantity')),
    paidQuantity: decimalOrNull(pick(row, 'paid_quantity')),
    freeQuantity: decimalOrNull(pick(row, 'free_quantity')),
    totalPrice: decimalOrNull(pick(row, 'total_price')),
    categories: Object.fromEntries(
      CATEGORIES.map((c) => [c, { quantity: decimalOrNull(pick(row, `${c}_quantity`)), price: decimalOrNull(pick(row, `${c}_price`)) }]),
    ) as UsagePeriod['categories'],
  }));
}

export function lastRenewal(raw: unknown): { date: string | null; amount: number | null } | null {
  const renewal = pick(raw, 'last_renewal');
  if (typeof renewal !== 'object' || renewal === null) return null;
  return { date: pickText(renewal, 'date'), amount: decimalOrNull(pick(renewal, 'amount')) };
}
