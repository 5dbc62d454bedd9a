/**
 * A recording stand-in for the `electron` module, for running the built main process under plain
 * Node (the Electron binary cannot be downloaded here). It is strict where Electron is: APIs that
 * exist only after `ready` (windows, sessions, screens, protocol handlers) throw before it, APIs that
 * must come before it (privileged schemes, the sandbox switch) throw after it, and any property it
 * does not model throws instead of returning undefined, so main cannot use an API this test has
 * not thought about. Every call is recorded with whether the app was ready, for the test to read.
 *
 * It also plays the renderer's part: loading a window runs the real built preload in a sandbox
 * that offers only what Electron gives a sandboxed preload, and requests made through the API it
 * exposes travel preload → ipcRenderer → ipcMain → main's handler, as in the app.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { runSandboxedPreload, type ExposedWorld } from './sandboxed-preload';

export interface StandInScenario {
  isPackaged: boolean;
  appPath: string;
  resourcesPath: string;
  userData: string;
  version: string;
  /** False: another instance holds the lock. */
  singleInstanceLock: boolean;
  /** Command-line switches present (e.g. `no-sandbox`). */
  switches: string[];
  /** How the first N page loads end: 'fail' emits did-fail-load; then pages load. */
  failLoads: number;
  /** What showMessageBox answers (index of the button). */
  messageBoxResponse: number;
}

export interface Recorded {
  seq: number;
  call: string;
  ready: boolean;
  at: number;
  detail?: unknown;
}

type Listener = (...args: unknown[]) => void;

export function createFakeElectron(scenario: StandInScenario, report: (entry: Recorded) => void) {
  let seq = 0;
  let ready = false;
  const record = (call: string, detail?: unknown): void =>
    report({ seq: ++seq, call, ready, at: Date.now(), ...(detail === undefined ? {} : { detail }) });
  const afterReady = (call: string): void => {
    if (!ready) throw new Error(`${call} cannot be used before the app is ready (Electron throws here too).`);
  };
  const beforeReady = (call: string): void => {
    if (ready) throw new Error(`${call} must be called before the app is ready.`);
  };

  /** Throws on any property the stand-in does not model, instead of handing main an undefined. */
  function strict<T extends object>(name: string, target: T): T {
    return new Proxy(target, {
      get(object, property, receiver) {
        if (typeof property === 'symbol' || property in object) return Reflect.get(object, property, receiver);
        if (property === 'then' || property === 'toJSON') return undefined;
        throw new Error(`The Electron stand-in does not model ${name}.${property}; add it (and check main uses it as Electron documents).`);
      },
    });
  }

  const paths: Record<string, string> = {
    userData: scenario.userData,
    logs: `${scenario.userData}/logs`,
    temp: '/tmp',
    downloads: '/tmp',
    documents: '/tmp',
    home: '/tmp',
  };
  const appEvents = new EventEmitter();
  let readyResolve: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => {
    readyResolve = resolve;
  });

  const app = strict('app', {
    isPackaged: scenario.isPackaged,
    commandLine: strict('app.commandLine', {
      hasSwitch: (name: string) => scenario.switches.includes(name),
      appendSwitch: (name: string) => {
        beforeReady(`app.commandLine.appendSwitch(${name})`);
        record('app.commandLine.appendSwitch', name);
      },
    }),
    getVersion: () => scenario.version,
    getName: () => 'Partner Desk',
    getLocale: () => 'en-US',
    getAppPath: () => scenario.appPath,
    getPath: (name: string) => {
      const value = paths[name];
      if (!value) throw new Error(`app.getPath('${name}') is not modelled`);
      return value;
    },
    setPath: (name: string, value: string) => {
      record('app.setPath', { name, value });
      paths[name] = value;
    },
    enableSandbox: () => {
      beforeReady('app.enableSandbox');
      record('app.enableSandbox');
    },
    requestSingleInstanceLock: () => {
      record('app.requestSingleInstanceLock', scenario.singleInstanceLock);
      return scenario.singleInstanceLock;
    },
    setAppUserModelId: (id: string) => record('app.setAppUserModelId', id),
    setAboutPanelOptions: (options: unknown) => record('app.setAboutPanelOptions', options),
    setBadgeCount: (count: number) => {
      record('app.setBadgeCount', count);
      return true;
    },
    isReady: () => ready,
    whenReady: () => {
      record('app.whenReady');
      return readyPromise;
    },
    on: (event: string, listener: Listener) => {
      record('app.on', event);
      appEvents.on(event, listener);
      return app;
    },
    once: (event: string, listener: Listener) => {
      appEvents.once(event, listener);
      return app;
    },
    quit: () => {
      record('app.quit');
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      appEvents.emit('before-quit', event);
      appEvents.emit('will-quit', event);
      if (!event.defaultPrevented) setTimeout(() => process.exit(0), 50);
    },
    exit: (code = 0) => {
      record('app.exit', code);
      setTimeout(() => process.exit(code), 50);
    },
  });

  // ── the main process side of IPC, and the renderer side the preload talks to ─────────────────
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = strict('ipcMain', {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, handler);
      record('ipcMain.handle', channel);
    },
    removeHandler: (channel: string) => ipcHandlers.delete(channel),
  });

  // ── windows ────────────────────────────────────────────────────────────────────────────────
  const windows: FakeWindow[] = [];
  let nextWindowId = 1;
  const world: ExposedWorld = {};

  class FakeWebContents extends EventEmitter {
    readonly id = nextWindowId;
    url = '';
    destroyed = false;
    readonly mainFrame = { url: '', frameToken: `main-${nextWindowId}`, parent: null, detached: false };
    readonly rendererListeners = new Map<string, Set<Listener>>();
    windowOpenHandler: unknown = null;

    getURL(): string {
      return this.url;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    setWindowOpenHandler(handler: unknown): void {
      this.windowOpenHandler = handler;
    }
    send(channel: string, payload: unknown): void {
      for (const listener of this.rendererListeners.get(channel) ?? []) listener({ sender: null }, payload);
    }
  }

  class FakeWindow extends EventEmitter {
    readonly id = nextWindowId++;
    readonly webContents = new FakeWebContents();
    visible = false;
    destroyed = false;
    loads = 0;
    constructor(
      readonly options: { show?: boolean; webPreferences?: { preload?: string; sandbox?: boolean; contextIsolation?: boolean } } & Record<
        string,
        unknown
      >,
    ) {
      super();
      afterReady('new BrowserWindow');
      record('BrowserWindow.new', options);
      windows.push(this);
      appEvents.emit('web-contents-created', {}, this.webContents);
      this.visible = options.show !== false;
    }
    static getAllWindows = (): FakeWindow[] => windows.filter((window) => !window.destroyed);
    static getFocusedWindow = (): FakeWindow | null => windows.find((window) => window.visible && !window.destroyed) ?? null;

    loadURL(url: string): Promise<void> {
      afterReady('BrowserWindow.loadURL');
      this.loads += 1;
      record('BrowserWindow.loadURL', url);
      this.webContents.url = url;
      this.webContents.mainFrame.url = url;
      const fail = this.loads <= scenario.failLoads;
      return new Promise((resolve, reject) => {
        setTimeout(() => {
          if (fail) {
            this.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', url, true);
            reject(new Error(`ERR_CONNECTION_REFUSED (-102) loading '${url}'`));
            return;
          }
          try {
            const preload = this.options.webPreferences?.preload;
            if (!preload || !fs.existsSync(preload)) throw new Error(`the preload ${String(preload)} does not exist`);
            runSandboxedPreload(preload, rendererElectron(this), world);
            record('preload.ran', preload);
          } catch (error) {
            record('preload.failed', String(error));
          }
          this.webContents.emit('did-finish-load');
          this.emit('ready-to-show');
          resolve();
        }, 5);
      });
    }
    show(): void {
      record('BrowserWindow.show');
      this.visible = true;
    }
    hide(): void {
      this.visible = false;
    }
    focus(): void {
      record('BrowserWindow.focus');
    }
    isVisible(): boolean {
      return this.visible;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    isFocused(): boolean {
      return this.visible;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    maximize(): void {}
    isMaximized(): boolean {
      return false;
    }
    isFullScreen(): boolean {
      return false;
    }
    setFullScreen(): void {}
    getNormalBounds() {
      return { x: 0, y: 0, width: 1280, height: 820 };
    }
    close(): void {
      this.destroyed = true;
      this.emit('closed');
    }
  }

  /** What `require('electron')` gives the preload of one window: the renderer half of IPC. */
  function rendererElectron(window: FakeWindow) {
    const contents = window.webContents;
    return {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => {
          record('contextBridge.exposeInMainWorld', key);
          world[key] = api;
        },
      },
      ipcRenderer: {
        invoke: async (channel: string, ...args: unknown[]) => {
          const handler = ipcHandlers.get(channel);
          if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
          return handler({ sender: contents, senderFrame: contents.mainFrame }, ...args);
        },
        on: (channel: string, listener: Listener) => {
          const set = contents.rendererListeners.get(channel) ?? new Set<Listener>();
          set.add(listener);
          contents.rendererListeners.set(channel, set);
        },
        removeListener: (channel: string, listener: Listener) => contents.rendererListeners.get(channel)?.delete(listener),
      },
    };
  }

  // ── the rest of the main-process API main uses ─────────────────────────────────────────────
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const protocol = strict('protocol', {
    registerSchemesAsPrivileged: (schemes: unknown) => {
      beforeReady('protocol.registerSchemesAsPrivileged');
      record('protocol.registerSchemesAsPrivileged', schemes);
    },
    handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      afterReady('protocol.handle');
      record('protocol.handle', scheme);
      protocolHandlers.set(scheme, handler);
    },
  });

  const defaultSession = strict('session.defaultSession', {
    setPermissionRequestHandler: () => record('session.setPermissionRequestHandler'),
    setPermissionCheckHandler: () => record('session.setPermissionCheckHandler'),
    setDevicePermissionHandler: () => record('session.setDevicePermissionHandler'),
    setDisplayMediaRequestHandler: () => record('session.setDisplayMediaRequestHandler'),
    webRequest: { onBeforeRequest: () => record('session.webRequest.onBeforeRequest') },
  });
  const session = strict('session', {
    get defaultSession() {
      afterReady('session.defaultSession');
      return defaultSession;
    },
  });

  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
  const screen = strict('screen', {
    getPrimaryDisplay: () => {
      afterReady('screen.getPrimaryDisplay');
      return display;
    },
    getAllDisplays: () => {
      afterReady('screen.getAllDisplays');
      return [display];
    },
  });

  const dialog = strict('dialog', {
    showErrorBox: (title: string, content: string) => record('dialog.showErrorBox', { title, content }),
    showMessageBox: async (...args: unknown[]) => {
      const options = (args.length > 1 ? args[1] : args[0]) as Record<string, unknown>;
      record('dialog.showMessageBox', { withWindow: args.length > 1, ...options });
      return { response: scenario.messageBoxResponse, checkboxChecked: false };
    },
    showSaveDialog: async () => ({ canceled: true, filePath: undefined }),
  });

  const Menu = strict('Menu', {
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu: (menu: unknown) => {
      record('Menu.setApplicationMenu');
      return menu;
    },
  });

  const powerMonitorEvents = new EventEmitter();
  const powerMonitor = strict('powerMonitor', {
    on: (event: string, listener: Listener) => powerMonitorEvents.on(event, listener),
    off: (event: string, listener: Listener) => powerMonitorEvents.off(event, listener),
  });

  class FakeNotification extends EventEmitter {
    static isSupported = (): boolean => true;
    constructor(readonly options: unknown) {
      super();
      record('Notification.new', options);
    }
    show(): void {}
    close(): void {}
  }

  const fake = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain,
    protocol,
    session,
    screen,
    dialog,
    Menu,
    powerMonitor,
    Notification: FakeNotification,
    nativeTheme: strict('nativeTheme', { shouldUseDarkColors: false, on: () => undefined }),
    net: strict('net', { isOnline: () => true }),
    shell: strict('shell', {
      openExternal: async (url: string) => record('shell.openExternal', url),
      openPath: async (file: string) => (record('shell.openPath', file), ''),
      showItemInFolder: (file: string) => record('shell.showItemInFolder', file),
    }),
    clipboard: strict('clipboard', { readText: () => '', writeText: () => undefined, clear: () => undefined }),
    nativeImage: strict('nativeImage', {
      createFromBuffer: () => ({ isEmpty: () => false }),
      createEmpty: () => ({ isEmpty: () => true }),
    }),
  };

  return {
    electron: strict('electron', fake),
    /** Electron emits `ready` once the main script's first turn has run. */
    becomeReady(): void {
      ready = true;
      record('ready');
      appEvents.emit('ready');
      readyResolve();
    },
    world,
    windows: () => windows,
    protocolHandler: (scheme: string) => protocolHandlers.get(scheme),
    emitApp: (event: string, ...args: unknown[]) => appEvents.emit(event, ...args),
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
