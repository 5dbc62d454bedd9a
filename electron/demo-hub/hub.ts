/**
 * Builds a simulated Partner Hub: seeded data, its routes, fault switches and counters, reachable
 * in-process through a WHATWG `fetch` (demo mode) or over HTTP via `startDemoHubServer` (tests, CLI).
 */
import { TokenIssuer } from './auth';
import { dispatch } from './dispatch';
import { FaultSwitches } from './faults';
import { DemoHubState, type HubState } from './hub-state';
import { HubStore } from './hub-store';
import { ViewCache } from './list-engine';
import { Rng } from './prng';
import { createLimiters } from './rate-limit';
import { toResponse, type HubReply } from './replies';
import type { HubContext } from './hub-context';
import { Router } from './router';
import { HUB_ROUTES } from './routes';
import { HubStats } from './stats';
import type { DemoChannel, DemoClient } from './types';

export const DEMO_HUB_IN_PROCESS_ORIGIN = 'http://demo-hub.partner-desk.invalid';

export interface DemoHubOptions {
  seed?: number;
  clients?: number;
  channels?: number;
  partnerId?: string;
  /** Default `demo-partner-key-<seed>`: deterministic and obviously not a real secret. */
  apiKey?: string;
  username?: string;
  password?: string;
  tokenTtlSeconds?: number;
  /** Clock in ms for rate-limit windows, token expiry and timestamps of mutations. */
  now?: () => number;
}

/** The hub's clock: the injected `now` plus an offset tests (or `POST /__demo/clock`) can advance. */
export interface DemoClock {
  now(): number;
  advance(ms: number): void;
  readonly offsetMs: number;
}

export interface DemoHub {
  readonly partnerId: string;
  /** The partner's current API key (rotateApiKey revokes it). */
  readonly apiKey: string;
  /** A new partner API key, as "Generate API Key" in the Partner Hub makes; the old one is refused from now on (401). */
  rotateApiKey(): string;
  readonly username: string;
  readonly password: string;
  /** A WHATWG fetch answering every URL by path (any origin), in-process. */
  fetch: typeof fetch;
  /** Core router used by both fetch and the HTTP server. */
  handle(request: Request): Promise<Response>;
  faults: FaultSwitches;
  stats: HubStats;
  state: HubState;
  clock: DemoClock;
}

/**
 * The hub's own answers before they become WHATWG Responses. The HTTP server writes these strings
 * straight to the socket: a 1.6 MB page through a Response body costs several times more.
 */
const replyFunctions = new WeakMap<DemoHub, (request: Request) => Promise<HubReply>>();

export function directReplier(hub: DemoHub): ((request: Request) => Promise<HubReply>) | undefined {
  return replyFunctions.get(hub);
}

function toRequest(input: string | URL | Request, init?: RequestInit): Request {
  // Relative URLs are welcome in-process: "/api/v2/..." resolves against the in-process origin.
  if (typeof input === 'string' && input.startsWith('/')) return new Request(new URL(input, DEMO_HUB_IN_PROCESS_ORIGIN), init);
  return new Request(input, init);
}

function count(value: number | undefined, fallback: number, name: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Demo hub option ${name} must be an integer >= 0, got ${n}`);
  return n;
}

export function createDemoHub(options: DemoHubOptions = {}): DemoHub {
  const seed = options.seed ?? 360;
  const baseNow = options.now ?? Date.now;
  let offsetMs = 0;
  const clock: DemoClock = {
    now: () => baseNow() + offsetMs,
    advance: (ms: number) => {
      offsetMs += ms;
    },
    get offsetMs() {
      return offsetMs;
    },
  };
  const partnerId = options.partnerId ?? 'demoHubPA';
  const store = new HubStore(seed, count(options.clients, 120, 'clients'), count(options.channels, 200, 'channels'), partnerId);
  const state = new DemoHubState(store, clock.now);
  const context: HubContext = {
    seed,
    partnerId,
    apiKey: options.apiKey ?? `demo-partner-key-${seed}`,
    username: options.username ?? 'demo@partner-desk.example',
    password: options.password ?? 'demo-password',
    now: clock.now,
    store,
    state,
    rng: Rng.for(seed, 'runtime-faults'),
    faults: new FaultSwitches(),
    stats: new HubStats(),
    limiters: createLimiters(),
    tokens: new TokenIssuer(seed, partnerId, options.tokenTtlSeconds ?? 86_400, clock.now),
    views: { clients: new ViewCache<DemoClient>(), channels: new ViewCache<DemoChannel>() },
    templates: new Map(),
  };
  const router = new Router(HUB_ROUTES);
  const reply = (request: Request): Promise<HubReply> => dispatch(context, router, request);
  const handle = async (request: Request): Promise<Response> => toResponse(await reply(request));
  const inProcessFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => handle(toRequest(input, init));
  let rotations = 0;
  const hub: DemoHub = {
    partnerId,
    get apiKey() {
      return context.apiKey;
    },
    rotateApiKey() {
      rotations += 1;
      context.apiKey = `demo-partner-key-${seed}-${rotations}`;
      return context.apiKey;
    },
    username: context.username,
    password: context.password,
    fetch: inProcessFetch,
    handle,
    faults: context.faults,
    stats: context.stats,
    state,
    clock,
  };
  replyFunctions.set(hub, reply);
  return hub;
}
