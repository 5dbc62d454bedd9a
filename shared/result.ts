import type { ErrorInfo } from './errors';

/** What every contract request resolves to, on both transports (Electron IPC and web mode). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ErrorInfo): Result<never> => ({ ok: false, error });
