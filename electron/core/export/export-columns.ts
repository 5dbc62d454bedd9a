/**
 * What one CSV row says about a channel: the Hub CSV's six columns in the seed's order and with the
 * seed's titles, then the columns that make the file useful on its own. Every value is the text the
 * app shows (the same labels as the cards; numbers as "+" and all digits); how a value is protected
 * for a spreadsheet is the format's job, not this file's.
 */
import type { ChannelListItem } from '../../../shared/accounts';
import { toE164 } from '../../../shared/format/phone';
import { ACTIVATION_COLUMNS } from '../../../shared/status';

interface ExportColumn {
  readonly title: string;
  readonly value: (item: ChannelListItem) => string;
}

/** In file order. The first six are the 360 Partner Hub's CSV (seed: "Export client data"). */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { title: 'Company legal name', value: (item) => item.companyName ?? '' },
  // E.164 ("+" and every digit, ungrouped): the form dialers, CRMs and the Hub understand; cards group it.
  { title: 'WhatsApp number', value: (item) => toE164(item.phoneNumber) ?? '' },
  { title: 'Contact email', value: (item) => item.email ?? '' },
  { title: ACTIVATION_COLUMNS.messageOnBehalf, value: (item) => item.status.messageOnBehalf.label },
  { title: ACTIVATION_COLUMNS.metaBusinessVerification, value: (item) => item.status.metaBusinessVerification.label },
  { title: ACTIVATION_COLUMNS.numberRegistration, value: (item) => item.status.numberRegistration.label },
  { title: 'Display name', value: (item) => item.displayName ?? '' },
  { title: 'Channel state', value: (item) => item.status.state.label },
  { title: 'Client ID', value: (item) => item.clientId ?? '' },
  { title: 'Channel ID', value: (item) => item.id },
  { title: 'Action required', value: (item) => item.status.actionRequired?.text ?? '' },
  { title: 'Last synced', value: (item) => lastSyncedText(item.syncedAt) },
];

export const EXPORT_HEADER: readonly string[] = EXPORT_COLUMNS.map((column) => column.title);

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
