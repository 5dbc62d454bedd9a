/**
 * Balances and message templates as the renderer sees them: cached for offline use and answered
 * from the cache at once; a refresh from the Hub runs in the background (within the Partner API's
 * rate limits: balance 5 per 30 s, templates 400 per minute) and `insights.changed` says when it is
 * done. Nothing a window asks for here waits on the network.
 */
import { z } from 'zod';

export const UsageCategory = z.object({ quantity: z.number().nullable(), price: z.number().nullable() });

export const UsagePeriod = z.object({
  periodDate: z.string().nullable(),
  quantity: z.number().nullable(),
  paidQuantity: z.number().nullable(),
  freeQuantity: z.number().nullable(),
  totalPrice: z.number().nullable(),
  categories: z.object({
    marketing: UsageCategory,
    utility: UsageCategory,
    authentication: UsageCategory,
    service: UsageCategory,
  }),
});
export type UsagePeriod = z.infer<typeof UsagePeriod>;

/** What the app says for a client the Hub keeps no balance for (it answered a 4xx such as 400, 403 or 404). */
export const BALANCE_NOT_AVAILABLE = 'Not available: the client does not pay 360dialog directly';

export const ClientBalanceInfo = z.object({
  clientId: z.string(),
  /** False for clients without direct payment (the Hub has no balance for them); `reason` says so. */
  available: z.boolean(),
  reason: z.string().nullable(),
  currency: z.string().nullable(),
  balance: z.number().nullable(),
  lastRenewal: z.object({ date: z.string().nullable(), amount: z.number().nullable() }).nullable(),
  usage: z.array(UsagePeriod),
  fetchedAt: z.string().nullable(),
  /** A refresh from the Hub is under way; `insights.changed` follows when it is done. */
  refreshing: z.boolean(),
  /** Why fresh data could not be had the last time (offline, rate limited); the cached copy is shown. */
  refreshError: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ClientBalanceInfo = z.infer<typeof ClientBalanceInfo>;

export const TemplateItem = z.object({
  id: z.string(),
  name: z.string(),
  language: z.string(),
  category: z.string().nullable(),
  status: z.string().nullable(),
  rejectedReason: z.string().nullable(),
  /** HEADER/BODY/FOOTER/BUTTONS as the API sends them (validated loosely: shapes vary). */
  components: z.array(z.record(z.string(), z.unknown())),
  modifiedAt: z.string().nullable(),
});
export type TemplateItem = z.infer<typeof TemplateItem>;

export const ChannelTemplates = z.object({
  channelId: z.string(),
  wabaAccountId: z.string().nullable(),
  items: z.array(TemplateItem),
  fetchedAt: z.string().nullable(),
  refreshing: z.boolean(),
  refreshError: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ChannelTemplates = z.infer<typeof ChannelTemplates>;

export const InsightRequest = z.object({ id: z.string().min(1).max(100), refresh: z.boolean().default(false) }).strict();

export const InsightKind = z.enum(['balance', 'templates']);
export type InsightKind = z.infer<typeof InsightKind>;

/** A panel closed: a refresh it asked for that has not reached the Hub yet is dropped (it would only use up the rate limit). */
export const InsightCancel = z.object({ kind: InsightKind, id: z.string().min(1).max(100) }).strict();

/** A background refresh ended (fresh data, or why not): re-read the cached copy. */
export const InsightsChanged = z.object({ profileId: z.string(), kind: InsightKind, id: z.string() });
export type InsightsChanged = z.infer<typeof InsightsChanged>;
