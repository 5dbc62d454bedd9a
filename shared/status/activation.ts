/**
 * The Hub CSV's three "Account activation statuses" (seed: "Export client data"). No API field is
 * named after them; the mapping follows the API reference §6.6-6.7 and is partly inferred there.
 * The labels are the exact words of the card, the filters and the CSV cells.
 */
import { badgeOrNotAvailable, type BadgeTable, type StatusBadge } from './badge';
import { isEmbeddedSignup } from './channel-state';
import { pick, rawToText } from './pick';

/** The CSV column titles, verbatim from the seed, in the seed's order. */
export const ACTIVATION_COLUMNS = {
  messageOnBehalf: 'Message on behalf',
  metaBusinessVerification: 'Meta business verification',
  numberRegistration: 'Number registration',
} as const;
export type ActivationField = keyof typeof ACTIVATION_COLUMNS;
export const ACTIVATION_FIELDS: readonly ActivationField[] = ['messageOnBehalf', 'metaBusinessVerification', 'numberRegistration'];

/** `waba_account.on_behalf_of_business_info.status` (reference §6.6). */
export const MESSAGE_ON_BEHALF_STATUSES: BadgeTable = {
  submitted: { label: 'Submitted', tone: 'progress' },
  approved: { label: 'Approved', tone: 'positive' },
  rejected: { label: 'Rejected', tone: 'negative' },
  denied: { label: 'Denied', tone: 'negative' },
};

/**
 * `waba_account.fb_account_status` (reference §6.4). "attention" where the client must act in
 * Meta Business Manager, "negative" where Meta said no, "progress" where Meta is still deciding.
 */
export const META_BUSINESS_VERIFICATION_STATUSES: BadgeTable = {
  verified: { label: 'Verified', tone: 'positive' },
  not_verified: { label: 'Not verified', tone: 'attention' },
  rejected: { label: 'Rejected', tone: 'negative' },
  pending_submission: { label: 'Pending submission', tone: 'attention' },
  failed: { label: 'Failed', tone: 'negative' },
  pending: { label: 'Pending', tone: 'progress' },
  pending_need_more_info: { label: 'More information needed', tone: 'attention' },
};

const REGISTERED = { label: 'Registered', tone: 'positive' } as const;
const IN_PROGRESS = { label: 'In progress', tone: 'progress' } as const;

/**
 * Classic channel `status` -> number registration. Only the seed's own words claim a registration:
 * "ready: the number was registered" and "created: ... the number wasn't registered". For every
 * other status the seed and the reference say nothing about the number itself, so they read
 * "In progress" rather than asserting a success or a failure we cannot see:
 * - unverified / verified / new_name_requested / certificate_declined: display-name and Commerce
 *   Policy review steps, which precede registration in the classic flow (§6.1). A declined name
 *   blocks it, hence the attention tone.
 * - consents_signed / imported / porting_ready / ready_for_migration / waiting_for_migration_code /
 *   migration_code_requested: onboarding and port-in steps (§6.1, inferred), before registration.
 * - modified: a profile change; the reference does not say whether the number stays registered.
 * A live account_mode overrides all of this (see deriveNumberRegistration).
 */
export const NUMBER_REGISTRATION_STATUSES: BadgeTable = {
  ready: REGISTERED,
  created: { label: 'Not registered', tone: 'attention' },
  error: { label: 'Error', tone: 'negative' },
  unverified: IN_PROGRESS,
  verified: IN_PROGRESS,
  new_name_requested: IN_PROGRESS,
  certificate_declined: { label: 'In progress', tone: 'attention' },
  modified: IN_PROGRESS,
  imported: IN_PROGRESS,
  consents_signed: IN_PROGRESS,
  porting_ready: IN_PROGRESS,
  ready_for_migration: IN_PROGRESS,
  waiting_for_migration_code: IN_PROGRESS,
  migration_code_requested: IN_PROGRESS,
};

export type ActivationStatuses = Record<ActivationField, StatusBadge>;

export function deriveMessageOnBehalf(raw: unknown): StatusBadge {
  return badgeOrNotAvailable(MESSAGE_ON_BEHALF_STATUSES, pick(raw, 'waba_account', 'on_behalf_of_business_info', 'status'));
}

export function deriveMetaBusinessVerification(raw: unknown): StatusBadge {
  return badgeOrNotAvailable(META_BUSINESS_VERIFICATION_STATUSES, pick(raw, 'waba_account', 'fb_account_status'));
}

/** An Embedded Signup channel that is not live: its `status` says nothing (seed), its account mode says "not yet". */
const NOT_LIVE_YET = { label: 'Not live yet', tone: 'progress' } as const;

/**
 * A live account_mode means the number is registered whatever `status` says: the seed tells
 * Embedded Signup channels to ignore `status` and calls a live account "ready to use", which it
 * cannot be with an unregistered number. For an Embedded Signup (version 2) channel that is not live,
 * `status` is ignored too. `value` stays the raw status (null if absent).
 */
export function deriveNumberRegistration(raw: unknown): StatusBadge {
  const status = pick(raw, 'status');
  if (pick(raw, 'account_mode') === 'live') return { value: rawToText(status), ...REGISTERED };
  if (isEmbeddedSignup(raw)) return { value: rawToText(status), ...NOT_LIVE_YET };
  return badgeOrNotAvailable(NUMBER_REGISTRATION_STATUSES, status);
}

/** All three, keyed like ACTIVATION_COLUMNS so the CSV can zip titles and labels. */
export function deriveActivationStatuses(raw: unknown): ActivationStatuses {
  return {
    messageOnBehalf: deriveMessageOnBehalf(raw),
    metaBusinessVerification: deriveMetaBusinessVerification(raw),
    numberRegistration: deriveNumberRegistration(raw),
  };
}
