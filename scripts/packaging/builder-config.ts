/**
 * The electron-builder configuration, computed from the environment so releases can be signed and
 * published without editing files: Linux AppImage + deb, macOS dmg + zip (the zip is what the
 * updater downloads) for Intel and Apple silicon, Windows NSIS. Signing and notarisation run only
 * when their credentials are in the environment; without them the Mac app is ad-hoc signed (a
 * local build). The update feed is a generic HTTPS URL or a GitHub repository. Native modules are
 * not rebuilt in node_modules (that would flip the Node builds used by tests): the beforePack hook
 * builds better-sqlite3 and keytar for the platform and CPU being packed, the afterPack hook puts
 * keytar in place and checks every .node file against the target (native-modules.ts), and every
 * .node file stays outside the asar.
 */
import type { Configuration } from 'electron-builder';
import { APP_ID, PRODUCT_NAME } from '../../electron/main/policy/app-identity';
import { archName, buildElectronSqlite, installedElectronAbi, type ElectronSqliteTarget } from './electron-sqlite';
import { packedResourcesDir, placeAndVerifyNatives, prepareKeytar } from './native-modules';

type Env = Readonly<Record<string, string | undefined>>;
type Publish =
  { provider: 'generic'; url: string; channel: string } | { provider: 'github'; owner: string; repo: string; releaseType: 'release' };

/** PARTNER_DESK_UPDATE_URL (generic, https only) or PARTNER_DESK_UPDATE_GITHUB=owner/repo; neither: no update feed. */
export function publishConfig(env: Env): Publish[] | null {
  const url = env.PARTNER_DESK_UPDATE_URL?.trim();
  const github = env.PARTNER_DESK_UPDATE_GITHUB?.trim();
  if (url && github) throw new Error('Set PARTNER_DESK_UPDATE_URL or PARTNER_DESK_UPDATE_GITHUB, not both.');
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`PARTNER_DESK_UPDATE_URL is not a URL: ${url}`);
    }
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password)
      throw new Error('PARTNER_DESK_UPDATE_URL must be an https: URL without credentials: updates are code.');
    return [{ provider: 'generic', url: parsed.href, channel: 'latest' }];
  }
  if (github) {
    const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(github);
    if (!match) throw new Error(`PARTNER_DESK_UPDATE_GITHUB must be "owner/repo", not "${github}".`);
    return [{ provider: 'github', owner: match[1]!, repo: match[2]!, releaseType: 'release' }];
  }
  return null;
}

export interface SigningPlan {
  macSign: boolean;
  macNotarize: boolean;
  windowsSign: boolean;
}

/**
 * Signing follows the credentials present: a certificate (CSC_LINK / CSC_NAME, WIN_CSC_LINK) signs;
 * notarisation also needs Apple credentials (an App Store Connect API key, an Apple ID with an
 * app-specific password and team, or a stored keychain profile). Without a certificate the Mac
 * build is ad-hoc signed (identity "-") rather than signed by whatever identity the keychain offers:
 * Apple silicon refuses to run unsigned code, and an ad-hoc signature is what lets a locally built,
 * unsigned app start there (right-click → Open once, as for any app from outside the App Store).
 */
export function signingPlan(env: Env): SigningPlan {
  const has = (...names: string[]) => names.every((name) => Boolean(env[name]?.trim()));
  const macSign = has('CSC_LINK') || has('CSC_NAME');
  const notaryCredentials =
    has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
    has('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
    has('APPLE_KEYCHAIN_PROFILE');
  return { macSign, macNotarize: macSign && notaryCredentials, windowsSign: has('WIN_CSC_LINK') || has('CSC_LINK') };
}

interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; info: { projectDir: string; framework: { version: string } } };
}

function packTarget(context: PackContext): ElectronSqliteTarget {
  return {
    electronVersion: context.packager.info.framework.version,
    platform: context.electronPlatformName as NodeJS.Platform,
    arch: archName(context.arch),
  };
}

/** Before each platform and architecture is packed: its better-sqlite3 and its keytar. */
export async function beforePack(context: PackContext): Promise<void> {
  const projectRoot = context.packager.info.projectDir;
  const target = packTarget(context);
  await buildElectronSqlite({ projectRoot, target });
  await prepareKeytar({ projectRoot, target, host: { platform: process.platform, arch: process.arch } });
}

/** After packing, before signing: keytar for the target in place, and every native module checked against the target. */
export async function afterPack(context: PackContext): Promise<void> {
  const projectRoot = context.packager.info.projectDir;
  const target = packTarget(context);
  const resourcesDir = packedResourcesDir({
    appOutDir: context.appOutDir,
    platform: target.platform,
    productFilename: context.packager.appInfo.productFilename,
  });
  placeAndVerifyNatives({ projectRoot, resourcesDir, target, electronAbi: installedElectronAbi(projectRoot, target.electronVersion) });
}

export function createBuilderConfig(env: Env): Configuration {
  const signing = signingPlan(env);
  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    copyright: 'Copyright © Partner Desk contributors',
    directories: { output: 'dist', buildResources: 'resources' },
    files: [
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
      'out/native/electron/**',
      'resources/icon.png',
      'package.json',
      '!**/*.map',
      // The Node build of better-sqlite3 and its sources: the app loads out/native/electron instead.
      '!node_modules/better-sqlite3/{build,deps,src,prebuilds}/**',
      // Used by the CLI only.
      '!node_modules/{tsx,esbuild,@esbuild,get-tsconfig,resolve-pkg-maps}/**',
    ],
    asar: true,
    asarUnpack: ['out/native/electron/**', '**/*.node'],
    npmRebuild: false,
    nodeGypRebuild: false,
    beforePack,
    afterPack,
    electronFuses: {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      // Flipping fuses breaks the binary's signature; on Apple silicon an unsigned build must get its
      // ad-hoc signature back or it will not launch (electron/fuses README, "Apple Silicon").
      resetAdHocDarwinSignature: !signing.macSign,
    },
    publish: publishConfig(env),
    mac: {
      target: [
        { target: 'dmg', arch: ['x64', 'arm64'] },
        { target: 'zip', arch: ['x64', 'arm64'] },
      ],
      category: 'public.app-category.business',
      darkModeSupport: true,
      // The hardened runtime is what notarisation requires; with an ad-hoc signature it would refuse to
      // load the ad-hoc-signed native modules (library validation), so only signed builds get it.
      hardenedRuntime: signing.macSign,
      gatekeeperAssess: false,
      entitlements: 'resources/entitlements.mac.plist',
      entitlementsInherit: 'resources/entitlements.mac.plist',
      identity: signing.macSign ? undefined : '-',
      notarize: signing.macNotarize,
    },
    dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
    win: { target: [{ target: 'nsis', arch: ['x64'] }], artifactName: '${productName}-Setup-${version}.${ext}' },
    nsis: { oneClick: true, perMachine: false, deleteAppDataOnUninstall: false },
    // No --no-sandbox in the AppImage's desktop entry (electron-builder's default for it): its launcher
    // adds the switch only where user namespaces are unavailable (Ubuntu 23.10+), and the app then says so.
    appImage: { executableArgs: [] },
    linux: {
      target: [
        { target: 'AppImage', arch: ['x64'] },
        { target: 'deb', arch: ['x64'] },
      ],
      category: 'Office',
      executableName: 'partner-desk',
      icon: 'resources/icons',
      synopsis: 'Manage 360dialog clients and WhatsApp channels, offline too',
      maintainer: 'Partner Desk <support@partnerdesk.io>',
      artifactName: '${productName}-${version}-${arch}.${ext}',
    },
    // keytar talks to the Secret Service; notifications and the tray need libnotify.
    deb: {
      depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'],
    },
  };
}
