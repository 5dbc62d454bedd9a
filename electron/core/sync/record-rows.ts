/**
 * Turns validated API records into store rows: the indexed columns, the folded search text, the
 * raw JSON and its content hash. The hash is computed first and alone: a record whose hash is
 * unchanged is skipped before any other work (a re-sync of 75,000 unchanged records writes nothing).
 * A channel's row is built in two parts: what comes from the channel record itself (`channelOwn`,
 * done while the listing pages arrive) and what its client adds (`completeChannelRow`, at write time,
 * once the clients are known).
 */
import crypto from 'node:crypto';
import { pick, pickText } from '@shared/status/pick';
import { channelCountry, deriveChannelPhone, deriveChannelStatus, type DerivedChannelStatus } from '@shared/status';
import { joinPhoneSearchTexts, parsePhone, type ParsedPhone } from '@shared/format/phone';
import { foldForSearch, joinSearchTexts, searchTextOf, sortKeyOf, sortKeyOfFolded } from '@shared/search-text';
import type { RecordRow } from '../store/record-tables';

/**
 * Bump when the rules change what they derive (status, phone numbers, search texts): the stored rows
 * are then rebuilt from their raw records when the database is opened (refresh-derived.ts), and their
 * hashes change so a sync rewrites them too.
 * 2: Meta's standing (banned, restricted, violation), the version-2 rule, phone numbers parsed to E.164.
 */
export const STATUS_RULES_VERSION = 2;

export const CLIENT_COLUMNS = [
  'name',
  'organisation',
  'name_sort',
  'email',
  'contact_name',
  'status',
  'max_channels',
  'created_at',
  'modified_at',
  'search_text',
  'numbers',
] as const;
/** The channels table's indexed columns; a row's `company_sort`, `search_text` and `numbers` go to channel_search only. */
export const CHANNEL_COLUMNS = [
  'client_id',
  'company_name',
  'display_name',
  'display_sort',
  'phone_number',
  'phone_e164',
  'email',
  'state',
  'state_order',
  'message_on_behalf',
  'meta_business_verification',
  'number_registration',
  'action_required',
  'action_text',
  'quality_rating',
  'messaging_limit',
  'waba_account_id',
  'status_fingerprint',
  'created_at',
  'modified_at',
  'search_text',
  'numbers',
] as const;

export function contentHash(raw: string): string {
  // The one-shot form skips a Hash object per record (a sync hashes 75,000 of them).
  return crypto.hash('sha1', raw, 'base64');
}

function integerOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

export interface ClientSummary {
  id: string;
  companyName: string;
  /** companyName folded for sorting, computed once per client rather than once per channel. */
  companySort: string;
  email: string | null;
  /** The partner's own tag for the client (partner_payload). */
  tag: string | null;
  /** companyName, email and tag folded for search, likewise once per client. */
  searchText: string;
  /** The client's contact country (ISO alpha-2 as sent), the default region of its channels' national numbers. */
  country: string | null;
  /** The hash of what this client adds to each of its channels' rows (see `channelHash`). */
  wordsHash: string;
}

/** The company name shown for a client: its organisation, else its name. */
export function clientSummary(client: unknown, id: string): ClientSummary {
  const companyName = pickText(client, 'organisation') ?? pickText(client, 'name') ?? id;
  const email = pickText(client, 'contact_info', 'email') ?? pickText(client, 'contact_user', 'email');
  const country = pickText(client, 'contact_info', 'country');
  // The partner's own tag finds a client's channels too (a CRM id typed into the accounts search).
  const tag = pickText(client, 'partner_payload');
  const foldedCompany = foldForSearch(companyName);
  return {
    id,
    companyName,
    companySort: sortKeyOfFolded(foldedCompany),
    email,
    tag,
    searchText: joinSearchTexts([foldedCompany, email === null ? null : foldForSearch(email), tag === null ? null : foldForSearch(tag)]),
    country,
    wordsHash: clientWordsHash(companyName, email, country, tag),
  };
}

function clientWordsHash(companyName: string | null, email: string | null, country: string | null, tag: string | null = null): string {
  // A client without a tag hashes as before the tag was searchable: its channels are not rewritten for it.
  return contentHash(
    `${companyName ?? ''}\u0000${email ?? ''}\u0000${country ?? ''}${tag === null ? '' : `\u0000${tag}`}\u0000${STATUS_RULES_VERSION}`,
  );
}

/** The search tokens of a client's contact numbers, read in the client's country (the contact user's mostly repeats the contact's). */
function clientNumbers(client: unknown, country: string | null): string {
  const contactRaw = pick(client, 'contact_info', 'phone');
  const userRaw = pick(client, 'contact_user', 'phone');
  const contact = parsePhone(contactRaw, country);
  const user = userRaw === contactRaw ? null : parsePhone(userRaw, country);
  return joinPhoneSearchTexts([contact?.searchText ?? '', user && user.e164 !== contact?.e164 ? user.searchText : '']);
}

export function clientRow(id: string, client: unknown, raw: string, hash: string, summary: ClientSummary): RecordRow {
  const name = pickText(client, 'name') ?? id;
  const organisation = pickText(client, 'organisation');
  const email = summary.email;
  const contactName = pickText(client, 'contact_info', 'full_name') ?? pickText(client, 'contact_user', 'name');
  return {
    id,
    hash,
    raw,
    columns: {
      name,
      organisation,
      name_sort: summary.companySort,
      email,
      contact_name: contactName,
      status: pickText(client, 'status'),
      max_channels: integerOrNull(pick(client, 'max_channels')),
      created_at: pickText(client, 'created_at'),
      modified_at: pickText(client, 'modified_at'),
      search_text: searchTextOf([name, organisation, email, contactName, id, pickText(client, 'partner_payload')]),
      // Contact numbers are searched in their own column, however they were written (shared/format/phone.ts).
      numbers: clientNumbers(client, summary.country),
    },
  };
}

export interface ChannelRowResult {
  row: RecordRow;
  derived: DerivedChannelStatus;
}

/**
 * What a channel row keeps of its status fingerprint: a hash (28 characters instead of ~115), which is
 * all a sync needs to tell a status change from any other edit.
 */
export function storedFingerprint(derived: DerivedChannelStatus): string {
  return contentHash(derived.fingerprint);
}

/** Separates the two parts of a channel's stored hash. */
const HASH_PARTS = ':';
/** What a channel's hash has when its client is not in the listing. */
const NO_CLIENT_WORDS = clientWordsHash(null, null, null);

/**
 * A channel's stored hash: the hash of its raw record, then the hash of what its client adds (the
 * company name and email shown with it: a renamed client rewrites its channels' search text) and
 * of the rules' version (new rules rewrite the indexed status columns). The first part alone tells
 * whether the channel's own record changed (see `rawHashOf`).
 */
export function channelHash(rawHash: string, client: ClientSummary | undefined): string {
  return `${rawHash}${HASH_PARTS}${client?.wordsHash ?? NO_CLIENT_WORDS}`;
}

/** The raw record's hash within a stored channel hash. */
export function rawHashOf(storedHash: string): string {
  const end = storedHash.indexOf(HASH_PARTS);
  return end < 0 ? storedHash : storedHash.slice(0, end);
}

type Text = string | null;
/** The indexed columns a channel's own record decides (the rest come from its client). */
export interface ChannelOwnColumns {
  client_id: Text;
  display_name: Text;
  display_sort: Text;
  state: string;
  state_order: number;
  message_on_behalf: Text;
  meta_business_verification: Text;
  number_registration: Text;
  action_required: Text;
  action_text: Text;
  quality_rating: Text;
  messaging_limit: Text;
  waba_account_id: Text;
  status_fingerprint: string;
  created_at: Text;
  modified_at: Text;
}

/** What a channel's row takes from the channel record alone. */
export interface ChannelOwn {
  id: string;
  derived: DerivedChannelStatus;
  /** The client's name and email as the channel record embeds them (used when its client is unknown). */
  embeddedCompany: string | null;
  embeddedEmail: string | null;
  columns: ChannelOwnColumns;
  /** The channel's own searchable fields, folded. */
  searchText: string;
  /** The channel's number, read in its own country when its record names one. */
  phone: ParsedPhone | null;
  /** Whether the record names the channel's country (else its client's country may read a national number). */
  hasCountry: boolean;
}

export function channelOwn(id: string, channel: unknown, derived: DerivedChannelStatus = deriveChannelStatus(channel)): ChannelOwn {
  const clientId = pickText(channel, 'client_id') ?? pickText(channel, 'client', 'id');
  const wabaAccountId = pickText(channel, 'waba_account', 'id') ?? pickText(channel, 'waba_account_id');
  const foldedDisplay = derived.displayName ? foldForSearch(derived.displayName) : null;
  return {
    id,
    derived,
    embeddedCompany: pickText(channel, 'client', 'name'),
    embeddedEmail: pickText(channel, 'client', 'contact_info', 'email'),
    searchText: joinSearchTexts([
      foldedDisplay,
      searchTextOf([id, clientId, wabaAccountId, pickText(channel, 'waba_account', 'external_id')]),
    ]),
    phone: deriveChannelPhone(channel),
    hasCountry: channelCountry(channel) !== null,
    columns: {
      client_id: clientId,
      display_name: derived.displayName,
      display_sort: foldedDisplay === null ? null : sortKeyOfFolded(foldedDisplay),
      state: derived.state.id,
      state_order: derived.state.order,
      message_on_behalf: derived.messageOnBehalf.label,
      meta_business_verification: derived.metaBusinessVerification.label,
      number_registration: derived.numberRegistration.label,
      action_required: derived.actionRequired?.id ?? null,
      action_text: derived.actionRequired?.text ?? null,
      quality_rating: derived.qualityRating?.label ?? null,
      messaging_limit: derived.messagingLimit?.label ?? null,
      waba_account_id: wabaAccountId,
      status_fingerprint: storedFingerprint(derived),
      created_at: pickText(channel, 'created_at'),
      modified_at: pickText(channel, 'modified_at'),
    },
  };
}

/**
 * The channel's number: as read from its own record, unless that names no country, the value did not
 * parse without one, and the client's country reads it (a national "0151 2345678").
 */
export function channelPhone(own: ChannelOwn, client: ClientSummary | undefined): ParsedPhone | null {
  const phone = own.phone;
  if (phone === null || phone.e164 !== null || own.hasCountry || !client?.country) return phone;
  return parsePhone(phone.raw, client.country);
}

/** The whole row: the channel's own part plus what its client adds. */
export function completeChannelRow(own: ChannelOwn, raw: string, hash: string, client: ClientSummary | undefined): RecordRow {
  const companyName = client?.companyName ?? own.embeddedCompany;
  const phone = channelPhone(own, client);
  // The email the channel record embeds wins over its client's.
  const email = own.embeddedEmail ?? client?.email ?? null;
  const clientWords = client && own.embeddedEmail === null ? client.searchText : searchTextOf([companyName, email, client?.tag ?? null]);
  return {
    id: own.id,
    hash,
    raw,
    // Spelled out rather than spread: with `...own.columns` the write of 50,000 rows measured ~100 ms slower.
    columns: {
      client_id: own.columns.client_id,
      company_name: companyName,
      company_sort: client?.companySort ?? (companyName ? sortKeyOf(companyName) : null),
      display_name: own.columns.display_name,
      display_sort: own.columns.display_sort,
      phone_number: phone?.raw ?? null,
      phone_e164: phone?.e164 ?? null,
      email,
      state: own.columns.state,
      state_order: own.columns.state_order,
      message_on_behalf: own.columns.message_on_behalf,
      meta_business_verification: own.columns.meta_business_verification,
      number_registration: own.columns.number_registration,
      action_required: own.columns.action_required,
      action_text: own.columns.action_text,
      quality_rating: own.columns.quality_rating,
      messaging_limit: own.columns.messaging_limit,
      waba_account_id: own.columns.waba_account_id,
      status_fingerprint: own.columns.status_fingerprint,
      created_at: own.columns.created_at,
      modified_at: own.columns.modified_at,
      // A value that is not a phone number ("tbd") is found by the text shown on the card.
      search_text: joinSearchTexts([clientWords, own.searchText, phone !== null && phone.e164 === null ? foldForSearch(phone.raw) : null]),
      numbers: phone?.searchText ?? '',
    },
  };
}

/** A channel row in one go (for a single record; the sync uses the two parts). */
export function channelRow(
  id: string,
  channel: unknown,
  raw: string,
  hash: string,
  client: ClientSummary | undefined,
  derived: DerivedChannelStatus = deriveChannelStatus(channel),
): ChannelRowResult {
  return { derived, row: completeChannelRow(channelOwn(id, channel, derived), raw, hash, client) };
}
