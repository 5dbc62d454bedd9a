/**
 * Sliding-window limits for the documented per-endpoint quotas (§5): balance 5/30 s per partner,
 * API keys 1/30 s per channel, templates 400/min in total. Times come from the hub's clock so tests
 * can step past a window instead of sleeping.
 */

export type LimitDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Records the request when allowed; otherwise says how long until the oldest hit leaves the window. */
  take(key: string, now: number): LimitDecision {
    let list = this.hits.get(key);
    if (!list) this.hits.set(key, (list = []));
    while (list.length > 0 && (list[0] ?? 0) <= now - this.windowMs) list.shift();
    if (list.length >= this.max) {
      const oldest = list[0] ?? now;
      const waitMs = oldest + this.windowMs - now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    list.push(now);
    return { ok: true };
  }

  reset(): void {
    this.hits.clear();
  }
}

export interface HubLimiters {
  balance: SlidingWindowLimiter;
  apiKeys: SlidingWindowLimiter;
  templates: SlidingWindowLimiter;
}

export function createLimiters(): HubLimiters {
  return {
    balance: new SlidingWindowLimiter(5, 30_000),
    apiKeys: new SlidingWindowLimiter(1, 30_000),
    templates: new SlidingWindowLimiter(400, 60_000),
  };
}
