/**
 * The offline outbox as the renderer and the CLI see it: the actions a user can queue (cancel a
 * channel or withdraw its cancellation, change a client's channel limit or its partner_payload tag,
 * generate a channel API key, check a channel's health, change the partner's webhook and redirect URLs),
 * their states, the queue's status, and the overlay that list items carry while an action on the
 * record is pending. A generated API key never appears in any of these shapes.
 */
import { z } from 'zod';

export const ACTION_KINDS = [
  'cancel_channel',
  'set_max_channels',
  'generate_api_key',
  'check_health',
  'withdraw_cancellation',
  'set_partner_settings',
  'set_partner_payload',
] as const;
export const ActionKind = z.enum(ACTION_KINDS);
export type ActionKind = z.infer<typeof ActionKind>;

/**
 * queued -> sending -> done | failed | conflict, or back to queued (retry, pause). A user may cancel a
 * queued action (never a sending one) and discard a failed or conflicting one (both end "cancelled").
 */
export const ACTION_STATES = ['queued', 'sending', 'done', 'failed', 'conflict', 'cancelled'] as const;
export const ActionState = z.enum(ACTION_STATES);
export type ActionState = z.infer<typeof ActionState>;

/** States in which an action still needs something (the network or the user). */
export const OPEN_STATES = ['queued', 'sending', 'conflict', 'failed'] as const satisfies readonly ActionState[];

/** "The maximum number of channels allowed per 360 Client Hub is 2" (seed), unless a partner changed it. */
export const DEFAULT_MAX_CHANNELS = 2;
/** No documented upper bound; this only catches typos such as 20000 for 20. */
export const MAX_CHANNELS_CEILING = 10_000;

export const MaxChannels = z
  .number({ error: 'The channel limit must be a number.' })
  .int('The channel limit must be a whole number.')
  .min(1, 'The channel limit must be at least 1.')
  .max(MAX_CHANNELS_CEILING, `The channel limit must be at most ${MAX_CHANNELS_CEILING}.`);

const RecordId = z.string().trim().min(1).max(100);

/** A client's partner_payload ("a free-form partner value", §3.3): no documented limit; this only catches a pasted document. */
export const PARTNER_PAYLOAD_MAX = 1000;
export const PartnerPayload = z
  .string({ error: 'The tag must be text.' })
  .max(PARTNER_PAYLOAD_MAX, `The tag is at most ${PARTNER_PAYLOAD_MAX} characters.`)
  // eslint-disable-next-line no-control-regex
  .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'The tag cannot contain line breaks, tabs or other control characters.');

export const ActionTarget = z.object({ type: z.enum(['channel', 'client', 'partner']), id: z.string() });
export type ActionTarget = z.infer<typeof ActionTarget>;

export const ActionError = z.object({
  code: z.string(),
  message: z.string(),
  status: z.number().int().nullable(),
  /** The server's own words, shown next to the action. */
  serverMessage: z.string().nullable(),
});
export type ActionError = z.infer<typeof ActionError>;

/** The server changed in a way that makes the action moot or wrong: both values, for the user to decide. */
export const ActionConflict = z.object({
  message: z.string(),
  field: z.string(),
  /** What the action wants, e.g. "5" or "cancellation requested". */
  queued: z.string().nullable(),
  /** What the server shows now. */
  server: z.string().nullable(),
  /** What the record showed when the action was queued. */
  seen: z.string().nullable(),
  /** Whether sending it anyway makes sense (a limit: yes; cancelling a channel already pending deletion: no). */
  retryable: z.boolean(),
});
export type ActionConflict = z.infer<typeof ActionConflict>;

export const OutboxAction = z.object({
  id: z.string(),
  kind: ActionKind,
  state: ActionState,
  target: ActionTarget,
  /** e.g. "Cancel +49 151 2345678 (Acme GmbH)". */
  title: z.string(),
  /** e.g. "Channel limit 2 → 5". */
  detail: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When it last went to the Hub (null: not sent yet, or never). */
  sentAt: z.string().nullable().optional(),
  /** When it ended (done, cancelled, discarded). */
  finishedAt: z.string().nullable().optional(),
  attempts: z.number().int(),
  /** When a queued action goes next (backoff, Retry-After); null unless queued. */
  nextAttemptAt: z.string().nullable(),
  lastError: ActionError.nullable(),
  conflict: ActionConflict.nullable(),
  /** What happened, once done, e.g. "Pending deletion since 2026-03-01". */
  outcome: z.string().nullable(),
  canRetry: z.boolean(),
  canCancel: z.boolean(),
});
export type OutboxAction = z.infer<typeof OutboxAction>;

/** Shown on a channel or client list item while an action on it is queued, sending or in conflict. */
export const PendingOverlay = z.object({
  actionId: z.string(),
  kind: ActionKind,
  state: z.enum(['queued', 'sending', 'conflict']),
  /** e.g. "Cancellation queued", "Channel limit 5 queued". */
  label: z.string(),
  /** set_max_channels: the limit asked for. */
  maxChannels: z.number().int().nullable(),
  /** set_partner_payload: the tag asked for. */
  partnerPayload: z.string().nullable().default(null),
});
export type PendingOverlay = z.infer<typeof PendingOverlay>;

export const ActionCounts = z.object(
  Object.fromEntries(ACTION_STATES.map((s) => [s, z.number().int()])) as Record<ActionState, z.ZodNumber>,
);
export type ActionCounts = z.infer<typeof ActionCounts>;

export const OutboxStatus = z.object({
  profileId: z.string().nullable(),
  counts: ActionCounts,
  /** Set after a 401: nothing is sent until the user signs in again. */
  paused: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** From failed requests and the OS signal; null while unknown. */
  online: z.boolean().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type OutboxStatus = z.infer<typeof OutboxStatus>;

export const OutboxQuery = z
  .object({
    /** Only actions that still need something (queued, sending, conflict, failed). */
    openOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type OutboxQueryInput = z.input<typeof OutboxQuery>;

export const OutboxPage = OutboxStatus.extend({ items: z.array(OutboxAction) });
export type OutboxPage = z.infer<typeof OutboxPage>;

export const PushResult = OutboxStatus.extend({
  /** Actions sent (or resolved) during this push. */
  attempted: z.number().int(),
  /** One line for a person: what went, what remains and why. */
  message: z.string(),
});
export type PushResult = z.infer<typeof PushResult>;

export const ActionIdInput = z.object({ id: z.string().min(1).max(100) }).strict();
/** The OS (or the browser, in web mode) says the network came back or went away. */
export const NetworkInput = z.object({ online: z.boolean() }).strict();
export const ChannelIdInput = z.object({ channelId: RecordId }).strict();

export const CancelChannelInput = z.object({ channelId: RecordId, confirmed: z.boolean().default(false) }).strict();
export const SetMaxChannelsInput = z
  .object({ clientId: RecordId, maxChannels: MaxChannels, confirmed: z.boolean().default(false) })
  .strict();
export const GenerateApiKeyInput = z.object({ channelId: RecordId, confirmed: z.boolean().default(false) }).strict();
export const HealthInput = z.object({ channelId: RecordId, check: z.boolean().default(true) }).strict();
export const WithdrawCancellationInput = z.object({ channelId: RecordId, confirmed: z.boolean().default(false) }).strict();
export const SetPartnerPayloadInput = z
  .object({ clientId: RecordId, partnerPayload: PartnerPayload, confirmed: z.boolean().default(false) })
  .strict();
/** Either or both; each is checked (an absolute https URL) before anything is queued. */
export const SetPartnerSettingsInput = z
  .object({
    webhookUrl: z.string().max(2048).optional(),
    redirectUrl: z.string().max(2048).optional(),
    confirmed: z.boolean().default(false),
  })
  .strict();

export const ActionPreviewInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cancel_channel'), channelId: RecordId }).strict(),
  z.object({ kind: z.literal('set_max_channels'), clientId: RecordId, maxChannels: MaxChannels }).strict(),
  z.object({ kind: z.literal('generate_api_key'), channelId: RecordId }).strict(),
  z.object({ kind: z.literal('withdraw_cancellation'), channelId: RecordId }).strict(),
  z.object({ kind: z.literal('set_partner_payload'), clientId: RecordId, partnerPayload: PartnerPayload }).strict(),
  z
    .object({
      kind: z.literal('set_partner_settings'),
      webhookUrl: z.string().max(2048).optional(),
      redirectUrl: z.string().max(2048).optional(),
    })
    .strict(),
]);
export type ActionPreviewInput = z.infer<typeof ActionPreviewInput>;

/** What an action will do, and the confirmation it needs (naming the client, the number and the consequence). */
export const ActionPreview = z.object({
  kind: ActionKind,
  title: z.string(),
  message: z.string(),
  confirmationRequired: z.boolean(),
});
export type ActionPreview = z.infer<typeof ActionPreview>;

/**
 * One part of a health answer: an On-Premise node (`host`, `role`), or a Cloud API entity (`host` the
 * entity type such as PHONE_NUMBER, `role` its id) with the first problem the API names for it.
 */
export const HealthNode = z.object({
  host: z.string().nullable(),
  role: z.string().nullable(),
  status: z.string(),
  problem: z.string().nullable().default(null),
});
export type HealthNode = z.infer<typeof HealthNode>;

export const ChannelHealth = z.object({
  channelId: z.string(),
  /** fresh: asked just now; cached: the last answer (checks are at most every 5 minutes); queued: waiting for the connection. */
  source: z.enum(['fresh', 'cached', 'queued', 'none']),
  checkedAt: z.string().nullable(),
  ageMs: z.number().int().nullable(),
  /** The earliest moment another check may go. */
  nextCheckAt: z.string().nullable(),
  gatewayStatus: z.string().nullable(),
  nodes: z.array(HealthNode),
  phoneNumber: z.string().nullable(),
  lastError: ActionError.nullable(),
  action: OutboxAction.nullable(),
  message: z.string(),
});
export type ChannelHealth = z.infer<typeof ChannelHealth>;

/** What is known about a channel's generated key; never the key itself. */
export const ApiKeyInfo = z.object({
  channelId: z.string(),
  present: z.boolean(),
  address: z.string().nullable(),
  keyId: z.string().nullable(),
  appId: z.string().nullable(),
  generatedAt: z.string().nullable(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>;

export const CopyApiKeyResult = z.object({ copied: z.boolean(), clearAfterMs: z.number().int(), message: z.string() });
export type CopyApiKeyResult = z.infer<typeof CopyApiKeyResult>;
