/**
 * What a route handler gets: the hub's parts (one context per hub) and the request, already routed.
 */
import type { FaultSwitches } from './faults';
import type { DemoHubState } from './hub-state';
import type { Rng } from './prng';
import type { HubStore } from './hub-store';
import type { ViewCache } from './list-engine';
import type { HubLimiters } from './rate-limit';
import type { HubReply } from './replies';
import type { HubStats } from './stats';
import type { TokenIssuer } from './auth';
import type { ChannelEntry, ClientEntry, DemoTemplate, Entry } from './types';

/** Everything a handler may use; one per hub. */
export interface HubContext {
  seed: number;
  partnerId: string;
  apiKey: string;
  username: string;
  password: string;
  now: () => number;
  store: HubStore;
  state: DemoHubState;
  /** Runtime randomness (drift, jitter, health), seeded so fault runs repeat. */
  rng: Rng;
  faults: FaultSwitches;
  stats: HubStats;
  limiters: HubLimiters;
  tokens: TokenIssuer;
  views: { clients: ViewCache<ClientEntry['record']>; channels: ViewCache<ChannelEntry['record']> };
  templates: Map<string, Entry<DemoTemplate>[]>;
}

export interface RequestContext {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  params: Record<string, string>;
  /** Origin of the incoming request; the channel API key's `address` is built from it. */
  origin: string;
  body(): Promise<string>;
}

export type RouteHandler = (hub: HubContext, req: RequestContext) => HubReply | Promise<HubReply>;
