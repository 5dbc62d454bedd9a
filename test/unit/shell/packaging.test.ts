/**
 * The packaging configuration and the Electron build of better-sqlite3: what the environment
 * decides (signing, notarisation, the update feed), that electron-builder's own schema accepts the
 * result, and that the SQLite binding built for Electron lands exactly where the app loads it
 * without ever touching the Node build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DebugLogger } from 'builder-util';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { afterEach, describe, expect, it } from 'vitest';
import { ELECTRON_BINDING_RELATIVE } from '../../../electron/main/native-binding';
import { APP_ID } from '../../../electron/main/policy/app-identity';
import { createBuilderConfig, publishConfig, signingPlan } from '../../../scripts/packaging/builder-config';
import {
  archName,
  bindingAbi,
  buildElectronSqlite,
  checkBindingAbi,
  electronSqlitePlan,
  needsRebuild,
  type RebuildRequest,
} from '../../../scripts/packaging/electron-sqlite';
import { makeTempDir } from '../../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../../..');

describe('publishConfig', () => {
  it('publishes nowhere unless told', () => {
    expect(publishConfig({})).toBeNull();
  });

  it('takes a generic https feed or a GitHub repository', () => {
    expect(publishConfig({ PARTNER_DESK_UPDATE_URL: 'https://updates.example.com/partner-desk/' })).toEqual([
      { provider: 'generic', url: 'https://updates.example.com/partner-desk/', channel: 'latest' },
    ]);
    expect(publishConfig({ PARTNER_DESK_UPDATE_GITHUB: 'acme/partner-desk' })).toEqual([
      { provider: 'github', owner: 'acme', repo: 'partner-desk', releaseType: 'release' },
    ]);
  });

  it('refuses an insecure or ambiguous feed', () => {
    expect(() => publishConfig({ PARTNER_DESK_UPDATE_URL: 'http://updates.example.com/' })).toThrow(/https/);
    expect(() => publishConfig({ PARTNER_DESK_UPDATE_URL: 'https://user:pw@updates.example.com/' })).toThrow(/credentials/);
    expect(() => publishConfig({ PARTNER_DESK_UPDATE_URL: 'updates' })).toThrow(/not a URL/);
    expect(() => publishConfig({ PARTNER_DESK_UPDATE_GITHUB: 'https://github.com/acme/x' })).toThrow(/owner\/repo/);
    expect(() => publishConfig({ PARTNER_DESK_UPDATE_URL: 'https://u.example/', PARTNER_DESK_UPDATE_GITHUB: 'a/b' })).toThrow(/not both/);
  });
});

describe('signingPlan', () => {
  it('without certificates (a local build) ad-hoc signs the Mac app so Apple silicon will run it', () => {
    expect(signingPlan({})).toEqual({ macSign: false, macNotarize: false, windowsSign: false });
    const local = createBuilderConfig({});
    // "-" is electron-builder's ad-hoc identity; null would leave the arm64 app unsigned, and it would not launch.
    expect(local.mac).toMatchObject({ identity: '-', notarize: false, hardenedRuntime: false });
    expect(local.electronFuses).toMatchObject({ resetAdHocDarwinSignature: true });
  });

  it('with a certificate signs with it, under the hardened runtime notarisation needs, and leaves the signature to electron-builder', () => {
    const signed = createBuilderConfig({ CSC_LINK: 'c' });
    expect(signed.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'resources/entitlements.mac.plist' });
    expect(signed.mac?.identity).toBeUndefined();
    expect(signed.electronFuses).toMatchObject({ resetAdHocDarwinSignature: false });
  });

  it('signs with a certificate and notarises only with complete Apple credentials', () => {
    expect(signingPlan({ CSC_LINK: 'base64cert', CSC_KEY_PASSWORD: 'x' })).toEqual({
      macSign: true,
      macNotarize: false,
      windowsSign: true,
    });
    expect(signingPlan({ CSC_LINK: 'c', APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p' }).macNotarize).toBe(false);
    expect(signingPlan({ CSC_LINK: 'c', APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' }).macNotarize).toBe(true);
    expect(
      signingPlan({ CSC_NAME: 'Developer ID Application: Acme', APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'iss' })
        .macNotarize,
    ).toBe(true);
    expect(signingPlan({ APPLE_KEYCHAIN_PROFILE: 'notary' }).macNotarize).toBe(false);
    expect(signingPlan({ WIN_CSC_LINK: 'w' })).toEqual({ macSign: false, macNotarize: false, windowsSign: true });
    expect(createBuilderConfig({ CSC_LINK: 'c', APPLE_KEYCHAIN_PROFILE: 'n' }).mac).toMatchObject({ notarize: true });
    expect(createBuilderConfig({ CSC_LINK: 'c' }).mac?.identity).toBeUndefined();
  });
});

describe('createBuilderConfig', () => {
  const config = createBuilderConfig({ PARTNER_DESK_UPDATE_GITHUB: 'acme/partner-desk' });

  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(createBuilderConfig({}), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('targets AppImage + deb, dmg + zip for both Mac architectures, and NSIS', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.linux?.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(config.mac?.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    // The AppImage's launcher decides about --no-sandbox (only where user namespaces are unavailable), not its desktop entry.
    expect(config.appImage).toMatchObject({ executableArgs: [] });
  });

  it('never rebuilds node_modules in place, builds the Electron binding before packing, unpacks native code', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(typeof config.beforePack).toBe('function');
    expect(typeof config.afterPack).toBe('function');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['out/native/electron/**', '**/*.node']));
    expect(config.files).toEqual(
      expect.arrayContaining(['out/native/electron/**', '!node_modules/better-sqlite3/{build,deps,src,prebuilds}/**']),
    );
    const packaged = ELECTRON_BINDING_RELATIVE.split(path.sep).join('/');
    expect(packaged.startsWith('out/native/electron/')).toBe(true);
  });

  it('sets the hardening fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
  });

  it('publishes to the configured feed', () => {
    expect(config.publish).toEqual([{ provider: 'github', owner: 'acme', repo: 'partner-desk', releaseType: 'release' }]);
    expect(createBuilderConfig({}).publish).toBeNull();
  });

  it('ships the icons and entitlements it names', () => {
    const png = fs.readFileSync(path.join(root, 'resources', 'icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const icon = fs.readFileSync(path.join(root, 'resources', 'icons', `${size}x${size}.png`));
      expect([icon.readUInt32BE(16), icon.readUInt32BE(20)], `${size}`).toEqual([size, size]);
    }
    const entitlements = fs.readFileSync(path.join(root, 'resources', 'entitlements.mac.plist'), 'utf8');
    expect(entitlements.match(/<key>[^<]+<\/key>/g)).toEqual(['<key>com.apple.security.cs.allow-jit</key>']);
  });
});

describe('the Electron build of better-sqlite3', () => {
  const target = { electronVersion: '45.5.0', platform: 'linux' as const, arch: 'x64' };
  let tmp: ReturnType<typeof makeTempDir> | null = null;
  afterEach(() => tmp?.cleanup());

  it('goes exactly where the app loads it', () => {
    const plan = electronSqlitePlan('/p', target, '12.6.2');
    expect(plan.outputFile).toBe(path.join('/p', ELECTRON_BINDING_RELATIVE));
    expect(plan.sourceModule).toBe(path.join('/p', 'node_modules', 'better-sqlite3'));
    expect(plan.stagingDir.startsWith(path.join('/p', 'out'))).toBe(true);
  });

  it('is rebuilt only when missing or built for something else', () => {
    const stamp = { module: 'better-sqlite3' as const, moduleVersion: '12.6.2', ...target };
    expect(needsRebuild(JSON.stringify(stamp), true, stamp)).toBe(false);
    expect(needsRebuild(JSON.stringify(stamp), false, stamp)).toBe(true);
    expect(needsRebuild(null, true, stamp)).toBe(true);
    expect(needsRebuild('garbage', true, stamp)).toBe(true);
    expect(needsRebuild(JSON.stringify({ ...stamp, electronVersion: '44.0.0' }), true, stamp)).toBe(true);
    expect(needsRebuild(JSON.stringify({ ...stamp, arch: 'arm64' }), true, stamp)).toBe(true);
    expect(needsRebuild(JSON.stringify({ ...stamp, moduleVersion: '12.7.0' }), true, stamp)).toBe(true);
  });

  it("maps electron-builder's architectures and refuses universal", () => {
    expect([0, 1, 2, 3].map(archName)).toEqual(['ia32', 'x64', 'armv7l', 'arm64']);
    expect(() => archName(4)).toThrow(/separately/);
  });

  it('reads and checks the ABI a binding was built for', () => {
    const electronBuild = Buffer.from('\0\0node_register_module_v150\0');
    const nodeBuild = Buffer.from('\0node_register_module_v115\0');
    expect(bindingAbi(electronBuild)).toBe(150);
    expect(bindingAbi(Buffer.from('napi_register_module_v1'))).toBeNull();
    expect(() => checkBindingAbi(electronBuild, 150)).not.toThrow();
    expect(() => checkBindingAbi(nodeBuild, 150)).toThrow(/ABI 115, but Electron needs ABI 150[\s\S]*nodedir/);
    expect(() => checkBindingAbi(nodeBuild, null)).not.toThrow();
  });

  function fakeProject() {
    tmp = makeTempDir();
    const moduleDir = path.join(tmp.dir, 'node_modules', 'better-sqlite3');
    const nodeBuild = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(nodeBuild), { recursive: true });
    fs.writeFileSync(path.join(moduleDir, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.6.2' }));
    fs.writeFileSync(nodeBuild, 'node_register_module_v115');
    return { dir: tmp.dir, nodeBuild };
  }

  function fakeRebuild(output: string, seen: Array<string | undefined> = []) {
    return async (request: RebuildRequest) => {
      seen.push(process.env.npm_config_nodedir);
      const release = path.join(request.buildPath, 'node_modules', 'better-sqlite3', 'build', 'Release');
      fs.mkdirSync(release, { recursive: true });
      fs.writeFileSync(path.join(release, 'better_sqlite3.node'), output);
    };
  }

  it("refuses a result built for Node's ABI, writes nothing, and keeps npm's nodedir away from node-gyp", async () => {
    const project = fakeProject();
    const seen: Array<string | undefined> = [];
    const before = process.env.npm_config_nodedir;
    process.env.npm_config_nodedir = '/usr';
    try {
      await expect(
        buildElectronSqlite({
          projectRoot: project.dir,
          target,
          rebuild: fakeRebuild('node_register_module_v115', seen),
          expectedAbi: 150,
          log: () => {},
        }),
      ).rejects.toThrow(/nodedir/);
      expect(seen).toEqual([undefined]);
      expect(process.env.npm_config_nodedir).toBe('/usr');
    } finally {
      if (before === undefined) delete process.env.npm_config_nodedir;
      else process.env.npm_config_nodedir = before;
    }
    expect(fs.existsSync(path.join(project.dir, ELECTRON_BINDING_RELATIVE))).toBe(false);
    expect(fs.existsSync(path.join(project.dir, 'out', 'native-staging', 'linux-x64'))).toBe(false);
    expect(fs.readFileSync(project.nodeBuild, 'utf8')).toBe('node_register_module_v115');
  });

  it('rebuilds an existing binding whose ABI is wrong even if its stamp looks right', async () => {
    const project = fakeProject();
    const options = { projectRoot: project.dir, target, expectedAbi: 150, log: () => {} };
    await buildElectronSqlite({ ...options, rebuild: fakeRebuild('node_register_module_v150') });
    fs.writeFileSync(path.join(project.dir, ELECTRON_BINDING_RELATIVE), 'node_register_module_v115');
    expect(await buildElectronSqlite({ ...options, rebuild: fakeRebuild('node_register_module_v150') })).toMatchObject({ rebuilt: true });
    expect(await buildElectronSqlite({ ...options, rebuild: fakeRebuild('node_register_module_v150') })).toMatchObject({ rebuilt: false });
  });

  it('builds in a staging copy and leaves the Node build untouched', async () => {
    tmp = makeTempDir();
    const moduleDir = path.join(tmp.dir, 'node_modules', 'better-sqlite3');
    const nodeBuild = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(nodeBuild), { recursive: true });
    fs.mkdirSync(path.join(moduleDir, 'lib'));
    fs.writeFileSync(path.join(moduleDir, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.6.2' }));
    fs.writeFileSync(path.join(moduleDir, 'lib', 'index.js'), 'module.exports = {}');
    fs.writeFileSync(nodeBuild, 'NODE ABI BUILD');
    const requests: RebuildRequest[] = [];
    const rebuild = async (request: RebuildRequest) => {
      requests.push(request);
      const staged = path.join(request.buildPath, 'node_modules', 'better-sqlite3');
      expect(fs.existsSync(path.join(staged, 'build')), 'the Node build is not copied').toBe(false);
      expect(fs.existsSync(path.join(staged, 'lib', 'index.js'))).toBe(true);
      fs.mkdirSync(path.join(staged, 'build', 'Release'), { recursive: true });
      fs.writeFileSync(path.join(staged, 'build', 'Release', 'better_sqlite3.node'), 'ELECTRON ABI BUILD');
    };
    const quiet = () => {};

    const first = await buildElectronSqlite({ projectRoot: tmp.dir, target, rebuild, log: quiet, expectedAbi: null });
    expect(first).toEqual({ file: path.join(tmp.dir, ELECTRON_BINDING_RELATIVE), rebuilt: true });
    expect(fs.readFileSync(first.file, 'utf8')).toBe('ELECTRON ABI BUILD');
    expect(fs.readFileSync(nodeBuild, 'utf8')).toBe('NODE ABI BUILD');
    expect(requests).toEqual([
      expect.objectContaining({ electronVersion: '45.5.0', platform: 'linux', arch: 'x64', onlyModules: ['better-sqlite3'], force: true }),
    ]);
    expect(fs.existsSync(requests[0]!.buildPath)).toBe(false);

    expect(await buildElectronSqlite({ projectRoot: tmp.dir, target, rebuild, log: quiet, expectedAbi: null })).toMatchObject({
      rebuilt: false,
    });
    expect(
      await buildElectronSqlite({
        projectRoot: tmp.dir,
        target: { ...target, electronVersion: '46.0.0' },
        rebuild,
        log: quiet,
        expectedAbi: null,
      }),
    ).toMatchObject({ rebuilt: true });
    expect(requests).toHaveLength(2);
    expect(fs.readFileSync(nodeBuild, 'utf8')).toBe('NODE ABI BUILD');
  });
});
