// The import aliases, for every bundler and test runner that reads this repository's TypeScript:
// `@shared/…` is shared/, `@core/…` is electron/core/, `@demo-hub/…` is electron/demo-hub/. The
// type checker and tsx read the same mapping from tsconfig.base.json's `paths`
// (test/unit/repo/import-aliases.test.ts keeps the two equal). Plain Node never needs them: the
// app, the CLI and the workers run as bundles, or from source through tsx.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Alias → folder, relative to the repository root. */
export const IMPORT_ALIAS_FOLDERS = { '@shared': 'shared', '@core': 'electron/core', '@demo-hub': 'electron/demo-hub' };

/** For Vite's and vitest's `resolve.alias`: each alias alone or followed by a slash, never a prefix of another name. */
export const IMPORT_ALIASES = Object.entries(IMPORT_ALIAS_FOLDERS).map(([alias, folder]) => ({
  find: new RegExp(`^${alias}(?=/|$)`),
  replacement: path.join(root, folder),
}));
