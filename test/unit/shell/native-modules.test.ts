/**
 * The packaging hooks' per-architecture logic with the builds stubbed: which modules are prepared
 * for which target, keytar taken from node_modules only for the host's own platform and CPU, and
 * every native module of the packed app checked against the target (format, CPU, Electron's ABI)
 * before anything is signed. The binaries are crafted headers of each format.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ELECTRON_BINDING_RELATIVE } from '../../../electron/main/native-binding';
import { readBinaryTarget, binaryTargetMismatch } from '../../../scripts/packaging/binary-target';
import type { RebuildRequest } from '../../../scripts/packaging/electron-sqlite';
import {
  KEYTAR_BINDING_RELATIVE,
  keytarForTarget,
  packedResourcesDir,
  placeAndVerifyNatives,
  prepareKeytar,
  verifyPackedNatives,
} from '../../../scripts/packaging/native-modules';
import { makeTempDir } from '../../helpers/temp-dir';

/** A minimal binary of the given format and CPU, followed by `tail` (e.g. the ABI symbol). */
function binary(format: 'elf' | 'mach-o' | 'fat' | 'pe', arch: 'x64' | 'arm64' | 'ia32', tail = ''): Buffer {
  const bytes = Buffer.alloc(256);
  if (format === 'elf') {
    bytes.writeUInt32BE(0x7f454c46, 0);
    bytes[4] = 2;
    bytes[5] = 1;
    bytes.writeUInt16LE({ x64: 0x3e, arm64: 0xb7, ia32: 0x03 }[arch], 18);
  } else if (format === 'mach-o') {
    bytes.writeUInt32LE(0xfeedfacf, 0);
    bytes.writeInt32LE({ x64: 0x01000007, arm64: 0x0100000c, ia32: 7 }[arch], 4);
  } else if (format === 'fat') {
    bytes.writeUInt32BE(0xcafebabe, 0);
    bytes.writeUInt32BE(2, 4);
    bytes.writeInt32BE(0x01000007, 8);
    bytes.writeInt32BE(0x0100000c, 28);
  } else {
    bytes.write('MZ', 0, 'latin1');
    bytes.writeUInt32LE(0x80, 0x3c);
    bytes.writeUInt32BE(0x50450000, 0x80);
    bytes.writeUInt16LE({ x64: 0x8664, arm64: 0xaa64, ia32: 0x014c }[arch], 0x84);
  }
  return Buffer.concat([bytes, Buffer.from(tail, 'latin1')]);
}

describe('readBinaryTarget', () => {
  it('reads the format and CPU of ELF, Mach-O, universal Mach-O and PE binaries', () => {
    expect(readBinaryTarget(binary('elf', 'x64'))).toEqual({ format: 'elf', archs: ['x64'] });
    expect(readBinaryTarget(binary('elf', 'arm64'))).toEqual({ format: 'elf', archs: ['arm64'] });
    expect(readBinaryTarget(binary('mach-o', 'arm64'))).toEqual({ format: 'mach-o', archs: ['arm64'] });
    expect(readBinaryTarget(binary('mach-o', 'x64'))).toEqual({ format: 'mach-o', archs: ['x64'] });
    expect(readBinaryTarget(binary('fat', 'x64'))).toEqual({ format: 'mach-o', archs: ['x64', 'arm64'] });
    expect(readBinaryTarget(binary('pe', 'x64'))).toEqual({ format: 'pe', archs: ['x64'] });
    expect(readBinaryTarget(binary('pe', 'arm64'))).toEqual({ format: 'pe', archs: ['arm64'] });
    expect(readBinaryTarget(Buffer.alloc(256, 'x'))).toBeNull();
  });

  it('reads this machine’s own compiled better-sqlite3 as what it is', () => {
    const own = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../../node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
    );
    expect(binaryTargetMismatch(own, { platform: process.platform, arch: process.arch })).toBeNull();
  });

  it('says why a binary does not fit a target', () => {
    expect(binaryTargetMismatch(binary('mach-o', 'x64'), { platform: 'darwin', arch: 'arm64' })).toBe(
      'it is built for x64, the target is arm64',
    );
    expect(binaryTargetMismatch(binary('elf', 'x64'), { platform: 'darwin', arch: 'x64' })).toBe('it is elf, darwin needs mach-o');
    expect(binaryTargetMismatch(binary('fat', 'x64'), { platform: 'darwin', arch: 'arm64' })).toBeNull();
    expect(binaryTargetMismatch(Buffer.from('not a binary'), { platform: 'linux', arch: 'x64' })).toBe('it is not a native binary');
  });
});

describe('the packaging hooks, per architecture', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  afterEach(() => tmp?.cleanup());
  const host = { platform: 'darwin' as const, arch: 'x64' };

  function project(): string {
    tmp = makeTempDir();
    const keytar = path.join(tmp.dir, 'node_modules', 'keytar');
    fs.mkdirSync(path.join(keytar, 'build', 'Release'), { recursive: true });
    fs.writeFileSync(path.join(keytar, 'package.json'), JSON.stringify({ name: 'keytar', version: '7.9.0' }));
    fs.writeFileSync(path.join(keytar, 'build', 'Release', 'keytar.node'), binary('mach-o', 'x64'));
    return tmp.dir;
  }

  function stubRebuild(output: Buffer, seen: RebuildRequest[]) {
    return async (request: RebuildRequest) => {
      seen.push(request);
      const release = path.join(request.buildPath, 'node_modules', 'keytar', 'build', 'Release');
      fs.mkdirSync(release, { recursive: true });
      fs.writeFileSync(path.join(release, 'keytar.node'), output);
    };
  }

  it('takes keytar from node_modules for the host’s own platform and CPU, without building', async () => {
    const root = project();
    const seen: RebuildRequest[] = [];
    const target = { electronVersion: '45.5.0', platform: 'darwin' as const, arch: 'x64' };
    const file = await prepareKeytar({
      projectRoot: root,
      target,
      host,
      rebuild: stubRebuild(binary('mach-o', 'x64'), seen),
      log: () => {},
    });
    expect(file).toBe(keytarForTarget(root, target));
    expect(readBinaryTarget(fs.readFileSync(file))).toEqual({ format: 'mach-o', archs: ['x64'] });
    expect(seen).toEqual([]);
  });

  it('fetches or builds keytar for the other Mac architecture in a staging copy, leaving node_modules alone', async () => {
    const root = project();
    const seen: RebuildRequest[] = [];
    const target = { electronVersion: '45.5.0', platform: 'darwin' as const, arch: 'arm64' };
    const file = await prepareKeytar({
      projectRoot: root,
      target,
      host,
      rebuild: stubRebuild(binary('mach-o', 'arm64'), seen),
      log: () => {},
    });
    expect(seen).toEqual([
      expect.objectContaining({ platform: 'darwin', arch: 'arm64', electronVersion: '45.5.0', onlyModules: ['keytar'] }),
    ]);
    expect(readBinaryTarget(fs.readFileSync(file))?.archs).toEqual(['arm64']);
    expect(readBinaryTarget(fs.readFileSync(path.join(root, KEYTAR_BINDING_RELATIVE)))?.archs).toEqual(['x64']);
    expect(fs.existsSync(seen[0]!.buildPath)).toBe(false);
  });

  it('refuses a keytar build for the wrong CPU', async () => {
    const root = project();
    const target = { electronVersion: '45.5.0', platform: 'darwin' as const, arch: 'arm64' };
    await expect(
      prepareKeytar({ projectRoot: root, target, host, rebuild: stubRebuild(binary('mach-o', 'x64'), []), log: () => {} }),
    ).rejects.toThrow(/keytar for darwin-arm64 cannot be used: it is built for x64, the target is arm64/);
    expect(fs.existsSync(keytarForTarget(root, target))).toBe(false);
  });

  /** A packed Mac app as electron-builder leaves it: the host's keytar in it, and the given better-sqlite3. */
  function packedMacApp(root: string, sqlite: Buffer): string {
    const resources = packedResourcesDir({
      appOutDir: path.join(root, 'dist', 'mac-arm64'),
      platform: 'darwin',
      productFilename: 'Partner Desk',
    });
    const unpacked = path.join(resources, 'app.asar.unpacked');
    fs.mkdirSync(path.dirname(path.join(unpacked, ELECTRON_BINDING_RELATIVE)), { recursive: true });
    fs.writeFileSync(path.join(unpacked, ELECTRON_BINDING_RELATIVE), sqlite);
    fs.mkdirSync(path.dirname(path.join(unpacked, KEYTAR_BINDING_RELATIVE)), { recursive: true });
    fs.copyFileSync(path.join(root, KEYTAR_BINDING_RELATIVE), path.join(unpacked, KEYTAR_BINDING_RELATIVE));
    return resources;
  }

  it('after packing the arm64 app: puts keytar for arm64 over the host’s copy and checks every native module', async () => {
    const root = project();
    const target = { electronVersion: '45.5.0', platform: 'darwin' as const, arch: 'arm64' };
    await prepareKeytar({ projectRoot: root, target, host, rebuild: stubRebuild(binary('mach-o', 'arm64'), []), log: () => {} });
    const resources = packedMacApp(root, binary('mach-o', 'arm64', 'node_register_module_v150'));
    expect(resources).toBe(path.join(root, 'dist', 'mac-arm64', 'Partner Desk.app', 'Contents', 'Resources'));
    const checks = placeAndVerifyNatives({ projectRoot: root, resourcesDir: resources, target, electronAbi: 150, log: () => {} });
    expect(new Set(checks.map((check) => check.file))).toEqual(new Set([KEYTAR_BINDING_RELATIVE, ELECTRON_BINDING_RELATIVE]));
    expect(checks.map((check) => check.problem)).toEqual([null, null]);
    expect(readBinaryTarget(fs.readFileSync(path.join(resources, 'app.asar.unpacked', KEYTAR_BINDING_RELATIVE)))?.archs).toEqual(['arm64']);
  });

  it('stops the build before signing when a packed module does not fit: wrong CPU, wrong ABI, missing', async () => {
    const root = project();
    const target = { electronVersion: '45.5.0', platform: 'darwin' as const, arch: 'arm64' };
    await prepareKeytar({ projectRoot: root, target, host, rebuild: stubRebuild(binary('mach-o', 'arm64'), []), log: () => {} });
    const wrongCpu = packedMacApp(root, binary('mach-o', 'x64', 'node_register_module_v150'));
    expect(() => placeAndVerifyNatives({ projectRoot: root, resourcesDir: wrongCpu, target, electronAbi: 150, log: () => {} })).toThrow(
      /better_sqlite3\.node: it is built for x64, the target is arm64/,
    );
    const nodeAbi = packedMacApp(root, binary('mach-o', 'arm64', 'node_register_module_v115'));
    expect(() => placeAndVerifyNatives({ projectRoot: root, resourcesDir: nodeAbi, target, electronAbi: 150, log: () => {} })).toThrow(
      /ABI 115, but Electron needs ABI 150/,
    );
    const unpacked = path.join(nodeAbi, 'app.asar.unpacked');
    fs.rmSync(path.join(unpacked, ELECTRON_BINDING_RELATIVE));
    expect(() => verifyPackedNatives(unpacked, target, 150)).toThrow(/better_sqlite3\.node: it is missing/);
    // A stray native module of another CPU anywhere in the app is caught too.
    fs.mkdirSync(path.join(unpacked, 'node_modules', 'stray'), { recursive: true });
    fs.writeFileSync(path.join(unpacked, 'node_modules', 'stray', 'x.node'), binary('elf', 'x64'));
    expect(() => verifyPackedNatives(unpacked, target, 150)).toThrow(/stray\/x\.node: it is elf, darwin needs mach-o/);
  });

  it('lays out Linux and Windows apps under resources/', () => {
    expect(packedResourcesDir({ appOutDir: '/d/linux-unpacked', platform: 'linux', productFilename: 'Partner Desk' })).toBe(
      path.join('/d/linux-unpacked', 'resources'),
    );
    expect(packedResourcesDir({ appOutDir: '/d/win-unpacked', platform: 'win32', productFilename: 'Partner Desk' })).toBe(
      path.join('/d/win-unpacked', 'resources'),
    );
  });
});
