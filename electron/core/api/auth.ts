/**
 * Credentials for requests. A Partner API key never changes under us; a legacy Bearer token (§1.2)
 * lapses (about 24 h, read from `expires_in`), so it is renewed with the stored password 5 minutes
 * before it does and once after a 401. Concurrent callers share one renewal, so a sync that starts
 * ten requests at expiry asks `/token` once.
 */
import { AppError } from '@shared/errors';
import type { Logger } from '../log';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import { storedTokenSchema, type StoredToken } from '../session/stored-token';
import { createHttpClient, type HttpClient } from './http-client';
import { badResponseError } from './http-errors';
import { abortReason, type RetryPolicy, type Sleep } from './retry';
import { describeIssues, TokenSchema, type Token } from './schemas';

export interface AuthProvider {
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
  /**
   * Called at most once per request after a 401; true means "credentials renewed, send it again".
   * `rejected` are the headers the server refused: if others already renewed past them, no new
   * renewal is needed.
   */
  renewAfterUnauthorized?(signal?: AbortSignal, rejected?: Record<string, string>): Promise<boolean>;
}

/** The recommended Partner API method (§1.1). */
export function apiKeyAuth(key: string, log?: Logger): AuthProvider {
  log?.redact(key);
  const headers = { 'X-API-Key': key };
  return { headers: async () => ({ ...headers }) };
}

/** A channel's Messaging API key (§1.3). */
export function channelKeyAuth(key: string, log?: Logger): AuthProvider {
  log?.redact(key);
  const headers = { 'D360-API-KEY': key };
  return { headers: async () => ({ ...headers }) };
}

export async function requestToken(http: HttpClient, username: string, password: string, signal?: AbortSignal): Promise<Token> {
  const what = 'sign in with username and password';
  // Asking for a token twice does no harm, so network failures may be retried like a GET.
  const response = await http.request({
    method: 'POST',
    path: '/token',
    body: { username, password },
    what,
    anonymous: true,
    idempotent: true,
    signal,
  });
  const parsed = TokenSchema.safeParse(response.data, { reportInput: true });
  if (!parsed.success)
    throw badResponseError(what, `the token answer is not as expected: ${describeIssues(parsed.error.issues)}`, response.status);
  return parsed.data;
}

/** Keeps the token (never the password) with whom it belongs to and when it lapses. */
export async function storeBearerToken(
  secrets: SecretStore,
  profileId: string,
  username: string,
  token: Token,
  now: number,
): Promise<StoredToken> {
  const stored: StoredToken = { username, accessToken: token.access_token, expiresAt: now + token.expires_in * 1000 };
  await secrets.set(secretAccounts.bearerToken(profileId), JSON.stringify(stored));
  return stored;
}

export interface BearerAuthOptions {
  secrets: SecretStore;
  profileId: string;
  /** Partner API base, where `/token` lives. */
  baseUrl: string;
  fetch: typeof fetch;
  now?: () => number;
  log?: Logger;
  /** Renew this long before expiry; default 5 minutes. */
  renewBeforeMs?: number;
  /** For the "sign in again" message, e.g. "Acme (acmePA)". */
  profileLabel?: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  random?: () => number;
}

export interface BearerAuth extends AuthProvider {
  renewAfterUnauthorized(signal?: AbortSignal, rejected?: Record<string, string>): Promise<boolean>;
  /** Drops the token held in memory (e.g. after a new sign-in stored another one). */
  forget(): void;
}

/** Waits for a shared promise, but lets this caller stop waiting when its own signal aborts. */
function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function bearerAuth(options: BearerAuthOptions): BearerAuth {
  const now = options.now ?? Date.now;
  const renewBeforeMs = options.renewBeforeMs ?? 5 * 60_000;
  const account = secretAccounts.bearerToken(options.profileId);
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    now,
    ...(options.log ? { log: options.log } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  let cached: StoredToken | null = null;
  let renewal: Promise<StoredToken> | null = null;

  const headerFor = (token: StoredToken): Record<string, string> => ({ Authorization: `Bearer ${token.accessToken}` });
  const notSignedIn = (): AppError =>
    new AppError(
      'not_signed_in',
      `The keychain holds no usable sign-in for ${options.profileLabel ?? 'this profile'}. Sign in again with username and password.`,
    );

  async function load(): Promise<StoredToken | null> {
    if (cached) return cached;
    const raw = await options.secrets.get(account);
    const parsed = raw ? storedTokenSchema.safeParse(safeJson(raw)) : null;
    if (parsed?.success) {
      cached = parsed.data;
      options.log?.redact(cached.accessToken);
    }
    return cached;
  }

  /** Single flight: the first caller starts it, everyone else joins; nobody's abort cancels it for the rest. */
  function renew(): Promise<StoredToken> {
    renewal ??= (async () => {
      const username = (await load())?.username;
      const password = await options.secrets.get(secretAccounts.partnerPassword(options.profileId));
      if (!username || !password) throw notSignedIn();
      options.log?.redact(password);
      const token = await requestToken(http, username, password);
      options.log?.redact(token.access_token);
      cached = await storeBearerToken(options.secrets, options.profileId, username, token, now());
      options.log?.info('bearer token renewed', { profileId: options.profileId, expiresAt: new Date(cached.expiresAt).toISOString() });
      return cached;
    })().finally(() => {
      renewal = null;
    });
    return renewal;
  }

  return {
    async headers(signal) {
      const token = renewal ? null : await load();
      if (token && token.expiresAt - renewBeforeMs > now()) return headerFor(token);
      return headerFor(await raceAbort(renew(), signal));
    },
    async renewAfterUnauthorized(signal, rejected) {
      if (renewal) {
        await raceAbort(renewal, signal);
        return true;
      }
      const current = await load();
      // Another request already renewed past the refused token: just send again with the new one.
      if (current && rejected?.Authorization !== undefined && rejected.Authorization !== headerFor(current).Authorization) return true;
      const password = await options.secrets.get(secretAccounts.partnerPassword(options.profileId));
      if (!password || !current?.username) return false;
      await raceAbort(renew(), signal);
      return true;
    },
    forget() {
      cached = null;
    },
  };
}
