/**
 * The options every app window is built with. The security settings are fixed here and applied
 * last, so nothing a caller passes can weaken them: context isolation, the renderer sandbox, no
 * Node in the page or its workers and frames, no <webview>, web security on, no insecure content,
 * no experimental or Blink features. Also decides what closing the window means on each platform.
 * Pure: returns plain objects shaped like Electron's BrowserWindow options.
 */
import type { WindowBounds } from './window-state';

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: true,
} as const;

export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;

export interface MainWindowInput {
  bounds: WindowBounds;
  preload: string;
  platform: NodeJS.Platform;
  /** The window icon (Linux shows it; macOS and Windows take the app's). */
  icon?: string | undefined;
  /** Matches the app's theme while the page loads, so there is no white flash in dark mode. */
  darkMode: boolean;
}

export function mainWindowOptions(input: MainWindowInput) {
  return {
    ...input.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Partner Desk',
    backgroundColor: input.darkMode ? '#0e1116' : '#f6f7f9',
    ...(input.platform === 'linux' && input.icon ? { icon: input.icon } : {}),
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: input.preload },
  };
}

/**
 * On macOS closing the window keeps the app running in the dock (hide, so state and pending
 * notification clicks survive); elsewhere, and when the user is quitting, the window closes.
 */
export function closeAction(context: { platform: NodeJS.Platform; quitting: boolean }): 'hide' | 'close' {
  return context.platform === 'darwin' && !context.quitting ? 'hide' : 'close';
}
