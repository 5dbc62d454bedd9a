/**
 * What the filter menus offer, read from the shared status tables so a filter can only ask for a
 * word the cards (and main's filter columns) actually use.
 */
import type { ChannelSort } from '@shared/accounts';
import {
  ACTIVATION_COLUMNS,
  MESSAGE_ON_BEHALF_STATUSES,
  META_BUSINESS_VERIFICATION_STATUSES,
  NOT_AVAILABLE,
  NUMBER_REGISTRATION_STATUSES,
  type BadgeTable,
} from '@shared/status';
import type { ActivationFilterField } from '../../state/channel-list';

function labelsOf(table: BadgeTable, extra: readonly string[]): string[] {
  return [...new Set([...Object.values(table).map((rule) => rule.label), ...extra])];
}

/** Registration has "Registered" also for live channels whatever their status; it is in the table. */
/** `short` is what the filter shows (the table's column words), `title` its full name (the Hub's CSV column). */
export const ACTIVATION_FILTERS: readonly { field: ActivationFilterField; title: string; short: string; options: readonly string[] }[] = [
  {
    field: 'messageOnBehalf',
    title: ACTIVATION_COLUMNS.messageOnBehalf,
    short: 'On behalf',
    options: labelsOf(MESSAGE_ON_BEHALF_STATUSES, [NOT_AVAILABLE]),
  },
  {
    field: 'metaBusinessVerification',
    title: ACTIVATION_COLUMNS.metaBusinessVerification,
    short: 'Meta verification',
    options: labelsOf(META_BUSINESS_VERIFICATION_STATUSES, [NOT_AVAILABLE]),
  },
  {
    field: 'numberRegistration',
    title: ACTIVATION_COLUMNS.numberRegistration,
    short: 'Registration',
    options: labelsOf(NUMBER_REGISTRATION_STATUSES, [NOT_AVAILABLE]),
  },
];

export const SORT_OPTIONS: readonly { value: ChannelSort; label: string }[] = [
  { value: 'company', label: 'Company' },
  { value: 'display_name', label: 'Display name' },
  { value: 'phone', label: 'Number' },
  { value: 'state', label: 'State' },
  { value: 'created', label: 'Created' },
  { value: 'modified', label: 'Last changed' },
];
