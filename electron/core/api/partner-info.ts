/**
 * Reads the partner's own record (`GET /partners/{id}`): proves the credentials work and gives the
 * brand name shown as "connected to ...".
 */
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { errorForStatus, offlineError } from './http-errors';

export const PartnerOut = z.looseObject({
  id: z.string(),
  brand_name: z.string().nullish(),
  country: z.string().nullish(),
  logo_url: z.string().nullish(),
});
export type PartnerOut = z.infer<typeof PartnerOut>;

export interface HubCall {
  fetch: typeof fetch;
  /** Partner API base, e.g. https://hub.360dialog.io/api/v2 */
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function fetchJson(call: HubCall, path: string, what: string, init: RequestInit = {}): Promise<unknown> {
  const timeout = AbortSignal.timeout(call.timeoutMs ?? 20_000);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await call.fetch(`${call.baseUrl.replace(/\/+$/, '')}${path}`, {
      ...init,
      headers: { Accept: 'application/json', ...call.headers, ...(init.headers as Record<string, string> | undefined) },
      signal,
    });
  } catch (error) {
    if (call.signal?.aborted) throw error;
    throw offlineError(what, error);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    if (response.ok) throw new AppError('bad_response', `The 360dialog Hub sent an unreadable answer while trying to ${what}. Try again later.`);
  }
  if (!response.ok) throw errorForStatus(response.status, body, what);
  return body;
}

export async function getPartner(call: HubCall, partnerId: string): Promise<PartnerOut> {
  const what = 'read the partner account';
  const body = await fetchJson(call, `/partners/${encodeURIComponent(partnerId)}`, what);
  const parsed = PartnerOut.safeParse(body);
  if (!parsed.success) throw new AppError('bad_response', `The 360dialog Hub sent an unexpected partner record while trying to ${what}.`);
  return parsed.data;
}

export const TokenOut = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().default('bearer'),
  expires_in: z.number().int().positive().default(86_400),
});
export type TokenOut = z.infer<typeof TokenOut>;

export async function requestToken(call: HubCall, username: string, password: string): Promise<TokenOut> {
  const what = 'sign in with username and password';
  const body = await fetchJson(call, '/token', what, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const parsed = TokenOut.safeParse(body);
  if (!parsed.success) throw new AppError('bad_response', `The 360dialog Hub sent an unexpected token answer while trying to ${what}.`);
  return parsed.data;
}
