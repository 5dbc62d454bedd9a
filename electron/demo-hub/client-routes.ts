/**
 * Client endpoints: `PATCH /partners/{pid}/clients/{cid}` (§3.3) and the direct-payment-only
 * balance with its 5 requests / 30 s limit (§3.2).
 */
import { z } from 'zod';
import { clientBalance, type Granularity } from './balance';
import { json, metaError, tooManyRequests, type HubReply } from './replies';
import type { HubContext, RequestContext } from './hub-context';

// null means "leave as is": the .NET client always sends both keys, null when unset (§3.3).
const ClientPatchIn = z.object({
  max_channels: z.number().int().min(1).nullable().optional(),
  partner_payload: z.string().nullable().optional(),
});

export async function patchClient(hub: HubContext, req: RequestContext): Promise<HubReply> {
  const clientId = req.params.cid ?? '';
  const entry = hub.store.client(clientId);
  if (!entry) return metaError(404, `Client ${clientId} not found`);
  let body: unknown;
  try {
    body = JSON.parse(await req.body());
  } catch {
    return metaError(400, 'Wrong payload: body must be a JSON object');
  }
  const parsed = ClientPatchIn.safeParse(body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'body';
    return metaError(400, `Wrong payload: invalid ${field} (max_channels must be an integer >= 1, partner_payload a string)`);
  }
  const { max_channels: maxChannels, partner_payload: payload } = parsed.data;
  const patch: { max_channels?: number; partner_payload?: string } = {};
  if (typeof maxChannels === 'number') patch.max_channels = maxChannels;
  if (typeof payload === 'string') patch.partner_payload = payload;
  if (Object.keys(patch).length === 0) return json(200, entry.record);
  return json(200, hub.state.updateClient(clientId, patch));
}

function unixSeconds(raw: string | null, name: string): number | null | string {
  if (raw === null || raw === '') return null;
  if (!/^\d+$/.test(raw)) return `Invalid ${name} '${raw}': expected a UNIX timestamp in seconds`;
  return Number(raw) * 1000;
}

export function getClientBalance(hub: HubContext, req: RequestContext): HubReply {
  const limit = hub.limiters.balance.take(hub.partnerId, hub.now());
  if (!limit.ok) return tooManyRequests(limit.retryAfterSeconds, 'Rate limit exceeded: 5 requests per 30 seconds');
  const clientId = req.params.cid ?? '';
  const entry = hub.store.client(clientId);
  if (!entry) return metaError(404, `Client ${clientId} not found`);
  if (!entry.directPayment) {
    return metaError(
      hub.faults.balanceRefusal,
      `Client ${clientId} uses partner payment: the balance endpoint is only available for clients with direct payment`,
    );
  }
  const params = req.url.searchParams;
  const start = unixSeconds(params.get('start_date'), 'start_date');
  if (typeof start === 'string') return metaError(400, start);
  const end = unixSeconds(params.get('end_date'), 'end_date');
  if (typeof end === 'string') return metaError(400, end);
  const granularity = params.get('granularity') ?? 'month';
  if (granularity !== 'month' && granularity !== 'day') {
    return metaError(400, `Invalid granularity '${granularity}': expected 'month' or 'day'`);
  }
  const endMs = end ?? hub.now();
  const now = new Date(endMs);
  const startMs = start ?? Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1);
  if (startMs > endMs) return metaError(400, 'start_date must not be after end_date');
  return json(200, clientBalance(hub.seed, clientId, { startMs, endMs, granularity: granularity satisfies Granularity }));
}
