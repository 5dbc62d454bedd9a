/**
 * Channel-level Messaging API (§3.11), authorised by the channel's current `D360-API-KEY` only (a
 * replaced key is refused at once): Cloud API under `/waba-v2` (`/health_status`: can the number send
 * messages, per entity with the problems and their remedies), and the legacy On-Premise API under
 * `/waba` (`/v1/health` gateway status, `/v1/configs/phone_number`). Both read one cached health state
 * per channel, refreshed every 5 minutes.
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
    return rng.weighted([
      ['connected', 85],
      ['connecting', 7],
      ['disconnected', 8],
    ] as const);
  }
  if (channel.status === 'ready')
    return rng.weighted([
      ['connected', 50],
      ['connecting', 25],
      ['uninitialized', 25],
    ] as const);
  return rng.weighted([
    ['uninitialized', 50],
    ['unregistered', 40],
    ['disconnected', 10],
  ] as const);
}

/** The channel's health (gateway status), as cached for 5 minutes; counted in the hub's stats. */
function currentHealth(hub: HubContext, entry: ChannelEntry): string {
  const now = hub.now();
  const cached = entry.health;
  const stale = !cached || now >= cached.until || now < cached.until - HEALTH_CACHE_MS;
  if (stale) {
    const refreshes = (cached?.refreshes ?? 0) + 1;
    entry.health = { status: deriveHealth(hub.seed, entry.record, refreshes), until: now + HEALTH_CACHE_MS, refreshes };
  }
  hub.stats.recordHealth(entry.record.id, now, stale);
  return entry.health?.status ?? 'uninitialized';
}

export function getHealth(hub: HubContext, req: RequestContext): HubReply {
  const entry = channelFor(hub, req);
  if (!entry) return messagingError(401, 'Invalid api key');
  return json(200, { health: { gateway_status: currentHealth(hub, entry) } });
}

type CloudState = { sending: 'AVAILABLE' | 'LIMITED' | 'BLOCKED'; error?: { code: number; description: string; solution: string } };

const NOT_REGISTERED: CloudState = {
  sending: 'BLOCKED',
  error: {
    code: 133_010,
    description: 'The phone number is not registered on the WhatsApp Business Platform.',
    solution: 'Register the phone number.',
  },
};

/** What the Cloud API says for a gateway state: whether the number can send, and why not. */
const CLOUD_HEALTH: Record<string, CloudState> = {
  connected: { sending: 'AVAILABLE' },
  connecting: {
    sending: 'LIMITED',
    error: {
      code: 131_056,
      description: 'The phone number is rate limited after a spike in messages.',
      solution: 'Send fewer messages to the same recipient in a short time.',
    },
  },
  disconnected: {
    sending: 'BLOCKED',
    error: {
      code: 131_031,
      description: 'The account has been locked.',
      solution: 'Review the account in WhatsApp Manager and appeal the restriction.',
    },
  },
  uninitialized: NOT_REGISTERED,
  unregistered: NOT_REGISTERED,
};

export function getCloudHealth(hub: HubContext, req: RequestContext): HubReply {
  const entry = channelFor(hub, req);
  if (!entry) return json(401, { error: 'Invalid api key' });
  const state = CLOUD_HEALTH[currentHealth(hub, entry)] ?? { sending: 'BLOCKED' as const };
  const { record } = entry;
  const errors = state.error
    ? [{ error_code: state.error.code, error_description: state.error.description, possible_solution: state.error.solution }]
    : [];
  const available = { can_send_message: 'AVAILABLE' };
  return json(200, {
    health_status: {
      can_send_message: state.sending,
      entities: [
        {
          entity_type: 'PHONE_NUMBER',
          id: `1${record.id.replace(/\D/g, '').padEnd(14, '7')}`,
          can_send_message: state.sending,
          ...(errors.length > 0 ? { errors } : {}),
        },
        { entity_type: 'WABA', id: record.waba_account?.external_id ?? record.waba_account?.id ?? 'unknown', ...available },
        { entity_type: 'APP', id: String(record.integration?.app_id ?? 'unknown'), ...available },
      ],
    },
    id: `node-${record.id.slice(0, 4)}`,
  });
}

export function getPhoneNumber(hub: HubContext, req: RequestContext): HubReply {
  const entry = channelFor(hub, req);
  if (!entry) return messagingError(401, 'Invalid api key');
  return json(200, { phone_number: entry.record.setup_info.phone_number });
}
