/**
 * When to try a request again and how long to wait first: exponential backoff with full jitter
 * (spreads retries of many clients), `Retry-After` when the server gives one, and an abortable
 * sleep so cancelling a sync never waits out a backoff.
 */
import type { HubError } from './http-errors';

export interface RetryPolicy {
  /** Attempts in total, the first included. 1 disables retries. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Wait after a 429 without Retry-After when the endpoint has no documented window. */
  rateLimitFallbackMs: number;
  /** A 429 asking to wait longer than this is surfaced at once instead of slept through. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  rateLimitFallbackMs: 10_000,
  maxRetryAfterMs: 120_000,
};

/** Waits `ms`, rejecting with the signal's reason as soon as it aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. `attempt` counts from 1. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as delta-seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return null; // "-3" would parse as a year; an HTTP-date names a month
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
}

/**
 * Network errors and 5xx are retried only for idempotent requests: a POST that timed out may have
 * been carried out, and sending it again could act twice. A 429 was refused before doing anything,
 * so every request may be retried after it.
 */
export function decideRetry(
  error: HubError,
  attempt: number,
  context: { policy: RetryPolicy; idempotent: boolean; rateLimitWindowMs: number | undefined; random: () => number },
): RetryDecision {
  const { policy } = context;
  if (attempt >= policy.maxAttempts) return { retry: false, delayMs: 0 };
  if (error.code === 'rate_limited') {
    const wait = error.retryAfterMs ?? context.rateLimitWindowMs ?? policy.rateLimitFallbackMs;
    return wait <= policy.maxRetryAfterMs ? { retry: true, delayMs: wait } : { retry: false, delayMs: 0 };
  }
  const transient = error.code === 'offline' || error.code === 'server_error';
  if (!transient) return { retry: false, delayMs: 0 };
  if (!context.idempotent && error.mayHaveActed) return { retry: false, delayMs: 0 };
  return { retry: true, delayMs: backoffDelay(attempt, policy, context.random) };
}
