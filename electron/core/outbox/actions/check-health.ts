/**
 * Check a channel's health (and, On-Premise only, its number) with its stored key (§3.11): Cloud API
 * `GET {address}/health_status`; legacy On-Premise `GET {address}/v1/health` and
 * `GET {address}/v1/configs/phone_number`. A read, queued only so that it waits for the connection.
 * At most one health request per channel per 5 minutes, counted from the database (see
 * health-store.ts): a check that comes too soon completes with the cached answer and sends nothing.
 */
import { sentenceCase } from '@shared/format';
import { HubError } from '@core/api';
import { failed, payloadOf, type ActionHandler } from '../action-handler';
import { HEALTH_INTERVAL_MS, healthAnswerText } from '../health-store';
import { mayHaveActed, toActionError } from '../classify';

export const checkHealthHandler: ActionHandler = {
  kind: 'check_health',

  // A read has nothing to resolve; the 5-minute rule in send() covers a check that may have gone out.
  async resolve() {
    return { type: 'send' };
  },

  async send(env, action) {
    const { channelId, title } = payloadOf(action, 'check_health');
    const cached = env.health.get(env.profileId, channelId);
    const next = env.health.nextCheckAt(cached);
    if (next !== null && next > env.now()) {
      // An answer younger than 5 minutes stands; a check that went out without an answer (the
      // connection dropped) still counts, so this one waits until the 5 minutes are up.
      if (cached?.checkedAt != null && cached.checkedAt + HEALTH_INTERVAL_MS > env.now()) {
        return {
          type: 'done',
          outcome: `Checked less than 5 minutes ago; the answer from ${new Date(cached.checkedAt).toISOString()} stands.`,
        };
      }
      const message = `${title}: a check went out less than 5 minutes ago without an answer; the next one goes at ${new Date(next).toISOString()}.`;
      return {
        type: 'retry',
        delayMs: next - env.now(),
        uncertain: false,
        error: { code: 'rate_limited', message, status: null, serverMessage: null },
      };
    }
    const [key, meta] = [await env.keys.key(env.profileId, channelId), env.keys.meta(env.profileId, channelId)];
    if (key === null || meta === null) {
      return failed('not_found', `${title}: no API key for this channel is in the keychain. Generate one first (it revokes older keys).`);
    }
    const previous = env.health.markRequested(env.profileId, channelId, env.now());
    const channel = await env.channelApi(channelId, meta.address, key);
    let summary;
    try {
      summary = await channel.health();
    } catch (error) {
      // A check that never reached the server does not use up the channel's 5 minutes.
      if (error instanceof HubError && error.code === 'offline' && !mayHaveActed(error))
        env.health.restoreRequested(env.profileId, channelId, previous);
      throw error;
    }
    let phoneNumber: string | null = null;
    let phoneError = null;
    try {
      phoneNumber = await channel.phoneNumber();
    } catch (error) {
      phoneError = toActionError(error);
    }
    const checkedAt = env.now();
    const nodes = summary.nodes.map((n) => ({ host: n.host, role: n.role, status: n.rawStatus ?? n.status, problem: n.problem }));
    const answer = healthAnswerText(summary.status, phoneNumber);
    return {
      type: 'done',
      outcome: `${sentenceCase(answer)}.`,
      effect: (db) =>
        env.health.writeAnswer(db, env.profileId, channelId, {
          checkedAt,
          gatewayStatus: summary.status,
          nodes,
          phoneNumber,
          error: phoneError,
        }),
    };
  },

  async onError(env, action, error, generic) {
    const { channelId, title } = payloadOf(action, 'check_health');
    env.health.writeError(env.profileId, channelId, toActionError(error));
    // A 401 here refuses the channel's key (replaced by a newer one), not the partner: never pause the queue for it.
    if (generic.type === 'pause' && error instanceof HubError) {
      return failed(error.code, `${title}: ${error.message}`, { status: error.status, serverMessage: error.serverMessage });
    }
    return generic;
  },
};
