/**
 * Which better-sqlite3 binding the desktop app loads. Tests, web mode and the CLI use the binding
 * npm built for Node (node_modules/better-sqlite3/build); the app loads a second build for
 * Electron's ABI, made by `npm start` / `npm run native:electron` (and by the packaging hook) into
 * `out/native/electron/` and unpacked from the asar, so neither build is ever overwritten by the
 * other. better-sqlite3 is not N-API: a binding for another Electron version, platform or CPU does
 * not load, so the stamp written beside it is checked before it is used, and a missing or stale
 * build is refused with the command that fixes it, never swapped for the Node build.
 * Pure: decides from paths, flags and the stamp's text only.
 */
import path from 'node:path';
// Relative, not @shared: electron-builder.ts loads this file through its own loader, which knows no aliases.
import { AppError } from '../../shared/errors';

export interface BindingContext {
  isPackaged: boolean;
  /** process.resourcesPath in a packaged app. */
  resourcesPath: string;
  /** The project root in development. */
  appRoot: string;
  /** The runtime this process is: `electron` is process.versions.electron (absent under plain Node). */
  runtime: { electron: string | undefined; platform: NodeJS.Platform; arch: string };
  exists(file: string): boolean;
  /** A file's text, or null when it cannot be read. */
  readText(file: string): string | null;
}

export const ELECTRON_BINDING_RELATIVE = path.join('out', 'native', 'electron', 'better_sqlite3.node');

/** The stamp beside a binding: what it was built for. Written by scripts/packaging/electron-sqlite.ts. */
export interface BindingStamp {
  module: 'better-sqlite3';
  moduleVersion: string;
  electronVersion: string;
  platform: NodeJS.Platform;
  arch: string;
}

export function stampFileFor(binding: string): string {
  return binding.replace(/\.node$/, '.json');
}

/** Why a stamp does not fit the running app, or null when it does. */
export function stampMismatch(stampText: string | null, runtime: BindingContext['runtime']): string | null {
  if (stampText === null) return 'it has no build stamp';
  let stamp: Partial<BindingStamp>;
  try {
    stamp = JSON.parse(stampText) as Partial<BindingStamp>;
  } catch {
    return 'its build stamp is unreadable';
  }
  if (stamp.electronVersion !== runtime.electron)
    return `it was built for Electron ${stamp.electronVersion ?? 'unknown'}, this is Electron ${runtime.electron ?? 'unknown'}`;
  if (stamp.platform !== runtime.platform || stamp.arch !== runtime.arch) {
    return `it was built for ${stamp.platform ?? '?'}-${stamp.arch ?? '?'}, this is ${runtime.platform}-${runtime.arch}`;
  }
  return null;
}

function engineProblem(reason: string, isPackaged: boolean): AppError {
  return new AppError(
    'database_engine_unavailable',
    isPackaged
      ? `The SQLite engine installed with Partner Desk cannot be used: ${reason}. Reinstall Partner Desk; your data folder is not affected.`
      : `The SQLite engine for Electron cannot be used: ${reason}. Run \`npm run native:electron\` once (\`npm start\` does it for you), then start again. Your data was not touched.`,
  );
}

/** The binding file to pass as `nativeBinding`, or undefined to let better-sqlite3 find its own (plain Node only). */
export function chooseSqliteBinding(context: BindingContext): string | undefined {
  // Under plain Node (the CLI, the start-up smoke test) the Node build in node_modules is the right one.
  if (context.runtime.electron === undefined) return undefined;
  const candidate = context.isPackaged
    ? path.join(context.resourcesPath, 'app.asar.unpacked', ELECTRON_BINDING_RELATIVE)
    : path.join(context.appRoot, ELECTRON_BINDING_RELATIVE);
  if (!context.exists(candidate)) {
    throw engineProblem(context.isPackaged ? `${candidate} is missing` : 'it has not been built yet', context.isPackaged);
  }
  const mismatch = stampMismatch(context.readText(stampFileFor(candidate)), context.runtime);
  if (mismatch) throw engineProblem(mismatch, context.isPackaged);
  return candidate;
}
