/**
 * What counts as a status change. One table lists the user-visible status fields and how each is
 * shown; the fingerprint and the notification texts are both read from it, so "the fingerprint
 * changed" and "there is something to tell the user" can never disagree.
 */
import { z } from 'zod';
import { ACTIVATION_COLUMNS } from './activation';
import { NOT_AVAILABLE } from './badge';
import { type StatusSnapshot } from './derive';

export const StatusField = z.enum([
  'state',
  'messageOnBehalf',
  'metaBusinessVerification',
  'numberRegistration',
  'actionRequired',
  'qualityRating',
  'messagingLimit',
]);
export type StatusField = z.infer<typeof StatusField>;

export const StatusChange = z.object({
  field: StatusField,
  from: z.string(),
  to: z.string(),
  /** Ready to show in a notification, e.g. "Meta business verification: Pending → Verified". */
  text: z.string(),
});
export type StatusChange = z.infer<typeof StatusChange>;

/** Shown for "no hint" in a change text ("Action required: Register the phone number → None"). */
export const NO_ACTION = 'None';

interface FieldView {
  readonly field: StatusField;
  readonly title: string;
  /** The words the user sees for this field; a change of these words is a status change. */
  readonly show: (status: StatusSnapshot) => string;
}

/**
 * The user-visible status fields, in notification order. Labels (not raw values) are compared:
 * a raw value that changes without changing what is shown (a live channel's ignored `status`, two
 * raw values both shown as "Not rated yet") is not news. Labels carry the raw value whenever it is
 * unknown ("Unknown (x)"), and each state or hint has its own words, so no real change is lost.
 * The action hint's full text counts, so a new setup error message is reported too. Phone number
 * and display name are identity, not status, and stay out.
 */
const STATUS_FIELDS: readonly FieldView[] = [
  { field: 'state', title: 'Channel state', show: (s) => s.state.label },
  { field: 'messageOnBehalf', title: ACTIVATION_COLUMNS.messageOnBehalf, show: (s) => s.messageOnBehalf.label },
  { field: 'metaBusinessVerification', title: ACTIVATION_COLUMNS.metaBusinessVerification, show: (s) => s.metaBusinessVerification.label },
  { field: 'numberRegistration', title: ACTIVATION_COLUMNS.numberRegistration, show: (s) => s.numberRegistration.label },
  { field: 'actionRequired', title: 'Action required', show: (s) => s.actionRequired?.text ?? NO_ACTION },
  { field: 'qualityRating', title: 'Quality rating', show: (s) => s.qualityRating?.label ?? NOT_AVAILABLE },
  { field: 'messagingLimit', title: 'Messaging limit', show: (s) => s.messagingLimit?.label ?? NOT_AVAILABLE },
];

/** The title used in change texts for each field (also handy for a notification settings list). */
export const STATUS_FIELD_TITLES: Readonly<Record<StatusField, string>> = Object.fromEntries(
  STATUS_FIELDS.map((view) => [view.field, view.title]),
) as Record<StatusField, string>;

/**
 * A compact, deterministic string of everything shown. JSON of an array of strings: unambiguous
 * whatever characters a label holds, readable in the database when debugging a notification.
 */
export function statusFingerprint(status: StatusSnapshot): string {
  return JSON.stringify(STATUS_FIELDS.map((view) => view.show(status)));
}

/** The user-visible differences between two derivations of the same channel, for notifications. */
export function describeStatusChanges(before: StatusSnapshot, after: StatusSnapshot): StatusChange[] {
  const changes: StatusChange[] = [];
  for (const view of STATUS_FIELDS) {
    const from = view.show(before);
    const to = view.show(after);
    if (from !== to) changes.push({ field: view.field, from, to, text: `${view.title}: ${from} → ${to}` });
  }
  return changes;
}
