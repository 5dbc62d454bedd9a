/**
 * The shapes of the synced book of accounts as the renderer and the CLI see them: queries over
 * clients and channels, list items, details, sync status and notifications. Declared with zod so the
 * contract validates both directions.
 */
import { z } from 'zod';
import { ActionHintId, ChannelStateId, DerivedChannelStatus } from './status';
import { PendingOverlay } from './outbox';

const Page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) };
const SortDirection = z.enum(['asc', 'desc']).default('asc');

export const ChannelSort = z.enum(['company', 'display_name', 'phone', 'state', 'created', 'modified']);
export type ChannelSort = z.infer<typeof ChannelSort>;

export const ChannelQuery = z
  .object({
    search: z.string().max(200).default(''),
    states: z.array(ChannelStateId).max(50).default([]),
    /** Activation status filters match the labels the UI shows ("Verified", "Not available"...). */
    messageOnBehalf: z.array(z.string().max(100)).max(50).default([]),
    metaBusinessVerification: z.array(z.string().max(100)).max(50).default([]),
    numberRegistration: z.array(z.string().max(100)).max(50).default([]),
    clientId: z.string().max(100).optional(),
    actionRequired: z.boolean().optional(),
    /** The action hint the card shows, by kind (the Overview's "actions required" links). */
    actions: z.array(ActionHintId).max(50).default([]),
    /** Quality rating and messaging limit as the cards word them; "Not available" matches channels without one. */
    qualityRating: z.array(z.string().max(100)).max(20).default([]),
    messagingLimit: z.array(z.string().max(100)).max(20).default([]),
    /** Only these channels (a selection being exported). */
    ids: z.array(z.string().max(100)).max(50_000).optional(),
    includeRemoved: z.boolean().default(false),
    sort: ChannelSort.default('company'),
    direction: SortDirection,
    ...Page,
  })
  .strict();
export type ChannelQuery = z.infer<typeof ChannelQuery>;
export type ChannelQueryInput = z.input<typeof ChannelQuery>;

export const ChannelListItem = z.object({
  id: z.string(),
  clientId: z.string().nullable(),
  companyName: z.string().nullable(),
  displayName: z.string().nullable(),
  /** The WhatsApp number exactly as the Hub sent it (shown as is when it does not parse). */
  phoneNumber: z.string().nullable(),
  /** Its E.164 form ("+4930123456"), or null when the value is not a number this app can read. */
  phoneE164: z.string().nullable(),
  email: z.string().nullable(),
  status: DerivedChannelStatus,
  createdAt: z.string().nullable(),
  /** The Hub's modified_at: the last change the Hub recorded (the "Last changed" sort). */
  modifiedAt: z.string().nullable().optional(),
  syncedAt: z.string(),
  removedAt: z.string().nullable(),
  /** An open queued action on this record ("Cancellation queued", a pending limit); see shared/outbox.ts. */
  pending: PendingOverlay.nullable().optional(),
});
export type ChannelListItem = z.infer<typeof ChannelListItem>;

export const ChannelPage = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  items: z.array(ChannelListItem),
  /** Counts per state for the current search and other filters (the state filter itself excluded). */
  countsByState: z.record(z.string(), z.number().int()),
});
export type ChannelPage = z.infer<typeof ChannelPage>;

/** Counts of several filtered lists at once (saved views in the sidebar). */
export const ChannelCountsInput = z.object({ queries: z.array(ChannelQuery).max(50) }).strict();
export const ChannelCounts = z.object({ totals: z.array(z.number().int()) });

/** Every id of a filtered list in its order (select all), with each channel's client. */
export const ChannelIdsInput = z.object({ query: ChannelQuery, max: z.number().int().min(1).max(100_000).default(50_000) }).strict();
export const ChannelIds = z.object({ total: z.number().int(), items: z.array(z.tuple([z.string(), z.string().nullable()])) });
export type ChannelIds = z.infer<typeof ChannelIds>;

export const ClientSort = z.enum(['name', 'channels', 'created', 'modified']);
export const ClientQuery = z
  .object({
    search: z.string().max(200).default(''),
    includeRemoved: z.boolean().default(false),
    sort: ClientSort.default('name'),
    direction: SortDirection,
    ...Page,
  })
  .strict();
export type ClientQuery = z.infer<typeof ClientQuery>;
export type ClientQueryInput = z.input<typeof ClientQuery>;

export const ClientListItem = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string().nullable(),
  email: z.string().nullable(),
  contactName: z.string().nullable(),
  status: z.string().nullable(),
  maxChannels: z.number().int().nullable(),
  /** The partner's own tag for the client (partner_payload, §3.3), searchable and editable through the outbox. */
  partnerPayload: z.string().nullable().default(null),
  /** The contact's country as the Hub sent it (ISO alpha-2): numbers written nationally are read in it. */
  country: z.string().nullable().default(null),
  /** The contact's phone number as the Hub sent it, and its E.164 form when it is one (shared/format/phone.ts). */
  phoneNumber: z.string().nullable().default(null),
  phoneE164: z.string().nullable().default(null),
  channelCount: z.number().int(),
  /** Of its channels, how many ask something of the client (an action required). */
  needsAction: z.number().int().optional(),
  /** The balance as last read from the Hub (null: never read, or the client does not pay 360dialog directly). */
  balance: z.object({ amount: z.number(), currency: z.string().nullable(), fetchedAt: z.string() }).nullable().optional(),
  createdAt: z.string().nullable(),
  syncedAt: z.string(),
  removedAt: z.string().nullable(),
  /** An open queued action on this record ("Cancellation queued", a pending limit); see shared/outbox.ts. */
  pending: PendingOverlay.nullable().optional(),
});
export type ClientListItem = z.infer<typeof ClientListItem>;

export const ClientPage = z.object({ total: z.number().int(), offset: z.number().int(), items: z.array(ClientListItem) });
export type ClientPage = z.infer<typeof ClientPage>;

export const ChannelDetails = z.object({
  channel: ChannelListItem,
  client: ClientListItem.nullable(),
  /** The record as the Partner API sent it (unknown fields kept), for support cases. */
  raw: z.unknown(),
});
export type ChannelDetails = z.infer<typeof ChannelDetails>;

/**
 * `waiting`: another Partner Desk process (the app, web mode, the CLI) is syncing this profile, and
 * this process's sync runs after it; `elsewhere`: another process is syncing, and this one is not.
 */
export const SyncPhase = z.enum(['idle', 'waiting', 'elsewhere', 'clients', 'channels', 'writing', 'done']);
export const SyncStatus = z.object({
  profileId: z.string().nullable(),
  state: z.enum(['idle', 'running', 'succeeded', 'failed', 'offline']),
  phase: SyncPhase,
  done: z.number().int(),
  total: z.number().int().nullable(),
  /** While listing: each listing's own progress (they are read side by side; `done`/`total` add them up). */
  listing: z
    .object({
      clients: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
      channels: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
    })
    .nullable()
    .optional(),
  lastSucceededAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  counts: z.object({ clients: z.number().int(), channels: z.number().int() }),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const NotificationItem = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  clientId: z.string().nullable(),
  channelId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationPage = z.object({ unread: z.number().int(), items: z.array(NotificationItem) });
export type NotificationPage = z.infer<typeof NotificationPage>;
