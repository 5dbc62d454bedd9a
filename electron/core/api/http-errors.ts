/**
 * Turns what the Partner API answers into errors a person can act on. The Partner API wraps errors
 * in `{meta: {developer_message}}`; `/token` answers OAuth-style `{error, error_description}`.
 */
import { z } from 'zod';
import { AppError } from '../../../shared/errors';

const MetaEnvelope = z.object({
  meta: z.looseObject({ developer_message: z.string().optional(), http_code: z.number().optional() }),
});
const OAuthError = z.looseObject({ error: z.string(), error_description: z.string().optional() });

/** The server's own words, if its body carries any. */
export function serverMessage(body: unknown): string | null {
  const meta = MetaEnvelope.safeParse(body);
  if (meta.success && meta.data.meta.developer_message) return meta.data.meta.developer_message;
  const oauth = OAuthError.safeParse(body);
  if (oauth.success) return oauth.data.error_description ?? oauth.data.error;
  return null;
}

export function errorForStatus(status: number, body: unknown, what: string): AppError {
  const said = serverMessage(body);
  const suffix = said ? ` The server said: "${said}".` : '';
  if (status === 401) {
    return new AppError('unauthorized', `The 360dialog Hub refused the credentials while trying to ${what}.${suffix} Check the partner id and the credentials, then sign in again.`);
  }
  if (status === 403) {
    return new AppError('forbidden', `The 360dialog Hub does not allow this partner to ${what}.${suffix} Check that the partner id belongs to this key.`);
  }
  if (status === 404) return new AppError('not_found', `The 360dialog Hub could not find what was needed to ${what}.${suffix}`);
  if (status === 429) return new AppError('rate_limited', `The 360dialog Hub is limiting requests; Partner Desk will try to ${what} again shortly.${suffix}`);
  if (status >= 500) return new AppError('server_error', `The 360dialog Hub had an internal error (HTTP ${status}) while trying to ${what}. Try again in a few minutes.${suffix}`);
  return new AppError('bad_response', `The 360dialog Hub answered HTTP ${status} while trying to ${what}.${suffix}`);
}

export function offlineError(what: string, cause: unknown): AppError {
  return new AppError('offline', `Could not reach the 360dialog Hub to ${what}: you may be offline. Cached data stays available; try again when connected.`, { cause });
}
