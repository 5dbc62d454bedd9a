/**
 * Values that break naive CSV writers or that spreadsheets misread or run, and channel list items
 * built from them, for the export's encoding tests and the LibreOffice check. `shownRow` states, on
 * its own and independently of the exporter, what the app shows for each column.
 */
import type { ChannelListItem } from '@shared/accounts';
import { deriveChannelStatus } from '@shared/status';

export const HOSTILE_VALUES: readonly string[] = [
  '=HYPERLINK("http://x","y")',
  '=1+2',
  '+4915123456789',
  '004915123456789',
  '-1',
  '-10% Discount Store',
  '@SUM(A1)',
  '12345678901234567890',
  '0123',
  'Müller & Söhne GmbH',
  'مطعم الشام',
  '北京烤鸭有限公司',
  'חברת השמש בע"מ',
  'Pizza 🍕 Roma',
  '"Quoted", Comma; Semicolon Ltd',
  'Zeilen\numbruch GmbH',
  'Two\r\nLines GmbH',
  '+49 Trading\nGmbH',
  '=1+\n1',
  'Floor\n2',
  '\tTab first',
  '\rCR first',
  'Tab\tinside',
  '  Leading Spaces Ltd',
  'Trailing space ',
  '\u00a0No-break space',
  "'Apostrophe",
  '#N/A',
  'TRUE',
  'wahr',
  '1,5',
  '1.5',
  '1E5',
  '5%',
  '(1)',
  '2024-01-05',
  '12:30',
  'Jan 5',
  '１２３',
  '＝1+1',
  `${'x'.repeat(300)} 7`,
  'A'.repeat(600),
  'Acme Ltd',
  'info@example.com',
];

/** Numbers as the Hub sent them, with their E.164 form (null: no phone number, exported as sent). */
export const PHONES: ReadonlyArray<readonly [string, string | null]> = [
  ['4915123456789', '+4915123456789'],
  ['0049151234567', '+49151234567'],
  ['12345678901234567890', null],
  ['1', null],
];

export const SYNCED_AT = '2026-11-28T09:15:42.123Z';

/** A raw channel whose statuses echo a hostile value into "Unknown (...)" labels and the setup error. */
function rawChannel(value: string): Record<string, unknown> {
  return {
    status: 'error',
    account_mode: 'sandbox',
    integration: { app_id: '104148' },
    setup_info: { error: value },
    waba_account: { fb_account_status: value, on_behalf_of_business_info: { status: 'approved' } },
  };
}

export function hostileItems(): ChannelListItem[] {
  const items: ChannelListItem[] = HOSTILE_VALUES.map((value, index) => ({
    id: value,
    clientId: value,
    companyName: value,
    displayName: value,
    phoneNumber: PHONES[index % PHONES.length]?.[0] ?? null,
    phoneE164: PHONES[index % PHONES.length]?.[1] ?? null,
    email: value,
    status: deriveChannelStatus(rawChannel(value)),
    createdAt: null,
    syncedAt: SYNCED_AT,
    removedAt: null,
  }));
  items.push({
    id: 'CH-empty',
    clientId: null,
    companyName: null,
    displayName: null,
    phoneNumber: null,
    phoneE164: null,
    email: null,
    status: deriveChannelStatus({}),
    createdAt: null,
    syncedAt: SYNCED_AT,
    removedAt: null,
  });
  return items;
}

export const HEADER = [
  'Company legal name',
  'WhatsApp number',
  'Contact email',
  'Message on behalf',
  'Meta business verification',
  'Number registration',
  'Quality rating',
  'Messaging limit',
  'Display name',
  'Channel state',
  'Client ID',
  'Channel ID',
  'Action required',
  'Last synced',
];

/** What the app shows for an item, column by column (null shows as nothing). */
export function shownRow(item: ChannelListItem): string[] {
  return [
    item.companyName ?? '',
    // E.164 when the number parsed, else exactly as the Hub sent it.
    item.phoneE164 ?? item.phoneNumber ?? '',
    item.email ?? '',
    item.status.messageOnBehalf.label,
    item.status.metaBusinessVerification.label,
    item.status.numberRegistration.label,
    item.status.qualityRating?.label ?? 'Not available',
    item.status.messagingLimit?.label ?? 'Not available',
    item.displayName ?? '',
    item.status.state.label,
    item.clientId ?? '',
    item.id,
    item.status.actionRequired?.text ?? '',
    new Date(item.syncedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  ];
}
