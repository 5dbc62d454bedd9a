/**
 * Serves the built renderer. Paths are resolved inside the build folder only; unknown paths fall
 * back to index.html (the app routes on the client). Every page carries the app's CSP.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { contentTypeFor, SECURITY_HEADERS } from '@shared/page-security';

// The policy and headers are shared with the desktop app's app:// protocol (one definition).
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '@shared/page-security';

/** Maps a URL path to a file inside root, or null if it would escape root. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, relative);
  const rootWithSep = path.resolve(root) + path.sep;
  return full.startsWith(rootWithSep) ? full : null;
}

export function serveStatic(root: string, urlPath: string, method: string, res: ServerResponse): void {
  const resolved = resolveStaticPath(root, urlPath);
  if (resolved === null) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Bad path');
    return;
  }
  let file = resolved;
  if (!isFile(file)) {
    // Missing assets are real 404s; anything else is a client-side route served by index.html.
    if (path.extname(file) !== '') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found');
      return;
    }
    file = path.join(root, 'index.html');
  }
  const type = contentTypeFor(path.extname(file));
  const isHtml = type.startsWith('text/html');
  res.writeHead(200, {
    'Content-Type': type,
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    ...SECURITY_HEADERS,
  });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file).pipe(res);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
