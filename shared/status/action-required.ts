/**
 * The "action required" hint on a channel card (seed: cards show "immediate actions required from
 * the client"): one short imperative sentence, or null when nobody needs to do anything. Each hint
 * has a stable id so it can be filtered and counted; the precedence is one ordered table, most severe
 * first. A channel may need several things at once: the first is the card's hint, the others are
 * listed with it (`otherActions`). Every sentence fits two lines of the narrowest card, so a card
 * never cuts the only thing it has to say.
 */
import { z } from 'zod';
import { Tone } from './badge';
import { type ChannelStateId } from './channel-state';
import { pickText, truncate } from './pick';

export const ACTION_HINT_IDS = [
  'review_account_ban',
  'review_account_restriction',
  'review_account_violation',
  'fix_setup_error',
  'finish_signup',
  'choose_display_name',
  'register_number',
  'complete_business_verification',
  'submit_business_verification',
  'accept_message_on_behalf',
] as const;
export const ActionHintId = z.enum(ACTION_HINT_IDS);
export type ActionHintId = z.infer<typeof ActionHintId>;

export const ActionRequired = z.object({
  id: ActionHintId,
  text: z.string(),
  /** "negative" (red) where Meta stopped or threatens messaging or the setup failed, else "attention". */
  tone: Tone.default('attention'),
});
export type ActionRequired = z.infer<typeof ActionRequired>;

/**
 * The sentence for each hint, also the filter label. fix_setup_error gets ": <error>" appended (the
 * card shows the sentence alone, the message is in its tooltip and the details). At most 42
 * characters: two lines of the narrowest card (330 px, beside "Show details"), so a card never cuts
 * them; the why and the how are in the state's description.
 */
export const ACTION_HINT_TEXT: Record<ActionHintId, string> = {
  review_account_ban: 'Review the ban in Meta Business Manager',
  review_account_restriction: 'Review the restriction in Business Manager',
  review_account_violation: 'Review the violation in Business Manager',
  fix_setup_error: 'Fix the setup error',
  finish_signup: 'Finish the WhatsApp signup',
  choose_display_name: 'Choose a display name Meta accepts',
  register_number: 'Register the phone number',
  complete_business_verification: 'Complete business verification with Meta',
  submit_business_verification: 'Submit the business for Meta verification',
  accept_message_on_behalf: 'Accept the message-on-behalf request',
};

/** The same hints in a few words, for the table's narrow Action column (its tooltip has the whole sentence). */
export const ACTION_HINT_SHORT: Record<ActionHintId, string> = {
  review_account_ban: 'Review the ban',
  review_account_restriction: 'Review the restriction',
  review_account_violation: 'Review the violation',
  fix_setup_error: 'Fix the setup error',
  finish_signup: 'Finish the signup',
  choose_display_name: 'Choose a display name',
  register_number: 'Register the number',
  complete_business_verification: 'Complete business verification',
  submit_business_verification: 'Submit business verification',
  accept_message_on_behalf: 'Accept message on behalf',
};

/** The severe hints: Meta acted on the account, or the setup stopped. The rest ask for a next step. */
const NEGATIVE_HINTS = new Set<ActionHintId>([
  'review_account_ban',
  'review_account_restriction',
  'review_account_violation',
  'fix_setup_error',
]);

export function actionHintTone(id: ActionHintId): 'negative' | 'attention' {
  return NEGATIVE_HINTS.has(id) ? 'negative' : 'attention';
}

/** All hints in precedence order (most severe first), for a filter list. */
export const ACTION_HINTS: readonly ActionRequired[] = ACTION_HINT_IDS.map((id) => ({
  id,
  text: ACTION_HINT_TEXT[id],
  tone: actionHintTone(id),
}));

/** What the rules look at: the derived state plus the raw WABA-level statuses. */
export interface ActionFacts {
  readonly state: ChannelStateId;
  /** waba_account.status (reference §6.5) */
  readonly wabaStatus: string | null;
  /** waba_account.fb_account_status (§6.4) */
  readonly businessVerification: string | null;
  /** waba_account.on_behalf_of_business_info.status (§6.6) */
  readonly messageOnBehalf: string | null;
}

interface ActionRule {
  readonly fact: keyof ActionFacts;
  readonly in: readonly string[];
  /** null = "nothing to ask": stop looking; rows before it already matched nothing. */
  readonly hint: ActionHintId | null;
}

/**
 * Most severe first; the first matching row is the card's hint, every matching row before a row
 * without a hint is listed. Why this order:
 * 1. A channel pending deletion is going away: asking anyone to fix it would be noise.
 * 2. Meta bans, restrictions and violations (WABA status) stop or threaten messaging on every
 *    number of the account, live ones included, so they outrank anything about this one channel.
 * 3. This channel's own onboarding, in the order it blocks progress: a setup error stops
 *    everything; a draft has no app yet, so nothing after it can happen; a rejected display name
 *    blocks registration; an unregistered number cannot message.
 * 4. Business-level steps, which gate limits and the OBO relationship rather than this number:
 *    verification Meta refused or is waiting on, then a verification never submitted, then a
 *    refused message-on-behalf request. "submitted" OBO and "pending" verification are Meta's turn,
 *    so they ask nothing of the client.
 * The classic-status rows match the derived state, not the raw status, so a live (Embedded Signup)
 * channel whose ignored `status` still says "created" is not told to register its number.
 */
const ACTION_RULES: readonly ActionRule[] = [
  { fact: 'state', in: ['pending_deletion'], hint: null },
  { fact: 'wabaStatus', in: ['account_banned'], hint: 'review_account_ban' },
  { fact: 'wabaStatus', in: ['account_restriction'], hint: 'review_account_restriction' },
  { fact: 'wabaStatus', in: ['account_violation'], hint: 'review_account_violation' },
  { fact: 'state', in: ['error'], hint: 'fix_setup_error' },
  { fact: 'state', in: ['draft'], hint: 'finish_signup' },
  { fact: 'state', in: ['certificate_declined'], hint: 'choose_display_name' },
  { fact: 'state', in: ['created'], hint: 'register_number' },
  {
    fact: 'businessVerification',
    in: ['not_verified', 'pending_need_more_info', 'rejected', 'failed'],
    hint: 'complete_business_verification',
  },
  { fact: 'businessVerification', in: ['pending_submission'], hint: 'submit_business_verification' },
  { fact: 'messageOnBehalf', in: ['rejected', 'denied'], hint: 'accept_message_on_behalf' },
];

/** Long API error messages would swamp a card; the full text stays in the state's description. */
const MAX_ERROR_IN_HINT = 80;

/**
 * Every hint the facts call for, most severe first; empty when nothing is to be done or the channel
 * is pending deletion (a matching row without a hint ends the list).
 */
export function chooseActionHints(facts: ActionFacts): ActionHintId[] {
  const hints: ActionHintId[] = [];
  for (const rule of ACTION_RULES) {
    const value = facts[rule.fact];
    if (value === null || !rule.in.includes(value)) continue;
    if (rule.hint === null) break;
    if (!hints.includes(rule.hint)) hints.push(rule.hint);
  }
  return hints;
}

/** The most severe hint for the facts, or null (nothing to do, or pending deletion). */
export function chooseActionHint(facts: ActionFacts): ActionHintId | null {
  return chooseActionHints(facts)[0] ?? null;
}

/** Reads the facts from a raw channel (given its derived state) and phrases its hints, most severe first. */
export function deriveActionsRequired(raw: unknown, state: ChannelStateId): ActionRequired[] {
  const ids = chooseActionHints({
    state,
    wabaStatus: pickText(raw, 'waba_account', 'status'),
    businessVerification: pickText(raw, 'waba_account', 'fb_account_status'),
    messageOnBehalf: pickText(raw, 'waba_account', 'on_behalf_of_business_info', 'status'),
  });
  return ids.map((id) => {
    const setupError = id === 'fix_setup_error' ? pickText(raw, 'setup_info', 'error') : null;
    const text = setupError ? `${ACTION_HINT_TEXT[id]}: ${truncate(setupError, MAX_ERROR_IN_HINT)}` : ACTION_HINT_TEXT[id];
    return { id, text, tone: actionHintTone(id) };
  });
}

/** The card's hint: the most severe one, or null. */
export function deriveActionRequired(raw: unknown, state: ChannelStateId): ActionRequired | null {
  return deriveActionsRequired(raw, state)[0] ?? null;
}
