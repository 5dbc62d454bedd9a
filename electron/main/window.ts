/**
 * The one factory for app windows: every BrowserWindow is created here, from
 * policy/window-options.ts, so none can forget the secure web preferences. It restores the saved
 * size and position, saves them as they change, and hides rather than closes on macOS. Navigation
 * and permission guards apply to every web contents (security.ts). The window is never left
 * invisible: it shows when its page is ready, or after SHOW_FALLBACK_MS whatever the page does,
 * and a page that fails to load or a renderer that stops shows the reason with a retry.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, dialog, nativeTheme, screen, type WebContents } from 'electron';
import type { Logger } from '@core/log';
import type { RendererSource } from './policy/app-origin';
import { describeLoadFailure, describeRendererGone, type FailureNotice } from './policy/load-failure';
import { closeAction, mainWindowOptions } from './policy/window-options';
import { restoreWindowState, windowStateToSave, type SavedWindowState } from './policy/window-state';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PRELOAD_FILE = path.join(here, '../preload/index.cjs');
export const RENDERER_DIR = path.join(here, '../renderer');
/** A page that has not painted by then is shown anyway: a slow page beats an invisible app. */
export const SHOW_FALLBACK_MS = 3_000;

/** Web contents of windows made here: the only ones IPC answers. */
const appContents = new WeakSet<WebContents>();

export function isAppWebContents(contents: WebContents): boolean {
  return appContents.has(contents);
}

export interface MainWindowDeps {
  source: RendererSource;
  savedState: SavedWindowState | null;
  saveState(state: SavedWindowState): void;
  isQuitting(): boolean;
  /** The user chose Quit after a load failure. */
  quit(): void;
  icon?: string | undefined;
  log: Logger;
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map((display) => display.workArea);
  const restored = restoreWindowState(deps.savedState, workAreas);
  const window = new BrowserWindow(
    mainWindowOptions({
      bounds: restored.bounds,
      preload: PRELOAD_FILE,
      platform: process.platform,
      icon: deps.icon,
      darkMode: nativeTheme.shouldUseDarkColors,
    }),
  );
  appContents.add(window.webContents);
  if (restored.maximized) window.maximize();
  if (restored.fullScreen) window.setFullScreen(true);
  let shown = false;
  const reveal = (): void => {
    if (shown || window.isDestroyed()) return;
    shown = true;
    window.show();
  };
  window.once('ready-to-show', reveal);
  const fallback = setTimeout(reveal, SHOW_FALLBACK_MS);
  window.once('closed', () => clearTimeout(fallback));

  let saveTimer: NodeJS.Timeout | null = null;
  const save = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (!window.isDestroyed())
      deps.saveState(windowStateToSave(window.getNormalBounds(), { maximized: window.isMaximized(), fullScreen: window.isFullScreen() }));
  };
  const saveSoon = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('enter-full-screen', saveSoon);
  window.on('leave-full-screen', saveSoon);
  window.on('close', (event) => {
    save();
    if (closeAction({ platform: process.platform, quitting: deps.isQuitting() }) === 'hide') {
      event.preventDefault();
      if (window.isFullScreen()) window.setFullScreen(false);
      window.hide();
    }
  });
  const load = (): void => {
    window.loadURL(deps.source.url).catch((error: unknown) => deps.log.warn('the app page did not load', { error: String(error) }));
  };
  let asking = false;
  const offerRetry = (notice: FailureNotice): void => {
    reveal();
    if (asking || window.isDestroyed()) return;
    asking = true;
    void dialog
      .showMessageBox(window, {
        type: 'error',
        title: notice.title,
        message: notice.message,
        detail: notice.detail,
        buttons: [...notice.buttons],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      })
      .then(({ response }) => {
        asking = false;
        if (response === 0) load();
        else deps.quit();
      });
  };
  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    const notice = describeLoadFailure(
      { errorCode, errorDescription, url: validatedURL, isMainFrame },
      { fromDevServer: deps.source.devServer },
    );
    if (!notice) return;
    deps.log.error('the app page failed to load', { errorCode, errorDescription, url: validatedURL.slice(0, 200) });
    offerRetry(notice);
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    deps.log.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
    const notice = describeRendererGone(details);
    if (notice) offerRetry(notice);
  });

  load();
  return window;
}

/** Brings the window to the front (second launch, dock click, notification click). */
export function showWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
