/**
 * Partner-level endpoints: `POST /token` (§1.2), `GET /partners/{pid}` and the partner's prepaid
 * balance (§3.7, §3.2).
 */
import { z } from 'zod';
import { partnerBalance } from './balance';
import { json, oauthError, type HubReply } from './replies';
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
