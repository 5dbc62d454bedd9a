/**
 * Web mode serves the built renderer. When the build is missing or older than the renderer's
 * sources (a fresh clone, or after a pull), it is rebuilt once with Vite before serving, so
 * `partner-desk web` always shows the current UI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_OUT_DIR = path.join(REPO_ROOT, 'out', 'renderer');
const SOURCE_DIRS = ['renderer', 'shared'].map((dir) => path.join(REPO_ROOT, dir));

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function rendererBuildIsCurrent(outDir = RENDERER_OUT_DIR): boolean {
  const index = path.join(outDir, 'index.html');
  if (!fs.existsSync(index)) return false;
  const built = fs.statSync(index).mtimeMs;
  return SOURCE_DIRS.every((dir) => newestMtime(dir) <= built);
}

export async function ensureRendererBuild(log: (line: string) => void): Promise<string> {
  if (rendererBuildIsCurrent()) return RENDERER_OUT_DIR;
  log('Building the renderer for web mode (once, a few seconds)...');
  const { build } = await import('vite');
  await build({ configFile: path.join(REPO_ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  if (!fs.existsSync(path.join(RENDERER_OUT_DIR, 'index.html'))) {
    throw new Error(`The renderer build did not produce ${path.join(RENDERER_OUT_DIR, 'index.html')}.`);
  }
  return RENDERER_OUT_DIR;
}
