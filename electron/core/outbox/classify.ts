/**
 * What a failed attempt means for the action (after PowerSync's upload rules): network errors, 5xx
 * and 429 are retried with backoff (a server's Retry-After wins); 401 pauses the whole queue until
 * the user signs in again; any other refusal (400, 403, 404, 409, 422) fails the action with the
 * server's words. Whether the failed request may have been acted on is kept: the next attempt then
 * reads the server first instead of sending blindly.
 */
import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { ActionConflict, ActionError } from '@shared/outbox';
import { dispositionOf, HubError } from '../api';
import type { StoredResult } from './outbox-rows';

/** How an attempt ended. `effect` runs in the same transaction that marks the action done. */
export type Outcome =
  | { type: 'done'; outcome: string; result?: StoredResult; effect?: (db: Database.Database) => void }
  | { type: 'retry'; error: ActionError; delayMs: number; uncertain: boolean }
  | { type: 'pause'; error: ActionError; uncertain: boolean }
  | { type: 'failed'; error: ActionError }
  | { type: 'conflict'; conflict: ActionConflict };

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** A 429 that names no Retry-After waits this long (the documented 30-second windows, §5). */
  rateLimitFallbackMs: number;
  /** Never retry sooner than this, even if a server says "0". */
  minMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 15 * 60_000, rateLimitFallbackMs: 30_000, minMs: 1_000 };

export function toActionError(error: unknown): ActionError {
  if (error instanceof HubError)
    return { code: error.code, message: error.message, status: error.status, serverMessage: error.serverMessage };
  if (error instanceof AppError) return { code: error.code, message: error.message, status: null, serverMessage: null };
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Sending the action failed unexpectedly (${text}).`, status: null, serverMessage: null };
}

/** Exponential with "equal jitter" (half fixed, half random): never zero, so a failing action cannot spin. */
export function backoffMs(attempts: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(policy.minMs, Math.floor(ceiling / 2 + random() * (ceiling / 2)));
}

export function retryDelayMs(error: unknown, attempts: number, policy: BackoffPolicy, random: () => number): number {
  if (error instanceof HubError && error.retryAfterMs !== null) return Math.max(policy.minMs, error.retryAfterMs);
  if (error instanceof HubError && error.code === 'rate_limited') return policy.rateLimitFallbackMs;
  return backoffMs(attempts, policy, random);
}

/**
 * Whether the request may have reached the Hub and been acted on. A HubError knows; an AppError that
 * is not one (not signed in, keychain) was raised before any request; anything else (an abort while
 * waiting for the answer) might have been.
 */
export function mayHaveActed(error: unknown): boolean {
  if (error instanceof HubError) return error.mayHaveActed;
  return !(error instanceof AppError);
}

/** The generic reading of a failed attempt; `sent` says whether the request was on its way. */
export function classifyFailure(
  error: unknown,
  context: { attempts: number; sent: boolean; wasUncertain: boolean; policy: BackoffPolicy; random: () => number },
): Outcome {
  const info = toActionError(error);
  const uncertain = context.wasUncertain || (context.sent && mayHaveActed(error));
  switch (dispositionOf(error)) {
    case 'retry':
      return { type: 'retry', error: info, delayMs: retryDelayMs(error, context.attempts, context.policy, context.random), uncertain };
    case 'pause':
      return { type: 'pause', error: info, uncertain };
    default:
      return { type: 'failed', error: info };
  }
}

/** Whether the failure says the network is gone (the queue then stops trying until it is back). */
export function isOfflineFailure(error: unknown): boolean {
  return error instanceof HubError && error.code === 'offline' && error.status === null;
}
