/**
 * Electron's security checklist applied to every web contents and to the session, whatever
 * creates them: no <webview>, navigation and redirects only within the app, no new windows
 * (allowed https: links go to the system browser), permissions denied but for clipboard writes,
 * and no network requests from pages. Decisions come from policy/; this file is the wiring.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '@core/log';
import type { AppOrigin } from './policy/app-origin';
import { decideNavigation, decideRedirect, decideWindowOpen, isAllowedPageRequest } from './policy/navigation';
import { decidePermission } from './policy/permissions';

export function openExternally(url: string, log: Logger): void {
  shell.openExternal(url).catch((error: unknown) => log.warn('could not open link in the browser', { error: String(error) }));
}

function guardContents(contents: WebContents, origins: readonly AppOrigin[], log: Logger): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('refused a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const { openExternally: target } = decideWindowOpen(url);
    if (target) openExternally(target, log);
    else log.warn('refused to open a window', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
  const onNavigate = (event: { url: string; preventDefault(): void }): void => {
    const decision = decideNavigation(event.url, origins);
    if (decision.allow) return;
    event.preventDefault();
    if (decision.openExternally) openExternally(decision.openExternally, log);
    else log.warn('refused a navigation', { url: event.url.slice(0, 200) });
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !decideNavigation(event.url, origins).allow) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!decideRedirect(event.url, origins)) {
      event.preventDefault();
      log.warn('refused a redirect', { url: event.url.slice(0, 200) });
    }
  });
}

/** Every web contents the app will ever create gets the guards (call before ready). */
export function guardAllWebContents(origins: readonly AppOrigin[], log: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, origins, log));
}

export function hardenSession(session: Session, origins: readonly AppOrigin[], log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = decidePermission({ permission, requestingUrl: details.requestingUrl }, origins);
    if (!granted) log.info('denied a permission request', { permission });
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermission({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin }, origins),
  );
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedPageRequest(details.url, details.webContentsId !== undefined, origins);
    if (!allowed) log.warn('blocked a request from a page', { url: details.url.slice(0, 200) });
    callback({ cancel: !allowed });
  });
}
