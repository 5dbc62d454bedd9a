/**
 * The security wiring with Electron replaced by fakes: every web contents gets the guards (no
 * webview, navigation and redirects within the app, no windows, allowed links to the browser), and
 * the session denies permissions and page network requests.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '@core/log';
import { PRODUCTION_ORIGIN } from '../../../../electron/main/policy/app-origin';

const electron = vi.hoisted(() => ({ app: null as unknown as EventEmitter, opened: [] as string[] }));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  electron.app = new Emitter();
  return { app: electron.app, shell: { openExternal: async (url: string) => void electron.opened.push(url) } };
});

const { guardAllWebContents, hardenSession } = await import('../../../../electron/main/security');
const origins = [PRODUCTION_ORIGIN];

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function navigationEvent(url: string, isMainFrame = true) {
  const event = { url, isMainFrame, prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

describe('guardAllWebContents', () => {
  let contents: FakeContents;
  beforeEach(() => {
    electron.opened.length = 0;
    electron.app.removeAllListeners();
    guardAllWebContents(origins, silentLogger);
    contents = new FakeContents();
    electron.app.emit('web-contents-created', {}, contents);
  });

  it('refuses webviews', () => {
    const event = navigationEvent('');
    contents.emit('will-attach-webview', event);
    expect(event.prevented).toBe(true);
  });

  it('keeps navigation inside the app and sends allowed links to the browser', async () => {
    const inside = navigationEvent('app://partner-desk/index.html');
    contents.emit('will-navigate', inside);
    expect(inside.prevented).toBe(false);
    const link = navigationEvent('https://docs.360dialog.com/');
    contents.emit('will-navigate', link);
    const evil = navigationEvent('https://evil.example/?x=app://partner-desk');
    contents.emit('will-navigate', evil);
    const redirect = navigationEvent('https://hub.360dialog.com/');
    contents.emit('will-redirect', redirect);
    const frame = navigationEvent('https://evil.example/', false);
    contents.emit('will-frame-navigate', frame);
    await Promise.resolve();
    expect([link.prevented, evil.prevented, redirect.prevented, frame.prevented]).toEqual([true, true, true, true]);
    expect(electron.opened).toEqual(['https://docs.360dialog.com/']);
  });

  it('never opens a window', async () => {
    expect(contents.openHandler!({ url: 'https://hub.360dialog.com/x' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(electron.opened).toEqual(['https://hub.360dialog.com/x']);
  });
});

describe('hardenSession', () => {
  it('denies permissions and page network requests', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
      setDisplayMediaRequestHandler: (h: never) => (handlers.display = h),
      webRequest: { onBeforeRequest: (h: never) => (handlers.request2 = h) },
    };
    hardenSession(session as never, origins, silentLogger);
    const answers: boolean[] = [];
    const request = handlers.request as unknown as (c: unknown, p: string, cb: (g: boolean) => void, d: { requestingUrl: string }) => void;
    request({}, 'notifications', (granted) => answers.push(granted), { requestingUrl: 'app://partner-desk/index.html' });
    request({}, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: 'app://partner-desk/index.html' });
    expect(answers).toEqual([false, true]);
    const check = handlers.check as unknown as (c: unknown, p: string, o: string, d: { requestingUrl?: string }) => boolean;
    expect(check(null, 'media', 'app://partner-desk', {})).toBe(false);
    expect((handlers.device as unknown as () => boolean)()).toBe(false);
    const cancelled: boolean[] = [];
    const before = handlers.request2 as unknown as (
      d: { url: string; webContentsId?: number },
      cb: (r: { cancel: boolean }) => void,
    ) => void;
    before({ url: 'https://hub.360dialog.io/api/v2/partners', webContentsId: 1 }, (r) => cancelled.push(r.cancel));
    before({ url: 'app://partner-desk/assets/a.js', webContentsId: 1 }, (r) => cancelled.push(r.cancel));
    expect(cancelled).toEqual([true, false]);
  });
});
