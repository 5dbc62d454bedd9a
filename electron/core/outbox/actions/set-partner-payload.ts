/**
 * Set a client's partner_payload, the partner's own tag for it (§3.3): `PATCH
 * /partners/{pid}/clients/{cid}` with `partner_payload` only. As for the channel limit, a PATCH always
 * "succeeds" and would silently overwrite a tag set elsewhere: the client is read first and its tag
 * compared with the one the user saw. The target value means done (also how an interrupted attempt
 * is resolved), the seen value means send, anything else is a conflict shown with both tags. No tag
 * and an empty tag are the same.
 */
import type { Client } from '@core/api';
import { conflict, failed, goneConflict, payloadOf, type ActionEnv, type ActionHandler } from '../action-handler';
import type { Outcome } from '../classify';
import { tagText } from '../lifecycle-requests';
import type { StoredAction } from '../outbox-rows';

const tagOf = (value: string | null | undefined): string => value ?? '';

function done(env: ActionEnv, client: Client, already: boolean): Outcome {
  const at = new Date(env.now()).toISOString();
  const tag = tagOf(client.partner_payload);
  return {
    type: 'done',
    outcome: already
      ? `The Hub already showed ${tagText(tag)}; nothing was sent.`
      : tag === ''
        ? 'The tag is removed.'
        : `The tag is now ${tagText(tag)}.`,
    effect: () => env.records.writeClient(env.profileId, client, at),
  };
}

function expected(action: StoredAction): string {
  return tagOf(action.seen?.partnerPayload);
}

function changedElsewhere(action: StoredAction, server: string): Outcome {
  const { title, partnerPayload } = payloadOf(action, 'set_partner_payload');
  return conflict({
    message: `${title}: the tag was changed elsewhere to ${tagText(server)} (it was ${tagText(expected(action))} when you asked for ${tagText(partnerPayload)}). Retry to set ${tagText(partnerPayload)} anyway, or discard to keep ${tagText(server)}.`,
    field: 'partner_payload',
    queued: partnerPayload,
    server,
    seen: expected(action),
    retryable: true,
  });
}

export const setPartnerPayloadHandler: ActionHandler = {
  kind: 'set_partner_payload',

  // Sending reads the client first and decides from its tag: that is the resolution too.
  async resolve() {
    return { type: 'send' };
  },

  async send(env, action) {
    const { clientId, partnerPayload, title } = payloadOf(action, 'set_partner_payload');
    const api = await env.api();
    const current = await api.getClient(clientId);
    if (!current)
      return failed('not_found', `${title}: the 360dialog Hub does not know client ${clientId} (removed?). Discard the action.`);
    const server = tagOf(current.partner_payload);
    if (server === partnerPayload) return done(env, current, true);
    if (server !== expected(action)) return changedElsewhere(action, server);
    return done(env, await api.updateClient(clientId, { partner_payload: partnerPayload }), false);
  },

  checkRecord(records, action) {
    const { clientId, partnerPayload, title } = payloadOf(action, 'set_partner_payload');
    const client = records.client(action.profileId, clientId);
    if (!client || client.removed) return goneConflict(title, 'client');
    const server = tagOf(client.partnerPayload);
    if (server === partnerPayload) return { type: 'done', outcome: `The Hub already showed ${tagText(server)}; nothing was sent.` };
    return server === expected(action) ? null : changedElsewhere(action, server);
  },

  retrySeen(_records, action) {
    return action.seen && action.conflict ? { ...action.seen, partnerPayload: action.conflict.server ?? '' } : undefined;
  },
};
