/**
 * Withdraw a channel's cancellation request (§3.6): the same documented endpoint as the request,
 * `POST …/clients/{cid}/channels/{chid}/control/cancellation_request`, with `{"enabled": false}`
 * (see partner-api.ts for why not `…/control/reactivate`). Possible until the channel is deleted at
 * the end of the month. As for the cancellation, the server's state is the witness: the action is
 * done exactly when the channel no longer shows `terminated_at`, which is how an interrupted attempt
 * is resolved before anything is sent again.
 */
import { HubError, type Channel } from '@core/api';
import { conflict, failed, goneConflict, payloadOf, type ActionEnv, type ActionHandler } from '../action-handler';
import type { Outcome } from '../classify';
import type { StoredAction } from '../outbox-rows';
import { formatHubDay } from '@shared/format/relative-time';

function done(env: ActionEnv, channel: Channel, already: boolean): Outcome {
  const at = new Date(env.now()).toISOString();
  return {
    type: 'done',
    outcome: already
      ? 'The Hub already showed the channel as active (not pending deletion); nothing was sent.'
      : 'Cancellation withdrawn: the channel is active and is no longer deleted.',
    effect: () => env.records.writeChannel(env.profileId, channel, at),
  };
}

/** The channel is not pending deletion any more: someone withdrew the request elsewhere (or it never reached the Hub). */
function notPending(action: StoredAction): Outcome {
  const { title } = payloadOf(action, 'withdraw_cancellation');
  return conflict({
    message: `${title}: the channel is no longer pending deletion; its cancellation was withdrawn elsewhere, so this request is not needed. Discard it.`,
    field: 'terminated_at',
    queued: 'cancellation withdrawn',
    server: null,
    seen: action.seen?.terminatedAt ?? null,
    retryable: false,
  });
}

async function readChannel(env: ActionEnv, action: StoredAction): Promise<Channel | null> {
  return (await env.api()).getChannel(payloadOf(action, 'withdraw_cancellation').channelId);
}

export const withdrawCancellationHandler: ActionHandler = {
  kind: 'withdraw_cancellation',

  async resolve(env, action) {
    const channel = await readChannel(env, action);
    if (!channel) return goneConflict(payloadOf(action, 'withdraw_cancellation').title, 'channel');
    // No terminated_at: our interrupted request (or someone's) took effect; the state asked for holds.
    return channel.terminated_at ? { type: 'send' } : done(env, channel, false);
  },

  async send(env, action) {
    const { clientId, channelId, title } = payloadOf(action, 'withdraw_cancellation');
    const api = await env.api();
    const answered = await api.withdrawCancellation(clientId, channelId);
    // The answer's shape rests on third-party code (§3.6); read the record when it is not a channel.
    const channel = answered ?? (await api.getChannel(channelId).catch(() => null));
    if (channel && !channel.terminated_at) return done(env, channel, false);
    if (!channel) return { type: 'done', outcome: 'Cancellation withdrawn; the next sync shows the channel as active.' };
    return failed(
      'not_applied',
      `${title}: the Hub accepted the request but still shows the channel as pending deletion (since ${formatHubDay(channel.terminated_at ?? '')}). Sync in a moment; if it stays so, withdraw again or contact 360dialog support.`,
    );
  },

  async onError(env, action, error, generic) {
    const refused =
      error instanceof HubError && (error.status === 400 || error.status === 404 || error.status === 409 || error.status === 422);
    if (generic.type !== 'failed' || !refused) return generic;
    try {
      const channel = await readChannel(env, action);
      if (!channel) return goneConflict(payloadOf(action, 'withdraw_cancellation').title, 'channel');
      if (!channel.terminated_at) return notPending(action);
    } catch {
      // The refusal stands on its own words (e.g. past the end of the month: the number is gone).
    }
    return generic;
  },

  checkRecord(records, action) {
    const { channelId, title } = payloadOf(action, 'withdraw_cancellation');
    const channel = records.channel(action.profileId, channelId);
    if (!channel || channel.removed) return goneConflict(title, 'channel');
    return channel.terminatedAt ? null : notPending(action);
  },
};
