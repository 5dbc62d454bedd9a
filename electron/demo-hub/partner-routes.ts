/**
 * Partner-level endpoints: `POST /token` (§1.2), `GET /partners/{pid}` and the partner's prepaid
 * balance (§3.7, §3.2).
 */
import { z } from 'zod';
import { partnerBalance } from './balance';
import { json, metaError, oauthError, type HubReply } from './replies';
import type { HubContext, RequestContext } from './hub-context';

const TokenIn = z.object({ username: z.string().min(1), password: z.string().min(1) });

export async function postToken(hub: HubContext, req: RequestContext): Promise<HubReply> {
  let body: unknown;
  try {
    body = JSON.parse(await req.body());
  } catch {
    return oauthError(400, 'invalid_request', 'Request body must be JSON: {"username": "...", "password": "..."}');
  }
  const parsed = TokenIn.safeParse(body);
  if (!parsed.success) return oauthError(400, 'invalid_request', 'Both username and password are required strings');
  if (parsed.data.username !== hub.username || parsed.data.password !== hub.password) {
    return oauthError(401, 'invalid_grant', 'Wrong email or password.');
  }
  return json(200, hub.tokens.issue(parsed.data.username));
}

export function getPartner(hub: HubContext): HubReply {
  return json(200, hub.store.partner);
}

export function getPartnerBalance(hub: HubContext): HubReply {
  return json(200, partnerBalance(hub.seed));
}

// §3.7: only the public URLs; a value must be a string (the Hub's own checks on it are not documented).
const PartnerPatchIn = z
  .object({ webhook_url: z.string().max(2048).optional(), partner_redirect_url: z.string().max(2048).optional() })
  .strict();

function httpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export async function patchPartner(hub: HubContext, req: RequestContext): Promise<HubReply> {
  let body: unknown;
  try {
    body = JSON.parse(await req.body());
  } catch {
    return metaError(400, 'Wrong payload: body must be a JSON object');
  }
  const parsed = PartnerPatchIn.safeParse(body);
  if (!parsed.success) {
    return metaError(
      400,
      `Wrong payload: ${parsed.error.issues.map((i) => i.path.join('.') || 'body').join(', ')} (only webhook_url and partner_redirect_url, as strings)`,
    );
  }
  for (const [field, value] of Object.entries(parsed.data)) {
    if (value !== undefined && value !== '' && !httpUrl(value))
      return metaError(400, `Wrong payload: ${field} must be an absolute http(s) URL`);
  }
  return json(200, hub.state.updatePartner(parsed.data));
}
