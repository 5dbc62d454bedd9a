/**
 * Vite config for the renderer alone. `rendererConfig()` is exported so electron-vite can reuse it;
 * `npx vite build --config renderer/vite.config.ts` builds the renderer into out/renderer.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
// Relative, not @shared: Vite loads this file before any alias applies.
import { META_CONTENT_SECURITY_POLICY } from '../shared/page-security.ts';
import { IMPORT_ALIASES } from '../scripts/import-aliases.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

/** The page's CSP meta element carries the one policy of shared/page-security.ts, never a copy. */
function pageCsp(): Plugin {
  return {
    name: 'partner-desk:page-csp',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => {
        if (!html.includes('%PARTNER_DESK_CSP%')) throw new Error('renderer/index.html lost its %PARTNER_DESK_CSP% placeholder.');
        return html.replace('%PARTNER_DESK_CSP%', META_CONTENT_SECURITY_POLICY);
      },
    },
  };
}

/**
 * The dev server injects inline scripts (React refresh) and `<style>` tags (CSS HMR) and talks to
 * its HMR websocket, all of which the strict production CSP forbids. Relax it only while serving;
 * built files keep the CSP exactly as written in index.html.
 */
function devCsp(): Plugin {
  return {
    name: 'partner-desk:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(
        /(http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/,
        (_all, open: string, policy: string, close: string) => {
          const relaxed = policy
            .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
            .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
            .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:* http://127.0.0.1:*");
          return `${open}${relaxed}${close}`;
        },
      );
    },
  };
}

/**
 * A build is always a production build. Test runners export NODE_ENV=test and web mode builds the
 * renderer in whatever environment it was started from; Vite and the React plugin read NODE_ENV,
 * so without this the development JSX transform and React's (much slower) development build ship.
 */
function productionBuild(): Plugin {
  return {
    name: 'partner-desk:production-build',
    apply: 'build',
    config() {
      process.env.NODE_ENV = 'production';
    },
  };
}

export function rendererConfig(): UserConfig {
  return {
    root: rendererRoot,
    // Relative asset URLs: Electron loads the build from file://, web mode serves it from '/'.
    base: './',
    plugins: [pageCsp(), react(), devCsp(), productionBuild()],
    resolve: { alias: IMPORT_ALIASES },
    build: {
      outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
      emptyOutDir: true,
      target: 'es2023',
    },
    server: {
      // The renderer imports the contract from ../shared.
      fs: { allow: [repoRoot] },
    },
  };
}

export default defineConfig(rendererConfig());
