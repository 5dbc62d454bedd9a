/**
 * Turns validated API records into store rows: the indexed columns, the folded search text, the
 * raw JSON and its content hash. The hash is computed first and alone: a record whose hash is
 * unchanged is skipped before any other work (a re-sync of 75,000 unchanged records writes nothing).
 */
import { createHash } from 'node:crypto';
import { pick, pickText } from '../../../shared/status/pick';
import { deriveChannelStatus, type DerivedChannelStatus } from '../../../shared/status';
import { searchTextOf, sortKeyOf } from '../../../shared/search-text';
import type { RecordRow } from '../store/record-tables';

/** Bump when the status rules change what they derive: every channel's indexed status columns are then rewritten. */
export const STATUS_RULES_VERSION = 1;

export const CLIENT_COLUMNS = ['name', 'organisation', 'name_sort', 'email', 'contact_name', 'status', 'max_channels', 'created_at', 'modified_at', 'search_text'] as const;
export const CHANNEL_COLUMNS = [
  'client_id',
  'company_name',
  'company_sort',
  'display_name',
  'display_sort',
  'phone_number',
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
] as const;

export function contentHash(raw: string): string {
  return createHash('sha1').update(raw).digest('base64');
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
}

/** The company name shown for a client: its organisation, else its name. */
export function clientSummary(client: unknown, id: string): ClientSummary {
  const companyName = pickText(client, 'organisation') ?? pickText(client, 'name') ?? id;
  return {
    id,
    companyName,
    companySort: sortKeyOf(companyName),
    email: pickText(client, 'contact_info', 'email') ?? pickText(client, 'contact_user', 'email'),
  };
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
      // The contact number as digits: numbers are searched by their digits, however they were typed.
      search_text: searchTextOf([name, organisation, email, contactName, id, pickText(client, 'partner_payload'), pickText(client, 'contact_info', 'phone')?.replace(/\D/g, '')]),
    },
  };
}

export interface ChannelRowResult {
  row: RecordRow;
  derived: DerivedChannelStatus;
}

/**
 * A channel's content hash. Its client supplies the company name and email shown with it, so the
 * hash covers those words too (a renamed client rewrites its channels' search text), and the rules'
 * version (new rules rewrite the indexed status columns).
 */
export function channelHash(raw: string, client: ClientSummary | undefined): string {
  return contentHash(`${raw}\u0000${client?.companyName ?? ''}\u0000${client?.email ?? ''}\u0000${STATUS_RULES_VERSION}`);
}

/** A channel row (call only for a record whose hash changed). */
export function channelRow(
  id: string,
  channel: unknown,
  raw: string,
  hash: string,
  client: ClientSummary | undefined,
  derived: DerivedChannelStatus = deriveChannelStatus(channel),
): ChannelRowResult {
  const clientId = pickText(channel, 'client_id') ?? pickText(channel, 'client', 'id');
  const companyName = client?.companyName ?? pickText(channel, 'client', 'name');
  const companySort = client?.companySort ?? (companyName ? sortKeyOf(companyName) : null);
  const email = pickText(channel, 'client', 'contact_info', 'email') ?? client?.email ?? null;
  const wabaAccountId = pickText(channel, 'waba_account', 'id') ?? pickText(channel, 'waba_account_id');
  const searchText = searchTextOf([
    companyName,
    derived.displayName,
    derived.phoneNumber,
    email,
    id,
    clientId,
    wabaAccountId,
    pickText(channel, 'waba_account', 'external_id'),
  ]);
  return {
    derived,
    row: {
      id,
      hash,
      raw,
      columns: {
        client_id: clientId,
        company_name: companyName ?? null,
        company_sort: companySort,
        display_name: derived.displayName,
        display_sort: derived.displayName ? sortKeyOf(derived.displayName) : null,
        phone_number: derived.phoneNumber,
        email,
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
        status_fingerprint: derived.fingerprint,
        created_at: pickText(channel, 'created_at'),
        modified_at: pickText(channel, 'modified_at'),
        search_text: searchText,
      },
    },
  };
}
