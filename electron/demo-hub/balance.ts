/**
 * Client balance and usage (`…/clients/{cid}/info/balance`, §3.2), computed on request from
 * (seed, client, period) so any date range answers the same numbers every time.
 */
import { isoSeconds, Rng } from './prng';

export type Granularity = 'month' | 'day';

const CATEGORY_PRICES = { marketing: 0.1365, utility: 0.0456, authentication: 0.0456, service: 0 } as const;
const MAX_PERIODS = 400;

interface UsageRow {
  [field: string]: number | string;
}

function periodStarts(startMs: number, endMs: number, granularity: Granularity): number[] {
  const out: number[] = [];
  const first = new Date(startMs);
  let cursor =
    granularity === 'month'
      ? Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)
      : Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate());
  while (cursor <= endMs && out.length < MAX_PERIODS) {
    out.push(cursor);
    const d = new Date(cursor);
    cursor =
      granularity === 'month'
        ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
        : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
  }
  return out;
}

const money = (n: number): number => Math.round(n * 10_000) / 10_000;

function usageFor(seed: number, clientId: string, periodMs: number, granularity: Granularity): UsageRow {
  const rng = Rng.for(seed, 'usage', clientId, periodMs, granularity);
  const scale = granularity === 'month' ? 1 : 1 / 30;
  const counts = {
    marketing: Math.round(rng.int(0, 4000) * scale),
    utility: Math.round(rng.int(0, 2500) * scale),
    authentication: Math.round(rng.int(0, 800) * scale),
    service: Math.round(rng.int(0, 3000) * scale),
  };
  const row: UsageRow = { period_date: isoSeconds(periodMs) };
  let quantity = 0;
  let paidQuantity = 0;
  let total = 0;
  for (const [category, count] of Object.entries(counts)) {
    const price = CATEGORY_PRICES[category as keyof typeof CATEGORY_PRICES];
    // Service conversations are free; the others are all paid in this simulation.
    const paid = price > 0 ? count : 0;
    row[`${category}_quantity`] = count;
    row[`${category}_paid_quantity`] = paid;
    row[`${category}_price`] = money(paid * price);
    quantity += count;
    paidQuantity += paid;
    total += paid * price;
  }
  const business = counts.marketing + counts.utility + counts.authentication;
  row.business_initiated_quantity = business;
  row.business_initiated_paid_quantity = business;
  row.business_initiated_price = money(total);
  row.user_initiated_quantity = counts.service;
  row.user_initiated_paid_quantity = 0;
  row.user_initiated_price = 0;
  row.free_quantity = counts.service;
  row.free_tier = Math.min(counts.service, 1000);
  row.free_entry_point = Math.round(counts.service * 0.05);
  row.quantity = quantity;
  row.paid_quantity = paidQuantity;
  row.total_price = money(total);
  return row;
}

export interface BalanceRequest {
  startMs: number;
  endMs: number;
  granularity: Granularity;
}

export function clientBalance(seed: number, clientId: string, req: BalanceRequest): Record<string, unknown> {
  const rng = Rng.for(seed, 'balance', clientId);
  const usage = periodStarts(req.startMs, req.endMs, req.granularity).map((p) => usageFor(seed, clientId, p, req.granularity));
  const renewalMs = Date.UTC(2025, rng.int(0, 5), rng.int(1, 28));
  return {
    // The reference notes the amount may be missing or null (§5 quirk 10).
    balance: rng.chance(0.1) ? null : money(rng.int(0, 500_000) / 100),
    currency: 'usd',
    last_renewal: { date: isoSeconds(renewalMs), amount: rng.pick([50, 100, 250, 500]) },
    estimated_template_cost: money(rng.int(0, 20_000) / 100),
    granularity: req.granularity,
    bi_price_for_currency_and_client_country: CATEGORY_PRICES.marketing,
    ui_price_for_currency_and_client_country: 0.0285,
    usage,
  };
}

export function partnerBalance(seed: number): { currency: string; total: number }[] {
  return [{ currency: 'usd', total: money(Rng.for(seed, 'partner-balance').int(0, 2_000_000) / 100) }];
}
