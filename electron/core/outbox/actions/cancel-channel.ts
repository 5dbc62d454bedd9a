/**
 * Request cancellation of a channel (§3.6): `POST …/clients/{cid}/channels/{chid}/control/cancellation_request`.
 * The server's state is the witness: once `terminated_at` is set the channel is "pending deletion",
 * so an interrupted attempt is "done" exactly when the channel shows it, and is sent again otherwise.
 */
import { HubError, type Channel } from '@core/api';
import { conflict, goneConflict, payloadOf, type ActionEnv, type ActionHandler } from '../action-handler';
import type { Outcome } from '../classify';
import type { StoredAction } from '../outbox-rows';
import { formatHubDay } from '@shared/format/relative-time';

function done(env: ActionEnv, channel: Channel | null): Outcome {
  const at = new Date(env.now()).toISOString();
  return {
    type: 'done',
    outcome: channel?.terminated_at
      ? `Pending deletion since ${formatHubDay(channel.terminated_at)}.`
      : 'Cancellation requested; the channel is pending deletion.',
    ...(channel ? { effect: () => env.records.writeChannel(env.profileId, channel, at) } : {}),
  };
}

function alreadyPending(action: StoredAction, terminatedAt: string): Outcome {
  const title = payloadOf(action, 'cancel_channel').title;
  return conflict({
    message: `${title} is already pending deletion (since ${formatHubDay(terminatedAt)}): it was cancelled elsewhere, so this request is not needed. Discard it.`,
    field: 'terminated_at',
    queued: 'cancellation requested',
    server: terminatedAt,
    seen: action.seen?.terminatedAt ?? null,
    retryable: false,
  });
}

export const cancelChannelHandler: ActionHandler = {
  kind: 'cancel_channel',

  async resolve(env, action) {
    const { channelId, title } = payloadOf(action, 'cancel_channel');
    const channel = await (await env.api()).getChannel(channelId);
    if (!channel) return goneConflict(title, 'channel');
    // Set: our interrupted request (or someone's) took effect; the state the user asked for holds.
    return channel.terminated_at ? done(env, channel) : { type: 'send' };
  },

  async send(env, action) {
    const { clientId, channelId } = payloadOf(action, 'cancel_channel');
    const api = await env.api();
    const channel = await api.requestCancellation(clientId, channelId);
    // The answer's shape rests on third-party code (§3.6); read the record if it was not a channel.
    return done(env, channel ?? (await api.getChannel(channelId).catch(() => null)));
  },

  async onError(env, action, error, generic) {
    const refused = error instanceof HubError && (error.status === 400 || error.status === 409 || error.status === 422);
    if (generic.type !== 'failed' || !refused) return generic;
    try {
      const channel = await (await env.api()).getChannel(payloadOf(action, 'cancel_channel').channelId);
      if (channel?.terminated_at) return alreadyPending(action, channel.terminated_at);
    } catch {
      // The refusal stands on its own words.
    }
    return generic;
  },

  checkRecord(records, action) {
    const { channelId, title } = payloadOf(action, 'cancel_channel');
    const channel = records.channel(action.profileId, channelId);
    if (!channel || channel.removed) return goneConflict(title, 'channel');
    return channel.terminatedAt ? alreadyPending(action, channel.terminatedAt) : null;
  },
};
