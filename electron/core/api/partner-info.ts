/**
 * Sign-in's two calls, reading the partner's own record (`GET /partners/{id}`: proves the
 * credentials work and gives the brand name shown as "connected to ...") and `POST /token`, for
 * callers that already hold ready-made headers. They make a single attempt: a person is waiting
 * at the sign-in form, and an honest "offline" beats a silent backoff. Everything else uses
 * createPartnerApi.
 */
import { requestToken as requestTokenWith } from './auth';
import { createHttpClient, type HttpClient, type HttpMethod } from './http-client';
import { badResponseError } from './http-errors';
import { describeIssues, PartnerSchema, TokenSchema, type Partner, type Token } from './schemas';

export const PartnerOut = PartnerSchema;
export type PartnerOut = Partner;
export const TokenOut = TokenSchema;
export type TokenOut = Token;

export interface HubCall {
  fetch: typeof fetch;
  /** Partner API base, e.g. https://hub.360dialog.io/api/v2 */
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

function clientFor(call: HubCall): HttpClient {
  const headers = call.headers;
  return createHttpClient({
    baseUrl: call.baseUrl,
    fetch: call.fetch,
    auth: { headers: async () => ({ ...headers }) },
    timeoutMs: call.timeoutMs ?? 20_000,
    retry: { maxAttempts: 1 },
  });
}

/** One JSON request with ready-made headers; errors are HubErrors (see http-errors.ts). */
export async function fetchJson(call: HubCall, path: string, what: string, init: { method?: HttpMethod; body?: unknown } = {}): Promise<unknown> {
  const response = await clientFor(call).request({ path, what, ...init, ...(call.signal ? { signal: call.signal } : {}) });
  return response.data;
}

export async function getPartner(call: HubCall, partnerId: string): Promise<PartnerOut> {
  const what = 'read the partner account';
  const body = await fetchJson(call, `/partners/${encodeURIComponent(partnerId)}`, what);
  const parsed = PartnerSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) throw badResponseError(what, `unexpected partner record: ${describeIssues(parsed.error.issues)}`, 200);
  return parsed.data;
}

export async function requestToken(call: HubCall, username: string, password: string): Promise<TokenOut> {
  return requestTokenWith(clientFor(call), username, password, call.signal);
}
