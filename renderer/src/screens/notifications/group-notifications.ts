/**
 * Notifications grouped by client, as the Hub's notification list reads best for an account
 * manager: the client with the newest news first, each group newest first.
 */
import type { NotificationItem } from '@shared/accounts';
import { formatPhoneText } from '@shared/format';

export interface NotificationGroup {
  /** null for notifications about channels without a client. */
  clientId: string | null;
  items: NotificationItem[];
  unread: number;
  latestAt: string;
}

export function groupNotifications(items: readonly NotificationItem[]): NotificationGroup[] {
  const groups = new Map<string, NotificationGroup>();
  for (const item of items) {
    const key = item.clientId ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { clientId: item.clientId, items: [], unread: 0, latestAt: item.createdAt };
      groups.set(key, group);
    }
    group.items.push(item);
    if (item.readAt === null) group.unread += 1;
    if (item.createdAt > group.latestAt) group.latestAt = item.createdAt;
  }
  const sorted = [...groups.values()];
  for (const group of sorted) group.items.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return sorted.sort((a, b) => b.latestAt.localeCompare(a.latestAt));
}

/** The company part of a notification title ("Acme GmbH +4930123" -> "Acme GmbH"), for a group without a known client. */
export function companyFromTitle(title: string): string {
  return title.replace(/\s*\+?\d[\d\s]*$/, '').trim() || title;
}

/** "Acme GmbH +4930123456" -> "Acme GmbH · +49 30 123456": the number as the cards show it. */
export function readableTitle(title: string): string {
  const match = /^(.*?)\s*\+(\d{6,15})$/.exec(title.trim());
  if (!match) return title;
  const number = formatPhoneText(`+${match[2] ?? ''}`) ?? `+${match[2] ?? ''}`;
  return match[1] ? `${match[1]} · ${number}` : number;
}
