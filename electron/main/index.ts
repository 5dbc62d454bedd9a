/**
 * The Electron shell's composition root: security set up before anything loads, one instance,
 * the core (per-user data folder, OS keychain, Electron's SQLite build, background sync) with the
 * Electron desktop integration, the contract over IPC, one window, the menu, OS notifications,
 * sync on wake/reconnect and the updater. Every decision lives in policy/ (pure, tested under
 * Node); this file only connects the pieces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { createCore, type Core } from '../core';
import { createLogger, type Logger } from '../core/log';
import { KeytarSecretStore } from '../core/secrets/keytar-secret-store';
import { electronAppShell } from './app-shell';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { runMenuCommand, sendAppCommand, type CommandContext } from './commands';
import { watchConnectivity } from './connectivity';
import { createElectronDesktop } from './desktop-integration';
import { registerIpc } from './ipc';
import { AppMenu } from './menu';
import { chooseSqliteBinding } from './native-binding';
import { watchNotifications } from './notifications';
import { APP_ID, PRODUCT_NAME } from './policy/app-identity';
import { chooseRendererSource } from './policy/app-origin';
import { unreadCountAfter } from './policy/menu-actions';
import { describeStartupError } from './policy/startup-error';
import { updateReadyNotification } from './policy/update-policy';
import { guardAllWebContents, hardenSession } from './security';
import { createUpdates } from './updater';
import { createMainWindow, isAppWebContents, RENDERER_DIR, showWindow } from './window';
import { readWindowState, writeWindowState } from './window-state-file';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = chooseRendererSource({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL });
const dataDirOverride = process.env.PARTNER_DESK_DATA_DIR?.trim();

// Before ready: the data folder (shared with web mode and the CLI), the sandbox for every renderer, the app:// scheme.
if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));
app.enableSandbox();
registerAppScheme();

let core: Core | undefined;
let mainWindow: BrowserWindow | null = null;
let quitting = false;

async function start(dataDir: string, log: Logger): Promise<void> {
  serveAppProtocol(RENDERER_DIR);
  hardenSession(session.defaultSession, source.origins, log);
  const desktop = createElectronDesktop({ mainWindow: () => mainWindow, log });
  let menu: AppMenu | null = null;
  const updates = createUpdates({
    log,
    onChange: (state) => {
      core?.events.emit('app.update', state);
      menu?.update({ update: { status: state.status, version: state.version } });
    },
    onReady: (state) => desktop.notify({ ...updateReadyNotification(state), onClick: () => mainWindow && showWindow(mainWindow) }),
    beforeInstall: () => {
      quitting = true;
    },
  });
  const commands: CommandContext = { core: () => core, window: () => mainWindow, updates, dataDir, log };

  const sqliteNativeBinding = chooseSqliteBinding({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot, exists: (file) => fs.existsSync(file) });
  const ready = await createCore({
    dataDir,
    secrets: new KeytarSecretStore(),
    log,
    runMode: 'desktop',
    appVersion: app.getVersion(),
    desktop,
    shell: electronAppShell(updates, dataDir),
    backgroundSync: true,
    locale: app.getLocale(),
    ...(sqliteNativeBinding ? { sqliteNativeBinding } : {}),
  });
  core = ready;
  registerIpc(ready, {
    origins: source.origins,
    isAppWindow: isAppWebContents,
    onHandled: (name, result) => {
      const unread = unreadCountAfter(name, result);
      if (unread !== null) desktop.setBadgeCount(unread);
    },
    log,
  });

  const stateFile = path.join(dataDir, 'window-state.json');
  const icon = path.join(app.getAppPath(), 'resources', 'icon.png');
  mainWindow = createMainWindow({
    source,
    savedState: readWindowState(stateFile),
    saveState: (state) => writeWindowState(stateFile, state, log),
    isQuitting: () => quitting,
    icon: fs.existsSync(icon) ? icon : undefined,
    log,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });

  const update = updates.state();
  menu = new AppMenu(
    { platform: process.platform, appName: PRODUCT_NAME, signedIn: ready.accounts.activeProfileId() !== null, update: { status: update.status, version: update.version }, developer: !app.isPackaged },
    (command) => runMenuCommand(commands, command),
  );
  ready.events.on('session.changed', (state) => menu?.update({ signedIn: state.activeProfileId !== null }));

  watchNotifications({ core: ready, desktop, isWindowFocused: () => mainWindow?.isFocused() ?? false, onClick: (command) => sendAppCommand(commands, command) });
  watchConnectivity({
    syncNow: () => {
      ready.scheduler?.poke();
      ready.outbox.runner.poke();
    },
    networkChanged: (online) => ready.outbox.runner.networkChanged(online),
    onAway: () => void desktop.flushClipboard(),
    log,
  });
  updates.start();

  let clipboardFlushed = false;
  app.on('will-quit', (event) => {
    // The clipboard answers asynchronously: hold the quit until a copied secret is cleared.
    if (desktop.clipboardClearPending && !clipboardFlushed) {
      clipboardFlushed = true;
      event.preventDefault();
      void desktop.flushClipboard().finally(() => app.quit());
      return;
    }
    updates.stop();
    core?.close();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  const dataDir = app.getPath('userData');
  const log = createLogger({ file: path.join(dataDir, 'logs', 'partner-desk.log') });
  guardAllWebContents(source.origins, log);
  app.setAboutPanelOptions({ applicationName: PRODUCT_NAME, applicationVersion: app.getVersion(), website: 'https://www.360dialog.com' });

  // A second launch focuses this one (the OS passes us its arguments; we need none of them).
  app.on('second-instance', () => mainWindow && showWindow(mainWindow));
  app.on('activate', () => mainWindow && showWindow(mainWindow));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(() => start(dataDir, log))
    .catch((error: unknown) => {
      log.error('Partner Desk could not start', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      const text = describeStartupError(error, { isPackaged: app.isPackaged });
      dialog.showErrorBox(text.title, text.message);
      app.exit(1);
    });
}
