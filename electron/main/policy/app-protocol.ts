/**
 * The app:// protocol's answer to a request, decided without Electron: which built file to send
 * (inside the renderer folder only), with which status and headers. Every response carries the
 * same Content-Security-Policy and security headers as web mode. Requests for another host, with
 * credentials, with a method other than GET/HEAD, or escaping the folder are refused; unknown
 * extension-less paths get index.html (the app routes on the client), missing assets a 404.
 */
import path from 'node:path';
import { contentTypeFor, SECURITY_HEADERS } from '@shared/page-security';
import { resolveStaticPath } from '../../web/static-files';
import { APP_HOST, APP_SCHEME, parseUrl } from './app-origin';

export type AppProtocolResponse =
  | { kind: 'file'; status: 200; file: string; headers: Record<string, string> }
  | { kind: 'refused'; status: 400 | 403 | 404 | 405; body: string; headers: Record<string, string> };

export interface AppRequest {
  url: string;
  method: string;
}

function refused(status: 400 | 403 | 404 | 405, body: string, extra: Record<string, string> = {}): AppProtocolResponse {
  return {
    kind: 'refused',
    status,
    body,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS, ...extra },
  };
}

export function resolveAppRequest(request: AppRequest, rendererDir: string, isFile: (file: string) => boolean): AppProtocolResponse {
  const url = parseUrl(request.url);
  if (!url || url.protocol !== `${APP_SCHEME}:`) return refused(400, 'Bad request');
  if (url.host !== APP_HOST || url.username !== '' || url.password !== '') return refused(403, 'Forbidden');
  if (request.method !== 'GET' && request.method !== 'HEAD') return refused(405, 'Method not allowed', { Allow: 'GET, HEAD' });
  const resolved = resolveStaticPath(rendererDir, url.pathname);
  if (resolved === null) return refused(400, 'Bad path');
  let file = resolved;
  if (!isFile(file)) {
    if (path.extname(file) !== '') return refused(404, 'Not found');
    file = path.join(rendererDir, 'index.html');
    if (!isFile(file)) return refused(404, 'Not found');
  }
  const type = contentTypeFor(path.extname(file));
  return {
    kind: 'file',
    status: 200,
    file,
    headers: { 'Content-Type': type, 'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache', ...SECURITY_HEADERS },
  };
}
