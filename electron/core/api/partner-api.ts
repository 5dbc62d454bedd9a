/**
 * The Partner API (hub.360dialog.io/api/v2, §3) as typed methods. Every call goes through the HTTP
 * core (timeouts, retries, error mapping), takes its client-side quota where one is documented, and
 * validates what comes back. List pages return raw items: the sync validates records one by one.
 */
import { AppError } from '@shared/errors';
import type { HubObserver } from './hub-observer';
import type { Logger } from '../log';
import type { AuthProvider } from './auth';
import { createHttpClient, type HttpResponse, type RequestOptions } from './http-client';
import { badResponseError } from './http-errors';
import { listQueryParams, readListPage, type ListPage, type ListPageQuery } from './list-page';
import { createPartnerLimiters, PARTNER_WIDE, RATE_RULES, type PartnerLimiters } from './rate-limiter';
import type { RetryPolicy, Sleep } from './retry';
import {
  ApiKeySchema,
  ChannelSchema,
  ClientBalanceSchema,
  ClientSchema,
  describeIssues,
  parseChannel,
  parseClient,
  PartnerBalanceSchema,
  PartnerSchema,
  WrappedApiKeySchema,
  type ApiKey,
  type Channel,
  type Client,
  type ClientBalance,
  type Partner,
  type PartnerBalance,
} from './schemas';
import type { z } from 'zod';

export interface PartnerApiOptions {
  /** e.g. https://hub.360dialog.io/api/v2 */
  baseUrl: string;
  partnerId: string;
  fetch: typeof fetch;
  auth: AuthProvider;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  /** Share one set per partner between all clients of that partner (see createPartnerLimiters). */
  limiters?: PartnerLimiters;
  log?: Logger;
  /** Told each request's outcome (the connection monitor). */
  observe?: HubObserver;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ClientBalanceQuery extends CallOptions {
  /** A Date, or UNIX seconds (UTC): data from this instant on. */
  startDate: Date | number;
  /** A Date, or UNIX seconds (UTC): data up to this instant. */
  endDate: Date | number;
  /** `month` is documented; others (e.g. `day`) are passed through. */
  granularity: string;
}

export interface ClientPatch {
  max_channels?: number;
  partner_payload?: string;
}

/** The partner's public settings that `PATCH /partners/{pid}` changes (§3.7). */
export interface PartnerPatch {
  webhook_url?: string;
  partner_redirect_url?: string;
}

export interface PartnerApi {
  readonly partnerId: string;
  getPartner(options?: CallOptions): Promise<Partner>;
  /** Changes the partner's webhook URL and/or redirect URL; returns the partner as the Hub now shows it. */
  updatePartner(patch: PartnerPatch, options?: CallOptions): Promise<Partner>;
  getPartnerBalance(options?: CallOptions): Promise<PartnerBalance>;
  listClientsPage(query: ListPageQuery): Promise<ListPage>;
  listChannelsPage(query: ListPageQuery): Promise<ListPage>;
  listTemplatesPage(wabaAccountId: string, query: ListPageQuery): Promise<ListPage>;
  getClientBalance(clientId: string, query: ClientBalanceQuery): Promise<ClientBalance>;
  updateClient(clientId: string, patch: ClientPatch, options?: CallOptions): Promise<Client>;
  /** Asks for the channel's cancellation; returns the channel as the server now shows it, if it said. */
  requestCancellation(clientId: string, channelId: string, options?: CallOptions): Promise<Channel | null>;
  /** Withdraws the channel's cancellation request (reactivates a channel pending deletion); the channel as the server now shows it, if it said. */
  withdrawCancellation(clientId: string, channelId: string, options?: CallOptions): Promise<Channel | null>;
  /** Generates the channel's D360-API-KEY; this revokes every older key of that number (§3.5). */
  generateApiKey(channelId: string, options?: CallOptions): Promise<ApiKey>;
  getChannel(channelId: string, options?: CallOptions): Promise<Channel | null>;
  getClient(clientId: string, options?: CallOptions): Promise<Client | null>;
}

const seg = encodeURIComponent;

function unixSeconds(value: Date | number, name: string): number {
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  // A millisecond timestamp passed by mistake would ask for the year 50,000.
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 100_000_000_000) {
    throw new AppError('invalid_input', `${name} must be a date or UNIX seconds; got ${String(value)}.`);
  }
  return Math.floor(seconds);
}

export function createPartnerApi(options: PartnerApiOptions): PartnerApi {
  const http = createHttpClient({ ...options, service: 'hub' });
  const limiters =
    options.limiters ??
    createPartnerLimiters({ ...(options.now ? { now: options.now } : {}), ...(options.sleep ? { sleep: options.sleep } : {}) });
  const partner = `/partners/${seg(options.partnerId)}`;

  function parse<S extends z.ZodType>(schema: S, response: HttpResponse, what: string, label: string): z.output<S> {
    const parsed = schema.safeParse(response.data, { reportInput: true });
    if (!parsed.success) throw badResponseError(what, `unexpected ${label}: ${describeIssues(parsed.error.issues)}`, response.status);
    return parsed.data;
  }

  /** `itemTexts`: also cut each record's JSON text from the body (the sync stores it; others need not pay for it). */
  async function listPage(
    path: string,
    itemsKeys: readonly string[],
    what: string,
    query: ListPageQuery,
    options: { request?: Partial<RequestOptions>; itemTexts?: boolean } = {},
  ): Promise<ListPage> {
    const response = await http.request({
      ...options.request,
      path,
      what,
      query: listQueryParams(query),
      ...(query.signal ? { signal: query.signal } : {}),
    });
    return readListPage(response.data, itemsKeys, what, query.offset, response.status, options.itemTexts ? response.text : undefined);
  }

  /** Single records are read through the list's `id` filter (§3.2, §3.4); the id is checked, not trusted. */
  async function findOne<T>(
    path: string,
    itemsKeys: readonly string[],
    id: string,
    what: string,
    parseItem: (raw: unknown) => { ok: true; value: T } | { ok: false; reason: string },
    signal?: AbortSignal,
  ): Promise<T | null> {
    const response = await http.request({ path, what, query: listQueryParams({ filters: { id } }), ...(signal ? { signal } : {}) });
    const page = readListPage(response.data, itemsKeys, what, 0, response.status);
    const raw = page.items.find((item) => typeof item === 'object' && item !== null && (item as { id?: unknown }).id === id);
    if (raw === undefined) return null;
    const parsed = parseItem(raw);
    if (!parsed.ok) throw badResponseError(what, `the record is not as expected: ${parsed.reason}`, response.status);
    return parsed.value;
  }

  const withSignal = (o?: CallOptions): { signal?: AbortSignal } => (o?.signal ? { signal: o.signal } : {});

  /**
   * "Set cancellation request on a channel" (§3.6; the managing-your-clients page of the partner docs,
   * docs.360dialog.com/partner/account-management/managing-your-clients): one documented endpoint whose
   * `enabled` flag requests (true) or withdraws (false) the cancellation. The flag is how the .NET client
   * (github.com/yuenkik6/WABA360Dialog.NET, SetCancellationRequestOnChannelRequest(..., bool enabled))
   * models it, and the partner webhook names both events (cancellation_request, cancellation_revoke).
   * A `POST …/control/reactivate` appears in one Go client only and in no 360dialog document; it is not
   * used. The client-scoped path is the one that works (the partner-scoped one answers 404).
   */
  async function setCancellationRequest(
    clientId: string,
    channelId: string,
    enabled: boolean,
    what: string,
    o?: CallOptions,
  ): Promise<Channel | null> {
    const response = await http.request({
      method: 'POST',
      path: `${partner}/clients/${seg(clientId)}/channels/${seg(channelId)}/control/cancellation_request`,
      what,
      body: { enabled },
      ...withSignal(o),
    });
    // The answer's shape rests on third-party code only: a success is a success even if it differs.
    const channel = ChannelSchema.safeParse(response.data);
    return channel.success ? channel.data : null;
  }

  return {
    partnerId: options.partnerId,

    async getPartner(o) {
      const what = 'read the partner account';
      return parse(PartnerSchema, await http.request({ path: partner, what, ...withSignal(o) }), what, 'partner record');
    },

    async updatePartner(patch, o) {
      const what = "change the partner's settings";
      // Only the keys being changed (§3.7 body example); an empty PATCH is a mistake, not a no-op.
      const body: PartnerPatch = {};
      if (patch.webhook_url !== undefined) body.webhook_url = patch.webhook_url;
      if (patch.partner_redirect_url !== undefined) body.partner_redirect_url = patch.partner_redirect_url;
      if (Object.keys(body).length === 0)
        throw new AppError('invalid_input', 'Nothing to change: give webhook_url or partner_redirect_url.');
      const response = await http.request({ method: 'PATCH', path: partner, what, body, ...withSignal(o) });
      return parse(PartnerSchema, response, what, 'partner record');
    },

    async getPartnerBalance(o) {
      const what = 'read the partner balance';
      return parse(PartnerBalanceSchema, await http.request({ path: `${partner}/balance`, what, ...withSignal(o) }), what, 'balance');
    },

    listClientsPage: (query) => listPage(`${partner}/clients`, ['clients'], 'list clients', query, { itemTexts: true }),
    listChannelsPage: (query) =>
      listPage(`${partner}/channels`, ['partner_channels', 'channels'], 'list channels', query, { itemTexts: true }),
    listTemplatesPage: (wabaAccountId, query) =>
      listPage(
        `${partner}/waba_accounts/${seg(wabaAccountId)}/waba_templates`,
        ['waba_templates', 'templates'],
        'list message templates',
        query,
        {
          request: { limit: { limiter: limiters.templates, key: PARTNER_WIDE }, rateLimitWindowMs: RATE_RULES.templates.windowMs },
        },
      ),

    async getClientBalance(clientId, query) {
      const what = "read the client's balance";
      const response = await http.request({
        path: `${partner}/clients/${seg(clientId)}/info/balance`,
        what,
        query: {
          start_date: unixSeconds(query.startDate, 'startDate'),
          end_date: unixSeconds(query.endDate, 'endDate'),
          granularity: query.granularity,
        },
        limit: { limiter: limiters.clientBalance, key: PARTNER_WIDE },
        rateLimitWindowMs: RATE_RULES.clientBalance.windowMs,
        ...withSignal(query),
      });
      return parse(ClientBalanceSchema, response, what, 'balance');
    },

    async updateClient(clientId, patch, o) {
      const what = "change the client's settings";
      // Only the keys being changed: sending null for the other one is not documented to mean "keep".
      const body: ClientPatch = {};
      if (patch.max_channels !== undefined) {
        if (!Number.isInteger(patch.max_channels) || patch.max_channels < 1) {
          throw new AppError('invalid_input', `The channel limit must be a whole number of at least 1; got ${String(patch.max_channels)}.`);
        }
        body.max_channels = patch.max_channels;
      }
      if (patch.partner_payload !== undefined) body.partner_payload = patch.partner_payload;
      if (Object.keys(body).length === 0) throw new AppError('invalid_input', 'Nothing to change: give max_channels or partner_payload.');
      const response = await http.request({ method: 'PATCH', path: `${partner}/clients/${seg(clientId)}`, what, body, ...withSignal(o) });
      return parse(ClientSchema, response, what, 'client record');
    },

    requestCancellation: (clientId, channelId, o) =>
      setCancellationRequest(clientId, channelId, true, 'request cancellation of the channel', o),
    withdrawCancellation: (clientId, channelId, o) =>
      setCancellationRequest(clientId, channelId, false, 'withdraw the cancellation request of the channel', o),

    async generateApiKey(channelId, o) {
      const what = 'generate an API key for the channel';
      const response = await http.request({
        method: 'POST',
        path: `${partner}/channels/${seg(channelId)}/api_keys`,
        what,
        body: {},
        limit: { limiter: limiters.apiKeys, key: channelId },
        rateLimitWindowMs: RATE_RULES.apiKeys.windowMs,
        ...withSignal(o),
      });
      const flat = ApiKeySchema.safeParse(response.data);
      const key = flat.success ? flat.data : WrappedApiKeySchema.safeParse(response.data).data?.api_keys[0];
      if (!key) throw badResponseError(what, 'the answer holds no api_key (neither {api_key} nor {api_keys: [...]})', response.status);
      options.log?.redact(key.api_key);
      return key;
    },

    getChannel: (channelId, o) =>
      findOne(`${partner}/channels`, ['partner_channels', 'channels'], channelId, 'read the channel', parseChannel, o?.signal),
    getClient: (clientId, o) => findOne(`${partner}/clients`, ['clients'], clientId, 'read the client', parseClient, o?.signal),
  };
}
