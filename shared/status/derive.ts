/**
 * The one entry point: a raw channel object in, everything users see about its status out. The
 * sync stores the result as indexed columns and compares fingerprints to notify; the cards,
 * filters, counts and the CSV read the same object, so they cannot disagree on a word.
 */
import { z } from 'zod';
import { ActionRequired, deriveActionRequired } from './action-required';
import { deriveActivationStatuses } from './activation';
import { StatusBadge } from './badge';
import { ChannelState, deriveChannelState } from './channel-state';
import {
  MessagingLimit,
  deriveDisplayName,
  deriveMessagingLimit,
  derivePhoneNumber,
  deriveQualityRating,
} from './channel-details';
import { statusFingerprint } from './changes';

export const DerivedChannelStatus = z.object({
  state: ChannelState,
  messageOnBehalf: StatusBadge,
  metaBusinessVerification: StatusBadge,
  numberRegistration: StatusBadge,
  actionRequired: ActionRequired.nullable(),
  phoneNumber: z.string().nullable(),
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
  const snapshot: StatusSnapshot = {
    state,
    ...deriveActivationStatuses(raw),
    actionRequired: deriveActionRequired(raw, state.id),
    phoneNumber: derivePhoneNumber(raw),
    displayName: deriveDisplayName(raw),
    qualityRating: deriveQualityRating(raw),
    messagingLimit: deriveMessagingLimit(raw),
  };
  return { ...snapshot, fingerprint: statusFingerprint(snapshot) };
}
