/**
 * Generate a channel's API key (§3.5): `POST /partners/{pid}/channels/{chid}/api_keys`. Each new key
 * revokes every older key of the number, and the Hub cannot be asked whether a key was generated.
 *
 * Decision for an attempt whose outcome is unknown (found "sending" after a crash or kill, or a
 * timeout/5xx that may have reached the Hub): it is never sent again on its own. If the Hub did
 * generate a key, that key never reached anyone and the older keys are already revoked; sending
 * again would revoke yet another key, and could not be told apart from a second generation. So:
 * - the answer arrived and the key is in the keychain (its fingerprint matches what was recorded
 *   before the keychain write): done;
 * - otherwise the action fails with a message that says what may have happened, and the user
 *   retries deliberately (a retry generates a new key, knowingly).
 * The channel is read first (while the action is still "queued"), so a connection that is down
 * fails there and never makes a generation's outcome unknown. Order of writes after the answer:
 * metadata + fingerprint (SQLite), then the key (keychain), then "done" (SQLite). The key itself is
 * never written to SQLite, a log or the action's result.
 */
import { HubError } from '@core/api';
import { conflict, failed, goneConflict, payloadOf, type ActionEnv, type ActionHandler } from '../action-handler';
import { fingerprintOf } from '../channel-keys';
import type { Outcome } from '../classify';
import type { KeyMeta, StoredAction } from '../outbox-rows';
import { formatHubDay } from '@shared/format/relative-time';

/** Where a key goes when the Hub's answer names no address: the Cloud API host (§0). */
const DEFAULT_ADDRESS = 'https://waba-v2.360dialog.io';

function done(env: ActionEnv, action: StoredAction, meta: KeyMeta): Outcome {
  const { channelId } = payloadOf(action, 'generate_api_key');
  const at = new Date(env.now()).toISOString();
  return {
    type: 'done',
    outcome: `A new API key is in the system keychain (older keys of this number are revoked). Messaging address: ${meta.address}.`,
    result: { outcome: null, key: meta },
    effect: (db) => env.keys.writeMeta(db, env.profileId, channelId, meta, at, action.id),
  };
}

function unknownOutcome(action: StoredAction): Outcome {
  const { title } = payloadOf(action, 'generate_api_key');
  if (action.result?.key) {
    return failed(
      'key_lost',
      `${title}: the Hub generated a new API key (older keys of this number are now revoked), but Partner Desk was interrupted before the key reached the keychain, so it is lost. Retry to generate another one.`,
    );
  }
  return failed(
    'unknown_outcome',
    `${title}: Partner Desk was interrupted (or lost the connection) while generating a new API key. The Hub may have generated one, which revokes the older keys, without it reaching Partner Desk. It is not sent again automatically, because every new key revokes the previous ones: check whether the current key still works (health check), then Retry to generate a key deliberately.`,
  );
}

function pendingDeletion(action: StoredAction, terminatedAt: string): Outcome {
  return conflict({
    message: `${payloadOf(action, 'generate_api_key').title}: the channel is pending deletion (since ${formatHubDay(terminatedAt)}); the Hub generates no new key for it. Discard the action.`,
    field: 'terminated_at',
    queued: 'new API key',
    server: terminatedAt,
    seen: null,
    retryable: false,
  });
}

export const generateApiKeyHandler: ActionHandler = {
  kind: 'generate_api_key',

  // Read the channel first: a dropped connection then fails here, before anything is generated, and
  // a channel that is gone or pending deletion never has its keys revoked.
  async prepare(env, action) {
    const { channelId, title } = payloadOf(action, 'generate_api_key');
    const channel = await (await env.api()).getChannel(channelId);
    if (!channel)
      return failed('not_found', `${title}: the 360dialog Hub does not know channel ${channelId} (removed?). Discard the action.`);
    return channel.terminated_at ? pendingDeletion(action, channel.terminated_at) : null;
  },

  async resolve(env, action) {
    const meta = action.result?.key;
    if (meta) {
      const stored = await env.keys.key(env.profileId, payloadOf(action, 'generate_api_key').channelId);
      if (stored !== null && fingerprintOf(stored) === meta.fingerprint) return done(env, action, meta);
    }
    return unknownOutcome(action);
  },

  async send(env, action) {
    const { channelId, title } = payloadOf(action, 'generate_api_key');
    const generated = await (await env.api()).generateApiKey(channelId);
    const meta: KeyMeta = {
      keyId: generated.id ?? null,
      address: generated.address ?? DEFAULT_ADDRESS,
      appId: generated.app_id ?? null,
      fingerprint: fingerprintOf(generated.api_key),
    };
    env.store.recordResult(action, { outcome: null, key: meta });
    try {
      await env.keys.storeKey(env.profileId, channelId, generated.api_key);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return failed(
        'keychain_unavailable',
        `${title}: a new API key was generated (older keys of this number are revoked), but the keychain refused it (${why}). The key is lost; once the keychain works, Retry to generate another one.`,
      );
    }
    return done(env, action, meta);
  },

  async onError(_env, action, error, generic) {
    // A request that may have reached the Hub is an unknown outcome, as after a crash (see above).
    if (generic.type === 'retry' && generic.uncertain) return unknownOutcome(action);
    // 403: the client has not shared API-key permission (direct payment); say how to ask for it.
    if (generic.type === 'failed' && error instanceof HubError && error.status === 403) {
      const { title } = payloadOf(action, 'generate_api_key');
      return failed(
        'forbidden',
        `${title}: the client has not shared API-key permission for this number with you (usual for direct-payment clients). Send them a permission link (the client's panel: Permission link…, or partner-desk onboarding-link --client-id …); once they share the number, Retry. Nothing was generated.`,
        { status: 403, serverMessage: error.serverMessage },
      );
    }
    return generic;
  },

  checkRecord(records, action) {
    const { channelId, title } = payloadOf(action, 'generate_api_key');
    const channel = records.channel(action.profileId, channelId);
    if (!channel || channel.removed) return goneConflict(title, 'channel');
    return channel.terminatedAt ? pendingDeletion(action, channel.terminatedAt) : null;
  },
};
