/**
 * The OS-notification wiring over the core's events (no Electron involved): baseline at start,
 * announce new unread changes, badge follows the unread count, clicks reach the renderer.
 */
import { describe, expect, it } from 'vitest';
import type { NotificationItem } from '@shared/accounts';
import type { AppCommand } from '@shared/shell';
import { headlessDesktop } from '@core/desktop';
import { CoreEvents } from '@core/events';
import { silentLogger } from '@core/log';
import type { Core } from '@core';
import { watchNotifications } from '../../../../electron/main/notifications';
import { signedOut } from '../../renderer/fixtures';

const item = (id: number): NotificationItem => ({
  id,
  createdAt: '2026-11-28T10:00:00Z',
  clientId: 'c1',
  channelId: `ch${id}`,
  title: `Acme +49 ${id}`,
  body: 'State: Pending → Live',
  changes: [],
  readAt: null,
});

function setup() {
  const events = new CoreEvents();
  const store = { profile: 'p1' as string | null, unread: [item(1)] };
  const core = {
    events,
    log: silentLogger,
    accounts: {
      activeProfileId: () => store.profile,
      notifications: () => ({ unread: store.unread.length, items: [...store.unread].reverse() }),
    },
  } as unknown as Core;
  const raised: Array<{ title: string; body: string; onClick?: () => void }> = [];
  const badges: number[] = [];
  const desktop = {
    ...headlessDesktop(),
    notify: (n: { title: string; body: string; onClick?: () => void }) => raised.push(n),
    setBadgeCount: (count: number) => badges.push(count),
  };
  const clicks: AppCommand[] = [];
  const focus = { focused: false };
  const stop = watchNotifications({ core, desktop, isWindowFocused: () => focus.focused, onClick: (command) => clicks.push(command) });
  return { events, store, raised, badges, clicks, focus, stop };
}

describe('watchNotifications', () => {
  it('shows the unread count at start without announcing old notifications', () => {
    const { raised, badges } = setup();
    expect(badges).toEqual([1]);
    expect(raised).toEqual([]);
  });

  it('announces new unread status changes and opens the channel on click', () => {
    const { events, store, raised, badges, clicks } = setup();
    store.unread.push(item(2));
    events.emit('notifications.changed', { profileId: 'p1' });
    expect(badges.at(-1)).toBe(2);
    expect(raised.map((n) => n.title)).toEqual(['Acme +49 2']);
    raised[0]!.onClick!();
    expect(clicks).toEqual([{ command: 'open-channel', channelId: 'ch2' }]);
  });

  it('ignores changes for a profile that is not active, and clears the badge on sign-out', () => {
    const { events, store, raised, badges, stop } = setup();
    store.unread.push(item(2));
    events.emit('notifications.changed', { profileId: 'other' });
    expect(raised).toEqual([]);
    store.profile = null;
    events.emit('session.changed', signedOut);
    expect(badges.at(-1)).toBe(0);
    stop();
    store.profile = 'p1';
    events.emit('notifications.changed', { profileId: 'p1' });
    expect(raised).toEqual([]);
  });
});
