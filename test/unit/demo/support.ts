/**
 * Small helpers for the demo-hub tests: call the hub through any fetch (in-process or real HTTP)
 * and read status, headers and body in one step.
 */
import { createDemoHub, DEMO_HUB_IN_PROCESS_ORIGIN, type DemoHub, type DemoHubOptions } from '@demo-hub';

export const START_MS = Date.UTC(2025, 6, 1, 12, 0, 0);

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body; throws if the body is not JSON. */
  json<T = Record<string, unknown>>(): T;
}

export interface TestHub {
  hub: DemoHub;
  /** Moves the injected clock forward. */
  advance(ms: number): void;
}

/** A hub on a controllable clock, so windows and expiries are stepped, not slept. */
export function testHub(options: DemoHubOptions = {}): TestHub {
  let now = START_MS;
  const hub = createDemoHub({ now: () => now, ...options });
  return { hub, advance: (ms) => (now += ms) };
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Defaults to the in-process fetch of the hub. */
  fetch?: typeof fetch;
  origin?: string;
  /** Skip the partner API key header. */
  anonymous?: boolean;
}

export async function call(hub: DemoHub, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.anonymous ? {} : { 'X-API-Key': hub.apiKey }), ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const doFetch = options.fetch ?? hub.fetch;
  const response = await doFetch(`${options.origin ?? DEMO_HUB_IN_PROCESS_ORIGIN}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
}

/** `/api/v2/partners/<pid>` + rest */
export function partnerPath(hub: DemoHub, rest = ''): string {
  return `/api/v2/partners/${hub.partnerId}${rest}`;
}

export function listQuery(params: { limit?: number; offset?: number; sort?: string; filters?: Record<string, unknown> }): string {
  const search = new URLSearchParams();
  if (params.limit !== undefined) search.set('limit', String(params.limit));
  if (params.offset !== undefined) search.set('offset', String(params.offset));
  if (params.sort !== undefined) search.set('sort', params.sort);
  if (params.filters !== undefined) search.set('filters', JSON.stringify(params.filters));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface ListBody<T> {
  count: number;
  total: number;
  limit: number;
  offset: number;
  sort: string[];
  filters: Record<string, unknown>;
  clients?: T[];
  partner_channels?: T[];
  waba_templates?: T[];
}

export interface MetaError {
  meta: { success: boolean; http_code: number; developer_message: string };
}
