/**
 * The one way the app talks HTTP to 360dialog: joins the base URL, encodes and decodes JSON, bounds
 * every attempt with a timeout tied to the caller's AbortSignal, maps every failure to a HubError,
 * renews credentials once after a 401, waits for client-side rate limits, and retries what is safe
 * to retry (see retry.ts). Every Partner API and channel-level call goes through `request()`.
 */
import type { Logger } from '../log';
import type { AuthProvider } from './auth';
import type { HubObserver } from './hub-observer';
import {
  afterAttempts,
  badResponseError,
  errorForStatus,
  HubError,
  isNoNetwork,
  offlineError,
  timeoutError,
  type HubService,
} from './http-errors';
import type { RateLimiter } from './rate-limiter';
import { abortableSleep, abortReason, decideRetry, DEFAULT_RETRY, parseRetryAfter, type RetryPolicy, type Sleep } from './retry';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface HttpClientOptions {
  /** e.g. https://hub.360dialog.io/api/v2, or a channel's `address`. */
  baseUrl: string;
  fetch: typeof fetch;
  auth?: AuthProvider;
  service?: HubService;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
  log?: Logger;
  /** Told the outcome of every attempt (the connection monitor); not told of a 401 that a renewal answers. */
  observe?: HubObserver;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  /** Appended to the base URL, e.g. `/partners/abcPA/channels`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON when defined. */
  body?: unknown;
  /** What the call does, for messages: "list channels" reads "... while trying to list channels". */
  what: string;
  /** Default: every method but POST. Non-idempotent calls are not resent after network errors or 5xx. */
  idempotent?: boolean;
  /** Documented window of this endpoint class: the wait after a 429 that names no Retry-After. */
  rateLimitWindowMs?: number;
  /** Client-side quota taken before every attempt. */
  limit?: { limiter: RateLimiter; key: string };
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Send without credentials (POST /token). */
  anonymous?: boolean;
  retry?: Partial<RetryPolicy>;
}

export interface HttpResponse {
  status: number;
  /** Decoded JSON; null for an empty body. */
  data: unknown;
  /** The body as received (list pages cut their records' raw JSON from it). */
  text: string;
  headers: Headers;
  /** Attempts it took, the successful one included. */
  attempts: number;
}

export interface HttpClient {
  readonly baseUrl: string;
  request(options: RequestOptions): Promise<HttpResponse>;
}

export function joinUrl(baseUrl: string, path: string, query: Record<string, QueryValue> = {}): string {
  const base = baseUrl.replace(/\/+$/, '');
  const tail = path === '' || path.startsWith('/') ? path : `/${path}`;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null) params.set(name, String(value));
  const search = params.toString();
  return `${base}${tail}${search ? `?${search}` : ''}`;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const service = options.service ?? 'hub';
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const basePolicy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };

  /** One attempt: fetch and read the body under one timer, then interpret the answer. */
  async function attemptOnce(url: string, init: RequestInit, req: RequestOptions): Promise<Omit<HttpResponse, 'attempts'>> {
    const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    const onAbort = (): void => controller.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const failed = (error: unknown): unknown => {
      if (req.signal?.aborted) return abortReason(req.signal);
      return timedOut ? timeoutError(req.what, timeoutMs, service) : offlineError(req.what, error, service);
    };
    try {
      let response: Response;
      try {
        response = await options.fetch(url, { ...init, signal: controller.signal });
      } catch (error) {
        throw failed(error);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        const mapped = failed(error);
        // The server answered, so whatever it was asked may well have happened.
        throw mapped instanceof HubError && mapped.code === 'offline'
          ? new HubError('offline', mapped.message, { cause: error, status: response.status, mayHaveActed: true })
          : mapped;
      }
      return interpret(response, text, req.what);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  function interpret(response: Response, text: string, what: string): Omit<HttpResponse, 'attempts'> {
    let data: unknown = null;
    let readable = true;
    if (text.trim() !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        readable = false;
      }
    }
    if (response.ok) {
      if (!readable) throw badResponseError(what, `HTTP ${response.status} with a body that is not valid JSON`, response.status, service);
      return { status: response.status, data, text, headers: response.headers };
    }
    const waitable = response.status === 429 || response.status === 503;
    const retryAfterMs = waitable ? parseRetryAfter(response.headers.get('retry-after'), now()) : null;
    throw errorForStatus(response.status, readable ? data : null, what, { retryAfterMs, service });
  }

  function observeFailure(error: HubError, startedAt: number): void {
    if (!options.observe) return;
    const at = now();
    if (error.status !== null) options.observe({ type: 'answered', status: error.status, startedAt, at, message: error.message });
    else if (error.code === 'offline')
      options.observe({ type: 'no_answer', noNetwork: isNoNetwork(error.cause), startedAt, at, message: error.message });
  }

  async function request(req: RequestOptions): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    const idempotent = req.idempotent ?? method !== 'POST';
    const policy: RetryPolicy = { ...basePolicy, ...req.retry };
    const url = joinUrl(options.baseUrl, req.path, req.query);
    const logPath = req.path; // never the query: filters may carry e-mail addresses
    let renewed = false;
    let resentOnFreshConnection = false;
    let attempts = 0;
    const firstAttemptAt = now();
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw abortReason(req.signal);
      if (req.limit) await req.limit.limiter.acquire(req.limit.key, req.signal);
      const authHeaders = req.anonymous || !options.auth ? {} : await options.auth.headers(req.signal);
      const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders };
      if (req.body !== undefined) headers['Content-Type'] = 'application/json';
      const init: RequestInit = { method, headers, ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }) };
      const started = now();
      attempts++;
      try {
        const result = await attemptOnce(url, init, req);
        options.observe?.({ type: 'answered', status: result.status, startedAt: started, at: now(), message: null });
        options.log?.debug('hub request', {
          service,
          method,
          path: logPath,
          status: result.status,
          attempt: attempts,
          ms: now() - started,
        });
        return { ...result, attempts };
      } catch (error) {
        if (!(error instanceof HubError)) throw error; // aborted by the caller
        options.log?.debug('hub request failed', {
          service,
          method,
          path: logPath,
          status: error.status,
          code: error.code,
          attempt: attempts,
        });
        // A pooled keep-alive connection the server had already closed fails at once, before the
        // request reached anyone. Policies that retry recover by themselves; a single-attempt one
        // (sign-in, the connection check) sends an idempotent request once more, on a fresh connection.
        if (policy.maxAttempts === 1 && idempotent && !resentOnFreshConnection && isStaleConnection(error)) {
          resentOnFreshConnection = true;
          attempt--;
          continue;
        }
        const renew = options.auth?.renewAfterUnauthorized;
        if (error.code === 'unauthorized' && !renewed && !req.anonymous && renew) {
          renewed = true; // once per request: a second 401 means the credentials are really refused
          if (await renew.call(options.auth, req.signal, authHeaders)) {
            attempt--;
            continue;
          }
        }
        observeFailure(error, started);
        const decision = decideRetry(error, attempt, { policy, idempotent, rateLimitWindowMs: req.rateLimitWindowMs, random });
        // A 429 holds back every caller sharing the quota, not only this one.
        const blockLimiter = error.code === 'rate_limited' && req.limit;
        if (blockLimiter)
          blockLimiter.limiter.block(blockLimiter.key, now() + (error.retryAfterMs ?? req.rateLimitWindowMs ?? policy.rateLimitFallbackMs));
        if (!decision.retry) throw afterAttempts(error, attempts, now() - firstAttemptAt);
        options.log?.warn('retrying hub request', {
          service,
          method,
          path: logPath,
          code: error.code,
          status: error.status,
          attempt: attempts,
          delayMs: decision.delayMs,
        });
        if (!blockLimiter) await sleep(decision.delayMs, req.signal); // else the limiter's acquire() waits
      }
    }
  }

  return { baseUrl: options.baseUrl, request };
}

const STALE_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/** Whether a failure is a reused connection that the other side had closed (its cause chain says so). */
export function isStaleConnection(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && STALE_CONNECTION_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
