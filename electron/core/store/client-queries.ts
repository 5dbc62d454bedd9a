/** Client list queries: search, sort, paging, each client's live channel count. */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ClientListItem, ClientPage, ClientQuery } from '@shared/accounts';
import { parsePhone } from '@shared/format/phone';
import { searchTerms } from '@shared/search-text';
import { confirmedSyncedAt, lastConfirmedAt } from './confirmed-at';

const SORT_SQL: Record<ClientQuery['sort'], string> = {
  name: 'k.name_sort',
  channels: 'channel_count',
  created: 'k.created_at',
  modified: 'k.modified_at',
};

const Row = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string().nullable(),
  email: z.string().nullable(),
  contact_name: z.string().nullable(),
  status: z.string().nullable(),
  max_channels: z.number().int().nullable(),
  partner_payload: z.string().nullable(),
  country: z.unknown().transform((value) => (typeof value === 'string' ? value : null)),
  phone: z.unknown(),
  channel_count: z.number().int(),
  needs_action: z.number().int(),
  balance: z.number().nullable(),
  balance_currency: z.string().nullable(),
  balance_at: z.string().nullable(),
  created_at: z.string().nullable(),
  synced_at: z.string(),
  removed_at: z.string().nullable(),
});

const SELECT = `
  SELECT k.id, k.name, k.organisation, k.email, k.contact_name, k.status, k.max_channels, json_extract(k.raw, '$.partner_payload') AS partner_payload,
         json_extract(k.raw, '$.contact_info.country') AS country,
         coalesce(json_extract(k.raw, '$.contact_info.phone'), json_extract(k.raw, '$.contact_user.phone')) AS phone, k.created_at, k.synced_at, k.removed_at,
         (SELECT count(*) FROM channels c WHERE c.profile_id = k.profile_id AND c.client_id = k.id AND c.removed_at IS NULL) AS channel_count,
         (SELECT count(*) FROM channels c WHERE c.profile_id = k.profile_id AND c.client_id = k.id AND c.removed_at IS NULL AND c.action_required IS NOT NULL) AS needs_action,
         b.balance AS balance, b.currency AS balance_currency, b.fetched_at AS balance_at
  FROM clients k
  LEFT JOIN balances b ON b.profile_id = k.profile_id AND b.client_id = k.id AND b.available = 1`;

function toItem(row: unknown, confirmedAt: string | null): ClientListItem {
  const r = Row.parse(row);
  // Read as the sync read it for the search (record-rows.ts): in the client's country.
  const phone = parsePhone(r.phone, r.country);
  return {
    id: r.id,
    name: r.name,
    organisation: r.organisation,
    email: r.email,
    contactName: r.contact_name,
    status: r.status,
    maxChannels: r.max_channels,
    partnerPayload: r.partner_payload,
    country: r.country,
    phoneNumber: phone?.raw ?? null,
    phoneE164: phone?.e164 ?? null,
    channelCount: r.channel_count,
    needsAction: r.needs_action,
    balance:
      r.balance !== null && r.balance_at !== null ? { amount: r.balance, currency: r.balance_currency, fetchedAt: r.balance_at } : null,
    createdAt: r.created_at,
    syncedAt: confirmedSyncedAt(r, confirmedAt),
    removedAt: r.removed_at,
  };
}

export class ClientQueries {
  constructor(private readonly db: Database.Database) {}

  list(profileId: string, query: ClientQuery): ClientPage {
    const clauses = ['k.profile_id = ?'];
    const params: Array<string | number> = [profileId];
    if (!query.includeRemoved) clauses.push('k.removed_at IS NULL');
    // As for channels: a term written as a number matches the contact numbers, however they were written.
    for (const term of searchTerms(query.search)) {
      const alternatives: string[] = [];
      if (term.text !== null) {
        alternatives.push('instr(k.search_text, ?) > 0');
        params.push(term.text);
      }
      for (const needle of term.numbers ?? []) {
        alternatives.push('instr(k.numbers, ?) > 0');
        params.push(needle);
        // A number also finds the client of the WhatsApp number it is, not only its contact.
        alternatives.push(
          `k.id IN (SELECT c.client_id FROM channel_search s JOIN channels c ON c.rid = s.rid
             WHERE s.profile_id = k.profile_id AND s.removed = 0 AND instr(s.numbers, ?) > 0)`,
        );
        params.push(needle);
      }
      clauses.push(`(${alternatives.join(' OR ')})`);
    }
    const where = clauses.join(' AND ');
    const { n: total } = this.db.prepare(`SELECT count(*) AS n FROM clients k WHERE ${where}`).get(...params) as { n: number };
    const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
    const rows = this.db
      .prepare(`${SELECT} WHERE ${where} ORDER BY ${SORT_SQL[query.sort]} ${direction} NULLS LAST, k.id ${direction} LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset);
    const confirmedAt = lastConfirmedAt(this.db, profileId);
    return { total, offset: query.offset, items: rows.map((row) => toItem(row, confirmedAt)) };
  }

  get(profileId: string, clientId: string): ClientListItem | null {
    const row = this.db.prepare(`${SELECT} WHERE k.profile_id = ? AND k.id = ?`).get(profileId, clientId);
    return row ? toItem(row, lastConfirmedAt(this.db, profileId)) : null;
  }

  counts(profileId: string): { clients: number; channels: number } {
    const clients = this.db.prepare('SELECT count(*) AS n FROM clients WHERE profile_id = ? AND removed_at IS NULL').get(profileId) as {
      n: number;
    };
    // From the narrow search table: counting the wide channel rows would read every one of them.
    const channels = this.db.prepare('SELECT count(*) AS n FROM channel_search WHERE profile_id = ? AND removed = 0').get(profileId) as {
      n: number;
    };
    return { clients: clients.n, channels: channels.n };
  }
}
