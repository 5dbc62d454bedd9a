/**
 * The local copy of the records actions are about: what an action needs to be queued (who the
 * client is, the number, the channel count) and what a sync just wrote (to spot conflicts), plus
 * writing back the record a successful action returned, so the card shows "Pending deletion" or the
 * new limit without waiting for the next sync.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { pickText } from '@shared/status/pick';
import type { Channel, Client, Partner } from '../api';
import { parseClient, parsePartner } from '../api';
import { parseJsonOr } from '../store/json-column';
import type { RecordTableWriter, StoredHash } from '../store/record-tables';
import type { NewNotification } from '../store/notification-store';
import { previousStatusIfChanged, statusChangeNotification } from '../sync/notify-changes';
import { channelHash, channelRow, clientRow, clientSummary, contentHash } from '../sync/record-rows';

export interface LocalChannel {
  id: string;
  clientId: string | null;
  companyName: string | null;
  /** E.164 ("+4930123456"), else the number exactly as the Hub sent it. */
  phoneNumber: string | null;
  displayName: string | null;
  state: string;
  terminatedAt: string | null;
  modifiedAt: string | null;
  removed: boolean;
}

export interface LocalClient {
  id: string;
  name: string;
  organisation: string | null;
  maxChannels: number | null;
  /** The partner's own tag for the client (§3.3), as last synced. */
  partnerPayload: string | null;
  /** The contact's country as the Hub sent it (ISO alpha-2): the region of numbers written nationally. */
  country: string | null;
  /** Channels listed for the client (not removed), pending deletion included: they still exist. */
  channelCount: number;
  modifiedAt: string | null;
  removed: boolean;
}

const ChannelRow = z.object({
  id: z.string(),
  client_id: z.string().nullable(),
  company_name: z.string().nullable(),
  phone_number: z.string().nullable(),
  display_name: z.string().nullable(),
  state: z.string(),
  modified_at: z.string().nullable(),
  removed_at: z.string().nullable(),
  raw: z.string(),
});

const ClientRow = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string().nullable(),
  max_channels: z.number().int().nullable(),
  partner_payload: z.string().nullable(),
  country: z.unknown().transform((value) => (typeof value === 'string' ? value : null)),
  modified_at: z.string().nullable(),
  removed_at: z.string().nullable(),
  channel_count: z.number().int(),
});

const PartnerRow = z.object({ raw: z.string(), fetched_at: z.string() });

const HashRow = z.object({ rid: z.number().int(), hash: z.string(), removed_at: z.string().nullable() });

export class LocalRecords {
  constructor(
    private readonly db: Database.Database,
    private readonly writers: { clients: RecordTableWriter; channels: RecordTableWriter },
    /** Status changes an action brought about are news like any other (a sync would not see them). */
    private readonly notify: (profileId: string, at: string, notification: NewNotification) => void = () => undefined,
  ) {}

  channel(profileId: string, id: string): LocalChannel | null {
    const row = ChannelRow.safeParse(
      this.db
        .prepare(
          `SELECT c.id, c.client_id, c.company_name, coalesce(c.phone_e164, c.phone_number) AS phone_number, c.display_name, c.state, c.modified_at, c.removed_at, c.raw
           FROM channels c WHERE c.profile_id = ? AND c.id = ?`,
        )
        .get(profileId, id),
    );
    if (!row.success) return null;
    const r = row.data;
    return {
      id: r.id,
      clientId: r.client_id,
      companyName: r.company_name,
      phoneNumber: r.phone_number,
      displayName: r.display_name,
      state: r.state,
      terminatedAt: pickText(parseJsonOr(r.raw, null), 'terminated_at'),
      modifiedAt: r.modified_at,
      removed: r.removed_at !== null,
    };
  }

  client(profileId: string, id: string): LocalClient | null {
    const row = ClientRow.safeParse(
      this.db
        .prepare(
          `SELECT k.id, k.name, k.organisation, k.max_channels, json_extract(k.raw, '$.partner_payload') AS partner_payload,
                  json_extract(k.raw, '$.contact_info.country') AS country, k.modified_at, k.removed_at,
                  (SELECT count(*) FROM channels c WHERE c.profile_id = k.profile_id AND c.client_id = k.id AND c.removed_at IS NULL) AS channel_count
           FROM clients k WHERE k.profile_id = ? AND k.id = ?`,
        )
        .get(profileId, id),
    );
    if (!row.success) return null;
    const r = row.data;
    return {
      id: r.id,
      name: r.name,
      organisation: r.organisation,
      maxChannels: r.max_channels,
      partnerPayload: r.partner_payload,
      country: r.country,
      channelCount: r.channel_count,
      modifiedAt: r.modified_at,
      removed: r.removed_at !== null,
    };
  }

  private stored(table: 'channels' | 'clients', profileId: string, id: string): StoredHash | undefined {
    const row = HashRow.safeParse(
      this.db.prepare(`SELECT rid, hash, removed_at FROM ${table} WHERE profile_id = ? AND id = ?`).get(profileId, id),
    );
    return row.success ? { rid: row.data.rid, hash: row.data.hash, removed: row.data.removed_at !== null } : undefined;
  }

  /** Writes the channel as the Hub just returned it; call inside the transaction that marks the action done. */
  writeChannel(profileId: string, channel: Channel, at: string): void {
    const owner = this.db.prepare('SELECT raw FROM clients WHERE profile_id = ? AND id = ?').get(profileId, channel.client_id) as
      { raw: string } | undefined;
    const parsedOwner = owner ? parseClient(parseJsonOr(owner.raw, null)) : null;
    const summary = parsedOwner?.ok ? clientSummary(parsedOwner.value, channel.client_id) : undefined;
    const raw = JSON.stringify(channel);
    const { row, derived } = channelRow(channel.id, channel, raw, channelHash(contentHash(raw), summary), summary);
    const stored = this.stored('channels', profileId, channel.id);
    const before = previousStatusIfChanged(this.writers.channels, stored, derived);
    this.writers.channels.write(profileId, row, stored, at);
    const text = (value: string | number | null | undefined) => (typeof value === 'string' ? value : null);
    const who = {
      id: channel.id,
      clientId: channel.client_id,
      companyName: summary?.companyName ?? null,
      phoneNumber: text(row.columns.phone_e164) ?? text(row.columns.phone_number),
    };
    const notification = before && statusChangeNotification(who, before, derived);
    if (notification) this.notify(profileId, at, notification);
  }

  /** The partner record (`GET /partners/{pid}`) as last read, with when; null if never read. */
  partner(profileId: string): { record: Partner; fetchedAt: string } | null {
    const row = PartnerRow.safeParse(this.db.prepare('SELECT raw, fetched_at FROM partner_settings WHERE profile_id = ?').get(profileId));
    if (!row.success) return null;
    const parsed = parsePartner(parseJsonOr(row.data.raw, null));
    return parsed.ok ? { record: parsed.value, fetchedAt: row.data.fetched_at } : null;
  }

  /** Keeps the partner record as the Hub just returned it (a read, or the answer to a settings change). */
  writePartner(profileId: string, partner: Partner, at: string): void {
    this.db
      .prepare(
        'INSERT INTO partner_settings (profile_id, raw, fetched_at) VALUES (?, ?, ?) ON CONFLICT (profile_id) DO UPDATE SET raw = excluded.raw, fetched_at = excluded.fetched_at',
      )
      .run(profileId, JSON.stringify(partner), at);
  }

  /** Writes the client as the Hub just returned it; call inside the transaction that marks the action done. */
  writeClient(profileId: string, client: Client, at: string): void {
    const raw = JSON.stringify(client);
    const row = clientRow(client.id, client, raw, contentHash(raw), clientSummary(client, client.id));
    this.writers.clients.write(profileId, row, this.stored('clients', profileId, client.id), at);
  }
}
