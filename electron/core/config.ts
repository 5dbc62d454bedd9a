/** Defaults that depend on the environment: the Hub's address and the per-user data folder. */
import os from 'node:os';
import path from 'node:path';

export const REAL_HUB_URL = 'https://hub.360dialog.io/api/v2';
/** The Partner API base for new sign-ins: PARTNER_DESK_HUB_URL, else the real Hub. */
export function defaultHubUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.PARTNER_DESK_HUB_URL?.trim().replace(/\/+$/, '') || REAL_HUB_URL;
}
export const APP_DIR_NAME = 'Partner Desk';

/**
 * The per-user app data folder, matching Electron's `app.getPath('userData')` so the desktop app,
 * web mode and the CLI share one cache: %APPDATA% on Windows, ~/Library/Application Support on
 * macOS, $XDG_CONFIG_HOME or ~/.config on Linux. PARTNER_DESK_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.PARTNER_DESK_DATA_DIR?.trim();
  if (override) return path.resolve(override);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_DIR_NAME);
}
