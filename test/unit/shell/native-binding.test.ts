/** Which better-sqlite3 binding the app loads: Electron's build beside the Node one, never instead of it. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseSqliteBinding, ELECTRON_BINDING_RELATIVE } from '../../../electron/main/native-binding';

const resourcesPath = path.join('/opt', 'Partner Desk', 'resources');
const appRoot = path.join('/work', 'main');
const packagedBinding = path.join(resourcesPath, 'app.asar.unpacked', 'out', 'native', 'electron', 'better_sqlite3.node');
const devBinding = path.join(appRoot, 'out', 'native', 'electron', 'better_sqlite3.node');

describe('chooseSqliteBinding', () => {
  it('loads the unpacked Electron build in a packaged app', () => {
    expect(chooseSqliteBinding({ isPackaged: true, resourcesPath, appRoot, exists: (file) => file === packagedBinding })).toBe(packagedBinding);
  });

  it('refuses to start a packaged app without it (never falls back to the Node build)', () => {
    expect(() => chooseSqliteBinding({ isPackaged: true, resourcesPath, appRoot, exists: () => false })).toThrow(/Reinstall Partner Desk/);
    expect(() => chooseSqliteBinding({ isPackaged: true, resourcesPath, appRoot, exists: (file) => file === devBinding })).toThrow();
  });

  it('uses the Electron build made by `npm run native:electron` in development', () => {
    expect(chooseSqliteBinding({ isPackaged: false, resourcesPath, appRoot, exists: (file) => file === devBinding })).toBe(devBinding);
  });

  it("lets better-sqlite3 find its own binding in development when there is no Electron build", () => {
    expect(chooseSqliteBinding({ isPackaged: false, resourcesPath, appRoot, exists: () => false })).toBeUndefined();
  });

  it('keeps the Electron build outside node_modules (where npm keeps the Node one)', () => {
    expect(ELECTRON_BINDING_RELATIVE.split(path.sep)).toEqual(['out', 'native', 'electron', 'better_sqlite3.node']);
  });
});
