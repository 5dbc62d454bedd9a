/**
 * Error vocabulary shared by main and renderer. Every failure that crosses the contract is an
 * AppError with a stable code (for program logic) and a message written for a person: what happened
 * and what to do next.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'offline',
  'rate_limited',
  'server_error',
  'bad_response',
  'keychain_unavailable',
  'database_corrupt',
  'database_engine_unavailable',
  'database_too_new',
  'database_read_only',
  'disk_full',
  'database_io',
  'not_signed_in',
  'conflict',
  'write_failed',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
