/**
 * The channel state: the main badge on a channel card, the state filter and the "counts per state".
 * The rules come from the seed ("Get list of channels") and the reference: terminated_at wins; then
 * Meta's standing of the WhatsApp Business Account (banned, restricted, violation: §6.5), which stops
 * or threatens messaging even on a live number; then account_mode live; then "no app id" means draft.
 * Only a Classic Signup channel (version 1) is then described by its `status` field: for an Embedded
 * Signup channel (version 2) "the decisive field is account_mode ... statuses from the channel.status
 * field can be ignored" (seed), so a version-2 channel that is not live is in sandbox, whatever
 * `status` says.
 */
import { z } from 'zod';
import { Tone } from './badge';
import { isAbsent, pick, pickText, rawToText, truncate } from './pick';

/** The classic-signup `status` values (API reference §6.1). Each one is also a state id. */
export const CLASSIC_STATUSES = [
  'created',
  'unverified',
  'verified',
  'ready',
  'modified',
  'imported',
  'new_name_requested',
  'certificate_declined',
  'consents_signed',
  'error',
  'porting_ready',
  'ready_for_migration',
  'waiting_for_migration_code',
  'migration_code_requested',
] as const;
export type ClassicStatus = (typeof CLASSIC_STATUSES)[number];

/** Meta's actions on the WhatsApp Business Account (`waba_account.status`, reference §6.5), as states. */
export const WABA_STANDING = {
  account_banned: 'banned',
  account_restriction: 'restricted',
  account_violation: 'violation',
} as const;
export type WabaStanding = (typeof WABA_STANDING)[keyof typeof WABA_STANDING];

/**
 * Every state, in display order (filters, counts, sorting cards by state): numbers that can message
 * first, then onboarding steps from nearest-to-done backwards, then states where someone must act,
 * then the ones that are not (or no longer) a working channel, and the catch-all last.
 */
export const CHANNEL_STATE_IDS = [
  'live',
  'ready',
  'verified',
  'unverified',
  'new_name_requested',
  'modified',
  'consents_signed',
  'imported',
  'porting_ready',
  'ready_for_migration',
  'migration_code_requested',
  'waiting_for_migration_code',
  'sandbox',
  'created',
  'certificate_declined',
  'error',
  'violation',
  'restricted',
  'banned',
  'draft',
  'pending_deletion',
  'unknown',
] as const satisfies readonly (ClassicStatus | WabaStanding | 'live' | 'sandbox' | 'draft' | 'pending_deletion' | 'unknown')[];

export const ChannelStateId = z.enum(CHANNEL_STATE_IDS);
export type ChannelStateId = z.infer<typeof ChannelStateId>;

interface StateText {
  readonly label: string;
  readonly description: string;
  readonly tone: Tone;
}

/**
 * Labels and tooltips. Quoted meanings come from the seed; those marked (inferred) are not in the
 * seed and follow the API reference's §6.1 guesses, so they stay deliberately non-committal.
 * A Record (not a list) so the compiler refuses a state without words.
 */
const STATE_TEXT: Record<ChannelStateId, StateText> = {
  live: { label: 'Live', description: 'The account is live and ready to use.', tone: 'positive' },
  ready: { label: 'Ready', description: 'The number was registered and the API key can be generated.', tone: 'positive' },
  verified: { label: 'Verified', description: 'The account was approved in the Commerce Policy review.', tone: 'progress' },
  unverified: {
    label: 'Unverified',
    description: 'The account is not approved in the Commerce Policy review yet; the display name is waiting for Meta.',
    tone: 'progress',
  },
  new_name_requested: {
    label: 'New display name requested',
    description: 'The display name was changed and is waiting for approval.',
    tone: 'progress',
  },
  // (inferred) modified .. migration_code_requested: not described by the seed.
  modified: { label: 'Modified', description: 'The profile or display name was changed and is being processed.', tone: 'progress' },
  consents_signed: { label: 'Consents signed', description: 'The client signed the agreements; the setup continues.', tone: 'progress' },
  imported: { label: 'Imported', description: 'The number was imported from another provider and is being set up.', tone: 'progress' },
  porting_ready: { label: 'Ready for porting', description: 'The number is ready to be ported to 360dialog.', tone: 'progress' },
  ready_for_migration: { label: 'Ready for migration', description: 'The number can now be migrated to 360dialog.', tone: 'progress' },
  migration_code_requested: {
    label: 'Migration code requested',
    description: 'A verification code for the number migration was requested.',
    tone: 'progress',
  },
  waiting_for_migration_code: {
    label: 'Waiting for migration code',
    description: 'The number migration is waiting for the verification code sent to the number.',
    tone: 'progress',
  },
  sandbox: {
    label: 'Sandbox',
    description:
      'An Embedded Signup channel that is not live yet (account mode: sandbox). For these channels the account mode decides; their classic status is ignored.',
    tone: 'progress',
  },
  created: { label: 'Created', description: "The account was created but the number wasn't registered.", tone: 'attention' },
  certificate_declined: {
    label: 'Display name rejected',
    description: 'Meta rejected the display name; a new one that meets the guidelines is needed.',
    tone: 'negative',
  },
  error: { label: 'Error', description: 'The setup stopped because of an error.', tone: 'negative' },
  // Meta's standing (§6.5; Meta's own wording of what each means for messaging). Red: messaging is
  // stopped or at risk on every number of the account, however healthy this channel looks otherwise.
  violation: {
    label: 'Violation',
    description:
      'Meta found a policy violation on this WhatsApp Business Account; further violations lead to a restriction or a ban. ' +
      "The client should review it under Account quality in Meta Business Manager and appeal it, or change what broke Meta's policies.",
    tone: 'negative',
  },
  restricted: {
    label: 'Restricted',
    description:
      'Meta restricted this WhatsApp Business Account for breaking its policies: for a time it cannot start conversations (and may be limited further). ' +
      'The client should review the restriction under Account quality in Meta Business Manager and appeal it or fix the cause.',
    tone: 'negative',
  },
  banned: {
    label: 'Banned',
    description:
      'Meta disabled this WhatsApp Business Account: its numbers cannot send or receive messages. ' +
      'The client should review the ban under Account quality in Meta Business Manager and request a review if it is a mistake.',
    tone: 'negative',
  },
  draft: { label: 'Draft', description: 'The signup was started but not finished: the channel has no app yet.', tone: 'neutral' },
  pending_deletion: {
    label: 'Pending deletion',
    description: 'Cancellation was requested; the number still works until it is deleted at the end of the month.',
    tone: 'negative',
  },
  unknown: { label: 'Unknown status', description: 'The Partner API sent a status this app does not recognise.', tone: 'neutral' },
};

/** A state as shown; `order` is its position in CHANNEL_STATES, for sorting. */
export const ChannelState = z.object({
  id: ChannelStateId,
  label: z.string(),
  description: z.string(),
  tone: Tone,
  order: z.number().int(),
});
export type ChannelState = z.infer<typeof ChannelState>;

/** All states in display order, with their generic words (what filters and counts show). */
export const CHANNEL_STATES: readonly ChannelState[] = CHANNEL_STATE_IDS.map((id, order) => ({ id, order, ...STATE_TEXT[id] }));

const STATE_BY_ID = new Map<ChannelStateId, ChannelState>(CHANNEL_STATES.map((state) => [state.id, state]));

/** The generic definition of a state (for a filter chip or a legend). */
export function channelStateDefinition(id: ChannelStateId): ChannelState {
  // Every id is in the map by construction; the fallback only satisfies noUncheckedIndexedAccess.
  return STATE_BY_ID.get(id) ?? { id, order: CHANNEL_STATE_IDS.length, ...STATE_TEXT.unknown };
}

/** The facts the seed's precedence looks at, read once and defensively. */
interface StateFacts {
  readonly terminated: boolean;
  readonly standing: WabaStanding | null;
  readonly live: boolean;
  readonly hasApp: boolean;
  /** Embedded Signup (version 2): `status` does not decide the state. */
  readonly embeddedSignup: boolean;
}

/**
 * The precedence, most decisive first. The first rule that applies sets the state; when none does,
 * the account mode (version 2) or the classic `status` (version 1) decides. "if app_id exists =
 * channel was not terminated" needs no row: terminated_at is checked first and wins either way.
 */
const STATE_PRECEDENCE: readonly { readonly id: ChannelStateId; readonly applies: (facts: StateFacts) => boolean }[] = [
  // "if terminated_at exists = channel is pending deletion" (even when live: it still works until then)
  { id: 'pending_deletion', applies: (facts) => facts.terminated },
  // Meta's actions on the account outrank "live": a banned account is not "ready to use".
  { id: 'banned', applies: (facts) => facts.standing === 'banned' },
  { id: 'restricted', applies: (facts) => facts.standing === 'restricted' },
  { id: 'violation', applies: (facts) => facts.standing === 'violation' },
  // "if account_mode = live the account is live and ready to use"
  { id: 'live', applies: (facts) => facts.live },
  // "if app_id and terminated_at do not exist = channel is in draft"
  { id: 'draft', applies: (facts) => !facts.hasApp },
];

const CLASSIC = new Set<string>(CLASSIC_STATUSES);

/** `waba_account.status` as a standing, if it is one of Meta's actions. */
export function wabaStandingOf(raw: unknown): WabaStanding | null {
  const status = pickText(raw, 'waba_account', 'status');
  return status !== null && Object.hasOwn(WABA_STANDING, status) ? WABA_STANDING[status as keyof typeof WABA_STANDING] : null;
}

/** Whether the channel came through Embedded Signup: `version` 2 (sent as a number or a numeric string). */
export function isEmbeddedSignup(raw: unknown): boolean {
  const version = pick(raw, 'version');
  return version === 2 || (typeof version === 'string' && version.trim() === '2');
}

function readFacts(raw: unknown): StateFacts {
  return {
    terminated: pickText(raw, 'terminated_at') !== null,
    standing: wabaStandingOf(raw),
    live: pick(raw, 'account_mode') === 'live',
    // The reference nests the app id in `integration`; the seed speaks of a plain `app_id`.
    hasApp: isAppId(pick(raw, 'integration', 'app_id')) || isAppId(pick(raw, 'app_id')),
    embeddedSignup: isEmbeddedSignup(raw),
  };
}

/** An app id is any non-blank string; a numeric id (a serializer quirk) still proves the app exists. */
function isAppId(value: unknown): boolean {
  return typeof value === 'number' ? Number.isFinite(value) : !isAbsent(value) && typeof value === 'string';
}

/** Meta's reason, when the record carries one (the account_violation/restriction webhooks name a `violation_type`; inferred). */
function standingReason(raw: unknown): string | null {
  return pickText(raw, 'waba_account', 'violation_type') ?? pickText(raw, 'waba_account', 'restriction_type');
}

/** The state of a raw channel object. Never throws; an unknown status keeps its raw value visible. */
export function deriveChannelState(raw: unknown): ChannelState {
  const facts = readFacts(raw);
  const decided = STATE_PRECEDENCE.find((rule) => rule.applies(facts));
  if (decided) {
    const state = channelStateDefinition(decided.id);
    const reason = facts.standing !== null && decided.id === facts.standing ? standingReason(raw) : null;
    return reason ? { ...state, description: `${state.description} Meta's reason: ${truncate(reason, 120)}.` } : state;
  }

  if (facts.embeddedSignup) {
    const mode = pick(raw, 'account_mode');
    if (mode === 'sandbox') return channelStateDefinition('sandbox');
    const shown = rawToText(mode);
    const unknown = channelStateDefinition('unknown');
    return { ...unknown, label: shown === null ? `${unknown.label} (no account mode)` : `${unknown.label} (account mode ${shown})` };
  }

  const status = pick(raw, 'status');
  const trimmed = typeof status === 'string' ? status.trim() : null;
  if (trimmed !== null && CLASSIC.has(trimmed)) {
    const state = channelStateDefinition(trimmed as ClassicStatus);
    const setupError = pickText(raw, 'setup_info', 'error');
    // The seed's "error: any other errors" says nothing useful; the API's own message does.
    return state.id === 'error' && setupError ? { ...state, description: `Setup error: ${truncate(setupError, 200)}` } : state;
  }

  const shown = rawToText(status);
  const unknown = channelStateDefinition('unknown');
  return shown === null ? unknown : { ...unknown, label: `${unknown.label} (${shown})` };
}
