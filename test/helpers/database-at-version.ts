/**
 * A database as an earlier version of Partner Desk left it: the migrations up to `version` applied,
 * then realistic rows in every table that version had (two partner profiles, clients and channels
 * with their raw JSON as the Hub sends it, queued and finished actions with their overlays, a sync
 * history, notifications, balances, templates, keys' metadata, permission links...). Rows are
 * written only into the columns the table has at that version, so one list serves every version:
 * channels.company_sort is filled at versions 2-3 and gone from 4 on.
 *
 * A new migration that adds a table must add rows for it to SAMPLE_ROWS (the upgrade test says so);
 * a new NOT NULL column without a default needs a value in its table's rows here.
 */
import type Database from 'better-sqlite3';
import { openDatabase } from '@core/store/database';
import { MIGRATIONS } from '@core/store/migrations';

type SqlValue = string | number | null;
type Row = Record<string, SqlValue>;

const T0 = '2026-11-02T08:15:00.000Z';
const T1 = '2026-11-30T17:42:10.000Z';
const MS1 = Date.parse(T1);

const clientRaw = (id: string, name: string, maxChannels: number, payload: string | null) =>
  JSON.stringify({
    id,
    name,
    status: 'active',
    organisation: name,
    max_channels: maxChannels,
    partner_payload: payload,
    contact_info: { email: `ops@${id.toLowerCase()}.example`, full_name: 'Jane Doe', country: 'DE' },
    created_at: '2024-03-01T09:12:44Z',
    modified_at: '2024-06-10T15:02:11Z',
    a_field_the_app_does_not_know: { kept: true },
  });

const channelRaw = (id: string, clientId: string, phone: string, mode: 'live' | 'sandbox', terminatedAt: string | null) =>
  JSON.stringify({
    id,
    client_id: clientId,
    account_mode: mode,
    status: mode === 'live' ? 'ready' : 'unverified',
    created_at: '2024-03-01T09:20:00Z',
    billing_started_at: mode === 'live' ? '2024-03-02T00:00:00Z' : null,
    terminated_at: terminatedAt,
    current_limit: mode === 'live' ? 'TIER_1K' : null,
    current_quality_rating: mode === 'live' ? 'GREEN' : null,
    setup_info: { phone_number: phone, phone_name: 'Müller Support ✓' },
    waba_account: { id: 'DWLgd6WA', fb_account_status: 'verified', on_behalf_of_business_info: { status: 'approved' } },
    integration: { enabled: true, app_id: '104148', state: 'running' },
  });

const client = (
  rid: number,
  profile: string,
  id: string,
  name: string,
  maxChannels: number,
  payload: string | null,
  removedAt: string | null = null,
): Row => ({
  rid,
  profile_id: profile,
  id,
  name,
  organisation: name,
  name_sort: name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''),
  email: `ops@${id.toLowerCase()}.example`,
  contact_name: 'Jane Doe',
  status: 'active',
  max_channels: maxChannels,
  created_at: '2024-03-01T09:12:44Z',
  modified_at: '2024-06-10T15:02:11Z',
  hash: `c${rid}`.padEnd(64, '0'),
  raw: clientRaw(id, name, maxChannels, payload),
  search_text: `${name.toLowerCase()} ops@${id.toLowerCase()}.example ${id.toLowerCase()}`,
  synced_at: T1,
  removed_at: removedAt,
});

const channel = (
  rid: number,
  profile: string,
  id: string,
  clientId: string,
  company: string,
  phone: string,
  state: string,
  stateOrder: number,
  terminatedAt: string | null = null,
): Row => ({
  rid,
  profile_id: profile,
  id,
  client_id: clientId,
  company_name: company,
  company_sort: company.toLowerCase(),
  display_name: 'Müller Support ✓',
  display_sort: 'muller support ✓',
  phone_number: phone,
  email: `ops@${clientId.toLowerCase()}.example`,
  state,
  state_order: stateOrder,
  message_on_behalf: 'approved',
  meta_business_verification: 'verified',
  number_registration: state === 'live' ? 'registered' : 'pending',
  action_required: null,
  action_text: null,
  quality_rating: state === 'live' ? 'GREEN' : null,
  messaging_limit: state === 'live' ? 'TIER_1K' : null,
  waba_account_id: 'DWLgd6WA',
  status_fingerprint: `{"state":"${state}","v":3}`,
  created_at: '2024-03-01T09:20:00Z',
  modified_at: '2024-06-10T15:02:11Z',
  hash: `h${rid}`.padEnd(64, '0'),
  raw: channelRaw(id, clientId, phone, state === 'live' || state === 'pending_deletion' ? 'live' : 'sandbox', terminatedAt),
  synced_at: T1,
  removed_at: null,
});

const action = (
  seq: number,
  id: string,
  profile: string,
  kind: string,
  target: string,
  state: string,
  payload: object,
  extra: Row = {},
): Row => ({
  seq,
  id,
  profile_id: profile,
  kind,
  target,
  payload: JSON.stringify(payload),
  seen_version: JSON.stringify({ hash: `h${seq}`.padEnd(64, '0') }),
  state,
  attempts: state === 'queued' ? 0 : 1,
  next_attempt_at: MS1,
  uncertain: 0,
  claimed_by: null,
  last_error: null,
  conflict: null,
  result: null,
  created_at: T0,
  updated_at: T1,
  sent_at: state === 'queued' ? null : T1,
  finished_at: state === 'done' || state === 'failed' ? T1 : null,
  ...extra,
});

/**
 * Rows per table, in an order that satisfies the foreign keys. Tables listed with no rows are empty
 * in a database at rest on purpose (the reason is beside them).
 */
export const SAMPLE_ROWS: Record<string, Row[]> = {
  profiles: [
    {
      id: 'p1',
      partner_id: 'f167CmPA',
      label: 'Acme Partner GmbH',
      auth_method: 'api_key',
      hub_url: 'https://hub.360dialog.io/api/v2',
      created_at: T0,
      last_used_at: T1,
    },
    {
      id: 'p2',
      partner_id: 'demoPA',
      label: 'Demo',
      auth_method: 'demo',
      hub_url: 'http://127.0.0.1:4010/api/v2',
      created_at: T0,
      last_used_at: null,
    },
  ],
  settings: [{ key: 'active_profile_id', value: 'p1' }],
  // Before channel_search: from version 5 on, its triggers bump these.
  channel_generations: [{ profile_id: 'p1', generation: 7 }],
  clients: [
    client(1, 'p1', '3CpBg3xvCL', 'Acme GmbH', 3, 'crm-4711'),
    client(2, 'p1', 'jno40M5NCL', 'Ägypten Reisen', 1, null),
    client(3, 'p1', 'gone01CL', 'Former Client Ltd', 2, null, T1),
    client(4, 'p2', 'demo01CL', 'שלום Trading', 2, 'demo'),
  ],
  channels: [
    channel(1, 'p1', 'aB3dE5CH', '3CpBg3xvCL', 'Acme GmbH', '4930123456', 'live', 1),
    channel(2, 'p1', 'kL9mN2CH', '3CpBg3xvCL', 'Acme GmbH', '4930987654', 'draft', 5),
    channel(3, 'p1', 'pD0eL1CH', 'jno40M5NCL', 'Ägypten Reisen', '201001234567', 'pending_deletion', 3, '2026-12-31T23:59:59Z'),
    channel(4, 'p2', 'demo1aCH', 'demo01CL', 'שלום Trading', '972501234567', 'live', 1),
  ],
  channel_search: [
    {
      rid: 1,
      profile_id: 'p1',
      state: 'live',
      removed: 0,
      company_sort: 'acme gmbh',
      search_text: 'acme gmbh müller support 4930123456 ab3de5ch',
    },
    { rid: 2, profile_id: 'p1', state: 'draft', removed: 0, company_sort: 'acme gmbh', search_text: 'acme gmbh 4930987654 kl9mn2ch' },
    {
      rid: 3,
      profile_id: 'p1',
      state: 'pending_deletion',
      removed: 0,
      company_sort: 'agypten reisen',
      search_text: 'agypten reisen 201001234567 pd0el1ch',
    },
    {
      rid: 4,
      profile_id: 'p2',
      state: 'live',
      removed: 0,
      company_sort: 'שלום trading',
      search_text: 'שלום trading 972501234567 demo1ach',
    },
  ],
  balances: [
    {
      profile_id: 'p1',
      client_id: '3CpBg3xvCL',
      available: 1,
      currency: 'EUR',
      balance: 125.5,
      raw: JSON.stringify({ balance: 125.5, currency: 'EUR', usage: [] }),
      reason: null,
      fetched_at: T1,
    },
    {
      profile_id: 'p1',
      client_id: 'jno40M5NCL',
      available: 0,
      currency: null,
      balance: null,
      raw: null,
      reason: 'Not available for this client (partner payment).',
      fetched_at: T1,
    },
  ],
  templates: [
    {
      profile_id: 'p1',
      waba_account_id: 'DWLgd6WA',
      id: 'tpl1',
      name: 'order_update',
      language: 'de',
      category: 'UTILITY',
      status: 'approved',
      raw: JSON.stringify({ id: 'tpl1', name: 'order_update', status: 'approved' }),
    },
    {
      profile_id: 'p1',
      waba_account_id: 'DWLgd6WA',
      id: 'tpl2',
      name: 'spring_sale',
      language: 'en',
      category: 'MARKETING',
      status: 'rejected',
      raw: JSON.stringify({ id: 'tpl2', status: 'rejected', rejected_reason: 'INVALID_FORMAT' }),
    },
  ],
  template_fetches: [{ profile_id: 'p1', waba_account_id: 'DWLgd6WA', fetched_at: T1 }],
  sync_runs: [
    {
      id: 1,
      profile_id: 'p1',
      started_at: T0,
      finished_at: T0,
      status: 'succeeded',
      error_code: null,
      error_message: null,
      stats: JSON.stringify({ channels: { inserted: 3, updated: 0, unchanged: 0, removed: 0, quarantined: 0 } }),
      owner: null,
      heartbeat_at: null,
    },
    {
      id: 2,
      profile_id: 'p1',
      started_at: T1,
      finished_at: T1,
      status: 'offline',
      error_code: 'offline',
      error_message: 'The Hub could not be reached.',
      stats: null,
      owner: null,
      heartbeat_at: null,
    },
    {
      id: 3,
      profile_id: 'p2',
      started_at: T1,
      finished_at: T1,
      status: 'succeeded',
      error_code: null,
      error_message: null,
      stats: null,
      owner: 'laptop\t4242\tab12cd34',
      heartbeat_at: null,
    },
  ],
  notifications: [
    {
      id: 1,
      profile_id: 'p1',
      created_at: T1,
      client_id: '3CpBg3xvCL',
      channel_id: 'aB3dE5CH',
      title: 'Acme GmbH +4930123456',
      body: 'Meta business verification: Pending → Verified',
      changes: JSON.stringify([{ field: 'meta_business_verification', from: 'pending', to: 'verified' }]),
      read_at: null,
    },
    {
      id: 2,
      profile_id: 'p1',
      created_at: T1,
      client_id: 'jno40M5NCL',
      channel_id: 'pD0eL1CH',
      title: 'Ägypten Reisen +201001234567',
      body: 'Pending deletion',
      changes: '[]',
      read_at: T1,
    },
  ],
  quarantine: [
    {
      id: 1,
      profile_id: 'p1',
      resource: 'channels',
      record_id: 'bad01CH',
      raw: '{"id":"bad01CH","client_id":42}',
      reason: 'client_id: expected a string',
      seen_at: T1,
    },
  ],
  outbox: [
    action(
      1,
      'a-cancel',
      'p1',
      'cancel_channel',
      'channel:pD0eL1CH',
      'done',
      { clientId: 'jno40M5NCL', channelId: 'pD0eL1CH' },
      { result: JSON.stringify({ outcome: 'cancelled' }) },
    ),
    action(2, 'a-limit', 'p1', 'set_max_channels', 'client:3CpBg3xvCL', 'queued', { clientId: '3CpBg3xvCL', maxChannels: 5 }),
    action(
      3,
      'a-key',
      'p1',
      'generate_api_key',
      'channel:aB3dE5CH',
      'failed',
      { channelId: 'aB3dE5CH' },
      { last_error: JSON.stringify({ code: 'forbidden', message: 'Forbidden' }) },
    ),
    action(
      5,
      'a-health',
      'p1',
      'check_health',
      'channel:aB3dE5CH',
      'sending',
      { channelId: 'aB3dE5CH' },
      { claimed_by: 'runner-1', uncertain: 1 },
    ),
  ],
  pending_effects: [
    {
      profile_id: 'p1',
      target: 'client:3CpBg3xvCL',
      action_id: 'a-limit',
      kind: 'set_max_channels',
      state: 'queued',
      label: 'Limit 5 queued',
      value: '5',
    },
  ],
  channel_keys: [
    {
      profile_id: 'p1',
      channel_id: 'aB3dE5CH',
      key_id: '201126',
      address: 'https://waba-v2.360dialog.io',
      app_id: '104148',
      generated_at: T0,
      action_id: 'a-key',
    },
  ],
  health_checks: [
    {
      profile_id: 'p1',
      channel_id: 'aB3dE5CH',
      requested_at: MS1,
      checked_at: MS1,
      gateway_status: 'AVAILABLE',
      nodes: JSON.stringify([{ entity: 'PHONE_NUMBER', can_send_message: 'AVAILABLE' }]),
      phone_number: null,
      error: null,
    },
  ],
  outbox_lease: [{ id: 1, holder: 'runner-1', pid: 4242, host: 'laptop', expires_at: MS1 + 30_000 }],
  // A sync lists its profile here only for the length of its write transaction.
  channel_bulk_writes: [],
  partner_settings: [
    {
      profile_id: 'p1',
      raw: JSON.stringify({
        id: 'f167CmPA',
        brand_name: 'Acme Partner',
        webhook_url: 'https://acme.example/hooks/360',
        partner_redirect_url: 'https://acme.example/onboarded',
      }),
      fetched_at: T1,
    },
  ],
  book_days: [
    {
      profile_id: 'p1',
      day: '2026-11-30',
      recorded_at: T1,
      counts: JSON.stringify({ channels: 2, clients: 2, needsAction: 1, byState: { live: 1, draft: 1 } }),
    },
  ],
  permission_links: [
    {
      id: 'l1',
      profile_id: 'p1',
      state: 'st-8f2a',
      url: 'https://hub.360dialog.com/dashboard/app/f167CmPA/permissions?state=st-8f2a',
      origin: 'link',
      client_id: null,
      email: 'new@client.example',
      name: 'New Client',
      number: '+4915123456789',
      partner_payload: 'crm-4712',
      redirect_url: 'https://acme.example/onboarded',
      language: 'de',
      created_at: T0,
      shared: '["copied"]',
      used_at: T1,
      matched_by: 'redirect',
      result: JSON.stringify({ client: 'newCL', channels: ['newCH'] }),
      notified: '["newCH"]',
    },
    {
      id: 'l2',
      profile_id: 'p1',
      state: null,
      url: null,
      origin: 'redirect',
      client_id: '3CpBg3xvCL',
      email: null,
      name: null,
      number: null,
      partner_payload: null,
      redirect_url: null,
      language: null,
      created_at: T1,
      shared: '[]',
      used_at: T1,
      matched_by: null,
      result: null,
      notified: '[]',
    },
  ],
};

/** Tables that exist in a database, in creation order (sqlite's own and internal ones left out). */
export function tablesOf(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);
}

export function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((r) => r.name);
}

/**
 * Writes the sample rows of every table the database has, into the columns it has. A table with no
 * entry in SAMPLE_ROWS, or a required column none of its rows fills, is a mistake in this file.
 */
export function insertSampleRows(db: Database.Database): void {
  const tables = new Set(tablesOf(db));
  const missing = [...tables].filter((t) => !(t in SAMPLE_ROWS));
  if (missing.length) {
    throw new Error(
      `No sample rows for table(s) ${missing.join(', ')}: add realistic rows to SAMPLE_ROWS in test/helpers/database-at-version.ts (or [] with the reason why it is empty at rest).`,
    );
  }
  db.transaction(() => {
    for (const [table, rows] of Object.entries(SAMPLE_ROWS)) {
      if (!tables.has(table)) continue;
      const columns = new Set(columnsOf(db, table));
      for (const row of rows) {
        const names = Object.keys(row).filter((name) => columns.has(name));
        const sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
        try {
          db.prepare(sql).run(...names.map((name) => row[name] ?? null));
        } catch (error) {
          throw new Error(`Sample row for ${table} does not fit its schema (${(error as Error).message}): ${JSON.stringify(row)}`, {
            cause: error,
          });
        }
      }
    }
  }).immediate();
}

/** The schema versions there are, oldest first. */
export const SCHEMA_VERSIONS = MIGRATIONS.map((m) => m.version).sort((a, b) => a - b);

/** A database file at `version` (migrations 1..version applied) holding the sample rows; closed. */
export function createDatabaseAtVersion(file: string, version: number): void {
  if (!SCHEMA_VERSIONS.includes(version))
    throw new Error(`There is no schema version ${version}; there are ${SCHEMA_VERSIONS.join(', ')}.`);
  const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= version) });
  try {
    insertSampleRows(db);
  } finally {
    db.close();
  }
}
