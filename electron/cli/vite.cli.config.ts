/**
 * The CLI as a built bundle (out/cli/): its entry and the worker threads it starts, as plain ES
 * modules for Node with every dependency left in node_modules. Running from the TypeScript sources
 * through tsx cost every command ~0.8 s of compiling before it did anything; the bundle starts in a
 * fraction of that, so scripts can call `partner-desk status` in a loop. `npm run build` builds it,
 * and bin/partner-desk.mjs rebuilds it when the sources are newer.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { IMPORT_ALIASES } from '../../scripts/import-aliases.mjs';

const source = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export default defineConfig({
  // zod is ESM spread over ~150 small modules: loading them one by one cost each command ~200 ms of
  // its start; bundled in, it is one file. Native modules (better-sqlite3, keytar) stay external.
  ssr: { noExternal: ['zod'] },
  // No dev server, no public folder, no .env: a library build for Node.
  publicDir: false,
  resolve: { alias: IMPORT_ALIASES },
  envDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: source('out/cli'),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        'partner-desk': source('electron/cli/main.ts'),
        'sync-worker': source('electron/core/sync/worker/sync-worker.ts'),
        'search-index-worker': source('electron/core/store/search-index-worker.ts'),
      },
      // Every file in one folder, so each module's import.meta.url finds the workers beside it.
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
