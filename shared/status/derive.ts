/**
 * The one entry point: a raw channel object in, everything users see about its status out. The
 * sync stores the result as indexed columns and compares fingerprints to notify; the cards,
 * filters, counts and the CSV read the same object, so they cannot disagree on a word.
 */
import { z } from 'zod';
import { ActionRequired, deriveActionsRequired } from './action-required';
import { deriveActivationStatuses } from './activation';
import { StatusBadge } from './badge';
import { ChannelState, deriveChannelState } from './channel-state';
import { MessagingLimit, deriveDisplayName, deriveMessagingLimit, deriveQualityRating } from './channel-details';
import { statusFingerprint } from './changes';

export const DerivedChannelStatus = z.object({
  state: ChannelState,
  messageOnBehalf: StatusBadge,
  metaBusinessVerification: StatusBadge,
  numberRegistration: StatusBadge,
  /** The card's hint: the most severe thing to do, or null. */
  actionRequired: ActionRequired.nullable(),
  /** Further hints, in order of severity (the card says how many, the details list them). */
  otherActions: z.array(ActionRequired).default([]),
  displayName: z.string().nullable(),
  qualityRating: StatusBadge.nullable(),
  messagingLimit: MessagingLimit.nullable(),
  /** Equal for two results exactly when describeStatusChanges between them is empty. */
  fingerprint: z.string(),
});
export type DerivedChannelStatus = z.infer<typeof DerivedChannelStatus>;

/** Everything but the fingerprint, which is computed from it. */
export type StatusSnapshot = Omit<DerivedChannelStatus, 'fingerprint'>;

/**
 * Derives the status of one raw channel (as GET /partners/{pid}/channels returns it). Accepts
 * anything (a record that failed validation, an old stored row, a webhook payload) and never throws.
 */
export function deriveChannelStatus(raw: unknown): DerivedChannelStatus {
  const state = deriveChannelState(raw);
  const actions = deriveActionsRequired(raw, state.id);
  const snapshot: StatusSnapshot = {
    state,
    ...deriveActivationStatuses(raw),
    actionRequired: actions[0] ?? null,
    otherActions: actions.slice(1),
    displayName: deriveDisplayName(raw),
    qualityRating: deriveQualityRating(raw),
    messagingLimit: deriveMessagingLimit(raw),
  };
  return { ...snapshot, fingerprint: statusFingerprint(snapshot) };
}
