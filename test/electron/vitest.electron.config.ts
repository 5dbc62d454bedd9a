/**
 * The real-Electron smoke test (test/electron/*.electron.ts): Playwright's `_electron` drives the
 * built or packaged app. It needs the Electron binary, which cannot be downloaded on every machine:
 * without it the test is skipped with the reason, unless PARTNER_DESK_REQUIRE_ELECTRON=1 (CI's
 * desktop workflow), where a missing binary fails.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { IMPORT_ALIASES } from '../../scripts/import-aliases.mjs';

export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  resolve: { alias: IMPORT_ALIASES },
  test: {
    include: ['test/electron/**/*.electron.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
