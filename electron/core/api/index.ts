/**
 * The 360dialog API layer: the Partner API client, the channel-level Messaging API client, their
 * credentials, paging, retries, rate limits and errors. Other layers import from here.
 */
export {
  apiKeyAuth,
  bearerAuth,
  channelKeyAuth,
  requestToken,
  storeBearerToken,
  type AuthProvider,
  type BearerAuth,
  type BearerAuthOptions,
} from './auth';
export {
  createChannelApi,
  messagingApiKind,
  type ChannelApi,
  type ChannelApiOptions,
  type ChannelCallOptions,
  type MessagingApiKind,
} from './channel-api';
export { GATEWAY_STATUSES, summarizeHealth, type GatewayStatus, type HealthNode, type HealthSummary } from './health';
export type { HubObserver, HubOutcome } from './hub-observer';
export {
  createHttpClient,
  DEFAULT_TIMEOUT_MS,
  joinUrl,
  type HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  type RequestOptions,
} from './http-client';
export { dispositionOf, errorForStatus, HubError, isHubError, serverMessage, type Disposition, type HubService } from './http-errors';
export { listQueryParams, readListPage, type ListFilters, type ListPage, type ListPageQuery, type PageRequest } from './list-page';
export { defaultIdOf, listAll, type FetchPage, type ListAllOptions, type ListAllProgress, type ListAllResult } from './paginate';
export {
  createPartnerApi,
  type CallOptions,
  type ClientBalanceQuery,
  type ClientPatch,
  type PartnerApi,
  type PartnerPatch,
  type PartnerApiOptions,
} from './partner-api';
export {
  createHealthLimiter,
  createPartnerLimiters,
  PARTNER_WIDE,
  RATE_RULES,
  RateLimiter,
  type PartnerLimiters,
  type RateRule,
} from './rate-limiter';
export { abortableSleep, backoffDelay, DEFAULT_RETRY, parseRetryAfter, type RetryPolicy, type Sleep } from './retry';
export {
  parseChannel,
  parseClient,
  parsePartner,
  parseTemplate,
  type ApiKey,
  type Channel,
  type Client,
  type ClientBalance,
  type Partner,
  type PartnerBalance,
  type ParseResult,
  type Template,
  type Token,
} from './schemas';
