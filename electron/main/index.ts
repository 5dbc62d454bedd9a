/**
 * The Electron shell's composition root: security set up before anything loads, one instance,
 * the contract over IPC and the window at once (the page shows "Opening Partner Desk…"), then the
 * core behind them (per-user data folder, Electron's SQLite build, OS keychain, background sync)
 * with the Electron desktop integration, the menu, OS notifications, sync on wake/reconnect and the
 * updater. Nothing the core does (a migration, a keychain waiting for its unlock prompt) delays the
 * window. Every decision lives in policy/ (pure, tested under Node); this file only connects the
 * pieces. test/integration/shell/startup-smoke.test.ts runs the built file under Node against a
 * recording stand-in for Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { createCore, type Core } from '@core';
import { createLogger, type Logger } from '@core/log';
import { KeytarSecretStore } from '@core/secrets/keytar-secret-store';
import { electronAppShell } from './app-shell';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { runMenuCommand, sendAppCommand, type CommandContext } from './commands';
import { watchConnectivity } from './connectivity';
import { createElectronDesktop } from './desktop-integration';
import { registerIpc } from './ipc';
import { AppMenu } from './menu';
import { CoreGate } from './core-gate';
import { chooseSqliteBinding } from './native-binding';
import { watchNotifications } from './notifications';
import { appUserModelId, PRODUCT_NAME } from './policy/app-identity';
import { chooseRendererSource } from './policy/app-origin';
import { unreadCountAfter } from './policy/menu-actions';
import { runNotices } from './policy/run-notices';
import { describeStartupError } from './policy/startup-error';
import { updateReadyNotification } from './policy/update-policy';
import { guardAllWebContents, hardenSession } from './security';
import { createUpdates } from './updater';
import { createMainWindow, isAppWebContents, RENDERER_DIR, showWindow } from './window';
import { isAppError } from '@shared/errors';
import { readWindowState, writeWindowState } from './window-state-file';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = chooseRendererSource({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL });
const dataDirOverride = process.env.PARTNER_DESK_DATA_DIR?.trim();

// Before ready: the data folder (shared with web mode and the CLI), the sandbox for every renderer, the app:// scheme.
if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));
app.enableSandbox();
registerAppScheme();

// Chromium's sandbox is off only when the launcher had to (Linux without usable user namespaces): say so.
const notices = runNotices({
  platform: process.platform,
  sandboxDisabled: app.commandLine.hasSwitch('no-sandbox'),
  isPackaged: app.isPackaged,
});
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

  // The contract and the window first: requests wait at the gate while the core opens.
  const gate = new CoreGate();
  registerIpc(gate, {
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
    quit: () => app.quit(),
    icon: fs.existsSync(icon) ? icon : undefined,
    log,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  const update = updates.state();
  menu = new AppMenu(
    {
      platform: process.platform,
      appName: PRODUCT_NAME,
      signedIn: false,
      update: { status: update.status, version: update.version },
      developer: !app.isPackaged,
    },
    (command) => runMenuCommand(commands, command),
  );

  let ready: Core;
  try {
    const sqliteNativeBinding = chooseSqliteBinding({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appRoot,
      runtime: { electron: process.versions.electron, platform: process.platform, arch: process.arch },
      exists: (file) => fs.existsSync(file),
      readText: (file) => readTextOrNull(file),
    });
    ready = await createCore({
      dataDir,
      secrets: new KeytarSecretStore(),
      log,
      runMode: 'desktop',
      appVersion: app.getVersion(),
      desktop,
      shell: electronAppShell(updates, dataDir, notices),
      backgroundSync: true,
      locale: app.getLocale(),
      // After a repair replaced the database: start again on it (a moment later, so the answer reaches the window).
      restart: () => {
        setTimeout(() => {
          app.relaunch();
          app.quit();
        }, 500);
        return true;
      },
      ...(sqliteNativeBinding ? { sqliteNativeBinding } : {}),
    });
  } catch (error) {
    gate.fail({
      code: isAppError(error) ? error.code : 'internal',
      message: describeStartupError(error, { isPackaged: app.isPackaged }).message,
    });
    throw error;
  }
  core = ready;
  gate.open(ready);
  menu.update({ signedIn: ready.accounts.activeProfileId() !== null });
  ready.events.on('session.changed', (state) => menu?.update({ signedIn: state.activeProfileId !== null }));

  watchNotifications({
    core: ready,
    desktop,
    isWindowFocused: () => mainWindow?.isFocused() ?? false,
    onClick: (command) => sendAppCommand(commands, command),
  });
  watchConnectivity({
    syncNow: () => {
      ready.scheduler?.poke();
      ready.outbox.runner.poke();
    },
    networkChanged: (online) => void ready.session.networkChanged(online),
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

function readTextOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId(appUserModelId({ isPackaged: app.isPackaged, execPath: process.execPath }));
  const dataDir = app.getPath('userData');
  // One set of log files per process kind (core/log.ts): the desktop app's are logs/desktop.<date>.<n>.log.
  const log = createLogger({ file: path.join(dataDir, 'logs', 'desktop.log') });
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
