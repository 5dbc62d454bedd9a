/** Which OS notifications are raised, the badge per platform, and the overlay dot. */
import { describe, expect, it } from 'vitest';
import { AppCommand } from '@shared/shell';
import { badgeBitmap } from '../../../electron/main/policy/badge-image';
import { badgePlan, NotificationTracker, type UnreadNotification } from '../../../electron/main/policy/notification-policy';

const n = (id: number, channelId: string | null = `ch${id}`): UnreadNotification => ({
  id,
  title: `Acme +49 ${id}`,
  body: 'State: Pending → Live',
  channelId,
});
const newestFirst = (...ids: number[]) => ids.sort((a, b) => b - a).map((id) => n(id));
const away = { windowFocused: false };

describe('NotificationTracker', () => {
  it('does not announce what was there at start, then announces each new one once', () => {
    const tracker = new NotificationTracker();
    tracker.baseline('p1', newestFirst(1, 2));
    expect(tracker.observe('p1', newestFirst(1, 2), away)).toEqual([]);
    const raised = tracker.observe('p1', newestFirst(1, 2, 3, 4), away);
    expect(raised.map((r) => r.title)).toEqual(['Acme +49 3', 'Acme +49 4']);
    expect(raised[0]).toEqual({ title: 'Acme +49 3', body: 'State: Pending → Live', click: { command: 'open-channel', channelId: 'ch3' } });
    expect(tracker.observe('p1', newestFirst(1, 2, 3, 4), away)).toEqual([]);
  });

  it('treats the first look at a profile as its baseline', () => {
    const tracker = new NotificationTracker();
    expect(tracker.observe('p2', newestFirst(5, 6), away)).toEqual([]);
    expect(tracker.observe('p2', newestFirst(5, 6, 7), away)).toHaveLength(1);
  });

  it('keeps profiles apart', () => {
    const tracker = new NotificationTracker();
    tracker.baseline('a', newestFirst(10));
    tracker.baseline('b', []);
    expect(tracker.observe('b', newestFirst(3), away)).toHaveLength(1);
    expect(tracker.observe('a', newestFirst(10), away)).toEqual([]);
  });

  it('stays quiet while the window has focus, without announcing those later', () => {
    const tracker = new NotificationTracker();
    tracker.baseline('p', []);
    expect(tracker.observe('p', newestFirst(1), { windowFocused: true })).toEqual([]);
    expect(tracker.observe('p', newestFirst(1), away)).toEqual([]);
  });

  it('summarises a burst into one notification that opens the panel', () => {
    const tracker = new NotificationTracker();
    tracker.baseline('p', []);
    const raised = tracker.observe('p', newestFirst(1, 2, 3, 4, 5, 6), away);
    expect(raised).toEqual([
      { title: '6 channel updates', body: 'Acme +49 1, Acme +49 2, Acme +49 3 and 3 more', click: { command: 'show-notifications' } },
    ]);
  });

  it('opens the panel for a notification without a channel, and shortens long text', () => {
    const tracker = new NotificationTracker();
    tracker.baseline('p', []);
    const [raised] = tracker.observe('p', [{ id: 1, title: 'x', body: 'y'.repeat(1000), channelId: null }], away);
    expect(raised!.click).toEqual({ command: 'show-notifications' });
    expect(raised!.body.length).toBeLessThanOrEqual(240);
    expect(raised!.body.endsWith('…')).toBe(true);
  });

  it('produces clicks the contract accepts', () => {
    const tracker = new NotificationTracker();
    tracker.baseline('p', []);
    for (const spec of tracker.observe('p', newestFirst(1, 2), away)) expect(AppCommand.safeParse(spec.click).success).toBe(true);
    expect(AppCommand.safeParse({ command: 'open-channel' }).success).toBe(false);
    expect(AppCommand.safeParse({ command: 'format-disk' }).success).toBe(false);
  });
});

describe('badgePlan', () => {
  it('counts on macOS and Linux, overlays a dot on Windows', () => {
    expect(badgePlan('darwin', 4)).toEqual({ kind: 'count', count: 4 });
    expect(badgePlan('linux', 0)).toEqual({ kind: 'count', count: 0 });
    expect(badgePlan('win32', 1)).toEqual({ kind: 'overlay', visible: true, description: '1 unread notification' });
    expect(badgePlan('win32', 0)).toEqual({ kind: 'overlay', visible: false, description: '0 unread notifications' });
    expect(badgePlan('freebsd', 3)).toEqual({ kind: 'none' });
    expect(badgePlan('darwin', -2)).toEqual({ kind: 'count', count: 0 });
  });
});

describe('badgeBitmap', () => {
  it('is a red dot on a transparent square, premultiplied BGRA', () => {
    const size = 32;
    const pixels = badgeBitmap(size);
    expect(pixels.length).toBe(size * size * 4);
    const at = (x: number, y: number) => [...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(16, 16)).toEqual([0x25, 0x30, 0xd9, 255]);
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
    for (let i = 0; i < pixels.length; i += 4) for (let c = 0; c < 3; c += 1) expect(pixels[i + c]!).toBeLessThanOrEqual(pixels[i + 3]!);
  });
});
