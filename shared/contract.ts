/**
 * The one contract between renderer and main. Every request the renderer may make and every event
 * main may push is declared here once, with zod schemas. The Electron preload, the IPC wiring, the
 * web-mode HTTP transport and the renderer's typed client are all derived from this object, so a
 * request exists everywhere or nowhere.
 */
import { z } from 'zod';
import { isEventName, isRequestName, type EVENT_NAME_LIST, type REQUEST_NAME_LIST } from './contract-names';
import { AppCommand, UpdateState } from './shell';
import {
  ChannelCounts,
  ChannelCountsInput,
  ChannelDetails,
  ChannelIds,
  ChannelIdsInput,
  ChannelPage,
  ChannelQuery,
  ClientListItem,
  ClientPage,
  ClientQuery,
  NotificationPage,
  SyncStatus,
} from './accounts';
import { BookOverview } from './book';
import { BulkPreview, BulkPreviewInput, BulkResult, BulkRunInput } from './bulk';
import { ChannelHistory, ChannelHistoryInput } from './history';
import { ChannelTemplates, ClientBalanceInfo, InsightCancel, InsightRequest, InsightsChanged } from './insights';
import { ExportChannelsInput, ExportChannelsResult, RevealExportInput, RevealExportResult } from './export';
import {
  ActionIdInput,
  ActionPreview,
  ActionPreviewInput,
  ApiKeyInfo,
  CancelChannelInput,
  ChannelHealth,
  ChannelIdInput,
  CopyApiKeyResult,
  GenerateApiKeyInput,
  HealthInput,
  NetworkInput,
  OutboxAction,
  OutboxPage,
  OutboxQuery,
  OutboxStatus,
  PushResult,
  SetMaxChannelsInput,
  SetPartnerPayloadInput,
  SetPartnerSettingsInput,
  WithdrawCancellationInput,
} from './outbox';
import {
  LinkIdInput,
  LinkList,
  LinkListInput,
  MarkSharedInput,
  PartnerSettings,
  PartnerSettingsInput,
  PermissionLink,
  PermissionLinkDetails,
  PermissionLinkInput,
  ReadRedirectInput,
  RedirectReading,
} from './onboarding';
import { RepairResult, StoreStatus } from './store';

const NoInput = z.object({}).strict();

export const AuthMethod = z.enum(['api_key', 'token', 'demo']);
export type AuthMethod = z.infer<typeof AuthMethod>;

/** A partner id as the Hub issues them (they end in "PA"); kept loose but bounded. */
export const PartnerId = z
  .string()
  .trim()
  .min(2, 'Enter your partner id (it ends in "PA", e.g. f167CmPA).')
  .max(64, 'A partner id is at most 64 characters.')
  .regex(/^[A-Za-z0-9_-]+$/, 'A partner id contains only letters, digits, "-" and "_".');

export const ProfileSummary = z.object({
  id: z.string(),
  partnerId: z.string(),
  label: z.string(),
  authMethod: AuthMethod,
  hubUrl: z.string(),
  /** Whether the keychain holds this profile's credential. The credential itself never leaves main. */
  hasSecret: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;

export const ConnectionState = z.object({
  /**
   * One state for the whole app (electron/core/session/connection-machine.ts). `unchecked`: this
   * process has not asked the Hub (the CLI's commands that read the local copy never do);
   * `offline`: no network; `hub_unavailable`: the network works, the Hub does not answer or answers
   * 5xx; `key_rejected`: the Hub refused the credential (or the keychain holds none); `error`: a
   * local failure (the keychain).
   */
  status: z.enum(['signed_out', 'unchecked', 'connecting', 'connected', 'offline', 'hub_unavailable', 'key_rejected', 'error']),
  partner: z.object({ id: z.string(), name: z.string() }).nullable(),
  message: z.string().nullable(),
  /** The last outcome of any kind. */
  checkedAt: z.string().nullable(),
  /** Since when the status holds (e.g. offline since 10:42). */
  since: z.string().nullable(),
  /** The last answer from the Hub. */
  lastContactAt: z.string().nullable(),
  /** What the OS (or the browser) last said about the network. */
  network: z.enum(['up', 'down', 'unknown']),
  /** When the next automatic check runs while not connected. */
  nextCheckAt: z.string().nullable(),
  /** A check is under way. */
  checking: z.boolean(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;

export const SessionState = z.object({
  profiles: z.array(ProfileSummary),
  activeProfileId: z.string().nullable(),
  connection: ConnectionState,
});
export type SessionState = z.infer<typeof SessionState>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  runMode: z.enum(['desktop', 'web', 'cli']),
  dataDir: z.string(),
  /** Whether the OS keychain answers; null while it has not answered yet (a locked or slow keychain). */
  keychainAvailable: z.boolean().nullable(),
  /** What the user should know about how this copy runs (the desktop shell's, e.g. the sandbox is off). */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SignInInput = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('api_key'),
    partnerId: PartnerId,
    apiKey: z.string().trim().min(8, 'The Partner API key looks too short; paste the whole key.').max(512),
    hubUrl: z.url().optional(),
  }),
  z.object({
    method: z.literal('token'),
    partnerId: PartnerId,
    username: z.string().trim().min(1, 'Enter the username (email) of a partner user.').max(320),
    password: z.string().min(1, 'Enter the password.').max(1024),
    hubUrl: z.url().optional(),
  }),
]);
export type SignInInput = z.infer<typeof SignInInput>;

export const SignOutInput = z
  .object({
    profileId: z.string().min(1),
    /** Keep the cached accounts for offline browsing (default) or delete them too. */
    keepCache: z.boolean().default(true),
  })
  .strict();

export const SwitchProfileInput = z.object({ profileId: z.string().min(1) }).strict();

const ById = z.object({ id: z.string().min(1).max(100) }).strict();
const NotificationListInput = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    beforeId: z.number().int().optional(),
    unreadOnly: z.boolean().default(false),
  })
  .strict();
const MarkReadInput = z.union([
  z.object({ ids: z.union([z.array(z.number().int()).max(1000), z.literal('all')]) }).strict(),
  /** Every unread notification about these channels (a selection's bulk "mark read"). */
  z.object({ channelIds: z.array(z.string().min(1).max(100)).min(1).max(50_000) }).strict(),
]);

function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output } as const;
}

export const requests = {
  'app.info': request(NoInput, AppInfo),
  // The desktop shell's own requests (updates, the data folder); headless elsewhere.
  'app.updateStatus': request(NoInput, UpdateState),
  'app.checkForUpdates': request(NoInput, UpdateState),
  'app.installUpdate': request(NoInput, z.object({ accepted: z.boolean() })),
  'app.revealDataFolder': request(NoInput, z.object({ revealed: z.boolean() })),
  'session.get': request(NoInput, SessionState),
  'session.signIn': request(SignInInput, SessionState),
  'session.startDemo': request(NoInput, SessionState),
  'session.switchProfile': request(SwitchProfileInput, SessionState),
  'session.refresh': request(NoInput, SessionState),
  'session.signOut': request(SignOutInput, SessionState),
  /** The browser's or the OS's online/offline event: a reason to check (or to say offline at once). */
  'session.networkChanged': request(NetworkInput, SessionState),
  'sync.now': request(NoInput, SyncStatus),
  'sync.status': request(NoInput, SyncStatus),
  'channels.list': request(ChannelQuery, ChannelPage),
  'channels.get': request(ById, ChannelDetails),
  'clients.list': request(ClientQuery, ClientPage),
  'clients.get': request(ById, ClientListItem),
  'clients.balance': request(InsightRequest, ClientBalanceInfo),
  'channels.templates': request(InsightRequest, ChannelTemplates),
  'insights.cancel': request(InsightCancel, z.object({ cancelled: z.boolean() })),
  'channels.history': request(ChannelHistoryInput, ChannelHistory),
  'channels.counts': request(ChannelCountsInput, ChannelCounts),
  'channels.ids': request(ChannelIdsInput, ChannelIds),
  'book.overview': request(NoInput, BookOverview),
  'notifications.list': request(NotificationListInput, NotificationPage),
  'notifications.markRead': request(MarkReadInput, z.object({ unread: z.number().int() })),
  'export.channels': request(ExportChannelsInput, ExportChannelsResult),
  'export.reveal': request(RevealExportInput, RevealExportResult),
  // The offline outbox (shared/outbox.ts): queue actions, watch and steer the queue.
  'actions.preview': request(ActionPreviewInput, ActionPreview),
  'actions.cancelChannel': request(CancelChannelInput, OutboxAction),
  'actions.setMaxChannels': request(SetMaxChannelsInput, OutboxAction),
  'actions.generateApiKey': request(GenerateApiKeyInput, OutboxAction),
  // One action per record through the outbox, one confirmation and one summary (shared/bulk.ts).
  'actions.bulkPreview': request(BulkPreviewInput, BulkPreview),
  'actions.bulk': request(BulkRunInput, BulkResult),
  'outbox.list': request(OutboxQuery, OutboxPage),
  'outbox.retry': request(ActionIdInput, OutboxAction),
  'outbox.cancel': request(ActionIdInput, OutboxAction),
  'outbox.push': request(NoInput, PushResult),
  'channels.health': request(HealthInput, ChannelHealth),
  'channels.apiKey': request(ChannelIdInput, ApiKeyInfo),
  'channels.copyApiKey': request(ChannelIdInput, CopyApiKeyResult),
  // Onboarding and the client lifecycle (shared/onboarding.ts): partner settings, permission links, the redirect.
  'partner.settings': request(PartnerSettingsInput, PartnerSettings),
  'actions.setPartnerSettings': request(SetPartnerSettingsInput, OutboxAction),
  'actions.withdrawCancellation': request(WithdrawCancellationInput, OutboxAction),
  'actions.setPartnerPayload': request(SetPartnerPayloadInput, OutboxAction),
  'onboarding.createLink': request(PermissionLinkInput, PermissionLink),
  'onboarding.links': request(LinkListInput, LinkList),
  'onboarding.link': request(LinkIdInput, PermissionLinkDetails),
  'onboarding.markShared': request(MarkSharedInput, PermissionLink),
  'onboarding.readRedirect': request(ReadRedirectInput, RedirectReading),
  // The local database (shared/store.ts): its health, and the repair of a damaged file.
  'store.status': request(NoInput, StoreStatus),
  'store.repair': request(NoInput, RepairResult),
} as const;

export const events = {
  'session.changed': SessionState,
  'sync.status': SyncStatus,
  'notifications.changed': z.object({ profileId: z.string() }),
  /** From the application menu or a clicked OS notification (desktop app only). */
  'app.command': AppCommand,
  'app.update': UpdateState,
  /** The offline outbox changed: an action queued, sent, failed, or the queue paused or resumed. */
  'outbox.changed': OutboxStatus,
  /** A background refresh of a balance or a WABA's templates ended. */
  'insights.changed': InsightsChanged,
  /** A permission link was made, shared or answered (a redirect read, a sync matched it). */
  'onboarding.changed': z.object({ profileId: z.string() }),
  /** The local database was found damaged (writes stopped), or repaired. */
  'store.changed': StoreStatus,
} as const;

export type Requests = typeof requests;
export type Events = typeof events;
export type RequestName = keyof Requests;
export type EventName = keyof Events;
/** What the caller passes (defaults may be omitted). */
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
/** What the handler receives, after validation and defaults. */
export type ParsedInput<N extends RequestName> = z.output<Requests[N]['input']>;
export type RequestOutput<N extends RequestName> = z.output<Requests[N]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const REQUEST_NAMES = Object.keys(requests) as RequestName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];
export { isEventName, isRequestName };

/** Both ways equal, or `false`: a name missing from shared/contract-names.ts (or left over there) stops the build here. */
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const requestNamesListed: SameNames<RequestName, (typeof REQUEST_NAME_LIST)[number]> = true;
const eventNamesListed: SameNames<EventName, (typeof EVENT_NAME_LIST)[number]> = true;
void requestNamesListed;
void eventNamesListed;
