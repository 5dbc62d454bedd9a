// Lint rules that keep the layers apart (docs/ARCHITECTURE.md, "The layers"): the core, web mode and the CLI
// never import Electron, React or the DOM; the renderer never imports Node or Electron; shared code
// imports neither side. A violation fails `npm test` (test/unit/lint-boundaries.test.ts proves it).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];
const UI_PACKAGES = ['react', 'react-dom', 'react-dom/*', 'react/*', 'zustand', 'zustand/*'];
const ELECTRON = ['electron', 'electron/*', 'electron-updater'];
// The import aliases of the Node side (scripts/import-aliases.mjs): refused where relative paths into electron/ are.
const NODE_SIDE_ALIASES = ['@core', '@core/**', '@demo-hub', '@demo-hub/**'];

const restrict = (message, paths, patterns = []) => ({
  'no-restricted-imports': ['error', { paths: paths.map((name) => ({ name, message })), patterns }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'dist-pkg/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/demo-hub/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      ...restrict(
        'electron/core, the demo hub, web mode and the CLI run under plain Node: no Electron, React or UI state here.',
        [...ELECTRON, ...UI_PACKAGES.filter((p) => !p.includes('*'))],
        [
          {
            group: ['electron/*', 'react/*', 'react-dom/*', 'zustand/*', '**/renderer/**', '**/main/**', '**/preload/**'],
            message: 'The core must not depend on the Electron shell or the renderer.',
          },
        ],
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'HTMLElement'],
      // The app, web mode and the CLI write one database: a deferred transaction that reads first is
      // refused at once ("database is locked") when it then wants to write while another holds the lock.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='CallExpression'][callee.callee.property.name='transaction']",
          message: 'Take the write lock up front: db.transaction(fn).immediate() (or .deferred() for a read-only transaction).',
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        'The renderer is a sandboxed web page: no Node built-ins or Electron. Ask main through the contract (window.partnerDesk).',
        [...ELECTRON, ...NODE_BUILTINS],
        [
          {
            group: ['node:*', 'electron/*', '**/electron/**', 'better-sqlite3', 'keytar', ...NODE_SIDE_ALIASES],
            message: 'The renderer talks to main only through the contract.',
          },
        ],
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      'shared/ is used by both sides: no Node built-ins, Electron or React.',
      [...ELECTRON, ...NODE_BUILTINS, ...UI_PACKAGES.filter((p) => !p.includes('*'))],
      [{ group: ['node:*', '**/electron/**', '**/renderer/**', ...NODE_SIDE_ALIASES], message: 'shared/ depends on nothing but zod.' }],
    ),
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'bin/**/*.mjs', '*.config.{js,ts}', 'electron.vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
