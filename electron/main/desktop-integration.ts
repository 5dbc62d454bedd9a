/**
 * The Electron side of the core's DesktopIntegration seam: the save dialog (for the focused app
 * window), "show in folder", the clipboard with its timed clear, OS notifications and the unread
 * badge. Decisions (dialog options, clipboard clearing, badge kind, the overlay image) live in
 * policy/; this file only calls Electron.
 */
import fs from 'node:fs';
import { app, BrowserWindow, clipboard, dialog, nativeImage, Notification, shell, type NativeImage } from 'electron';
import type { DesktopIntegration } from '@core/desktop';
import type { Logger } from '@core/log';
import { badgeBitmap } from './policy/badge-image';
import { ClipboardGuard, SECRET_CLIPBOARD_CLEAR_MS } from './policy/clipboard-guard';
import { badgePlan } from './policy/notification-policy';
import { chosenSavePath, saveDialogOptions } from './policy/save-dialog';

export interface ElectronDesktop extends DesktopIntegration {
  /** Clears a copied secret now if it is still on the clipboard (quit, sleep, screen lock). */
  flushClipboard(): Promise<void>;
  /** A copied secret is waiting to be cleared. */
  readonly clipboardClearPending: boolean;
}

const BADGE_SIZE = 32;

export function createElectronDesktop(deps: { mainWindow: () => BrowserWindow | null; log: Logger }): ElectronDesktop {
  const guard = new ClipboardGuard(
    { readText: () => clipboard.readText(), writeText: (text) => clipboard.writeText(text), clear: () => clipboard.clear() },
    { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
  );
  // Electron drops click handlers of notifications that are garbage collected: keep them alive.
  const live = new Set<Notification>();
  let overlay: NativeImage | null = null;

  const parent = (): BrowserWindow | null => {
    const focused = BrowserWindow.getFocusedWindow();
    return focused ?? deps.mainWindow();
  };

  return {
    kind: 'electron',
    async chooseSavePath(request) {
      const options = saveDialogOptions(request, app.getPath('downloads'));
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return chosenSavePath(result, request);
    },
    async revealFile(file) {
      if (!fs.existsSync(file)) return false;
      shell.showItemInFolder(file);
      return true;
    },
    async writeClipboard(text, { clearAfterMs }) {
      // Whatever a caller asks, a copied secret never stays longer than a minute.
      try {
        await guard.write(text, clearAfterMs > 0 ? Math.min(clearAfterMs, SECRET_CLIPBOARD_CLEAR_MS) : clearAfterMs);
        return true;
      } catch (error) {
        deps.log.warn('could not write the clipboard', { error: String(error) });
        return false;
      }
    },
    notify({ title, body, onClick }) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      live.add(notification);
      const forget = (): void => {
        live.delete(notification);
      };
      notification.on('click', () => {
        forget();
        onClick?.();
      });
      notification.on('close', forget);
      notification.on('failed', (_event, error) => {
        forget();
        deps.log.warn('OS notification failed', { error });
      });
      notification.show();
    },
    setBadgeCount(count) {
      const plan = badgePlan(process.platform, count);
      if (plan.kind === 'count') {
        app.setBadgeCount(plan.count);
      } else if (plan.kind === 'overlay') {
        overlay ??= nativeImage.createFromBuffer(badgeBitmap(BADGE_SIZE), { width: BADGE_SIZE, height: BADGE_SIZE });
        deps.mainWindow()?.setOverlayIcon(plan.visible ? overlay : null, plan.description);
      }
    },
    flushClipboard() {
      return guard.flush().catch((error: unknown) => deps.log.warn('could not clear the clipboard', { error: String(error) }));
    },
    get clipboardClearPending() {
      return guard.hasPendingClear;
    },
  };
}
