/**
 * The messages between the thread that serves the window (main) and a sync worker. Main owns the
 * credentials: the worker asks it for auth headers (and their renewal). Requests to the real network
 * the worker makes itself; those that must go through main's fetch (the in-process demo hub, a
 * test's) it asks main to perform, and the answer's body comes back as a transferred ArrayBuffer.
 * The worker reports progress, log lines and the outcome. Both sides are this app's own code in one
 * process, so the shapes are types, not schemas.
 */
import { AppError, ERROR_CODES, isAppError, type ErrorCode } from '@shared/errors';
import type { SearchSnapshot } from '@core/store/search-snapshot';
import type { SyncJobOutcome, SyncJobProgress, SyncJobRequest } from '../sync-job';

/** What a sync job starts with. */
export interface SyncJobData {
  request: SyncJobRequest;
  databaseFile: string;
  nativeBinding: string | null;
  hub: { baseUrl: string; partnerId: string };
  /**
   * The profile's fetch is the global one (the real network): the worker fetches by itself, so the
   * pages' bytes never pass through main. Otherwise (the in-process demo hub, a test's fetch) main
   * carries out each request.
   */
  directFetch: boolean;
  /** Per-request timeout of the listing's HTTP client (ms); null: the client's default. */
  timeoutMs: number | null;
}

export interface FetchInit {
  method: string;
  headers: Array<[string, string]>;
  body: string | null;
}

export type RpcCall =
  | { method: 'auth.headers' }
  | { method: 'auth.renew'; rejected: Record<string, string> }
  | { method: 'fetch'; url: string; init: FetchInit };

export interface FetchAnswer {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: ArrayBuffer;
}

/** An error as it crossed the thread: enough to rebuild what the HTTP client inspects (name, message, the cause's code). */
export interface CrossedError {
  name: string;
  message: string;
  code: string | null;
  /** An AppError's code: it is rebuilt as one, with its message for the user. */
  appCode: ErrorCode | null;
}

/** Every message names its job: one worker runs the syncs of several cores or profiles side by side. */
export type FromWorker =
  | { type: 'rpc'; job: number; id: number; call: RpcCall }
  | { type: 'abort'; job: number; id: number }
  | { type: 'progress'; job: number; progress: SyncJobProgress }
  | { type: 'snapshot'; job: number; snapshot: SearchSnapshot }
  | { type: 'log'; job: number; level: 'debug' | 'info' | 'warn' | 'error'; message: string; fields: Record<string, unknown> | undefined }
  | { type: 'done'; job: number; outcome: SyncJobOutcome };

export type ToWorker =
  | { type: 'start'; job: number; data: SyncJobData }
  | { type: 'rpc-result'; job: number; id: number; ok: true; value: unknown }
  | { type: 'rpc-result'; job: number; id: number; ok: false; error: CrossedError }
  | { type: 'cancel'; job: number };

/** The code of the first error in a cause chain that has one (ECONNREFUSED, UND_ERR_SOCKET…). */
export function causeCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

export function crossError(error: unknown): CrossedError {
  if (isAppError(error)) return { name: error.name, message: error.message, code: null, appCode: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message, code: causeCode(error), appCode: null };
  return { name: 'Error', message: String(error), code: null, appCode: null };
}

/** The error again on this side: an AppError as one; else the same name and message, the code on a cause as fetch errors carry it. */
export function rebuildError(crossed: CrossedError): Error {
  if (crossed.appCode && (ERROR_CODES as readonly string[]).includes(crossed.appCode))
    return new AppError(crossed.appCode, crossed.message);
  const error = crossed.code
    ? new TypeError(crossed.message, { cause: Object.assign(new Error(crossed.code), { code: crossed.code }) })
    : new Error(crossed.message);
  if (!crossed.code) error.name = crossed.name;
  return error;
}
