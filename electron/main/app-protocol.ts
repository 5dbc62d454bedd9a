/**
 * The app:// protocol that serves the built renderer (Electron's security checklist: prefer a
 * custom protocol to file://). Registered as a standard, secure scheme before the app is ready,
 * then answered from the renderer folder with the app's CSP on every response. The decisions live
 * in policy/app-protocol.ts; this file only talks to Electron and the disk.
 */
import fs from 'node:fs';
import { protocol } from 'electron';
import { APP_SCHEME } from './policy/app-origin';
import { resolveAppRequest } from './policy/app-protocol';

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = resolveAppRequest({ url: request.url, method: request.method }, rendererDir, isFile);
    if (answer.kind === 'refused') return new Response(answer.body, { status: answer.status, headers: answer.headers });
    const body = request.method === 'HEAD' ? null : await fs.promises.readFile(answer.file);
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}
