/**
 * The channel-level Messaging API (§3.11) with a channel's `D360-API-KEY`: health, and (On-Premise
 * only) the phone number a key belongs to. Which API a key speaks is told by the `address` returned
 * with it: Cloud API keys point at waba-v2 (`GET /health_status`), legacy On-Premise keys at waba
 * (`GET /v1/health`, `GET /v1/configs/phone_number`). Health is asked at most once per 5 minutes per
 * channel (product rule), so it is never retried automatically and a too-early call fails locally,
 * without a request, telling the caller when to ask again (callers usually show the cached value).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../log';
import { channelKeyAuth } from './auth';
import { createHttpClient } from './http-client';
import { badResponseError, HubError } from './http-errors';
import { summarizeCloudHealth, summarizeHealth, type HealthSummary } from './health';
import { createHealthLimiter, type RateLimiter } from './rate-limiter';
import type { RetryPolicy, Sleep } from './retry';
import { describeIssues } from './schemas';

export interface ChannelApiOptions {
  /** The key's `address`, e.g. https://waba-v2.360dialog.io */
  address: string;
  apiKey: string;
  fetch: typeof fetch;
  /** Keys the health quota; without it the quota is keyed by address and a hash of the key. */
  channelId?: string;
  /** Share one across all channel clients, or the 5-minute rule only holds per client object. */
  healthLimiter?: RateLimiter;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  log?: Logger;
}

export interface ChannelCallOptions {
  signal?: AbortSignal;
}

export type MessagingApiKind = 'cloud' | 'on_premise';

/**
 * Which Messaging API an address serves: the legacy On-Premise one lives at `waba.360dialog.io` (and
 * at a `/waba` path on the simulated hub); everything else, `waba-v2.360dialog.io` first, is Cloud API,
 * which is what every number has used since Meta ended On-Premise in October 2025.
 */
export function messagingApiKind(address: string): MessagingApiKind {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'cloud';
  }
  const onPremiseHost = url.hostname.toLowerCase() === 'waba.360dialog.io';
  const onPremisePath = /\/waba\/?$/i.test(url.pathname);
  return onPremiseHost || onPremisePath ? 'on_premise' : 'cloud';
}

export interface ChannelApi {
  readonly kind: MessagingApiKind;
  health(options?: ChannelCallOptions): Promise<HealthSummary>;
  /** When health may be asked again; at or before now() means now. */
  nextHealthAt(): number;
  /** The number (digits) this key belongs to; null where the API offers no such call (Cloud API). */
  phoneNumber(options?: ChannelCallOptions): Promise<string | null>;
}

const PhoneNumberBody = z.looseObject({ phone_number: z.union([z.string().min(1), z.number()]).transform(String) });

export function createChannelApi(options: ChannelApiOptions): ChannelApi {
  const now = options.now ?? Date.now;
  const http = createHttpClient({
    ...options,
    baseUrl: options.address,
    auth: channelKeyAuth(options.apiKey, options.log),
    service: 'channel',
  });
  const limiter = options.healthLimiter ?? createHealthLimiter({ now });
  // Never the key itself as a map key that might end up in a dump; a short hash identifies it enough.
  const healthKey = options.channelId ?? `${options.address}#${createHash('sha256').update(options.apiKey).digest('hex').slice(0, 16)}`;

  const kind = messagingApiKind(options.address);

  return {
    kind,
    nextHealthAt: () => limiter.nextAllowedAt(healthKey),

    async health(o) {
      const what = 'check the channel health';
      if (!limiter.tryAcquire(healthKey)) {
        const waitMs = Math.max(0, limiter.nextAllowedAt(healthKey) - now());
        throw new HubError(
          'rate_limited',
          `The channel's health was checked less than 5 minutes ago; it can be checked again in about ${Math.max(1, Math.ceil(waitMs / 60_000))} min.`,
          {
            retryAfterMs: waitMs,
          },
        );
      }
      try {
        const path = kind === 'cloud' ? '/health_status' : '/v1/health';
        const response = await http.request({ path, what, retry: { maxAttempts: 1 }, ...(o?.signal ? { signal: o.signal } : {}) });
        return kind === 'cloud' ? summarizeCloudHealth(response.data) : summarizeHealth(response.data);
      } catch (error) {
        // A check that never reached the server does not use up the channel's 5 minutes.
        const unsent = error instanceof HubError ? error.code === 'offline' && !error.mayHaveActed : o?.signal?.aborted === true;
        if (unsent) limiter.release(healthKey);
        throw error;
      }
    },

    async phoneNumber(o) {
      if (kind === 'cloud') return null;
      const what = "read the channel's phone number";
      const response = await http.request({ path: '/v1/configs/phone_number', what, ...(o?.signal ? { signal: o.signal } : {}) });
      const parsed = PhoneNumberBody.safeParse(response.data, { reportInput: true });
      if (!parsed.success)
        throw badResponseError(what, `unexpected answer: ${describeIssues(parsed.error.issues)}`, response.status, 'channel');
      return parsed.data.phone_number;
    },
  };
}
