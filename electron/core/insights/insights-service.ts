/**
 * Balances and message templates: answered from the cache at once, never waiting on the Hub. A
 * refresh (asked for, or because the copy is old) runs in the background, one per client or WABA at
 * a time, within the documented limits (balance 5 per 30 s, templates 400 per minute; the API
 * client's limiters enforce them), and `insights.changed` says when it ended; the answer said
 * `refreshing` meanwhile. A refresh a closed panel no longer wants is cancelled before it reaches the
 * Hub. Ids the local copy does not know are refused here, not sent to the Hub; while the app knows
 * it is offline, nothing is asked of it. A failed refresh keeps the cached copy and says why.
 */
import {
  BALANCE_NOT_AVAILABLE,
  type ChannelTemplates,
  type ClientBalanceInfo,
  type InsightKind,
  type TemplateItem,
} from '@shared/insights';
import { AppError, isAppError } from '@shared/errors';
import { pickText } from '@shared/status/pick';
import { isHubError, listAll, parseTemplate, type PartnerApi } from '../api';
import type { CoreEvents } from '../events';
import type { Logger } from '../log';
import { parseJsonOr } from '../store/json-column';
import { decimalOrNull, lastRenewal, usagePeriods } from './balance-view';
import type { InsightsStore, TemplateRow } from './insights-store';

export const BALANCE_FRESH_MS = 60 * 60_000;
/** A client without a balance (no direct payment) rarely changes that: asked again after a day, or on Refresh. */
export const BALANCE_UNAVAILABLE_FRESH_MS = 24 * 60 * 60_000;
export const TEMPLATES_FRESH_MS = 6 * 60 * 60_000;
const USAGE_MONTHS = 12;

export interface InsightsDeps {
  store: InsightsStore;
  /** The active profile, or null; reading the cache needs no credentials. */
  activeProfileId: () => string | null;
  /** The active profile and its Partner API client (credentials from the keychain). */
  active: () => Promise<{ profileId: string; api: PartnerApi }>;
  /** Whether the app knows it is offline right now: then no refresh is tried. */
  isOffline?: () => boolean;
  events?: CoreEvents;
  now: () => number;
  log: Logger;
}

type RefreshError = { code: string; message: string } | null;

function asRefreshError(error: unknown): RefreshError {
  return isAppError(error)
    ? { code: error.code, message: error.message }
    : { code: 'internal', message: 'The refresh failed unexpectedly.' };
}

const OFFLINE: NonNullable<RefreshError> = {
  code: 'offline',
  message: 'You are offline: this is the copy saved the last time the Hub could be reached.',
};

interface Refresh {
  controller: AbortController;
  done: Promise<void>;
}

export class InsightsService {
  private readonly refreshes = new Map<string, Refresh>();
  /** The last refresh's failure per client or WABA, until one succeeds. */
  private readonly failures = new Map<string, NonNullable<RefreshError>>();

  constructor(private readonly deps: InsightsDeps) {}

  balance(clientId: string, refresh: boolean): ClientBalanceInfo {
    const profileId = this.requireProfile();
    if (!this.deps.store.hasClient(profileId, clientId))
      throw new AppError('not_found', `Client ${clientId} is not in the local copy. Sync, then try again.`);
    const key = `balance:${profileId}:${clientId}`;
    const cached = this.deps.store.balance(profileId, clientId);
    const fresh =
      cached !== null &&
      this.deps.now() - Date.parse(cached.fetched_at) < (cached.available === 1 ? BALANCE_FRESH_MS : BALANCE_UNAVAILABLE_FRESH_MS);
    const refreshing = this.refreshIfNeeded(key, refresh || !fresh, 'balance', clientId, profileId, (api, signal) =>
      this.fetchBalance(profileId, api, clientId, signal),
    );
    const refreshError = this.failures.get(key) ?? (refreshing || fresh || !this.offline() ? null : OFFLINE);
    if (!cached) {
      return {
        clientId,
        available: false,
        reason: null,
        currency: null,
        balance: null,
        lastRenewal: null,
        usage: [],
        fetchedAt: null,
        refreshing,
        refreshError,
      };
    }
    const raw = parseJsonOr(cached.raw, null);
    return {
      clientId,
      available: cached.available === 1,
      // One sentence for every "no balance" answer (rows cached by older versions kept the HTTP error's words).
      reason: cached.available === 1 ? null : BALANCE_NOT_AVAILABLE,
      currency: cached.currency,
      balance: cached.balance,
      lastRenewal: cached.available === 1 ? lastRenewal(raw) : null,
      usage: cached.available === 1 ? usagePeriods(raw) : [],
      fetchedAt: cached.fetched_at,
      refreshing,
      refreshError,
    };
  }

  templates(channelId: string, refresh: boolean): ChannelTemplates {
    const profileId = this.requireProfile();
    const channel = this.deps.store.channelWaba(profileId, channelId);
    if (!channel) throw new AppError('not_found', `Channel ${channelId} is not in the local copy. Sync, then try again.`);
    const waba = channel.waba;
    if (!waba) return { channelId, wabaAccountId: null, items: [], fetchedAt: null, refreshing: false, refreshError: null };
    const key = `templates:${profileId}:${waba}`;
    const cached = this.deps.store.templates(profileId, waba);
    const fresh = cached.fetchedAt !== null && this.deps.now() - Date.parse(cached.fetchedAt) < TEMPLATES_FRESH_MS;
    const refreshing = this.refreshIfNeeded(key, refresh || !fresh, 'templates', channelId, profileId, (api, signal) =>
      this.fetchTemplates(profileId, api, waba, signal),
    );
    const refreshError = this.failures.get(key) ?? (refreshing || fresh || !this.offline() ? null : OFFLINE);
    return {
      channelId,
      wabaAccountId: waba,
      items: cached.rows.map(toTemplateItem),
      fetchedAt: cached.fetchedAt,
      refreshing,
      refreshError,
    };
  }

  /** Drops a refresh nobody waits for any more, unless it has already been answered. */
  cancel(kind: InsightKind, id: string): { cancelled: boolean } {
    const profileId = this.deps.activeProfileId();
    if (!profileId) return { cancelled: false };
    const key =
      kind === 'balance'
        ? `balance:${profileId}:${id}`
        : `templates:${profileId}:${this.deps.store.channelWaba(profileId, id)?.waba ?? ''}`;
    const running = this.refreshes.get(key);
    if (!running) return { cancelled: false };
    running.controller.abort(new DOMException('The panel that asked for this refresh was closed.', 'AbortError'));
    return { cancelled: true };
  }

  /** Resolves when every refresh under way has ended (tests). */
  async settled(): Promise<void> {
    while (this.refreshes.size > 0) await Promise.all([...this.refreshes.values()].map((r) => r.done));
  }

  /** Starts a background refresh when wanted and none is under way; whether one is under way now. */
  private refreshIfNeeded(
    key: string,
    wanted: boolean,
    kind: InsightKind,
    id: string,
    profileId: string,
    fetch: (api: PartnerApi, signal: AbortSignal) => Promise<void>,
  ): boolean {
    if (this.refreshes.has(key)) return true;
    if (!wanted || this.offline()) return false;
    const controller = new AbortController();
    const done = (async () => {
      try {
        const { api, profileId: active } = await this.deps.active();
        if (active !== profileId) return;
        await fetch(api, controller.signal);
        this.failures.delete(key);
      } catch (error) {
        if (!controller.signal.aborted) this.failures.set(key, asRefreshError(error) ?? OFFLINE);
      } finally {
        this.refreshes.delete(key);
        this.deps.events?.emit('insights.changed', { profileId, kind, id });
      }
    })();
    this.refreshes.set(key, { controller, done });
    return true;
  }

  private offline(): boolean {
    return this.deps.isOffline?.() ?? false;
  }

  private requireProfile(): string {
    const profileId = this.deps.activeProfileId();
    if (!profileId) throw new AppError('not_signed_in', 'No partner profile is signed in. Sign in, or explore the demo data.');
    return profileId;
  }

  /** One background step: a few stale balances and template lists, leaving room for on-demand reads. */
  async trickle(options: { balances: number; wabas: number }): Promise<{ balances: number; wabas: number }> {
    if (this.offline()) return { balances: 0, wabas: 0 };
    const { profileId, api } = await this.deps.active();
    const now = this.deps.now();
    let balances = 0;
    let wabas = 0;
    const stale = {
      available: new Date(now - BALANCE_FRESH_MS).toISOString(),
      unavailable: new Date(now - BALANCE_UNAVAILABLE_FRESH_MS).toISOString(),
    };
    for (const clientId of this.deps.store.staleClients(profileId, stale, options.balances)) {
      await this.fetchBalance(profileId, api, clientId);
      balances += 1;
    }
    for (const waba of this.deps.store.staleWabas(profileId, new Date(now - TEMPLATES_FRESH_MS).toISOString(), options.wabas)) {
      await this.fetchTemplates(profileId, api, waba);
      wabas += 1;
    }
    return { balances, wabas };
  }

  private async fetchBalance(profileId: string, api: PartnerApi, clientId: string, signal?: AbortSignal): Promise<void> {
    const end = new Date(this.deps.now());
    const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (USAGE_MONTHS - 1), 1));
    const fetchedAt = end.toISOString();
    try {
      const timeout = AbortSignal.timeout(30_000);
      const balance = await api.getClientBalance(clientId, {
        startDate: start,
        endDate: end,
        granularity: 'month',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
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
      // The Hub keeps balances only for direct-payment clients. How it refuses the others is not
      // documented (the simulator answers 400; 403 or 404 are as likely): that is an answer to cache,
      // not a failure to retry, which would spend the shared 5-per-30 s budget on every refresh.
      if (balanceNotAvailable(error)) {
        this.deps.log.info('balance not available for client', { clientId, status: isHubError(error) ? error.status : null });
        this.deps.store.saveBalance(profileId, {
          client_id: clientId,
          available: 0,
          currency: null,
          balance: null,
          raw: null,
          reason: BALANCE_NOT_AVAILABLE,
          fetched_at: fetchedAt,
        });
        return;
      }
      throw error;
    }
  }

  private async fetchTemplates(profileId: string, api: PartnerApi, waba: string, signal?: AbortSignal): Promise<void> {
    const timeout = AbortSignal.timeout(60_000);
    const listing = await listAll((q) => api.listTemplatesPage(waba, q), {
      pageSize: 1000,
      concurrency: 2,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const rows: TemplateRow[] = [];
    for (const item of listing.items) {
      const parsed = parseTemplate(item);
      if (!parsed.ok) {
        this.deps.log.warn('template skipped', { waba, reason: parsed.reason });
        continue;
      }
      const t = parsed.value;
      rows.push({
        id: t.id,
        name: t.name,
        language: t.language,
        category: t.category ?? null,
        status: t.status ?? null,
        raw: JSON.stringify(item),
      });
    }
    if (!listing.complete && rows.length === 0)
      throw new AppError('bad_response', 'The template list kept changing while it was read; try again.');
    this.deps.store.replaceTemplates(profileId, waba, rows, new Date(this.deps.now()).toISOString());
  }
}

/**
 * Whether a failed balance read means "this client has no balance": any 4xx answer but those about
 * our own request or credentials: 401 (sign in again), 407, 408 (the request did not get through)
 * and 429 (rate limited), which stay errors (429 and the network are retried by the HTTP client).
 */
export function balanceNotAvailable(error: unknown): boolean {
  if (!isHubError(error) || error.status === null) return false;
  return error.status >= 400 && error.status < 500 && ![401, 407, 408, 429].includes(error.status);
}

function toTemplateItem(row: TemplateRow): TemplateItem {
  const raw = parseJsonOr(row.raw, null);
  const components =
    raw !== null && typeof raw === 'object' && Array.isArray((raw as { components?: unknown }).components)
      ? ((raw as { components: unknown[] }).components.filter((c) => typeof c === 'object' && c !== null && !Array.isArray(c)) as Array<
          Record<string, unknown>
        >)
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
