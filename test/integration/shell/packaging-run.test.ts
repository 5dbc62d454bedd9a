/**
 * electron-builder itself packs the app (Linux `dir` target) with the project's configuration and
 * its real afterPack hook: the hooks get the context they rely on, the packed app holds both native
 * modules unpacked exactly where main and keytar load them, the asar holds what main reads (the
 * layout the start-up smoke test assumes), and a module for the wrong CPU stops the build.
 * Two stand-ins, because this machine has no network: the Electron distribution is a folder with a
 * placeholder executable (so the fuses, which patch the real binary, are left out here and checked
 * in CI's desktop workflow), and beforePack writes a better-sqlite3 with Electron's ABI instead of
 * downloading Electron's headers to build one; keytar goes through the real prepareKeytar.
 */
import fs from 'node:fs';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_BINDING_RELATIVE } from '../../../electron/main/native-binding';
import { createBuilderConfig } from '../../../scripts/packaging/builder-config';
import { KEYTAR_BINDING_RELATIVE, prepareKeytar } from '../../../scripts/packaging/native-modules';
import { buildApp, PROJECT_ROOT } from '../../helpers/electron-stand-in/startup-harness';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let project: string;
let electronDist: string;

/** An ELF shared object header for x64 or arm64, then Electron's ABI symbol. */
function sqliteFor(arch: 'x64' | 'arm64'): Buffer {
  const header = Buffer.alloc(256);
  header.writeUInt32BE(0x7f454c46, 0);
  header[4] = 2;
  header[5] = 1;
  header.writeUInt16LE(arch === 'x64' ? 0x3e : 0xb7, 18);
  return Buffer.concat([header, Buffer.from('node_register_module_v150')]);
}

interface Seen {
  appOutDir: string;
  platform: string;
  electronVersion: string;
  projectDir: string;
}

async function pack(output: string, sqliteArch: 'x64' | 'arm64', seen: Seen[]): Promise<void> {
  const base = createBuilderConfig({});
  const config: Configuration = {
    ...base,
    electronDist,
    electronFuses: null,
    directories: { output, buildResources: 'resources' },
    beforePack: async (context) => {
      const info = {
        appOutDir: context.appOutDir,
        platform: context.electronPlatformName,
        electronVersion: context.packager.info.framework.version,
        projectDir: context.packager.info.projectDir,
      };
      seen.push(info);
      const sqlite = path.join(info.projectDir, ELECTRON_BINDING_RELATIVE);
      fs.mkdirSync(path.dirname(sqlite), { recursive: true });
      fs.writeFileSync(sqlite, sqliteFor(sqliteArch));
      await prepareKeytar({
        projectRoot: info.projectDir,
        target: { electronVersion: info.electronVersion, platform: 'linux', arch: 'x64' },
        host: { platform: process.platform, arch: process.arch },
        log: () => {},
      });
    },
  };
  await build({ projectDir: project, targets: Platform.LINUX.createTarget('dir', Arch.x64), config, publish: 'never' });
}

beforeAll(() => {
  tmp = makeTempDir('partner-desk-pack-');
  project = path.join(tmp.dir, 'project');
  fs.mkdirSync(project);
  fs.copyFileSync(path.join(PROJECT_ROOT, 'package.json'), path.join(project, 'package.json'));
  fs.cpSync(path.join(PROJECT_ROOT, 'resources'), path.join(project, 'resources'), { recursive: true });
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(project, 'node_modules'), 'junction');
  buildApp(path.join(project, 'out'));
  electronDist = path.join(tmp.dir, 'electron-dist');
  fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  for (const file of ['electron', 'chrome-sandbox']) fs.writeFileSync(path.join(electronDist, file), '#!/bin/sh\n', { mode: 0o755 });
}, 180_000);

afterAll(() => tmp?.cleanup());

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('electron-builder packing the app', () => {
  it('runs the hooks with the context they rely on and leaves both native modules where they are loaded from', async () => {
    const output = path.join(tmp.dir, 'dist');
    const seen: Seen[] = [];
    await pack(output, 'x64', seen);
    const installed = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(seen).toEqual([
      { appOutDir: path.join(output, 'linux-unpacked'), platform: 'linux', electronVersion: installed.version, projectDir: project },
    ]);

    const resources = path.join(output, 'linux-unpacked', 'resources');
    const unpacked = path.join(resources, 'app.asar.unpacked');
    expect(fs.readFileSync(path.join(unpacked, ELECTRON_BINDING_RELATIVE))).toEqual(sqliteFor('x64'));
    expect(fs.readFileSync(path.join(unpacked, KEYTAR_BINDING_RELATIVE))).toEqual(
      fs.readFileSync(path.join(PROJECT_ROOT, KEYTAR_BINDING_RELATIVE)),
    );

    const packed = new Set(listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((file) => file.split(path.sep).join('/')));
    for (const file of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/resources/icon.png',
      '/node_modules/keytar/lib/keytar.js',
      '/node_modules/better-sqlite3/lib/index.js',
    ]) {
      expect(packed.has(file), file).toBe(true);
    }
    // Neither Node build, nor the CLI's TypeScript runner, ships; no source maps.
    for (const file of packed)
      expect(file).not.toMatch(/node_modules\/better-sqlite3\/(build|deps|src)\/|node_modules\/(tsx|esbuild)\/|\.map$/);
  }, 180_000);

  it('stops the build when a packed native module is for another CPU', async () => {
    await expect(pack(path.join(tmp.dir, 'dist-wrong'), 'arm64', [])).rejects.toThrow(
      /better_sqlite3\.node: it is built for arm64, the target is x64/,
    );
  }, 180_000);
});
