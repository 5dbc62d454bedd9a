/**
 * Client-side quotas for the documented per-endpoint limits (§5), so the app waits its turn instead
 * of collecting 429s: a sliding window per key (a key is "partner" for partner-wide limits, a channel
 * id for per-channel ones). Time comes from the injected clock, so tests step time instead of waiting.
 */
import { abortableSleep, abortReason, type Sleep } from './retry';

export interface RateRule {
  max: number;
  windowMs: number;
}

export interface LimiterClock {
  now?: () => number;
  sleep?: Sleep;
}

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly now: () => number;
  private readonly sleep: Sleep;

  constructor(
    readonly rule: RateRule,
    clock: LimiterClock = {},
  ) {
    if (!(rule.max >= 1) || !(rule.windowMs > 0)) throw new RangeError('A rate rule needs max >= 1 and windowMs > 0');
    this.now = clock.now ?? Date.now;
    this.sleep = clock.sleep ?? abortableSleep;
  }

  /** When the next request under `key` may go; at or before now() means "now". */
  nextAllowedAt(key: string): number {
    const now = this.now();
    const list = this.prune(key, now);
    const slot = list.length < this.rule.max ? now : (list[0] ?? now) + this.rule.windowMs;
    return Math.max(slot, this.blockedUntil.get(key) ?? 0);
  }

  /** Whether a request under `key` could go now (nothing is recorded). */
  check(key: string): boolean {
    return this.nextAllowedAt(key) <= this.now();
  }

  /** Takes a slot if one is free now; never waits. */
  tryAcquire(key: string): boolean {
    if (!this.check(key)) return false;
    this.record(key);
    return true;
  }

  /** Waits (abortably) for a free slot, then takes it. */
  async acquire(key: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const wait = this.nextAllowedAt(key) - this.now();
      if (wait <= 0) {
        this.record(key);
        return;
      }
      // Loop after waking: another caller may have taken the slot while we slept.
      await this.sleep(wait, signal);
    }
  }

  /** Gives back the latest slot taken under `key`, for a request that never reached the server. */
  release(key: string): void {
    this.hits.get(key)?.pop();
  }

  /** The server answered 429: nobody under `key` goes before `untilMs`. */
  block(key: string, untilMs: number): void {
    this.blockedUntil.set(key, Math.max(untilMs, this.blockedUntil.get(key) ?? 0));
  }

  private record(key: string): void {
    let list = this.hits.get(key);
    if (!list) this.hits.set(key, (list = []));
    list.push(this.now());
  }

  private prune(key: string, now: number): number[] {
    const list = this.hits.get(key) ?? [];
    // A hit at t frees its slot at t + window, the same boundary the Hub uses.
    while (list.length > 0 && (list[0] ?? 0) <= now - this.rule.windowMs) list.shift();
    if (list.length === 0) this.hits.delete(key);
    const blocked = this.blockedUntil.get(key);
    if (blocked !== undefined && blocked <= now) this.blockedUntil.delete(key);
    return list;
  }
}

/** The documented limits (§5) and the product rule for health (§3.11). */
export const RATE_RULES = {
  clientBalance: { max: 5, windowMs: 30_000 },
  apiKeys: { max: 1, windowMs: 30_000 },
  templates: { max: 400, windowMs: 60_000 },
  health: { max: 1, windowMs: 5 * 60_000 },
} as const satisfies Record<string, RateRule>;

/** Limiter keys for partner-wide quotas. */
export const PARTNER_WIDE = 'partner';

export interface PartnerLimiters {
  /** GET …/clients/{cid}/info/balance: 5 per 30 s, partner-wide. */
  clientBalance: RateLimiter;
  /** POST …/channels/{chid}/api_keys: 1 per 30 s per channel (key: channel id). */
  apiKeys: RateLimiter;
  /** GET …/waba_templates: 400 per minute, partner-wide. */
  templates: RateLimiter;
}

/** One set per partner account: share it between every client built for that partner. */
export function createPartnerLimiters(clock: LimiterClock = {}): PartnerLimiters {
  return {
    clientBalance: new RateLimiter(RATE_RULES.clientBalance, clock),
    apiKeys: new RateLimiter(RATE_RULES.apiKeys, clock),
    templates: new RateLimiter(RATE_RULES.templates, clock),
  };
}

/** Channel health: at most once per 5 minutes per channel. Share one across all channel clients. */
export function createHealthLimiter(clock: LimiterClock = {}): RateLimiter {
  return new RateLimiter(RATE_RULES.health, clock);
}
