/**
 * Where the app's own pages come from. Production pages are served by the privileged `app://`
 * protocol, never from file:// and never from a remote origin; a Vite dev server is trusted only
 * in an unpackaged build and only on loopback, so no environment variable can make an installed
 * app load someone else's page. Navigation, IPC sender and permission checks all ask `isAppUrl`
 * with the origins chosen here. Pure: no Electron.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'partner-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** An origin compared by parsed protocol and host (host includes a port when there is one). */
export interface AppOrigin {
  protocol: string;
  host: string;
}

export const PRODUCTION_ORIGIN: AppOrigin = { protocol: `${APP_SCHEME}:`, host: APP_HOST };

export interface RendererSource {
  /** What the window loads. */
  url: string;
  /** The origins whose pages count as the app. */
  origins: readonly AppOrigin[];
  devServer: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Longer than any URL the app produces; anything longer is refused before parsing. */
const MAX_URL_LENGTH = 8192;

/** Parses a URL the way Chromium does (WHATWG), or null. Never matches by substring. */
export function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

export function chooseRendererSource(context: { isPackaged: boolean; devServerUrl: string | undefined }): RendererSource {
  const production: RendererSource = { url: APP_ENTRY_URL, origins: [PRODUCTION_ORIGIN], devServer: false };
  if (context.isPackaged || !context.devServerUrl) return production;
  const dev = parseUrl(context.devServerUrl);
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return production;
  if (dev.username || dev.password || !LOOPBACK_HOSTS.has(dev.hostname)) return production;
  return { url: dev.href, origins: [PRODUCTION_ORIGIN, { protocol: dev.protocol, host: dev.host }], devServer: true };
}

/** True only for a well-formed URL without credentials on one of the app's origins. */
export function isAppUrl(raw: unknown, origins: readonly AppOrigin[]): boolean {
  const url = parseUrl(raw);
  if (!url || url.username !== '' || url.password !== '') return false;
  return origins.some((origin) => url.protocol === origin.protocol && url.host === origin.host);
}
