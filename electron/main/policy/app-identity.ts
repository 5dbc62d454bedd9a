/**
 * The app's identity, shared by the packaging config and the running app so they always agree:
 * Windows matches toast notifications and taskbar grouping by the AppUserModelID, which must equal
 * the installer's appId; macOS and Linux use the bundle id and product name. Pure constants.
 */
export const APP_ID = 'io.partnerdesk.app';
export const PRODUCT_NAME = 'Partner Desk';
/** Where the menu's help items lead (both on the external-link allowlist). */
export const PARTNER_HUB_URL = 'https://hub.360dialog.com/';
export const DOCS_URL = 'https://docs.360dialog.com/';

/**
 * The AppUserModelID to set on Windows. A packaged app uses APP_ID, which its installer's Start-menu
 * shortcut carries; in development there is no such shortcut, and Windows shows toasts only for an
 * id a shortcut carries, so Electron's documented workaround is the executable's own path.
 */
export function appUserModelId(context: { isPackaged: boolean; execPath: string }): string {
  return context.isPackaged ? APP_ID : context.execPath;
}
