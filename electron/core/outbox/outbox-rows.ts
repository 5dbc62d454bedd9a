/**
 * The outbox table's rows and JSON columns, validated with zod whenever they are read (a damaged
 * column must never crash the queue), and turned into the contract's OutboxAction. Nothing here
 * ever holds a generated API key: a key's row carries only its metadata and a fingerprint.
 */
import { z } from 'zod';
import { ActionConflict, ActionError, ActionKind, ActionState, type ActionTarget, type OutboxAction } from '@shared/outbox';
import { parseJsonOr } from '../store/json-column';

export const OutboxRow = z.object({
  seq: z.number().int(),
  id: z.string(),
  profile_id: z.string(),
  kind: ActionKind,
  target: z.string(),
  payload: z.string(),
  seen_version: z.string().nullable(),
  state: ActionState,
  attempts: z.number().int(),
  next_attempt_at: z.number().int(),
  uncertain: z.number().int(),
  claimed_by: z.string().nullable(),
  last_error: z.string().nullable(),
  conflict: z.string().nullable(),
  result: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  sent_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type OutboxRow = z.infer<typeof OutboxRow>;

const Id = z.string().min(1);
const Words = { title: z.string(), detail: z.string().nullable() };

/** What each kind needs to be sent, fixed when it is queued. */
export const ActionPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cancel_channel'), channelId: Id, clientId: Id, ...Words }),
  z.object({ kind: z.literal('set_max_channels'), clientId: Id, maxChannels: z.number().int().min(1), ...Words }),
  z.object({ kind: z.literal('generate_api_key'), channelId: Id, ...Words }),
  z.object({ kind: z.literal('check_health'), channelId: Id, ...Words }),
  z.object({ kind: z.literal('withdraw_cancellation'), channelId: Id, clientId: Id, ...Words }),
  z.object({ kind: z.literal('set_partner_payload'), clientId: Id, partnerPayload: z.string(), ...Words }),
  // Only the URLs being changed are present.
  z.object({
    kind: z.literal('set_partner_settings'),
    partnerId: Id,
    webhookUrl: z.string().optional(),
    redirectUrl: z.string().optional(),
    ...Words,
  }),
]);
export type ActionPayload = z.infer<typeof ActionPayload>;

/** The record as it was when the action was queued (the "version seen"). */
export const SeenVersion = z.object({
  modifiedAt: z.string().nullable(),
  terminatedAt: z.string().nullable().optional(),
  /** For a limit: what the server is expected to show before this action (the base, or an earlier queued limit). */
  maxChannels: z.number().int().nullable().optional(),
  /** For a tag: the client's partner_payload the user saw (or the one an earlier queued tag sets). */
  partnerPayload: z.string().nullable().optional(),
  /** For the partner's settings: the URLs the user saw (or an earlier queued change sets). */
  webhookUrl: z.string().nullable().optional(),
  redirectUrl: z.string().nullable().optional(),
});
export type SeenVersion = z.infer<typeof SeenVersion>;

/** A generated key's metadata, recorded before the key goes to the keychain (see generate-api-key.ts). */
export const KeyMeta = z.object({
  keyId: z.string().nullable(),
  address: z.string(),
  appId: z.string().nullable(),
  /** First 16 hex digits of the key's SHA-256: tells whether the keychain holds this key without storing it. */
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
});
export type KeyMeta = z.infer<typeof KeyMeta>;

export const StoredResult = z.object({ outcome: z.string().nullable(), key: KeyMeta.optional() });
export type StoredResult = z.infer<typeof StoredResult>;

/** A row with its JSON columns parsed; unreadable columns become null (and the action fails, see parse). */
export interface StoredAction {
  row: OutboxRow;
  id: string;
  profileId: string;
  kind: ActionKind;
  target: string;
  state: ActionState;
  uncertain: boolean;
  payload: ActionPayload | null;
  seen: SeenVersion | null;
  result: StoredResult | null;
  lastError: ActionError | null;
  conflict: ActionConflict | null;
}

function column<S extends z.ZodType>(schema: S, text: string | null): z.output<S> | null {
  const parsed = schema.safeParse(parseJsonOr(text, undefined));
  return parsed.success ? parsed.data : null;
}

export function parseAction(raw: unknown): StoredAction {
  const row = OutboxRow.parse(raw);
  const payload = column(ActionPayload, row.payload);
  return {
    row,
    id: row.id,
    profileId: row.profile_id,
    kind: row.kind,
    target: row.target,
    state: row.state,
    uncertain: row.uncertain === 1,
    payload: payload && payload.kind === row.kind ? payload : null,
    seen: column(SeenVersion, row.seen_version),
    result: column(StoredResult, row.result),
    lastError: column(ActionError, row.last_error),
    conflict: column(ActionConflict, row.conflict),
  };
}

export function targetKey(target: ActionTarget): string {
  return `${target.type}:${target.id}`;
}

export function parseTarget(key: string): ActionTarget {
  const at = key.indexOf(':');
  const prefix = key.slice(0, at);
  const type = prefix === 'client' || prefix === 'partner' ? prefix : 'channel';
  return { type, id: key.slice(at + 1) };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The contract's view of an action. */
export function toOutboxAction(action: StoredAction): OutboxAction {
  const { row } = action;
  const open = action.state === 'queued' && !action.uncertain;
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    target: parseTarget(row.target),
    title: action.payload?.title ?? `${row.kind} ${row.target}`,
    detail: action.payload?.detail ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    finishedAt: row.finished_at,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'queued' ? iso(row.next_attempt_at) : null,
    lastError: action.lastError,
    conflict: action.conflict,
    outcome: row.state === 'done' ? (action.result?.outcome ?? null) : null,
    canRetry: row.state === 'failed' || (row.state === 'conflict' && (action.conflict?.retryable ?? false)),
    // Never one that may already have reached the Hub: its outcome must be learnt first.
    canCancel: open || row.state === 'failed' || row.state === 'conflict',
  };
}
