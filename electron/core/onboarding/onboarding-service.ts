/**
 * Onboarding through the Integrated Onboarding permission flow:
 * - make a permission link for a new or an existing client, checked against the partner's settings,
 *   and remember it (who, when, its state, how it was shared);
 * - read the redirect back (pasted), tie it to its link by the state, record which channels the
 *   client granted or revoked, announce them, and sync so they can be given API keys;
 * - after a sync, recognise what a link brought even without a redirect (link-reconciler.ts): new channels of the client
 *   it was made for, or a new client with the link's email or tag.
 * Everything works on the local copy; only the sync it starts needs the network.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type {
  GrantedChannel,
  LinkResult,
  PermissionLink,
  PermissionLinkDetails,
  PermissionLinkInput,
  RedirectReading,
  ShareMethod,
} from '@shared/onboarding';
import type { AccountsService } from '../accounts/accounts-service';
import type { CoreEvents } from '../events';
import type { Logger } from '../log';
import type { ChannelKeyStore } from '../outbox/channel-keys';
import type { LocalRecords } from '../outbox/local-records';
import { targetKey } from '../outbox/outbox-rows';
import type { OutboxStore } from '../outbox/outbox-store';
import type { ProfileRow } from '../profiles/profile-repository';
import type { NotificationStore } from '../store/notification-store';
import { mailtoUrl } from './email-draft';
import { LinkReconciler } from './link-reconciler';
import { LinkStore, type StoredLink } from './link-store';
import { localChannel, localClient } from './local-records-lookup';
import type { PartnerSettingsService } from './partner-settings';
import { buildPermissionLink } from './permission-link';
import { matchRedirect, parseRedirect } from './redirect';

/** The partner settings are read again after a sync when the copy is older than this. */
const SETTINGS_STALE_MS = 15 * 60_000;

export interface OnboardingDeps {
  db: Database.Database;
  records: LocalRecords;
  accounts: Pick<AccountsService, 'client' | 'channelDetails'>;
  keys: Pick<ChannelKeyStore, 'meta'>;
  outbox: Pick<OutboxStore, 'open'>;
  settings: PartnerSettingsService;
  notifications: NotificationStore;
  events: CoreEvents;
  profile(): ProfileRow | null;
  /** Where the permission page lives for this profile (the real Hub, or the simulated one). */
  dashboardOrigin(profile: ProfileRow): Promise<string>;
  /** Starts a sync in the background (the app, web mode); absent in the CLI, which syncs itself. */
  startSync?: () => void;
  now: () => number;
  log: Logger;
}

/** An opaque, unguessable state: 18 random bytes, base64url (letters, digits, "-", "_"). */
export function newState(): string {
  return `pd${randomBytes(18).toString('base64url')}`;
}

export class OnboardingService {
  private readonly store: LinkStore;
  private readonly reconciler: LinkReconciler;

  constructor(private readonly deps: OnboardingDeps) {
    this.store = new LinkStore(deps.db);
    this.reconciler = new LinkReconciler({ ...deps, store: this.store });
  }

  private iso(): string {
    return new Date(this.deps.now()).toISOString();
  }

  private requireProfile(): ProfileRow {
    const profile = this.deps.profile();
    if (!profile) throw new AppError('not_signed_in', 'No partner profile is signed in. Sign in, or explore the demo data.');
    return profile;
  }

  private changed(profileId: string): void {
    this.deps.events.emit('onboarding.changed', { profileId });
  }

  /** What the partner's settings mean for a new link: refusals throw, the rest are warnings. */
  private checkSettings(profile: ProfileRow, forExistingClient: boolean, ownRedirect: boolean): string[] {
    const cached = this.deps.records.partner(profile.id);
    const warnings: string[] = [];
    if (!cached) {
      warnings.push(
        'Partner Desk has not read your partner settings yet: make sure a redirect URL is set in the Hub, or the client sees an error at the end.',
      );
      return warnings;
    }
    const partner = cached.record;
    const queuedRedirect = this.deps.outbox
      .open(profile.id, targetKey({ type: 'partner', id: profile.partner_id }), 'set_partner_settings')
      .some((a) => a.payload?.kind === 'set_partner_settings' && a.payload.redirectUrl !== undefined && a.state !== 'conflict');
    if (!partner.partner_redirect_url?.trim() && !ownRedirect) {
      if (!queuedRedirect) {
        throw new AppError(
          'invalid_input',
          'No redirect URL is set for your partner account, so the client would see an error at the end of the permission flow. Set one in Partner settings, or give this link its own redirect URL.',
        );
      }
      warnings.push('Your new redirect URL is still in the outbox: the link works once it has been sent to the Hub.');
    }
    if (!partner.webhook_url?.trim())
      warnings.push('No webhook URL is set: your systems are not told when the client signs up (Partner Desk sees it at its next sync).');
    if (forExistingClient && partner.allow_client_to_add_phone_no === false) {
      warnings.push(
        'Your account does not allow clients to add numbers themselves (allow_client_to_add_phone_no is off): this client may not be able to add one.',
      );
    }
    return warnings;
  }

  private partnerName(profile: ProfileRow): string {
    return this.deps.records.partner(profile.id)?.record.brand_name?.trim() || profile.label;
  }

  private view(profile: ProfileRow, link: StoredLink): PermissionLink {
    const open = link.usedAt === null;
    let warnings: string[] = [];
    if (open && link.origin === 'link') {
      try {
        warnings = this.checkSettings(profile, link.clientId !== null, link.redirectUrl !== null);
      } catch (refusal) {
        warnings = [refusal instanceof Error ? refusal.message : String(refusal)];
      }
    }
    return {
      id: link.id,
      state: link.state,
      url: link.url,
      origin: link.origin,
      clientId: link.clientId,
      clientName: localClient(this.deps.accounts, link.result?.clientId ?? link.clientId)?.name ?? null,
      email: link.email,
      name: link.name,
      number: link.number,
      partnerPayload: link.partnerPayload,
      redirectUrl: link.redirectUrl,
      createdAt: link.createdAt,
      shared: link.shared,
      status: open ? 'open' : 'used',
      usedAt: link.usedAt,
      matchedBy: link.matchedBy,
      result: link.result,
      warnings,
      mailto:
        link.url === null
          ? null
          : mailtoUrl({
              url: link.url,
              email: link.email,
              name: link.name,
              partnerName: this.partnerName(profile),
              addsNumber: link.clientId !== null,
              language: link.language,
            }),
    };
  }

  private channelsOf(profileId: string, ids: readonly string[]): GrantedChannel[] {
    return ids.map((channelId) => {
      return {
        channelId,
        channel: localChannel(this.deps.accounts, channelId),
        keyPresent: this.deps.keys.meta(profileId, channelId) !== null,
      };
    });
  }

  private details(profile: ProfileRow, link: StoredLink): PermissionLinkDetails {
    const base = this.view(profile, link);
    const result = link.result;
    const granted = this.channelsOf(profile.id, result?.granted ?? []);
    const revoked = this.channelsOf(profile.id, result?.revoked ?? []);
    const added = this.channelsOf(profile.id, result?.added ?? []);
    const client = localClient(this.deps.accounts, result?.clientId ?? link.clientId);
    const waitingForSync = (result !== null && client === null) || [...granted, ...added].some((g) => g.channel === null);
    return { ...base, client, granted, revoked, added, waitingForSync };
  }

  async createLink(input: PermissionLinkInput): Promise<PermissionLink> {
    const profile = this.requireProfile();
    const clientId = input.clientId?.trim() || undefined;
    const client = clientId ? this.deps.records.client(profile.id, clientId) : null;
    if (clientId) {
      if (!client) throw new AppError('not_found', `Client ${clientId} is not in the local copy. Sync, then try again.`);
      if (client.removed)
        throw new AppError('not_found', `Client ${clientId} is no longer listed by the 360dialog Hub (as of the last sync).`);
    }
    const ownRedirect = (input.redirectUrl?.trim() ?? '') !== '';
    this.checkSettings(profile, clientId !== undefined, ownRedirect);
    const state = newState();
    const built = buildPermissionLink({
      partnerId: profile.partner_id,
      dashboardOrigin: await this.deps.dashboardOrigin(profile),
      state,
      clientId,
      email: input.email,
      name: input.name,
      number: input.number,
      // A number written nationally ("0151 …") is read in the existing client's country.
      country: client?.country ?? null,
      partnerPayload: input.partnerPayload,
      redirectUrl: input.redirectUrl,
    });
    const link = this.store.insert({
      id: randomUUID(),
      profileId: profile.id,
      state,
      url: built.url,
      origin: 'link',
      clientId: built.clientId,
      email: built.email,
      name: built.name,
      number: built.number,
      partnerPayload: built.partnerPayload,
      redirectUrl: built.redirectUrl,
      language: input.language?.trim() || null,
      createdAt: this.iso(),
    });
    this.deps.log.info('permission link made', { profileId: profile.id, linkId: link.id, forClient: built.clientId !== null });
    this.changed(profile.id);
    return this.view(profile, link);
  }

  links(limit: number): PermissionLink[] {
    const profile = this.deps.profile();
    if (!profile) return [];
    this.reconcile(profile.id);
    return this.store.list(profile.id, limit).map((link) => this.view(profile, link));
  }

  link(id: string): PermissionLinkDetails {
    const profile = this.requireProfile();
    const link = this.store.get(profile.id, id);
    if (!link) throw new AppError('not_found', `There is no permission link ${id} for the signed-in profile.`);
    return this.details(profile, link);
  }

  markShared(id: string, method: ShareMethod): PermissionLink {
    const profile = this.requireProfile();
    if (!this.store.get(profile.id, id)) throw new AppError('not_found', `There is no permission link ${id} for the signed-in profile.`);
    const link = this.store.recordShared(profile.id, id, method, this.iso());
    this.changed(profile.id);
    return this.view(profile, link);
  }

  readRedirect(text: string): RedirectReading {
    const profile = this.requireProfile();
    const parsed = parseRedirect(text);
    if (!parsed.ok) throw new AppError('invalid_input', parsed.message);
    const redirect = parsed.value;
    const match = matchRedirect(redirect, this.store.candidates(profile.id));
    if (match.type === 'foreign') {
      throw new AppError(
        'invalid_input',
        `This redirect carries the state "${match.state}", which no permission link of this profile (${profile.partner_id}) carries: it answers a link made elsewhere (another profile or another Partner Desk), or the address was altered. Nothing was recorded.`,
      );
    }
    const at = this.iso();
    let link =
      match.type === 'none'
        ? this.store.insert({
            id: randomUUID(),
            profileId: profile.id,
            state: null,
            url: null,
            origin: 'redirect',
            clientId: null,
            email: null,
            name: null,
            number: null,
            partnerPayload: null,
            redirectUrl: null,
            language: null,
            createdAt: at,
          })
        : this.store.require(profile.id, match.linkId);
    const otherClient = link.clientId !== null && link.clientId !== redirect.clientId;
    const result: LinkResult = {
      clientId: redirect.clientId,
      granted: redirect.granted,
      revoked: redirect.revoked,
      added: link.result?.added ?? [],
    };
    link = this.store.recordResult(profile.id, link.id, result, 'redirect', at);
    this.reconciler.announce(profile, link);
    let details = this.details(profile, link);
    if (details.waitingForSync) this.deps.startSync?.();
    details = this.details(profile, this.store.require(profile.id, link.id));
    this.changed(profile.id);
    const who = details.client?.name ?? `Client ${redirect.clientId}`;
    const parts = [
      redirect.granted.length > 0
        ? `${who} granted access to ${plural(redirect.granted.length, 'number')}`
        : `${who} granted access to no number`,
      redirect.revoked.length > 0 ? `and revoked it for ${plural(redirect.revoked.length, 'number')}` : '',
    ].filter(Boolean);
    // Channels not synced yet say so where they are listed (details.waitingForSync), not here: the message outlives the sync.
    const message =
      `${parts.join(' ')}.` +
      (otherClient ? ` Note: the link was made for client ${link.clientId}, but client ${redirect.clientId} answered it.` : '') +
      (match.type === 'none' ? ' No permission link of this profile carries this redirect, so it is recorded on its own.' : '');
    const matchedBy = match.type === 'state' ? 'state' : match.type === 'client' ? 'client' : 'none';
    this.deps.log.info('permission redirect read', {
      profileId: profile.id,
      linkId: link.id,
      matchedBy,
      granted: redirect.granted.length,
      revoked: redirect.revoked.length,
    });
    return { link: details, matchedBy, message };
  }

  /** Ties open links to what the local copy shows now and announces what became visible (link-reconciler.ts). */
  private reconcile(profileId: string): boolean {
    const profile = this.deps.profile();
    return profile !== null && profile.id === profileId && this.reconciler.reconcile(profile);
  }

  /** After a sync: tie new records to open links, announce what became visible, refresh stale settings. */
  afterSync(profileId: string): void {
    const profile = this.deps.profile();
    if (!profile || profile.id !== profileId) return;
    const changed = this.reconcile(profileId);
    if (changed) this.changed(profileId);
    const cached = this.deps.records.partner(profileId);
    if (!cached || this.deps.now() - Date.parse(cached.fetchedAt) > SETTINGS_STALE_MS) {
      void this.deps.settings
        .refresh()
        .catch((error: unknown) => this.deps.log.info('partner settings not refreshed after sync', { error: String(error) }));
    }
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
