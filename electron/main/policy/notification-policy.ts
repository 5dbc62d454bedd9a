/**
 * Which OS notifications to raise, and what the dock/taskbar badge shows. A notification is raised
 * once, for unread status changes newer than the last ones seen for that profile; what was already
 * there when the app started or the profile became active is the baseline and is not announced
 * again. While the window has focus the app's own panel shows them, so the OS is not bothered; a
 * burst (a long offline stretch) becomes one summary instead of a flood. Pure: no Electron.
 */
import type { AppCommand } from '@shared/shell';

export interface UnreadNotification {
  id: number;
  title: string;
  body: string;
  channelId: string | null;
}

export interface OsNotificationSpec {
  title: string;
  body: string;
  /** What clicking it asks the renderer to do. */
  click: AppCommand;
}

/** More new notifications than this at once become one summary. */
export const MAX_INDIVIDUAL_NOTIFICATIONS = 3;
const MAX_BODY = 240;

function shorten(text: string, max: number): string {
  const flat = text.trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export function osNotificationFor(item: UnreadNotification): OsNotificationSpec {
  return {
    title: shorten(item.title, 120),
    body: shorten(item.body, MAX_BODY),
    click: item.channelId ? { command: 'open-channel', channelId: item.channelId } : { command: 'show-notifications' },
  };
}

export function summaryNotification(items: readonly UnreadNotification[]): OsNotificationSpec {
  const named = items.slice(0, 3).map((item) => item.title);
  const rest = items.length - named.length;
  return {
    title: `${items.length} channel updates`,
    body: shorten(`${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`, MAX_BODY),
    click: { command: 'show-notifications' },
  };
}

export class NotificationTracker {
  /** The newest notification id already accounted for, per profile. */
  private readonly lastSeen = new Map<string, number>();

  /** Records what is there now without announcing it (start-up, a profile becoming active). */
  baseline(profileId: string, unread: readonly UnreadNotification[]): void {
    if (!this.lastSeen.has(profileId)) this.lastSeen.set(profileId, maxId(unread, 0));
  }

  /** The OS notifications to raise for the unread list just read (newest first, as the store lists them). */
  observe(profileId: string, unread: readonly UnreadNotification[], context: { windowFocused: boolean }): OsNotificationSpec[] {
    const seen = this.lastSeen.get(profileId);
    if (seen === undefined) {
      this.baseline(profileId, unread);
      return [];
    }
    const fresh = unread.filter((item) => item.id > seen).sort((a, b) => a.id - b.id);
    this.lastSeen.set(profileId, maxId(unread, seen));
    if (fresh.length === 0 || context.windowFocused) return [];
    if (fresh.length > MAX_INDIVIDUAL_NOTIFICATIONS) return [summaryNotification(fresh)];
    return fresh.map(osNotificationFor);
  }
}

function maxId(items: readonly UnreadNotification[], floor: number): number {
  return items.reduce((max, item) => Math.max(max, item.id), floor);
}

export type BadgePlan = { kind: 'count'; count: number } | { kind: 'overlay'; visible: boolean; description: string } | { kind: 'none' };

/**
 * macOS shows a count on the dock icon and Linux launchers that support it (Unity, KDE, Dock-like
 * shells) take app.setBadgeCount; Windows has no count badge, so the taskbar gets an overlay dot.
 */
export function badgePlan(platform: NodeJS.Platform, unread: number): BadgePlan {
  const count = Math.max(0, Math.floor(unread));
  if (platform === 'darwin' || platform === 'linux') return { kind: 'count', count };
  if (platform === 'win32') {
    return { kind: 'overlay', visible: count > 0, description: count === 1 ? '1 unread notification' : `${count} unread notifications` };
  }
  return { kind: 'none' };
}
