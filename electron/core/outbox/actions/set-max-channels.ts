/**
 * Change a client's maximum number of channels (§3.3): `PATCH /partners/{pid}/clients/{cid}` with
 * `max_channels`. A PATCH always "succeeds", so it would silently overwrite a change made elsewhere;
 * the client is read first and the limit compared with the one the user saw: the target value
 * means done (also how an interrupted attempt is resolved), the seen value means send, and a third
 * value is a conflict shown with both numbers.
 */
import { DEFAULT_MAX_CHANNELS } from '@shared/outbox';
import type { Client } from '@core/api';
import { conflict, failed, goneConflict, payloadOf, type ActionEnv, type ActionHandler } from '../action-handler';
import type { Outcome } from '../classify';
import type { StoredAction } from '../outbox-rows';

function done(env: ActionEnv, client: Client, already: boolean): Outcome {
  const at = new Date(env.now()).toISOString();
  const limit = client.max_channels ?? DEFAULT_MAX_CHANNELS;
  return {
    type: 'done',
    outcome: already ? `The Hub already showed a limit of ${limit}; nothing was sent.` : `Channel limit is now ${limit}.`,
    effect: () => env.records.writeClient(env.profileId, client, at),
  };
}

/** What the server is expected to show before this action: the limit the user saw (the seed's default if unknown). */
function expected(action: StoredAction): number {
  return action.seen?.maxChannels ?? DEFAULT_MAX_CHANNELS;
}

function changedElsewhere(action: StoredAction, server: number): Outcome {
  const { title, maxChannels } = payloadOf(action, 'set_max_channels');
  return conflict({
    message: `${title}: the limit was changed elsewhere to ${server} (it was ${expected(action)} when you asked for ${maxChannels}). Retry to set ${maxChannels} anyway, or discard to keep ${server}.`,
    field: 'max_channels',
    queued: String(maxChannels),
    server: String(server),
    seen: String(expected(action)),
    retryable: true,
  });
}

export const setMaxChannelsHandler: ActionHandler = {
  kind: 'set_max_channels',

  // Sending reads the client first and decides from its limit: that is the resolution too.
  async resolve() {
    return { type: 'send' };
  },

  async send(env, action) {
    const { clientId, maxChannels, title } = payloadOf(action, 'set_max_channels');
    const api = await env.api();
    const current = await api.getClient(clientId);
    if (!current)
      return failed('not_found', `${title}: the 360dialog Hub does not know client ${clientId} (removed?). Discard the action.`);
    const server = current.max_channels ?? DEFAULT_MAX_CHANNELS;
    if (server === maxChannels) return done(env, current, true);
    if (server !== expected(action)) return changedElsewhere(action, server);
    return done(env, await api.updateClient(clientId, { max_channels: maxChannels }), false);
  },

  checkRecord(records, action) {
    const { clientId, maxChannels, title } = payloadOf(action, 'set_max_channels');
    const client = records.client(action.profileId, clientId);
    if (!client || client.removed) return goneConflict(title, 'client');
    const server = client.maxChannels ?? DEFAULT_MAX_CHANNELS;
    if (server === maxChannels) return { type: 'done', outcome: `The Hub already showed a limit of ${server}; nothing was sent.` };
    return server === expected(action) ? null : changedElsewhere(action, server);
  },
};
