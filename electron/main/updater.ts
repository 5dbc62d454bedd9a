/**
 * electron-updater wired to the update policy and controller: which builds update, the 6-hourly
 * check, and the "ready" state all live in policy/; here the updater is created (only when the
 * build updates itself), its log goes to the app log, and nothing it does can crash the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, net } from 'electron';
// electron-updater is CommonJS: a default import works from ESM, a named one does not.
import pkg from 'electron-updater';
import type { UpdateState } from '@shared/shell';
import type { Logger } from '@core/log';
import { UpdateController, type UpdaterPort } from './policy/update-controller';
import { updateSupport } from './policy/update-policy';
import { realTimers } from './timers';

export interface UpdaterDeps {
  log: Logger;
  onChange(state: UpdateState): void;
  onReady(state: UpdateState): void;
  beforeInstall(): void;
}

function electronUpdater(log: Logger): UpdaterPort {
  const { autoUpdater } = pkg;
  autoUpdater.logger = {
    info: (message?: unknown) => log.info('updater', { detail: String(message) }),
    warn: (message?: unknown) => log.warn('updater', { detail: String(message) }),
    // Every error electron-updater logs here also reaches the controller (its 'error' event and the
    // rejected check, the same Error object), which logs it once; at error level it would be a third copy.
    error: (message?: unknown) => log.debug('updater', { detail: String(message) }),
    debug: (message: string) => log.debug('updater', { detail: message }),
  };
  return {
    configure(settings) {
      autoUpdater.autoDownload = settings.autoDownload;
      autoUpdater.autoInstallOnAppQuit = settings.autoInstallOnAppQuit;
      autoUpdater.allowPrerelease = settings.allowPrerelease;
      autoUpdater.allowDowngrade = settings.allowDowngrade;
    },
    subscribe(listeners) {
      autoUpdater.on('checking-for-update', () => listeners['checking-for-update']());
      autoUpdater.on('update-available', (info) => listeners['update-available'](info));
      autoUpdater.on('update-not-available', (info) => listeners['update-not-available'](info));
      autoUpdater.on('download-progress', (progress) => listeners['download-progress'](progress));
      autoUpdater.on('update-downloaded', (info) => listeners['update-downloaded'](info));
      autoUpdater.on('error', (error) => listeners.error(error));
    },
    checkForUpdates: () => autoUpdater.checkForUpdates(),
    quitAndInstall: (isSilent, isForceRunAfter) => autoUpdater.quitAndInstall(isSilent, isForceRunAfter),
  };
}

export function createUpdates(deps: UpdaterDeps): UpdateController {
  const support = updateSupport({
    isPackaged: app.isPackaged,
    platform: process.platform,
    env: process.env,
    hasUpdateConfig: app.isPackaged && fs.existsSync(path.join(process.resourcesPath, 'app-update.yml')),
  });
  if (!support.supported) deps.log.info('updates are off for this build', { reason: support.reason });
  return new UpdateController({
    updater: () => electronUpdater(deps.log),
    support,
    currentVersion: app.getVersion(),
    log: deps.log,
    now: Date.now,
    timers: realTimers,
    isOnline: () => net.isOnline(),
    onChange: deps.onChange,
    onReady: deps.onReady,
    beforeInstall: deps.beforeInstall,
  });
}
