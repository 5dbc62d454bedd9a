/**
 * Which web permissions a page may have. The app needs none of the powerful ones: OS notifications
 * are raised by main, files are saved by main, and nothing uses the camera, microphone, location,
 * USB, MIDI or the like. The only grant is writing (sanitised) text to the clipboard, for the app's
 * own page, so "copy channel id" buttons work. Everything else, and anything asked by another
 * origin, is denied. Used for both permission requests and permission checks. Pure: no Electron.
 */
import { isAppUrl, type AppOrigin } from './app-origin';

export const GRANTABLE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export interface PermissionQuery {
  permission: string;
  /** The URL (or origin) of the frame asking. */
  requestingUrl: string | undefined;
}

export function decidePermission(query: PermissionQuery, origins: readonly AppOrigin[]): boolean {
  return GRANTABLE_PERMISSIONS.has(query.permission) && isAppUrl(query.requestingUrl, origins);
}
