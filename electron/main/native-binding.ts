/**
 * Which better-sqlite3 binding the desktop app loads. Tests and the CLI use the binding npm built
 * for Node (node_modules/better-sqlite3/build); the app loads a second build for Electron's ABI,
 * made by `npm run native:electron` (and by the packaging hook) with @electron/rebuild into
 * `out/native/electron/` and unpacked from the asar, so neither build is ever overwritten by the
 * other. Pure: decides from paths and flags only.
 */
import path from 'node:path';

export interface BindingContext {
  isPackaged: boolean;
  /** process.resourcesPath in a packaged app. */
  resourcesPath: string;
  /** The project root in development. */
  appRoot: string;
  exists(file: string): boolean;
}

export const ELECTRON_BINDING_RELATIVE = path.join('out', 'native', 'electron', 'better_sqlite3.node');

/** The binding file to pass as `nativeBinding`, or undefined to let better-sqlite3 find its own. */
export function chooseSqliteBinding(context: BindingContext): string | undefined {
  const candidate = context.isPackaged
    ? path.join(context.resourcesPath, 'app.asar.unpacked', ELECTRON_BINDING_RELATIVE)
    : path.join(context.appRoot, ELECTRON_BINDING_RELATIVE);
  if (context.exists(candidate)) return candidate;
  if (context.isPackaged) {
    throw new Error(`The SQLite engine for this app is missing (${candidate}). Reinstall Partner Desk.`);
  }
  return undefined; // development without an Electron build: better-sqlite3's default lookup
}
