/**
 * What a sync tells the user: every change of a channel's derived status (and channels appearing
 * or disappearing, after the first sync) becomes a notification, written in the same transaction
 * as the data it describes.
 */
import { describeStatusChanges, deriveChannelStatus, type DerivedChannelStatus } from '@shared/status';
import { parseJsonOr } from '../store/json-column';
import { storedFingerprint } from './record-rows';
import type { RecordTableWriter, StoredHash } from '../store/record-tables';
import type { NewNotification } from '../store/notification-store';

/** Who a notification is about; `phoneNumber` in E.164 ("+4930123456"), else as the Hub sent it. */
export interface ChannelWho {
  id: string;
  clientId: string | null;
  companyName: string | null;
  phoneNumber: string | null;
}

/** "Acme GmbH +4930123456": the renderer shows the number grouped (group-notifications.ts). */
export function channelTitle(companyName: string | null, phoneNumber: string | null, channelId: string): string {
  const number = phoneNumber ?? channelId;
  return companyName ? `${companyName} ${number}` : number;
}

export function statusChangeNotification(
  channel: ChannelWho,
  before: DerivedChannelStatus,
  after: DerivedChannelStatus,
): NewNotification | null {
  const changes = describeStatusChanges(before, after);
  if (changes.length === 0) return null;
  return {
    clientId: channel.clientId,
    channelId: channel.id,
    title: channelTitle(channel.companyName, channel.phoneNumber, channel.id),
    body: changes.map((c) => c.text).join('\n'),
    changes: changes.map((c) => ({ field: c.field, from: c.from, to: c.to })),
  };
}

export function newChannelNotification(channel: ChannelWho, status: DerivedChannelStatus): NewNotification {
  return {
    clientId: channel.clientId,
    channelId: channel.id,
    title: channelTitle(channel.companyName, channel.phoneNumber, channel.id),
    body: `New channel: ${status.state.label}`,
    changes: [{ field: 'channel', from: null, to: status.state.label }],
  };
}

export function removedChannelNotification(channel: ChannelWho): NewNotification {
  return {
    clientId: channel.clientId,
    channelId: channel.id,
    title: channelTitle(channel.companyName, channel.phoneNumber, channel.id),
    body: 'The channel is no longer listed by the 360dialog Hub (deleted or moved to another partner).',
    changes: [{ field: 'channel', from: 'listed', to: null }],
  };
}

/**
 * The channel's status as last stored, when the new derivation shows something different (read it
 * before the write replaces it); null when nothing the user sees changed, or the channel is new.
 */
export function previousStatusIfChanged(
  channels: RecordTableWriter,
  stored: StoredHash | undefined,
  next: DerivedChannelStatus,
): DerivedChannelStatus | null {
  if (!stored || stored.removed) return null;
  const before = channels.storedStatus(stored.rid);
  if (!before || before.fingerprint === storedFingerprint(next)) return null;
  return deriveChannelStatus(parseJsonOr(before.raw, null));
}
