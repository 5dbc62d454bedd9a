/**
 * Channel actions a partner can take: request (or revoke) cancellation (§3.6) and generate the
 * channel's API key (§3.5), each with the refusals the real service gives.
 */
import { z } from 'zod';
import { Rng } from './prng';
import { json, metaError, tooManyRequests, type HubReply } from './replies';
import type { HubContext, RequestContext } from './hub-context';

// Public clients send {"enabled": true}, {"enabled": false} to revoke, or {} (§3.6).
const CancellationIn = z.object({ enabled: z.boolean().optional() });

export async function postCancellation(hub: HubContext, req: RequestContext): Promise<HubReply> {
  const clientId = req.params.cid ?? '';
  const channelId = req.params.chid ?? '';
  if (!hub.store.client(clientId)) return metaError(404, `Client ${clientId} not found`);
  const entry = hub.store.channel(channelId);
  if (!entry || entry.record.client_id !== clientId) return metaError(404, `Channel ${channelId} not found for client ${clientId}`);
  const text = (await req.body()).trim();
  let body: unknown = {};
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      return metaError(400, 'Wrong payload: body must be JSON such as {"enabled": true}');
    }
  }
  const parsed = CancellationIn.safeParse(body);
  if (!parsed.success) return metaError(400, 'Wrong payload: "enabled" must be a boolean');
  const terminatedAt = entry.record.terminated_at;
  if (parsed.data.enabled === false) {
    if (terminatedAt === null) return metaError(400, `Channel ${channelId} has no cancellation request to revoke`);
    // Deleted at the end of the month of the request: until then it can be reactivated.
    const requested = new Date(Date.parse(terminatedAt));
    const deletedAt = Date.UTC(requested.getUTCFullYear(), requested.getUTCMonth() + 1, 1);
    if (hub.now() >= deletedAt) {
      return metaError(
        400,
        `Channel ${channelId} was deleted at the end of the month of its cancellation (${new Date(deletedAt).toISOString()}); it can no longer be reactivated`,
      );
    }
    return json(200, hub.state.revokeCancellation(channelId));
  }
  if (terminatedAt !== null) {
    return metaError(
      400,
      `Channel ${channelId} already has a cancellation request (terminated_at ${terminatedAt}); it is pending deletion`,
    );
  }
  return json(200, hub.state.cancelChannel(channelId));
}

/** Random-looking but reproducible: the same (seed, channel, generation) always gives the same key. */
function makeKey(seed: number, channelId: string, generation: number): { id: string; key: string } {
  const rng = Rng.for(seed, 'api-key', channelId, generation);
  return { id: rng.number(6), key: rng.alnum(32) };
}

export function postApiKey(hub: HubContext, req: RequestContext): HubReply {
  const channelId = req.params.chid ?? '';
  const entry = hub.store.channel(channelId);
  if (!entry) return metaError(404, `Channel ${channelId} not found`);
  // Every request to an existing channel counts toward its 1-per-30-s quota, refused ones included.
  const limit = hub.limiters.apiKeys.take(channelId, hub.now());
  if (!limit.ok) {
    return tooManyRequests(limit.retryAfterSeconds, 'Rate limit exceeded: a maximum of 1 request in 30 seconds per channel is allowed');
  }
  const { record } = entry;
  if (record.terminated_at !== null) {
    return metaError(
      400,
      `Channel ${channelId} is pending deletion (terminated_at ${record.terminated_at}); no new API key can be generated`,
    );
  }
  const appId = record.integration?.app_id ?? null;
  if (appId === null) {
    return metaError(
      400,
      `Channel ${channelId} is a draft without a running app; an API key can be generated once the number is registered`,
    );
  }
  if (!entry.apiKeyPermission) {
    return metaError(
      403,
      `Forbidden: the client has not shared API key permission for channel ${channelId} with the partner (direct payment; ask the client to grant it in the Client Hub)`,
    );
  }
  const made = makeKey(hub.seed, channelId, entry.keyGeneration + 1);
  hub.store.setApiKey(entry, made.key);
  // Every number is on the Cloud API now (Meta ended On-Premise in October 2025); `/waba` still answers.
  return json(201, { id: made.id, address: `${req.origin}/waba-v2`, api_key: made.key, app_id: appId });
}
