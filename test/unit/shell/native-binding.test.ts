/**
 * Which better-sqlite3 binding the app loads: Electron's build beside the Node one, never instead of
 * it, and only when its stamp says it was built for this Electron, platform and CPU.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '@shared/errors';
import { chooseSqliteBinding, ELECTRON_BINDING_RELATIVE, stampFileFor, type BindingContext } from '../../../electron/main/native-binding';

const resourcesPath = path.join('/opt', 'Partner Desk', 'resources');
const appRoot = path.join('/work', 'main');
const packagedBinding = path.join(resourcesPath, 'app.asar.unpacked', 'out', 'native', 'electron', 'better_sqlite3.node');
const devBinding = path.join(appRoot, 'out', 'native', 'electron', 'better_sqlite3.node');
const runtime = { electron: '45.5.0', platform: 'linux' as const, arch: 'x64' };
const stamp = (over: Record<string, string> = {}) =>
  JSON.stringify({ module: 'better-sqlite3', moduleVersion: '12.6.2', electronVersion: '45.5.0', platform: 'linux', arch: 'x64', ...over });

function context(over: Partial<BindingContext> & { files?: Record<string, string> }): BindingContext {
  const files = over.files ?? {};
  return {
    isPackaged: false,
    resourcesPath,
    appRoot,
    runtime,
    exists: (file) => Object.hasOwn(files, file),
    readText: (file) => files[file] ?? null,
    ...over,
  };
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isAppError(error) && error.code).toBe('database_engine_unavailable');
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('chooseSqliteBinding', () => {
  it('loads the unpacked Electron build in a packaged app when its stamp fits', () => {
    const files = { [packagedBinding]: 'bin', [stampFileFor(packagedBinding)]: stamp() };
    expect(chooseSqliteBinding(context({ isPackaged: true, files }))).toBe(packagedBinding);
  });

  it('refuses to start a packaged app without it (never falls back to the Node build)', () => {
    expect(refusal(() => chooseSqliteBinding(context({ isPackaged: true })))).toMatch(/Reinstall Partner Desk/);
    expect(
      refusal(() =>
        chooseSqliteBinding(context({ isPackaged: true, files: { [devBinding]: 'bin', [stampFileFor(devBinding)]: stamp() } })),
      ),
    ).toMatch(/missing/);
  });

  it('uses the Electron build made by `npm start` / `npm run native:electron` in development', () => {
    const files = { [devBinding]: 'bin', [stampFileFor(devBinding)]: stamp() };
    expect(chooseSqliteBinding(context({ files }))).toBe(devBinding);
  });

  it('in development without an Electron build, names the command instead of loading the Node build', () => {
    expect(refusal(() => chooseSqliteBinding(context({})))).toMatch(/npm run native:electron/);
  });

  it('refuses a stale build (another Electron, platform or CPU, or no stamp) and says which', () => {
    const withStamp = (text: string | null) => ({ [devBinding]: 'bin', ...(text === null ? {} : { [stampFileFor(devBinding)]: text }) });
    expect(refusal(() => chooseSqliteBinding(context({ files: withStamp(stamp({ electronVersion: '44.0.0' })) })))).toMatch(
      /built for Electron 44\.0\.0, this is Electron 45\.5\.0/,
    );
    expect(refusal(() => chooseSqliteBinding(context({ files: withStamp(stamp({ arch: 'arm64' })) })))).toMatch(
      /linux-arm64, this is linux-x64/,
    );
    expect(refusal(() => chooseSqliteBinding(context({ files: withStamp(null) })))).toMatch(/no build stamp/);
    expect(refusal(() => chooseSqliteBinding(context({ files: withStamp('{not json') })))).toMatch(/unreadable/);
    expect(
      refusal(() =>
        chooseSqliteBinding(
          context({
            isPackaged: true,
            files: { [packagedBinding]: 'b', [stampFileFor(packagedBinding)]: stamp({ electronVersion: '44.0.0' }) },
          }),
        ),
      ),
    ).toMatch(/Reinstall/);
  });

  it('under plain Node (the CLI, the start-up smoke test) lets better-sqlite3 find its own Node build', () => {
    expect(chooseSqliteBinding(context({ runtime: { ...runtime, electron: undefined } }))).toBeUndefined();
  });

  it('keeps the Electron build outside node_modules (where npm keeps the Node one)', () => {
    expect(ELECTRON_BINDING_RELATIVE.split(path.sep)).toEqual(['out', 'native', 'electron', 'better_sqlite3.node']);
  });
});
