/**
 * Turns what 360dialog answers into errors a person can act on and that the retry logic and the
 * offline outbox can classify without reading messages. Four error bodies exist (§7, §1.2, §3.11):
 * the Partner API `{meta: {developer_message}}`, `/token`'s `{error, error_description}`, the
 * Messaging API's `{meta, errors[]}`, and `/health_status`'s `{error}`.
 */
import { z } from 'zod';
import { AppError, type ErrorCode } from '@shared/errors';

/** Which API answered: the wording of advice differs (partner credentials vs a channel's key). */
export type HubService = 'hub' | 'channel';

export interface HubErrorDetails {
  /** HTTP status, or null when no answer arrived (network, timeout) or the check was local. */
  status?: number | null;
  /** How long the server (or a local limiter) asked us to wait, if it said. */
  retryAfterMs?: number | null;
  /** The server's own words, for showing next to a failed queued action. */
  serverMessage?: string | null;
  /** The request may have reached the server and been acted on (timeout, 5xx, unreadable 2xx). */
  mayHaveActed?: boolean;
  cause?: unknown;
}

/** An AppError (same code and message over the contract) with what callers need to decide what next. */
export class HubError extends AppError {
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  readonly serverMessage: string | null;
  readonly mayHaveActed: boolean;

  constructor(code: ErrorCode, message: string, details: HubErrorDetails = {}) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'HubError';
    this.status = details.status ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.serverMessage = details.serverMessage ?? null;
    this.mayHaveActed = details.mayHaveActed ?? false;
  }

  /** Worth trying again later without changing anything: network, timeout, 5xx, 429. */
  get transient(): boolean {
    return this.code === 'offline' || this.code === 'server_error' || this.code === 'rate_limited';
  }
}

/**
 * The last failure of a request that was tried several times, saying so: a per-attempt "did not
 * answer within 30 s" after three attempts and their pauses read as if the user had waited 30 s.
 */
export function afterAttempts(error: HubError, attempts: number, elapsedMs: number): HubError {
  if (attempts < 2) return error;
  const tail = ` (${attempts} attempts over ${Math.max(1, Math.round(elapsedMs / 1000))} s)`;
  const message = /\.$/.test(error.message) ? `${error.message.slice(0, -1)}${tail}.` : `${error.message}${tail}`;
  return new HubError(error.code, message, {
    status: error.status,
    retryAfterMs: error.retryAfterMs,
    serverMessage: error.serverMessage,
    mayHaveActed: error.mayHaveActed,
    cause: error,
  });
}

export function isHubError(error: unknown): error is HubError {
  return error instanceof HubError;
}

const Text = z.string().trim().min(1);
const MetaEnvelope = z.object({
  meta: z.looseObject({ developer_message: Text.optional(), details: z.array(z.unknown()).optional() }),
});
const MessagingErrors = z.object({ errors: z.array(z.looseObject({ title: Text.optional(), details: Text.optional() })).min(1) });
const OAuthError = z.object({ error: Text, error_description: Text.optional() });
const NestedError = z.object({ error: z.looseObject({ message: Text }) });
const PlainMessage = z.object({ message: Text });

/** The server's own words, if its body carries any (any of the documented shapes). */
export function serverMessage(body: unknown): string | null {
  const meta = MetaEnvelope.safeParse(body);
  if (meta.success && meta.data.meta.developer_message) {
    const details = (meta.data.meta.details ?? []).filter((d): d is string => typeof d === 'string' && d.trim() !== '');
    return details.length > 0 ? `${meta.data.meta.developer_message} (${details.join('; ')})` : meta.data.meta.developer_message;
  }
  const messaging = MessagingErrors.safeParse(body);
  if (messaging.success) {
    const parts = messaging.data.errors.map((e) => e.details ?? e.title).filter((s): s is string => !!s);
    if (parts.length > 0) return parts.join('; ');
  }
  const oauth = OAuthError.safeParse(body);
  if (oauth.success) return oauth.data.error_description ?? oauth.data.error;
  const nested = NestedError.safeParse(body);
  if (nested.success) return nested.data.error.message;
  const plain = PlainMessage.safeParse(body);
  return plain.success ? plain.data.message : null;
}

export interface StatusErrorOptions {
  retryAfterMs?: number | null;
  service?: HubService;
}

function who(service: HubService): string {
  return service === 'channel' ? "The channel's Messaging API" : 'The 360dialog Hub';
}

export function errorForStatus(status: number, body: unknown, what: string, options: StatusErrorOptions = {}): HubError {
  const said = serverMessage(body);
  const service = options.service ?? 'hub';
  const base = { status, serverMessage: said, retryAfterMs: options.retryAfterMs ?? null };
  const suffix = said ? ` The server said: "${said}".` : '';
  const server = who(service);
  if (status === 401) {
    const advice =
      service === 'channel'
        ? 'The key may have been replaced by a newer one; generate a new API key for this channel.'
        : 'Check the partner id and the credentials, then sign in again.';
    return new HubError('unauthorized', `${server} refused the credentials while trying to ${what}.${suffix} ${advice}`, base);
  }
  if (status === 403) {
    return new HubError(
      'forbidden',
      `${server} does not allow this partner to ${what}.${suffix} If a permission is missing, the client must share it in the Client Hub; otherwise check that the partner id belongs to these credentials.`,
      base,
    );
  }
  if (status === 404)
    return new HubError(
      'not_found',
      `${server} could not find what was needed to ${what}.${suffix} It may have been removed; refresh and check.`,
      base,
    );
  if (status === 409)
    return new HubError(
      'conflict',
      `${server} refused to ${what} because it conflicts with the current state.${suffix} Refresh and check before trying again.`,
      base,
    );
  if (status === 429) {
    const wait = options.retryAfterMs != null ? ` in about ${Math.max(1, Math.ceil(options.retryAfterMs / 1000))} s` : ' shortly';
    return new HubError('rate_limited', `${server} is limiting requests; try to ${what} again${wait}.${suffix}`, base);
  }
  if (status >= 500) {
    return new HubError(
      'server_error',
      `${server} had an internal error (HTTP ${status}) while trying to ${what}. Try again in a few minutes.${suffix}`,
      { ...base, mayHaveActed: true },
    );
  }
  if (status >= 400) {
    return new HubError(
      'invalid_input',
      `${server} refused the request to ${what} (HTTP ${status}).${suffix} Check the values and try again.`,
      base,
    );
  }
  return new HubError('bad_response', `${server} answered HTTP ${status} while trying to ${what}.${suffix}`, base);
}

// Errors that prove the request never left this machine, so even a POST can safely be resent.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

// Errors that say there is no network at all (no route, no name resolution), not that the Hub is down.
const NO_NETWORK = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH']);

/** Whether a failed request's cause says this machine has no network (rather than a Hub that does not answer). */
export function isNoNetwork(error: unknown): boolean {
  const code = errorCode(error);
  return code !== null && NO_NETWORK.has(code);
}

function errorCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

export function offlineError(what: string, cause: unknown, service: HubService = 'hub'): HubError {
  const target = service === 'channel' ? "the channel's Messaging API" : 'the 360dialog Hub';
  const code = errorCode(cause);
  return new HubError(
    'offline',
    `Could not reach ${target} to ${what}: you may be offline. Cached data stays available; try again when connected.`,
    {
      cause,
      mayHaveActed: code === null || !NOT_SENT.has(code),
    },
  );
}

export function timeoutError(what: string, timeoutMs: number, service: HubService = 'hub'): HubError {
  return new HubError(
    'offline',
    `${who(service)} did not answer within ${Math.round(timeoutMs / 1000)} s while trying to ${what}. The connection may be slow; try again.`,
    {
      mayHaveActed: true,
    },
  );
}

export function badResponseError(what: string, detail: string, status: number | null, service: HubService = 'hub'): HubError {
  return new HubError(
    'bad_response',
    `${who(service)} sent an unexpected answer while trying to ${what} (${detail}). Try again later; if it keeps happening, report it.`,
    {
      status,
      mayHaveActed: true,
    },
  );
}

/** What the outbox does with a failed action: try again later, wait for a new sign-in, or give up. */
export type Disposition = 'retry' | 'pause' | 'failed';

export function dispositionOf(error: unknown): Disposition {
  if (error instanceof Error && error.name === 'AbortError') return 'retry';
  if (!(error instanceof AppError)) return 'failed';
  switch (error.code) {
    case 'offline':
    case 'server_error':
    case 'rate_limited':
    case 'bad_response': // usually a cut-off answer; the outbox should re-check state before resending
      return 'retry';
    case 'unauthorized':
    case 'not_signed_in':
    case 'keychain_unavailable':
      return 'pause';
    default:
      return 'failed';
  }
}
