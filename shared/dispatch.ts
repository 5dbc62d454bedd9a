/**
 * The one generic mechanism that turns the contract plus a set of handlers into a dispatcher:
 * unknown names and invalid input are refused before any handler runs; handler errors become
 * `{ ok: false, error }`; outputs are parsed by their schema, which also strips any field a handler
 * returned that the contract does not declare (a last guard against leaking something).
 */
import { type z } from 'zod';
import { AppError, isAppError } from './errors';
import { isRequestName, requests, type ParsedInput, type RequestName, type RequestOutput } from './contract';
import type { Result } from './result';

export type Handlers = {
  [N in RequestName]: (input: ParsedInput<N>) => Promise<RequestOutput<N>> | RequestOutput<N>;
};

export type Dispatch = (name: string, rawInput: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Called with unexpected (non-AppError) failures, which users see only as a generic message. */
  onUnexpectedError?: (name: string, error: unknown) => void;
}

export function formatZodError(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (name, rawInput) => {
    if (!isRequestName(name)) {
      return { ok: false, error: { code: 'unknown_request', message: `There is no request named "${name}".` } };
    }
    const spec = requests[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', message: formatZodError(parsed.error) } };
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const output = spec.output.safeParse(value);
      if (!output.success) {
        throw new AppError('internal', `Request "${name}" produced an invalid result: ${formatZodError(output.error)}`);
      }
      return { ok: true, value: output.data };
    } catch (error) {
      if (isAppError(error) && error.code !== 'internal') return { ok: false, error: error.toInfo() };
      options.onUnexpectedError?.(name, error);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: 'Something went wrong inside Partner Desk. Try again; if it keeps happening, send the log file to support.',
        },
      };
    }
  };
}
