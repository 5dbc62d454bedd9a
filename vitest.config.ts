/**
 * The vitest projects, one per tier that runs in this config (scripts/test-tiers.mjs lists them and
 * what each needs; docs/TESTING.md explains them). `npx vitest run --project unit` runs one; plain
 * `npx vitest run <file>` finds a file in whichever project holds it. The browser and Electron
 * suites have configs of their own (test/e2e, test/electron).
 */
import { defineConfig } from 'vitest/config';
import { IMPORT_ALIASES } from './scripts/import-aliases.mjs';
import { KEYCHAIN_TESTS, SPREADSHEET_TESTS } from './scripts/test-tiers.mjs';

export default defineConfig({
  resolve: { alias: IMPORT_ALIASES },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The CLI bundle is built before any test spawns it (see the file).
    globalSetup: ['test/helpers/build-cli.global.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], exclude: [...KEYCHAIN_TESTS, ...SPREADSHEET_TESTS] },
      },
      { extends: true, test: { name: 'keychain', include: KEYCHAIN_TESTS } },
      { extends: true, test: { name: 'spreadsheet', include: SPREADSHEET_TESTS } },
    ],
  },
});
