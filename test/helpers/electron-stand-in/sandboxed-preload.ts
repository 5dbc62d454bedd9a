/**
 * Runs a built preload the way Electron runs a sandboxed one: in its own JavaScript context, as a
 * CommonJS function whose `require` offers only what Electron documents for sandboxed preloads
 * (the `electron` renderer modules, `events`, `timers`, `url`) and a reduced `process`. A preload
 * that needs anything else (a bundled-in Node module, `fs`, a second file) fails here as it would in
 * the app, where the window would open without `window.partnerDesk`.
 * https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts
 */
import events from 'node:events';
import fs from 'node:fs';
import timers from 'node:timers';
import url from 'node:url';
import vm from 'node:vm';

/** What the preload exposed with contextBridge.exposeInMainWorld, by key. */
export type ExposedWorld = Record<string, unknown>;

export const SANDBOXED_PRELOAD_MODULES = ['electron', 'events', 'timers', 'url'] as const;

export function runSandboxedPreload(file: string, electron: unknown, world: ExposedWorld): void {
  const source = fs.readFileSync(file, 'utf8');
  const modules: Record<string, unknown> = { electron, events, timers, url };
  const sandboxRequire = (name: string): unknown => {
    if (!Object.hasOwn(modules, name))
      throw new Error(`module not found: ${name} (a sandboxed preload may require only ${SANDBOXED_PRELOAD_MODULES.join(', ')})`);
    return modules[name];
  };
  const limitedProcess = {
    platform: process.platform,
    arch: process.arch,
    versions: { ...process.versions },
    env: {},
    type: 'renderer',
    sandboxed: true,
    contextIsolated: true,
  };
  const context = vm.createContext({
    window: world,
    console,
    setTimeout,
    clearTimeout,
    setImmediate,
    clearImmediate,
    queueMicrotask,
    Promise,
  });
  const wrapper = vm.runInContext(
    `(function (exports, require, module, process, Buffer, global, setImmediate, clearImmediate) {\n${source}\n})`,
    context,
    { filename: file },
  );
  const module = { exports: {} };
  (wrapper as (...args: unknown[]) => void)(
    module.exports,
    sandboxRequire,
    module,
    limitedProcess,
    Buffer,
    context,
    setImmediate,
    clearImmediate,
  );
}
