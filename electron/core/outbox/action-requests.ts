/**
 * Turns a user's request into an action ready to queue, from the local copy alone (it must work
 * offline): checks that it makes sense now, words the confirmation the user must give (naming the
 * client, the number and the consequence), and fixes the version of the record it was based on.
 * An identical action already open is returned instead of queueing a duplicate.
 */
import { AppError } from '@shared/errors';
import { DEFAULT_MAX_CHANNELS, type ActionKind, type ActionPreview } from '@shared/outbox';
import type { LocalChannel, LocalClient, LocalRecords } from './local-records';
import { targetKey, type StoredAction } from './outbox-rows';
import type { NewAction, OutboxStore } from './outbox-store';
import { formatPhoneText } from '@shared/format/phone';
import { formatHubDay } from '@shared/format/relative-time';

export interface PreparedAction {
  action: NewAction;
  preview: ActionPreview;
  /** The same request, already open: nothing new is queued. */
  existing: StoredAction | null;
  /** An older queued limit this one replaces (cancelled in the same transaction). */
  supersedes: StoredAction | null;
}

/** The number as the cards show it (grouped), or exactly as the Hub sent it when it does not parse. */
const numberOf = (c: LocalChannel): string => (c.phoneNumber ? (formatPhoneText(c.phoneNumber) ?? c.phoneNumber) : `channel ${c.id}`);
const nameOf = (c: LocalChannel): string => `${numberOf(c)}${c.displayName ? ` ("${c.displayName}")` : ''}`;
const ownerOf = (c: LocalChannel): string => `${c.companyName ?? 'an unnamed client'}${c.clientId ? ` (client ${c.clientId})` : ''}`;
const companyOf = (c: LocalClient): string => `${c.organisation ?? c.name} (client ${c.id})`;

export class ActionRequests {
  constructor(
    private readonly records: LocalRecords,
    private readonly store: OutboxStore,
  ) {}

  private channel(profileId: string, channelId: string): LocalChannel {
    const channel = this.records.channel(profileId, channelId);
    if (!channel) throw new AppError('not_found', `Channel ${channelId} is not in the local copy. Sync, then try again.`);
    if (channel.removed)
      throw new AppError('not_found', `Channel ${channelId} is no longer listed by the 360dialog Hub (as of the last sync).`);
    return channel;
  }

  private existing(profileId: string, target: string, kind: ActionKind): StoredAction | null {
    return this.store.open(profileId, target, kind).find((a) => a.state !== 'conflict') ?? null;
  }

  cancelChannel(profileId: string, channelId: string): PreparedAction {
    const channel = this.channel(profileId, channelId);
    if (channel.terminatedAt)
      throw new AppError(
        'conflict',
        `${nameOf(channel)} of ${ownerOf(channel)} is already pending deletion (since ${formatHubDay(channel.terminatedAt)}).`,
      );
    if (!channel.clientId)
      throw new AppError(
        'invalid_input',
        `Channel ${channelId} has no client in the local copy, so its cancellation cannot be addressed. Sync, then try again.`,
      );
    const target = targetKey({ type: 'channel', id: channelId });
    const title = `Cancel ${nameOf(channel)} of ${channel.companyName ?? channel.clientId}`;
    const message =
      `Request cancellation of the WhatsApp number ${nameOf(channel)} of ${ownerOf(channel)}? ` +
      'The number becomes "pending deletion": it keeps sending and receiving messages until it is deleted at the end of the current month, and then its billing stops. ' +
      'Once the Hub has it, Partner Desk can withdraw the cancellation only until the end of the month.';
    return {
      action: {
        profileId,
        kind: 'cancel_channel',
        target,
        payload: { kind: 'cancel_channel', channelId, clientId: channel.clientId, title, detail: null },
        seen: { modifiedAt: channel.modifiedAt, terminatedAt: null },
      },
      preview: { kind: 'cancel_channel', title, message, confirmationRequired: true },
      existing: this.existing(profileId, target, 'cancel_channel'),
      supersedes: null,
    };
  }

  setMaxChannels(profileId: string, clientId: string, maxChannels: number): PreparedAction {
    const client = this.records.client(profileId, clientId);
    if (!client) throw new AppError('not_found', `Client ${clientId} is not in the local copy. Sync, then try again.`);
    if (client.removed)
      throw new AppError('not_found', `Client ${clientId} is no longer listed by the 360dialog Hub (as of the last sync).`);
    const target = targetKey({ type: 'client', id: clientId });
    const open = this.store.open(profileId, target, 'set_max_channels');
    const same =
      open.find((a) => a.state !== 'conflict' && a.payload?.kind === 'set_max_channels' && a.payload.maxChannels === maxChannels) ?? null;
    const latest = open.at(-1) ?? null;
    // A queued limit not yet sent is replaced; one in flight (or maybe applied) is built upon.
    const supersedes = latest && (latest.state === 'conflict' || (latest.state === 'queued' && !latest.uncertain)) ? latest : null;
    const base = client.maxChannels ?? DEFAULT_MAX_CHANNELS;
    const conflictServer = supersedes?.state === 'conflict' ? Number(supersedes.conflict?.server) : NaN;
    const expected = supersedes
      ? Number.isInteger(conflictServer)
        ? conflictServer
        : (supersedes.seen?.maxChannels ?? base)
      : latest?.payload?.kind === 'set_max_channels'
        ? latest.payload.maxChannels
        : base;
    if (!same && !latest && maxChannels === base) {
      throw new AppError(
        'invalid_input',
        `${companyOf(client)} already allows ${base} channel${base === 1 ? '' : 's'}; nothing to change.`,
      );
    }
    const below = maxChannels < client.channelCount;
    const title = `Channel limit of ${client.organisation ?? client.name}`;
    const detail = `${expected} → ${maxChannels}`;
    const message = below
      ? `${companyOf(client)} already has ${client.channelCount} channels, more than the new limit of ${maxChannels}. Set the maximum number of channels below the number of channels the client already has (from ${expected} to ${maxChannels})?`
      : `Set the maximum number of channels of ${companyOf(client)} from ${expected} to ${maxChannels}.`;
    return {
      action: {
        profileId,
        kind: 'set_max_channels',
        target,
        payload: { kind: 'set_max_channels', clientId, maxChannels, title, detail },
        seen: { modifiedAt: client.modifiedAt, maxChannels: expected },
      },
      preview: { kind: 'set_max_channels', title, message, confirmationRequired: below },
      existing: same,
      supersedes: same ? null : supersedes,
    };
  }

  generateApiKey(profileId: string, channelId: string): PreparedAction {
    const channel = this.channel(profileId, channelId);
    if (channel.terminatedAt)
      throw new AppError(
        'conflict',
        `${nameOf(channel)} of ${ownerOf(channel)} is pending deletion (since ${formatHubDay(channel.terminatedAt)}); no new API key can be generated for it.`,
      );
    if (channel.state === 'draft')
      throw new AppError(
        'invalid_input',
        `${nameOf(channel)} of ${ownerOf(channel)} is a draft without a running app; an API key can be generated once the number is registered.`,
      );
    const target = targetKey({ type: 'channel', id: channelId });
    const title = `New API key for ${nameOf(channel)} of ${channel.companyName ?? channel.clientId ?? 'an unnamed client'}`;
    const message =
      `Generate a new API key for ${nameOf(channel)} of ${ownerOf(channel)}? ` +
      "This revokes every existing key of this number at once: whatever uses the current key (the client's integration, a chatbot, webhooks) stops working until it gets the new key. " +
      'The new key goes into the system keychain only; Partner Desk can copy it to the clipboard for you.';
    return {
      action: {
        profileId,
        kind: 'generate_api_key',
        target,
        payload: { kind: 'generate_api_key', channelId, title, detail: null },
        seen: { modifiedAt: channel.modifiedAt, terminatedAt: null },
      },
      preview: { kind: 'generate_api_key', title, message, confirmationRequired: true },
      existing: this.existing(profileId, target, 'generate_api_key'),
      supersedes: null,
    };
  }

  checkHealth(profileId: string, channelId: string): NewAction {
    const channel = this.channel(profileId, channelId);
    const title = `Health check of ${nameOf(channel)} of ${channel.companyName ?? channel.clientId ?? 'an unnamed client'}`;
    return {
      profileId,
      kind: 'check_health',
      target: targetKey({ type: 'channel', id: channelId }),
      payload: { kind: 'check_health', channelId, title, detail: null },
      seen: null,
    };
  }
}
