/**
 * The contract over HTTP, for web mode: requests are `POST /api/request/<name>` with the per-launch
 * token as a Bearer header, events come from one `GET /api/events` stream opened on the first
 * subscription. A request the server cannot answer at once (it waits on the Hub) comes back 202
 * with a ticket; its result is fetched when the event stream says it is ready (`pd:settled`), or
 * by polling, so no request holds one of the browser's connections to the server while it waits.
 * Answers are checked for the Result envelope here; their values are checked against the
 * contract's schemas by `withValidation`.
 */
import type { PartnerDeskApi } from '@shared/api';
import { isEventName, type EventName, type RequestName } from '@shared/contract';
import { ERROR_CODES, type ErrorCode, type ErrorInfo } from '@shared/errors';
import type { Result } from '@shared/result';
import { openEventStream, type EventStream } from './event-stream';

export const OFFLINE_MESSAGE = "Partner Desk's local service is not answering. Is `partner-desk web` still running?";

export const TOKEN_REFUSED_MESSAGE =
  "This window's access token is not valid any more (was `partner-desk web` restarted?). Open the address it printed again.";

const NOT_JSON = Symbol('not json');
/** How often a ticket's result is looked for when the event stream does not say (it may be reconnecting). */
const POLL_MIN_MS = 500;
const POLL_MAX_MS = 4_000;

function parseTicket(data: string): string | null {
  try {
    const parsed: unknown = JSON.parse(data);
    return isRecord(parsed) && typeof parsed.ticket === 'string' ? parsed.ticket : null;
  } catch {
    return null;
  }
}

export interface WebTransportOptions {
  token: string;
  /** Origin of the web-mode server; "" means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called when the server refuses the token (for instance after `partner-desk web` restarted). */
  onTokenRefused?(): void;
}

type RawListener = (payload: unknown) => void;

export function createWebTransport(options: WebTransportOptions): PartnerDeskApi {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const auth = { Authorization: `Bearer ${options.token}` };
  const listeners = new Map<EventName, Set<RawListener>>();
  /** Requests answered with a ticket, waiting for their result: a nudge per ticket. */
  const waiting = new Map<string, () => void>();
  let stream: EventStream | null = null;

  async function request(name: RequestName, input: unknown): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/request/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'offline', message: OFFLINE_MESSAGE } };
    }
    return interpret(name, response);
  }

  async function interpret(name: RequestName, response: Response): Promise<Result<unknown>> {
    const body: unknown = await response.json().catch(() => NOT_JSON);
    if (response.status === 202 && isRecord(body) && typeof body.pending === 'string') return awaitTicket(name, body.pending);
    if (body === NOT_JSON) {
      // A bare 401 is the server refusing the token; any other non-JSON answer (a proxy page, a
      // crashed server) means the local service is not really there.
      if (response.status === 401) return refuseToken();
      return { ok: false, error: { code: 'offline', message: OFFLINE_MESSAGE } };
    }
    const result = toResult(body);
    // app.info never talks to the Hub, so a 401 on it can only mean our token is refused.
    if (response.status === 401 && name === 'app.info') return refuseToken();
    return result;
  }

  /** The result of a request answered with a ticket: fetched when the stream says it is ready, else polled. */
  function awaitTicket(name: RequestName, ticket: string): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      let delay = POLL_MIN_MS;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let fetching = false;
      const check = async (): Promise<void> => {
        if (fetching) return;
        fetching = true;
        clearTimeout(timer);
        // A failed fetch (the server may be restarting) is tried again a little later.
        const response = await doFetch(`${baseUrl}/api/result/${ticket}`, { headers: auth }).catch(() => null);
        fetching = false;
        if (response && response.status !== 202) {
          waiting.delete(ticket);
          resolve(await interpret(name, response));
          return;
        }
        await response?.body?.cancel().catch(() => undefined);
        delay = Math.min(delay * 2, POLL_MAX_MS);
        timer = setTimeout(() => void check(), delay);
      };
      waiting.set(ticket, () => void check());
      timer = setTimeout(() => void check(), delay);
    });
  }

  function refuseToken(): Result<never> {
    options.onTokenRefused?.();
    return { ok: false, error: { code: 'unauthorized', message: TOKEN_REFUSED_MESSAGE } };
  }

  function dispatch(event: EventName, payload: unknown): void {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
  }

  function ensureStream(): void {
    if (stream) return;
    stream = openEventStream({
      url: `${baseUrl}/api/events`,
      headers: auth,
      fetch: doFetch,
      onFrame(frame) {
        if (frame.event === 'pd:settled') {
          const ticket = parseTicket(frame.data);
          if (ticket) waiting.get(ticket)?.();
          return;
        }
        if (!isEventName(frame.event)) return;
        let payload: unknown;
        try {
          payload = JSON.parse(frame.data);
        } catch {
          return;
        }
        dispatch(frame.event, payload);
      },
      onOpen() {
        // Events sent before the stream was (re)established are lost; session.changed carries a full
        // snapshot, so re-reading session.get once the stream is up heals whatever was missed.
        if (!listeners.get('session.changed')?.size) return;
        void request('session.get', {}).then((result) => {
          if (result.ok) dispatch('session.changed', result.value);
        });
      },
      onRefused: () => options.onTokenRefused?.(),
    });
  }

  function on(event: EventName, listener: RawListener): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    ensureStream();
    return () => {
      set.delete(listener);
      // Close the stream when nobody listens any more; the next subscription reopens it.
      if ([...listeners.values()].every((s) => s.size === 0)) {
        stream?.close();
        stream = null;
      }
    };
  }

  return { request, on } as PartnerDeskApi;
}

/** Checks the `{ok, value} | {ok, error}` envelope; anything else is a bad response. */
export function toResult(body: unknown): Result<unknown> {
  if (isRecord(body) && body.ok === true && 'value' in body) return { ok: true, value: body.value };
  if (isRecord(body) && body.ok === false && isRecord(body.error) && typeof body.error.message === 'string') {
    return { ok: false, error: { code: toErrorCode(body.error.code), message: body.error.message } };
  }
  return { ok: false, error: badResponse() };
}

export function badResponse(): ErrorInfo {
  return {
    code: 'bad_response',
    message:
      "Partner Desk's local service sent an answer this window does not understand. Reload the window; if that does not help, restart Partner Desk.",
  };
}

function toErrorCode(code: unknown): ErrorCode {
  // A code this renderer does not know yet still carries a readable message; treat it as internal.
  return (ERROR_CODES as readonly unknown[]).includes(code) ? (code as ErrorCode) : 'internal';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
