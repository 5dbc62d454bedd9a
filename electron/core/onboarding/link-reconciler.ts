/**
 * What a permission link brought, recognised from the local copy: after a sync, new channels of the
 * client a link was made for, or a new client with the link's email or tag, even without the
 * redirect; and the announcement of every granted, revoked or added channel once it is in the local
 * copy (a notification each, never twice).
 */
import type Database from 'better-sqlite3';
import { formatPhone } from '@shared/format';
import type { AccountsService } from '../accounts/accounts-service';
import type { CoreEvents } from '../events';
import type { ProfileRow } from '../profiles/profile-repository';
import type { NewNotification, NotificationStore } from '../store/notification-store';
import type { LinkStore, StoredLink } from './link-store';
import { localChannel, localClient } from './local-records-lookup';

/**
 * How much earlier than a link a record may say it was created and still be the link's: the Hub
 * stamps to the second, and its clock and this machine's differ a little.
 */
const CLOCK_MARGIN_MS = 60_000;

export interface LinkReconcilerDeps {
  db: Database.Database;
  store: LinkStore;
  accounts: Pick<AccountsService, 'client' | 'channelDetails'>;
  notifications: NotificationStore;
  events: CoreEvents;
  now: () => number;
}

export class LinkReconciler {
  constructor(private readonly deps: LinkReconcilerDeps) {}

  /** Matches open links to what the local copy shows now; announces channels that became visible. Returns whether anything changed. */
  reconcile(profile: ProfileRow): boolean {
    const profileId = profile.id;
    let changed = false;
    for (const link of this.deps.store.open(profileId)) {
      const found = this.matchBySync(profileId, link);
      if (!found) continue;
      this.deps.store.recordResult(
        profileId,
        link.id,
        { clientId: found.clientId, granted: [], revoked: [], added: found.channels },
        'sync',
        new Date(this.deps.now()).toISOString(),
      );
      changed = true;
    }
    for (const link of this.deps.store.list(profileId, 200)) {
      if (link.result && this.announce(profile, link) > 0) changed = true;
    }
    return changed;
  }

  /** New records a sync shows for a link: channels of its client made after it, or a new client with its email or tag. */
  private matchBySync(profileId: string, link: StoredLink): { clientId: string; channels: string[] } | null {
    const since = new Date(Date.parse(link.createdAt) - CLOCK_MARGIN_MS).toISOString();
    const channelsAfter = (clientId: string): string[] =>
      (
        this.deps.db
          .prepare(
            'SELECT id FROM channels WHERE profile_id = ? AND client_id = ? AND removed_at IS NULL AND julianday(created_at) > julianday(?) ORDER BY created_at',
          )
          .all(profileId, clientId, since) as Array<{ id: string }>
      ).map((r) => r.id);
    if (link.clientId) {
      const channels = channelsAfter(link.clientId);
      return channels.length > 0 ? { clientId: link.clientId, channels } : null;
    }
    if (!link.email && !link.partnerPayload) return null;
    const client = this.deps.db
      .prepare(
        `SELECT id FROM clients WHERE profile_id = ? AND removed_at IS NULL AND julianday(created_at) > julianday(?)
           AND ((? IS NOT NULL AND lower(email) = lower(?)) OR (? IS NOT NULL AND json_extract(raw, '$.partner_payload') = ?))
         ORDER BY created_at LIMIT 1`,
      )
      .get(profileId, since, link.email, link.email, link.partnerPayload, link.partnerPayload) as { id: string } | undefined;
    return client ? { clientId: client.id, channels: channelsAfter(client.id) } : null;
  }

  /** Notifies every granted, revoked or added channel of a link that is in the local copy and not yet announced; returns how many. */
  announce(profile: ProfileRow, link: StoredLink): number {
    const result = link.result;
    if (!result) return 0;
    const company = (clientName: string | null) => clientName ?? `Client ${result.clientId}`;
    const owner = localClient(this.deps.accounts, result.clientId);
    const name = company(owner ? (owner.organisation ?? owner.name) : null);
    const news: Array<{ id: string; notification: NewNotification }> = [];
    const consider = (ids: readonly string[], word: (number: string) => NewNotification) => {
      for (const id of ids) {
        if (link.notified.includes(id) || news.some((n) => n.id === id)) continue;
        const item = localChannel(this.deps.accounts, id);
        if (!item) continue; // not synced yet: announced when it is
        news.push({ id, notification: word(formatPhone({ raw: item.phoneNumber, e164: item.phoneE164 }) ?? `channel ${id}`) });
      }
    };
    consider(result.granted, (number) => ({
      clientId: result.clientId,
      channelId: null,
      title: `${name} granted access to ${number}`,
      body: 'Its API key can be generated: open the channel, Actions, Generate API key.',
      // No field changes: the list then shows the body, which says what to do.
      changes: [],
    }));
    consider(result.revoked, (number) => ({
      clientId: result.clientId,
      channelId: null,
      title: `${name} revoked access to ${number}`,
      body: 'The Hub no longer lets you generate an API key for it.',
      changes: [],
    }));
    consider(result.added, (number) => ({
      clientId: result.clientId,
      channelId: null,
      title: `${name} added ${number}`,
      body: `Through your permission link of ${link.createdAt.slice(0, 10)}. If the client granted access, its API key can be generated.`,
      changes: [],
    }));
    if (news.length === 0) return 0;
    const at = new Date(this.deps.now()).toISOString();
    this.deps.db
      .transaction(() => {
        for (const item of news) this.deps.notifications.add(profile.id, at, { ...item.notification, channelId: item.id });
        this.deps.store.markNotified(
          profile.id,
          link.id,
          news.map((n) => n.id),
        );
      })
      .immediate();
    this.deps.events.emit('notifications.changed', { profileId: profile.id });
    return news.length;
  }
}
