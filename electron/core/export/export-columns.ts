/**
 * What one CSV row says about a channel: the Hub CSV's six columns in the seed's order and with the
 * seed's titles, then Meta's quality rating and messaging limit, then the columns that make the file
 * useful on its own (the titles and their order: shared/export.ts, which the export dialog lists). Every
 * value is the text the app shows (the same labels as the cards; numbers in E.164); how a value is
 * protected for a spreadsheet is the format's job, not this file's.
 */
import type { ChannelListItem } from '@shared/accounts';
import { EXPORT_COLUMN_TITLES, type ExportColumnTitle } from '@shared/export';
import { phoneForExport } from '@shared/format/phone';
import { ACTIVATION_COLUMNS, NOT_AVAILABLE } from '@shared/status';

interface ExportColumn {
  readonly title: ExportColumnTitle;
  readonly value: (item: ChannelListItem) => string;
}

/** Each column's value; a Record so the compiler refuses a title without one. */
const VALUES: Record<ExportColumnTitle, (item: ChannelListItem) => string> = {
  'Company legal name': (item) => item.companyName ?? '',
  // E.164 ("+" and every digit, ungrouped): the form dialers, CRMs and the Hub understand; cards group
  // it. A value that is not a phone number this app can read is written exactly as the Hub sent it.
  'WhatsApp number': (item) => phoneForExport({ raw: item.phoneNumber, e164: item.phoneE164 }) ?? '',
  'Contact email': (item) => item.email ?? '',
  [ACTIVATION_COLUMNS.messageOnBehalf]: (item) => item.status.messageOnBehalf.label,
  [ACTIVATION_COLUMNS.metaBusinessVerification]: (item) => item.status.metaBusinessVerification.label,
  [ACTIVATION_COLUMNS.numberRegistration]: (item) => item.status.numberRegistration.label,
  // Meta's words as the cards show them ("High", "1K conversations / 24 h").
  'Quality rating': (item) => item.status.qualityRating?.label ?? NOT_AVAILABLE,
  'Messaging limit': (item) => item.status.messagingLimit?.label ?? NOT_AVAILABLE,
  'Display name': (item) => item.displayName ?? '',
  'Channel state': (item) => item.status.state.label,
  'Client ID': (item) => item.clientId ?? '',
  'Channel ID': (item) => item.id,
  'Action required': (item) => item.status.actionRequired?.text ?? '',
  'Last synced': (item) => lastSyncedText(item.syncedAt),
};

/** In file order (EXPORT_COLUMN_TITLES, which the export dialog lists). */
export const EXPORT_COLUMNS: readonly ExportColumn[] = EXPORT_COLUMN_TITLES.map((title) => ({ title, value: VALUES[title] }));

export const EXPORT_HEADER: readonly string[] = EXPORT_COLUMN_TITLES;

export function exportRow(item: ChannelListItem): string[] {
  return EXPORT_COLUMNS.map((column) => column.value(item));
}

/**
 * ISO-8601 in UTC to the second ("2026-11-28T09:15:00Z"): one unambiguous form whatever the reader's
 * time zone or spreadsheet locale, and it sorts as text. A value the store holds in another form is
 * written as stored rather than guessed at.
 */
export function lastSyncedText(syncedAt: string): string {
  const ms = Date.parse(syncedAt);
  if (Number.isNaN(ms)) return syncedAt;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
