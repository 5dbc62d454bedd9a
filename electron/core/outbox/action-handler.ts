/**
 * What each kind of action knows (after Signal-Desktop's jobs): how to send it, how to learn from
 * the server whether an interrupted attempt took effect, what a refusal means for it, and whether a
 * freshly synced record makes it moot or wrong. The runner owns states, ordering and retries.
 */
import type { ActionConflict, ActionError, ActionKind } from '@shared/outbox';
import type { ChannelApi, PartnerApi } from '../api';
import type { Logger } from '../log';
import type { ChannelKeyStore } from './channel-keys';
import type { Outcome } from './classify';
import type { HealthStore } from './health-store';
import type { LocalRecords } from './local-records';
import type { ActionPayload, SeenVersion, StoredAction } from './outbox-rows';
import type { OutboxStore } from './outbox-store';

export interface ActionEnv {
  profileId: string;
  /** The profile's Partner API client, made once per flush, one attempt per request (the outbox retries). */
  api(): Promise<PartnerApi>;
  /** A Messaging API client for a channel's stored key. */
  channelApi(channelId: string, address: string, apiKey: string): Promise<ChannelApi>;
  records: LocalRecords;
  keys: ChannelKeyStore;
  health: HealthStore;
  store: OutboxStore;
  now(): number;
  log: Logger;
}

/** What the server's state says about an action that may already have been carried out. */
export type Resolution = Outcome | { type: 'send' };

export interface ActionHandler {
  readonly kind: ActionKind;
  /**
   * Reads before an irreversible request, while the action is still "queued": a failure here proves
   * nothing was sent, so a dropped connection never turns into an unknown outcome. May settle the
   * action (a conflict) instead of sending it.
   */
  prepare?(env: ActionEnv, action: StoredAction): Promise<Outcome | null>;
  /** Called before sending an action found "sending" (a crash) or marked uncertain (a timeout, a 5xx). */
  resolve(env: ActionEnv, action: StoredAction): Promise<Resolution>;
  /** Sends the action (it is "sending", committed); errors are thrown and classified by the runner. */
  send(env: ActionEnv, action: StoredAction): Promise<Outcome>;
  /** May turn the generic reading of a failure into a more precise one (a refusal that is a conflict). */
  onError?(env: ActionEnv, action: StoredAction, error: unknown, generic: Outcome): Promise<Outcome>;
  /** Checked against the record a sync just wrote, for the oldest queued action of a record. */
  checkRecord?(records: LocalRecords, action: StoredAction): Outcome | null;
  /**
   * A conflict the user sends anyway: the version it is now based on (the server's value the conflict
   * showed), so that sending does not find the same conflict again. Default: a numeric server value
   * becomes the seen limit.
   */
  retrySeen?(records: LocalRecords, action: StoredAction): SeenVersion | undefined;
}

export function payloadOf<K extends ActionPayload['kind']>(action: StoredAction, kind: K): Extract<ActionPayload, { kind: K }> {
  const payload = action.payload;
  if (!payload || payload.kind !== kind) throw new Error(`outbox action ${action.id} has no readable ${kind} payload`);
  return payload as Extract<ActionPayload, { kind: K }>;
}

export function failed(code: string, message: string, extra: Partial<ActionError> = {}): Outcome {
  return { type: 'failed', error: { code, message, status: null, serverMessage: null, ...extra } };
}

export function conflict(fields: ActionConflict): Outcome {
  return { type: 'conflict', conflict: fields };
}

/** The channel is no longer listed: nothing can be done to it any more. */
export function goneConflict(title: string, what: 'channel' | 'client'): Outcome {
  return conflict({
    message: `${title}: the ${what} is no longer listed by the 360dialog Hub (deleted, or moved to another partner), so the action cannot be carried out. Discard it.`,
    field: what,
    queued: 'listed',
    server: null,
    seen: 'listed',
    retryable: false,
  });
}
