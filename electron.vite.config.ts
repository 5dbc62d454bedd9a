import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';
import { IMPORT_ALIASES } from './scripts/import-aliases.mjs';

const root = dirname(fileURLToPath(import.meta.url));

/** electron-vite looks for src/renderer/index.html unless told; ours is renderer/index.html. */
function withRendererEntry(config: ReturnType<typeof rendererConfig>): ReturnType<typeof rendererConfig> {
  return { ...config, build: { ...config.build, rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } } } };
}

export default defineConfig({
  main: {
    resolve: { alias: IMPORT_ALIASES },
    build: {
      outDir: 'out/main',
      // zod is ESM spread over ~150 small modules: bundled in, the app reads one file at start instead.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        // The worker threads are entries of their own, built beside index.js (electron/core/workers/worker-file.ts finds them there).
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          'sync-worker': resolve(root, 'electron/core/sync/worker/sync-worker.ts'),
          'search-index-worker': resolve(root, 'electron/core/store/search-index-worker.ts'),
        },
        // Shared code beside the entries too, so every file's import.meta.url points into out/main.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    resolve: { alias: IMPORT_ALIASES },
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot require modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: withRendererEntry(rendererConfig()),
});
