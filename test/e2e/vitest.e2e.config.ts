/**
 * End-to-end tests in Chromium against web mode, with vitest + playwright-core (the project does
 * not have @playwright/test). Files run one at a time: each starts its own `partner-desk web`.
 * Run: npx vitest run --config test/e2e/vitest.e2e.config.ts
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { IMPORT_ALIASES } from '../../scripts/import-aliases.mjs';

export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  resolve: { alias: IMPORT_ALIASES },
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    // Hang guards, not speed targets: a step that takes 20 s on an idle machine (the screens suite's
    // first step renders and checks every page) passed 60 s on two cores shared with other suites.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-results/e2e.json' }]],
  },
});
