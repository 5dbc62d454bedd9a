/**
 * Where a worker thread's script is. Built (the desktop app, the bundled CLI), electron-vite puts
 * each worker beside the entry as <name>.js (electron.vite.config.ts lists them). From the sources
 * (web mode, the CLI and tests through tsx) a worker thread does not inherit the main thread's
 * loader, so bootstrap.mjs registers tsx in the worker and imports the TypeScript entry, whose URL
 * travels in workerData. The names go through variables so the bundler leaves the URLs alone.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const WORKER_NAMES = ['sync-worker', 'search-index-worker'] as const;
export type WorkerName = (typeof WORKER_NAMES)[number];

/** Where each worker's TypeScript entry is, relative to this file. */
const SOURCE_ENTRIES: Record<WorkerName, string> = {
  'sync-worker': '../sync/worker/sync-worker.ts',
  'search-index-worker': '../store/search-index-worker.ts',
};
const BOOTSTRAP = './bootstrap.mjs';

export interface WorkerScript {
  file: URL;
  /** workerData to merge in: the TypeScript entry for the bootstrap, when running from source. */
  data: { entry?: string };
}

/** `base`: where this code runs from (import.meta.url: a source file, or a file of the bundle beside the workers). */
export function workerScript(name: WorkerName, base: string = import.meta.url): WorkerScript {
  const bundled = new URL(`./${name}.js`, base);
  if (fs.existsSync(fileURLToPath(bundled))) return { file: bundled, data: {} };
  const entry = SOURCE_ENTRIES[name];
  return { file: new URL(BOOTSTRAP, base), data: { entry: new URL(entry, base).href } };
}
