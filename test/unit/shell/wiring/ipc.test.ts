/**
 * The IPC wiring with Electron replaced by fakes (the binary cannot run here): a handler for every
 * contract request and nothing else, the sender check before any dispatch, and events sent only to
 * app windows still showing the app.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_PREFIX, IPC_REQUEST_PREFIX } from '@shared/api';
import { REQUEST_NAMES } from '@shared/contract';
import { CoreEvents } from '@core/events';
import type { Core } from '@core';
import { PRODUCTION_ORIGIN } from '../../../../electron/main/policy/app-origin';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  windows: [] as Array<{ webContents: { getURL(): string; send: (...args: unknown[]) => void } }>,
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  BrowserWindow: { getAllWindows: () => electron.windows },
}));

const { registerIpc } = await import('../../../../electron/main/ipc');

function frame(url: string, token = 'main', parent: unknown = null) {
  return { url, frameToken: token, parent, detached: false };
}

function senderEvent(options: { url?: string; sub?: boolean; appWindow?: boolean; gone?: boolean } = {}) {
  const main = frame(options.url ?? 'app://partner-desk/index.html');
  const sender = { mainFrame: main, appWindow: options.appWindow ?? true };
  const senderFrame = options.gone ? null : options.sub ? frame(options.url ?? 'app://partner-desk/index.html', 'sub', main) : main;
  return { sender, senderFrame };
}

describe('registerIpc', () => {
  let dispatched: Array<[string, unknown]>;
  let handled: string[];
  let events: CoreEvents;
  let stop: () => void;

  beforeEach(() => {
    electron.handlers.clear();
    electron.windows = [];
    dispatched = [];
    handled = [];
    events = new CoreEvents();
    const core = {
      events,
      dispatch: async (name: string, input: unknown) => (dispatched.push([name, input]), { ok: true, value: { unread: 2 } }),
    } as unknown as Core;
    stop = registerIpc(core, {
      origins: [PRODUCTION_ORIGIN],
      isAppWindow: (contents) => (contents as unknown as { appWindow: boolean }).appWindow,
      onHandled: (name) => handled.push(name),
      log: { debug() {}, info() {}, warn() {}, error() {}, redact() {} },
    });
  });

  it('registers exactly the contract requests', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map((name) => `${IPC_REQUEST_PREFIX}${name}`).sort());
    stop();
    expect(electron.handlers.size).toBe(0);
  });

  it('dispatches from the main frame of an app window', async () => {
    const result = await electron.handlers.get(`${IPC_REQUEST_PREFIX}notifications.markRead`)!(senderEvent(), { ids: 'all' });
    expect(result).toEqual({ ok: true, value: { unread: 2 } });
    expect(dispatched).toEqual([['notifications.markRead', { ids: 'all' }]]);
    expect(handled).toEqual(['notifications.markRead']);
  });

  it('refuses subframes, foreign pages, other windows and gone frames before dispatching', async () => {
    const handler = electron.handlers.get(`${IPC_REQUEST_PREFIX}session.get`)!;
    for (const event of [
      senderEvent({ sub: true }),
      senderEvent({ url: 'https://evil.example/?x=app://partner-desk' }),
      senderEvent({ appWindow: false }),
      senderEvent({ gone: true }),
    ]) {
      expect(await handler(event, {})).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    }
    expect(dispatched).toEqual([]);
  });

  it('forwards core events to app windows showing the app only', () => {
    const sent: unknown[][] = [];
    const window = (url: string, appWindow = true) => ({
      webContents: { appWindow, getURL: () => url, send: (...args: unknown[]) => sent.push([url, ...args]) },
    });
    electron.windows = [
      window('app://partner-desk/index.html'),
      window('https://evil.example/'),
      window('app://partner-desk/index.html', false),
    ];
    events.emit('app.command', { command: 'preferences' });
    expect(sent).toEqual([['app://partner-desk/index.html', `${IPC_EVENT_PREFIX}app.command`, { command: 'preferences' }]]);
  });
});
