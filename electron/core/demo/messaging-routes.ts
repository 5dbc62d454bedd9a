/**
 * Channel-level Messaging API (§3.11) under `/waba`: health and the key's phone number, both
 * authorised by the channel's current `D360-API-KEY` only; a replaced key is refused at once.
 */
import { Rng } from './prng';
import { json, messagingError, type HubReply } from './replies';
import type { HubContext, RequestContext } from './hub-context';
import type { ChannelEntry, DemoChannel } from './types';

/** The real service refreshes health every 5 minutes and serves the cached value in between. */
export const HEALTH_CACHE_MS = 5 * 60_000;

function channelFor(hub: HubContext, req: RequestContext): ChannelEntry | null {
  const key = req.headers.get('d360-api-key');
  return key ? (hub.store.channelForKey(key) ?? null) : null;
}

function deriveHealth(seed: number, channel: DemoChannel, refresh: number): string {
  const rng = Rng.for(seed, 'health', channel.id, refresh);
  if (channel.status === 'ready' && channel.account_mode === 'live') {
    return rng.weighted([['connected', 85], ['connecting', 7], ['disconnected', 8]] as const);
  }
  if (channel.status === 'ready') return rng.weighted([['connected', 50], ['connecting', 25], ['uninitialized', 25]] as const);
  return rng.weighted([['uninitialized', 50], ['unregistered', 40], ['disconnected', 10]] as const);
}

export function getHealth(hub: HubContext, req: RequestContext): HubReply {
  const entry = channelFor(hub, req);
  if (!entry) return messagingError(401, 'Invalid api key');
  const now = hub.now();
  const cached = entry.health;
  const stale = !cached || now >= cached.until || now < cached.until - HEALTH_CACHE_MS;
  if (stale) {
    const refreshes = (cached?.refreshes ?? 0) + 1;
    entry.health = { status: deriveHealth(hub.seed, entry.record, refreshes), until: now + HEALTH_CACHE_MS, refreshes };
  }
  hub.stats.recordHealth(entry.record.id, now, stale);
  return json(200, { health: { gateway_status: entry.health?.status ?? 'uninitialized' } });
}

export function getPhoneNumber(hub: HubContext, req: RequestContext): HubReply {
  const entry = channelFor(hub, req);
  if (!entry) return messagingError(401, 'Invalid api key');
  return json(200, { phone_number: entry.record.setup_info.phone_number });
}
