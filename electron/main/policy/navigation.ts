/**
 * What the app's windows may navigate to and open. The app is one page: it may load its own
 * origin and nothing else, never opens a second window, and sends links out to the system browser
 * only when they are https: URLs on a short allowlist of hosts (plus email drafts to the mail
 * program, and demo mode's own permission page on 127.0.0.1). URLs are parsed (WHATWG, like
 * Chromium) and compared by exact host or by a "." + domain suffix of the parsed hostname, never by
 * substring, so `https://evil.example/?x=app://`, `https://hub.360dialog.com@evil.example`,
 * `https://360dialog.com.evil.example` and credentials in URLs are all refused. Pure: no Electron.
 */
import { isAppUrl, parseUrl, type AppOrigin } from './app-origin';

export interface ExternalAllowlist {
  /** Exact hostnames. */
  hosts: readonly string[];
  /** Registrable domains: the domain itself and any subdomain. */
  domains: readonly string[];
}

/** Where links from the app may lead: 360dialog's own sites, Meta's business tools, WhatsApp. */
export const EXTERNAL_ALLOWLIST: ExternalAllowlist = {
  hosts: ['business.facebook.com', 'developers.facebook.com', 'www.facebook.com', 'www.whatsapp.com', 'faq.whatsapp.com', 'wa.me'],
  domains: ['360dialog.com', '360dialog.io'],
};

export type NavigationDecision = { allow: true } | { allow: false; openExternally: string | null };

function hostAllowed(hostname: string, allowlist: ExternalAllowlist): boolean {
  if (allowlist.hosts.includes(hostname)) return true;
  return allowlist.domains.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
}

/** A permission link's email draft: a mailto: with addresses only (no other scheme smuggled in), for the mail program. */
function isMailDraft(url: URL): boolean {
  return url.protocol === 'mailto:' && /^[^\s/:?#]*$/.test(url.pathname) && url.username === '' && url.password === '' && url.host === '';
}

/**
 * Demo mode's simulated permission page, served by the app itself on the loopback address: only
 * that path, so the demo shows the whole onboarding loop without opening anything else local.
 */
function isDemoPermissionPage(url: URL): boolean {
  return (
    url.protocol === 'http:' &&
    url.hostname === '127.0.0.1' &&
    url.username === '' &&
    url.password === '' &&
    /^\/dashboard\/app\/[A-Za-z0-9_-]+\/permissions$/.test(url.pathname)
  );
}

/**
 * The URL to hand to the system browser (or, for a mailto:, the mail program), or null. Returns the
 * re-serialised URL (not the raw string), so what opens is exactly what was checked.
 */
export function externalTarget(raw: unknown, allowlist: ExternalAllowlist = EXTERNAL_ALLOWLIST): string | null {
  const url = parseUrl(raw);
  if (!url) return null;
  if (isMailDraft(url) || isDemoPermissionPage(url)) return url.href;
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.port !== '') return null;
  return hostAllowed(url.hostname, allowlist) ? url.href : null;
}

/** `will-navigate`: the app's own pages only; an allowed link opens in the browser instead. */
export function decideNavigation(
  raw: unknown,
  origins: readonly AppOrigin[],
  allowlist: ExternalAllowlist = EXTERNAL_ALLOWLIST,
): NavigationDecision {
  if (isAppUrl(raw, origins)) return { allow: true };
  return { allow: false, openExternally: externalTarget(raw, allowlist) };
}

/** `will-redirect`: the app never redirects, so only a redirect within its own origin may proceed. */
export function decideRedirect(raw: unknown, origins: readonly AppOrigin[]): boolean {
  return isAppUrl(raw, origins);
}

/** `setWindowOpenHandler`: never a new window; an allowed link opens in the browser. */
export function decideWindowOpen(raw: unknown, allowlist: ExternalAllowlist = EXTERNAL_ALLOWLIST): { openExternally: string | null } {
  return { openExternally: externalTarget(raw, allowlist) };
}

/**
 * Requests made by a page (`webRequest.onBeforeRequest`): the app talks to main over IPC, so a
 * page never needs the network. Its own origin, inline data and blob: URLs and DevTools pass; in
 * development the dev server's HMR websocket too. Requests Chromium makes for itself (no page)
 * are not a page's doing and pass.
 */
export function isAllowedPageRequest(raw: unknown, fromPage: boolean, origins: readonly AppOrigin[]): boolean {
  if (!fromPage) return true;
  const url = parseUrl(raw);
  if (!url) return false;
  if (url.protocol === 'data:' || url.protocol === 'devtools:') return true;
  if (url.protocol === 'blob:') return isAppUrl(url.pathname, origins);
  if (isAppUrl(url.href, origins)) return true;
  const websocketOf: Record<string, string> = { 'ws:': 'http:', 'wss:': 'https:' };
  const httpProtocol = websocketOf[url.protocol];
  return httpProtocol !== undefined && origins.some((o) => o.protocol === httpProtocol && o.host === url.host);
}
