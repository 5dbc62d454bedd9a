/**
 * The app's electron-vite config with every output redirected to PARTNER_DESK_BUILD_OUT, so the
 * build test never touches `out/` (which web mode and other tests read while it runs).
 */
import path from 'node:path';
import base from '../../../electron.vite.config';

const outRoot = process.env.PARTNER_DESK_BUILD_OUT;
if (!outRoot) throw new Error('Set PARTNER_DESK_BUILD_OUT to the folder the build should go to.');

function redirect<T extends { build?: object }>(config: T | undefined, sub: string): T & { build: object } {
  return { ...(config as T), build: { ...(config?.build ?? {}), outDir: path.join(outRoot!, sub) } };
}

export default {
  main: redirect(base.main, 'main'),
  preload: redirect(base.preload, 'preload'),
  renderer: { ...redirect(base.renderer, 'renderer') },
};
