/** Words for a channel row or card, shared by the cards, the table and the details header. */
import type { ChannelListItem, ChannelSort } from '@shared/accounts';
import { formatDate, formatPhone } from '@shared/format';

/** The company shown first; a channel without one still needs a readable title. */
export function companyOf(channel: Pick<ChannelListItem, 'companyName' | 'displayName' | 'id'>): string {
  return channel.companyName?.trim() || channel.displayName?.trim() || `Channel ${channel.id}`;
}

/** The number grouped as its country groups it; a value that is not a phone number is shown exactly as the Hub sent it. */
export function phoneOf(channel: Pick<ChannelListItem, 'phoneNumber' | 'phoneE164'>): string {
  return formatPhone({ raw: channel.phoneNumber, e164: channel.phoneE164 }) ?? 'No number yet';
}

/** Every action required, most severe first, one per line (a tooltip). */
export function actionsText(channel: ChannelListItem): string | undefined {
  const { actionRequired, otherActions } = channel.status;
  if (!actionRequired) return undefined;
  return [actionRequired, ...otherActions].map((action) => action.text).join('\n');
}

/** One line with the facts that are known: "Quality High · 1K conversations / 24 h". */
export function qualityLine(channel: ChannelListItem): string | null {
  const parts: string[] = [];
  if (channel.status.qualityRating) parts.push(`Quality ${channel.status.qualityRating.label}`);
  if (channel.status.messagingLimit) parts.push(channel.status.messagingLimit.label);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** Sorted by a date, the card says it ("Created 12 Mar 2024"); other sorts need no date. */
export function sortDateLine(
  channel: Pick<ChannelListItem, 'createdAt' | 'modifiedAt'>,
  sort: ChannelSort,
  now: number = Date.now(),
): string | null {
  if (sort === 'created') return `Created ${formatDate(channel.createdAt, now) ?? 'on an unknown date'}`;
  if (sort === 'modified') return `Last changed ${formatDate(channel.modifiedAt ?? null, now) ?? 'on an unknown date'}`;
  return null;
}
