/**
 * Balances and message templates: answered from the cache at once, refreshed from the Partner API
 * on demand (the open client or channel) and trickled in the background, always within the
 * documented limits (balance 5 per 30 s, templates 400 per minute; the API client's limiters
 * enforce them). A failed refresh keeps the cached copy and says why.
 */
import type { ChannelTemplates, ClientBalanceInfo, TemplateItem } from '../../../shared/insights';
import { AppError, isAppError } from '../../../shared/errors';
import { pickText } from '../../../shared/status/pick';
import { listAll, parseTemplate, type PartnerApi } from '../api';
import type { Logger } from '../log';
import { parseJsonOr } from '../store/json-column';
import { decimalOrNull, lastRenewal, usagePeriods } from './balance-view';
import type { InsightsStore, TemplateRow } from './insights-store';

export const BALANCE_FRESH_MS = 60 * 60_000;
export const TEMPLATES_FRESH_MS = 6 * 60 * 60_000;
const USAGE_MONTHS = 12;

export interface InsightsDeps {
  store: InsightsStore;
  /** The active profile and its Partner API client. */
  active: () => Promise<{ profileId: string; api: PartnerApi }>;
  now: () => number;
  log: Logger;
}

type RefreshError = { code: string; message: string } | null;

function asRefreshError(error: unknown): RefreshError {
  return isAppError(error) ? { code: error.code, message: error.message } : { code: 'internal', message: 'The refresh failed unexpectedly.' };
}

export class InsightsService {
  constructor(private readonly deps: InsightsDeps) {}

  async balance(clientId: string, refresh: boolean): Promise<ClientBalanceInfo> {
    const { profileId, api } = await this.deps.active();
    const cached = this.deps.store.balance(profileId, clientId);
    const fresh = cached && this.deps.now() - Date.parse(cached.fetched_at) < BALANCE_FRESH_MS;
    let refreshError: RefreshError = null;
    if (refresh || !fresh) {
      try {
        await this.fetchBalance(profileId, api, clientId);
      } catch (error) {
        refreshError = asRefreshError(error);
      }
    }
    const row = this.deps.store.balance(profileId, clientId);
    if (!row) {
      return { clientId, available: false, reason: null, currency: null, balance: null, lastRenewal: null, usage: [], fetchedAt: null, refreshError };
    }
    const raw = parseJsonOr(row.raw, null);
    return {
      clientId,
      available: row.available === 1,
      reason: row.reason,
      currency: row.currency,
      balance: row.balance,
      lastRenewal: row.available === 1 ? lastRenewal(raw) : null,
      usage: row.available === 1 ? usagePeriods(raw) : [],
      fetchedAt: row.fetched_at,
      refreshError,
    };
  }

  async templates(channelId: string, refresh: boolean): Promise<ChannelTemplates> {
    const { profileId, api } = await this.deps.active();
    const waba = this.deps.store.wabaOfChannel(profileId, channelId);
    if (!waba) return { channelId, wabaAccountId: null, items: [], fetchedAt: null, refreshError: null };
    const cached = this.deps.store.templates(profileId, waba);
    const fresh = cached.fetchedAt !== null && this.deps.now() - Date.parse(cached.fetchedAt) < TEMPLATES_FRESH_MS;
    let refreshError: RefreshError = null;
    if (refresh || !fresh) {
      try {
        await this.fetchTemplates(profileId, api, waba);
      } catch (error) {
        refreshError = asRefreshError(error);
      }
    }
    const current = this.deps.store.templates(profileId, waba);
    return { channelId, wabaAccountId: waba, items: current.rows.map(toTemplateItem), fetchedAt: current.fetchedAt, refreshError };
  }

  /** One background step: a few stale balances and template lists, leaving room for on-demand reads. */
  async trickle(options: { balances: number; wabas: number }): Promise<{ balances: number; wabas: number }> {
    const { profileId, api } = await this.deps.active();
    const now = this.deps.now();
    let balances = 0;
    let wabas = 0;
    for (const clientId of this.deps.store.staleClients(profileId, new Date(now - BALANCE_FRESH_MS).toISOString(), options.balances)) {
      await this.fetchBalance(profileId, api, clientId);
      balances += 1;
    }
    for (const waba of this.deps.store.staleWabas(profileId, new Date(now - TEMPLATES_FRESH_MS).toISOString(), options.wabas)) {
      await this.fetchTemplates(profileId, api, waba);
      wabas += 1;
    }
    return { balances, wabas };
  }

  private async fetchBalance(profileId: string, api: PartnerApi, clientId: string): Promise<void> {
    const end = new Date(this.deps.now());
    const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (USAGE_MONTHS - 1), 1));
    const fetchedAt = end.toISOString();
    try {
      const balance = await api.getClientBalance(clientId, { startDate: start, endDate: end, granularity: 'month', signal: AbortSignal.timeout(30_000) });
      this.deps.store.saveBalance(profileId, {
        client_id: clientId,
        available: 1,
        currency: pickText(balance, 'currency'),
        balance: decimalOrNull(balance.balance),
        raw: JSON.stringify(balance),
        reason: null,
        fetched_at: fetchedAt,
      });
    } catch (error) {
      // The Hub keeps balances only for direct-payment clients and answers 400 for the others: that
      // is an answer to cache, not a failure to retry.
      if (isAppError(error) && error.code === 'invalid_input') {
        this.deps.store.saveBalance(profileId, { client_id: clientId, available: 0, currency: null, balance: null, raw: null, reason: error.message, fetched_at: fetchedAt });
        return;
      }
      throw error;
    }
  }

  private async fetchTemplates(profileId: string, api: PartnerApi, waba: string): Promise<void> {
    const listing = await listAll((q) => api.listTemplatesPage(waba, q), { pageSize: 1000, concurrency: 2, signal: AbortSignal.timeout(60_000) });
    const rows: TemplateRow[] = [];
    for (const item of listing.items) {
      const parsed = parseTemplate(item);
      if (!parsed.ok) {
        this.deps.log.warn('template skipped', { waba, reason: parsed.reason });
        continue;
      }
      const t = parsed.value;
      rows.push({ id: t.id, name: t.name, language: t.language, category: t.category ?? null, status: t.status ?? null, raw: JSON.stringify(item) });
    }
    if (!listing.complete && rows.length === 0) throw new AppError('bad_response', 'The template list kept changing while it was read; try again.');
    this.deps.store.replaceTemplates(profileId, waba, rows, new Date(this.deps.now()).toISOString());
  }
}

function toTemplateItem(row: TemplateRow): TemplateItem {
  const raw = parseJsonOr(row.raw, null);
  const components = raw !== null && typeof raw === 'object' && Array.isArray((raw as { components?: unknown }).components)
    ? ((raw as { components: unknown[] }).components.filter((c) => typeof c === 'object' && c !== null && !Array.isArray(c)) as Array<Record<string, unknown>>)
    : [];
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    rejectedReason: pickText(raw, 'rejected_reason'),
    components,
    modifiedAt: pickText(raw, 'modified_at'),
  };
}
