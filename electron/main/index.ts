/**
 * The Electron shell: single instance, the core in the per-user data folder with the OS keychain,
 * the contract over IPC, one window. No business logic lives here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { createCore, type Core } from '../core';
import { createLogger } from '../core/log';
import { KeytarSecretStore } from '../core/secrets/keytar-secret-store';
import { registerIpc } from './ipc';
import { chooseSqliteBinding } from './native-binding';
import { createMainWindow } from './window';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let core: Core | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    const log = createLogger({ file: path.join(dataDir, 'logs', 'partner-desk.log') });
    const sqliteNativeBinding = chooseSqliteBinding({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appRoot,
      exists: (file) => fs.existsSync(file),
    });
    core = await createCore({
      dataDir,
      secrets: new KeytarSecretStore(),
      log,
      runMode: 'desktop',
      appVersion: app.getVersion(),
      ...(sqliteNativeBinding ? { sqliteNativeBinding } : {}),
    });
    registerIpc(core);
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => core?.close());
}
