/**
 * The book of accounts of the active profile, as the contract and the CLI ask for it: sync now,
 * sync status, lists, details and notifications. Resolves the active profile and its Partner API
 * client (one per profile, so rate limits and token renewals are shared), then delegates to the
 * sync engine and the store's queries.
 */
import type {
  ChannelDetails,
  ChannelIds,
  ChannelPage,
  ChannelQuery,
  ClientListItem,
  ClientPage,
  ClientQuery,
  NotificationPage,
  SyncStatus,
} from '@shared/accounts';
import { AppError } from '@shared/errors';
import type { PendingOverlay } from '@shared/outbox';
import { createPartnerApi, createPartnerLimiters, type PartnerApi, type PartnerApiOptions, type PartnerLimiters } from '../api';
import type { CoreEvents } from '../events';
import type { Logger } from '../log';
import type { ProfileRow } from '../profiles/profile-repository';
import type { HubConnection } from '../session/session-service';
import type { ChannelQueries } from '../store/channel-queries';
import type { ClientQueries } from '../store/client-queries';
import type { NotificationStore } from '../store/notification-store';
import type { SyncEngine, SyncOptions } from '../sync/sync-engine';

export interface ProfileSource {
  activeProfileRow(): ProfileRow | null;
  connectionFor(profile: ProfileRow): Promise<HubConnection>;
}

export interface AccountsDeps {
  session: ProfileSource;
  engine: SyncEngine;
  channels: ChannelQueries;
  clients: ClientQueries;
  notifications: NotificationStore;
  /** To tell every window (and the OS badge) when notifications were read. */
  events?: CoreEvents;
  log: Logger;
  now: () => number;
  /** The outbox's optimistic overlays ("Cancellation queued"), added to list items. */
  overlays?: OverlaySource;
}

/** Open queued actions per record, keyed by `channel:<id>` / `client:<id>`. */
export interface OverlaySource {
  overlays(profileId: string, targets: readonly string[]): Map<string, PendingOverlay>;
}

export class AccountsService {
  /** One set of client-side rate limits per profile, shared by every request made for it. */
  private readonly limiters = new Map<string, PartnerLimiters>();

  constructor(private readonly deps: AccountsDeps) {}

  activeProfileId(): string | null {
    return this.deps.session.activeProfileRow()?.id ?? null;
  }

  async syncNow(options: SyncOptions = {}): Promise<SyncStatus> {
    const profile = this.requireProfile();
    return this.deps.engine.sync(profile.id, await this.deps.session.connectionFor(profile), options);
  }

  syncStatus(): SyncStatus {
    return this.deps.engine.status(this.activeProfileId());
  }

  listChannels(query: ChannelQuery): ChannelPage {
    const id = this.activeProfileId();
    if (!id) return { total: 0, offset: query.offset, items: [], countsByState: {} };
    const page = this.deps.channels.list(id, query);
    return { ...page, items: this.withOverlays(id, 'channel', page.items) };
  }

  channelDetails(channelId: string): ChannelDetails {
    const profileId = this.requireProfile().id;
    const found = this.deps.channels.get(profileId, channelId);
    if (!found) throw new AppError('not_found', `Channel ${channelId} is not in the local copy. Sync, then try again.`);
    const client = found.item.clientId ? this.deps.clients.get(profileId, found.item.clientId) : null;
    const [channel] = this.withOverlays(profileId, 'channel', [found.item]);
    const [owner] = client ? this.withOverlays(profileId, 'client', [client]) : [null];
    return { channel: channel ?? found.item, client: owner ?? null, raw: found.raw };
  }

  /** Every id of a filtered list, with its client (select all). */
  async channelIds(query: ChannelQuery, max: number): Promise<ChannelIds> {
    const id = this.activeProfileId();
    return id ? this.deps.channels.ids(id, query, max) : { total: 0, items: [] };
  }

  /** How many channels each query finds (saved views). */
  async channelTotals(queries: readonly ChannelQuery[]): Promise<number[]> {
    const id = this.activeProfileId();
    return id ? this.deps.channels.totals(id, queries) : queries.map(() => 0);
  }

  listClients(query: ClientQuery): ClientPage {
    const id = this.activeProfileId();
    if (!id) return { total: 0, offset: query.offset, items: [] };
    const page = this.deps.clients.list(id, query);
    return { ...page, items: this.withOverlays(id, 'client', page.items) };
  }

  client(clientId: string): ClientListItem {
    const profileId = this.requireProfile().id;
    const found = this.deps.clients.get(profileId, clientId);
    if (!found) throw new AppError('not_found', `Client ${clientId} is not in the local copy. Sync, then try again.`);
    return this.withOverlays(profileId, 'client', [found])[0] ?? found;
  }

  notifications(options: { limit: number; beforeId?: number | undefined; unreadOnly: boolean }): NotificationPage {
    const id = this.activeProfileId();
    if (!id) return { unread: 0, items: [] };
    const items = this.deps.notifications.list(id, {
      limit: options.limit,
      unreadOnly: options.unreadOnly,
      ...(options.beforeId !== undefined ? { beforeId: options.beforeId } : {}),
    });
    return { unread: this.deps.notifications.unreadCount(id), items };
  }

  markNotificationsRead(ids: number[] | 'all' | { channelIds: string[] }): { unread: number } {
    const id = this.requireProfile().id;
    this.deps.notifications.markRead(id, ids, new Date(this.deps.now()).toISOString());
    // Other windows and web-mode tabs show the same unread count; they reload on this event.
    this.deps.events?.emit('notifications.changed', { profileId: id });
    return { unread: this.deps.notifications.unreadCount(id) };
  }

  /** The active profile and a Partner API client for it; not signed in is an error. */
  async activeApi(): Promise<{ profileId: string; api: PartnerApi }> {
    const profile = this.requireProfile();
    return { profileId: profile.id, api: await this.api(profile) };
  }

  /** Adds the outbox's overlay (or null) to each item. */
  private withOverlays<T extends { id: string }>(
    profileId: string,
    type: 'channel' | 'client',
    items: T[],
  ): Array<T & { pending: PendingOverlay | null }> {
    const overlays = this.deps.overlays?.overlays(
      profileId,
      items.map((item) => `${type}:${item.id}`),
    );
    return items.map((item) => ({ ...item, pending: overlays?.get(`${type}:${item.id}`) ?? null }));
  }

  /** A Partner API client for a profile, with its current credentials and its shared rate limits (the outbox asks for one attempt per request). */
  async api(profile: ProfileRow, overrides: Pick<PartnerApiOptions, 'retry' | 'timeoutMs'> = {}): Promise<PartnerApi> {
    const connection = await this.deps.session.connectionFor(profile);
    let limiters = this.limiters.get(profile.id);
    if (!limiters) {
      limiters = createPartnerLimiters({ now: this.deps.now });
      this.limiters.set(profile.id, limiters);
    }
    return createPartnerApi({ ...connection, limiters, now: this.deps.now, log: this.deps.log, ...overrides });
  }

  private requireProfile(): ProfileRow {
    const profile = this.deps.session.activeProfileRow();
    if (!profile) throw new AppError('not_signed_in', 'No partner profile is signed in. Sign in, or explore the demo data.');
    return profile;
  }
}
