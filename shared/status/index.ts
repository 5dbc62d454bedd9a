/**
 * Channel status rules: how a raw Partner API channel becomes the state badge, the three CSV
 * activation statuses, the "action required" hint and the card details. Pure and zod-only, shared
 * by the core (sync, CSV export) and the renderer (cards, filters, counts).
 */
export { deriveChannelStatus, DerivedChannelStatus, type StatusSnapshot } from './derive';
export { describeStatusChanges, statusFingerprint, NO_ACTION, STATUS_FIELD_TITLES, StatusChange, StatusField } from './changes';
export {
  CHANNEL_STATE_IDS,
  CHANNEL_STATES,
  CLASSIC_STATUSES,
  ChannelState,
  ChannelStateId,
  channelStateDefinition,
  deriveChannelState,
  isEmbeddedSignup,
  wabaStandingOf,
  WABA_STANDING,
  type ClassicStatus,
  type WabaStanding,
} from './channel-state';
export {
  ACTIVATION_COLUMNS,
  ACTIVATION_FIELDS,
  MESSAGE_ON_BEHALF_STATUSES,
  META_BUSINESS_VERIFICATION_STATUSES,
  NUMBER_REGISTRATION_STATUSES,
  deriveActivationStatuses,
  deriveMessageOnBehalf,
  deriveMetaBusinessVerification,
  deriveNumberRegistration,
  type ActivationField,
  type ActivationStatuses,
} from './activation';
export {
  ACTION_HINT_IDS,
  ACTION_HINT_SHORT,
  ACTION_HINT_TEXT,
  ACTION_HINTS,
  ActionHintId,
  ActionRequired,
  chooseActionHint,
  actionHintTone,
  chooseActionHints,
  deriveActionRequired,
  deriveActionsRequired,
  type ActionFacts,
} from './action-required';
export {
  MESSAGING_LIMITS,
  MessagingLimit,
  QUALITY_RATINGS,
  deriveDisplayName,
  deriveMessagingLimit,
  channelCountry,
  deriveChannelPhone,
  deriveQualityRating,
} from './channel-details';
export { NOT_AVAILABLE, StatusBadge, Tone, unknownLabel, type BadgeRule, type BadgeTable } from './badge';
