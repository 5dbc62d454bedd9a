/**
 * What each menu command does: renderer-side flows (export, notifications, settings, sign out)
 * become an `app.command` event for the page; what main can do alone (sync, updates, the data
 * folder, help links) stays in main. Also which answered requests change the unread badge. Pure.
 */
import type { Result } from '@shared/result';
import type { AppCommand } from '@shared/shell';
import { DOCS_URL, PARTNER_HUB_URL } from './app-identity';
import type { MenuCommand } from './menu-template';

export type MenuAction =
  | { kind: 'renderer'; command: AppCommand }
  | { kind: 'sync' }
  | { kind: 'reveal-data-folder' }
  | { kind: 'check-for-updates' }
  | { kind: 'install-update' }
  | { kind: 'open-url'; url: string };

export function menuAction(command: MenuCommand): MenuAction {
  switch (command) {
    case 'sync-now':
      // Main syncs directly: it works whatever the page is doing, and progress reaches the page as sync.status.
      return { kind: 'sync' };
    case 'export-csv':
    case 'show-notifications':
    case 'preferences':
    case 'sign-out':
      return { kind: 'renderer', command: { command } };
    case 'reveal-data-folder':
      return { kind: 'reveal-data-folder' };
    case 'check-for-updates':
      return { kind: 'check-for-updates' };
    case 'install-update':
      return { kind: 'install-update' };
    case 'open-partner-hub':
      return { kind: 'open-url', url: PARTNER_HUB_URL };
    case 'open-docs':
      return { kind: 'open-url', url: DOCS_URL };
  }
}

/** The new unread count when an answered request changed it (so the badge follows at once). */
export function unreadCountAfter(request: string, result: Result<unknown>): number | null {
  if (request !== 'notifications.markRead' || !result.ok) return null;
  const value = result.value as { unread?: unknown };
  return typeof value.unread === 'number' && Number.isInteger(value.unread) && value.unread >= 0 ? value.unread : null;
}
