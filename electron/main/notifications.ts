/**
 * OS notifications and the unread badge, fed by the core's events: when a sync records status
 * changes (`notifications.changed`) the new unread ones are announced (policy/notification-policy
 * decides which and how) and the badge shows the unread count; a profile switch or sign-out
 * re-baselines and updates the badge. Clicking a notification opens that channel in the app.
 */
import type { AppCommand } from '@shared/shell';
import type { Core } from '@core';
import type { DesktopIntegration } from '@core/desktop';
import { NotificationTracker, type UnreadNotification } from './policy/notification-policy';

export interface NotificationWatchDeps {
  core: Core;
  desktop: DesktopIntegration;
  isWindowFocused(): boolean;
  onClick(command: AppCommand): void;
}

/** Enough to announce a burst correctly; older unread ones were announced (or baselined) already. */
const UNREAD_WINDOW = 200;

export function watchNotifications(deps: NotificationWatchDeps): () => void {
  const { core, desktop } = deps;
  const tracker = new NotificationTracker();

  const refresh = (announce: boolean): void => {
    try {
      const profileId = core.accounts.activeProfileId();
      if (!profileId) {
        desktop.setBadgeCount(0);
        return;
      }
      const page = core.accounts.notifications({ limit: UNREAD_WINDOW, unreadOnly: true });
      desktop.setBadgeCount(page.unread);
      const unread: UnreadNotification[] = page.items.map((item) => ({
        id: item.id,
        title: item.title,
        body: item.body,
        channelId: item.channelId,
      }));
      if (!announce) {
        tracker.baseline(profileId, unread);
        return;
      }
      for (const spec of tracker.observe(profileId, unread, { windowFocused: deps.isWindowFocused() })) {
        desktop.notify({ title: spec.title, body: spec.body, onClick: () => deps.onClick(spec.click) });
      }
    } catch (error) {
      core.log.warn('could not read notifications for the OS', { error: error instanceof Error ? error.message : String(error) });
    }
  };

  refresh(false);
  const offChanged = core.events.on('notifications.changed', ({ profileId }) => {
    if (profileId === core.accounts.activeProfileId()) refresh(true);
  });
  const offSession = core.events.on('session.changed', () => refresh(false));
  return () => {
    offChanged();
    offSession();
  };
}
