/**
 * Builds better-sqlite3 for Electron's ABI beside the Node build, never over it: the package is
 * copied (without its build) into a staging folder under out/, @electron/rebuild builds it there
 * (a prebuilt binary when one exists for this Electron, else node-gyp), and the resulting
 * better_sqlite3.node is copied to out/native/electron/, where the app loads it through
 * better-sqlite3's `nativeBinding` option (electron/main/native-binding.ts). A stamp beside it
 * records what it was built for, so an unchanged build is not redone. node_modules/better-sqlite3
 * keeps its Node build for tests, web mode and the CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ELECTRON_BINDING_RELATIVE, stampFileFor, type BindingStamp } from '../../electron/main/native-binding';

export type { BindingStamp };

export interface ElectronSqliteTarget {
  electronVersion: string;
  platform: NodeJS.Platform;
  arch: string;
}

export interface ElectronSqlitePlan {
  /** node_modules/better-sqlite3: copied from, never written to. */
  sourceModule: string;
  stagingDir: string;
  stagedModule: string;
  /** What @electron/rebuild produces inside the staging copy. */
  builtFile: string;
  outputFile: string;
  stampFile: string;
  stamp: BindingStamp;
}

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64'] as const;

/** electron-builder's Arch enum value to the name Node and @electron/rebuild use. */
export function archName(arch: number): string {
  const name = ARCH_NAMES[arch];
  if (!name) throw new Error('A universal macOS build needs one better-sqlite3 per architecture: package x64 and arm64 separately.');
  return name;
}

export function electronSqlitePlan(projectRoot: string, target: ElectronSqliteTarget, moduleVersion: string): ElectronSqlitePlan {
  const stagingDir = path.join(projectRoot, 'out', 'native-staging', `${target.platform}-${target.arch}`);
  const stagedModule = path.join(stagingDir, 'node_modules', 'better-sqlite3');
  const outputFile = path.join(projectRoot, ELECTRON_BINDING_RELATIVE);
  return {
    sourceModule: path.join(projectRoot, 'node_modules', 'better-sqlite3'),
    stagingDir,
    stagedModule,
    builtFile: path.join(stagedModule, 'build', 'Release', 'better_sqlite3.node'),
    outputFile,
    stampFile: stampFileFor(outputFile),
    stamp: { module: 'better-sqlite3', moduleVersion, ...target },
  };
}

/** Whether the binding must be (re)built: missing, or built for another Electron, platform, arch or module version. */
export function needsRebuild(stampJson: string | null, bindingExists: boolean, wanted: BindingStamp): boolean {
  if (!bindingExists || stampJson === null) return true;
  try {
    const stamp = JSON.parse(stampJson) as Partial<BindingStamp>;
    return (Object.keys(wanted) as Array<keyof BindingStamp>).some((key) => stamp[key] !== wanted[key]);
  } catch {
    return true;
  }
}

/** Copies a package for staging, leaving out its compiled build (the Node one). */
export function stagingFilter(sourceModule: string): (source: string) => boolean {
  const excluded = ['build', 'prebuilds'].map((dir) => path.join(sourceModule, dir));
  return (source) => !excluded.some((dir) => source === dir || source.startsWith(dir + path.sep));
}

/** The Node ABI a non-N-API binding was built for (`node_register_module_v<ABI>`), or null if none is named. */
export function bindingAbi(binary: Buffer): number | null {
  const match = /node_register_module_v(\d+)/.exec(binary.toString('latin1'));
  return match ? Number(match[1]) : null;
}

/**
 * A binding built for the wrong runtime would load in one and crash the other, so the result is
 * checked: a global `nodedir` in npm's config, for instance, silently makes node-gyp build against
 * Node's headers instead of Electron's.
 */
export function checkBindingAbi(binary: Buffer, expectedAbi: number | null): void {
  const found = bindingAbi(binary);
  if (expectedAbi === null || found === null || found === expectedAbi) return;
  throw new Error(
    `The binding was built for ABI ${found}, but Electron needs ABI ${expectedAbi}. ` +
      "Is a `nodedir` set in npm's configuration (npm config get nodedir)? Unset it for this build.",
  );
}

/** Electron's ABI from the installed electron package, when it is the version being built for. */
export function installedElectronAbi(projectRoot: string, electronVersion: string): number | null {
  const dir = path.join(projectRoot, 'node_modules', 'electron');
  const installed = readText(path.join(dir, 'package.json'));
  const abi = readText(path.join(dir, 'abi_version'));
  if (!installed || !abi || (JSON.parse(installed) as { version?: string }).version !== electronVersion) return null;
  const value = Number(abi.trim());
  return Number.isInteger(value) && value > 0 ? value : null;
}

function abiMatches(file: string, expectedAbi: number | null): boolean {
  try {
    checkBindingAbi(fs.readFileSync(file), expectedAbi);
    return true;
  } catch {
    return false;
  }
}

export function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The slice of @electron/rebuild's options used here (injectable, so the staging flow is testable offline). */
export interface RebuildRequest {
  buildPath: string;
  projectRootPath: string;
  electronVersion: string;
  platform: NodeJS.Platform;
  arch: string;
  onlyModules: string[];
  force: boolean;
}

async function electronRebuild(request: RebuildRequest): Promise<void> {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild(request);
}

export interface StagedRebuild {
  /** node_modules/<module>: copied from, never written to. */
  sourceModule: string;
  stagingDir: string;
  moduleName: string;
  moduleVersion: string;
  target: ElectronSqliteTarget;
  rebuild?: (request: RebuildRequest) => Promise<void>;
}

/**
 * Copies a package (without its compiled build) into a staging folder, has @electron/rebuild build
 * it there for the target Electron, platform and CPU (a prebuilt binary when one exists, else
 * node-gyp), hands the staged package folder to `use`, and removes the staging folder whatever
 * happens. node_modules is never written to.
 */
export async function withStagedRebuild<T>(request: StagedRebuild, use: (stagedModule: string) => T): Promise<T> {
  const stagedModule = path.join(request.stagingDir, 'node_modules', request.moduleName);
  fs.rmSync(request.stagingDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(stagedModule), { recursive: true });
  fs.writeFileSync(
    path.join(request.stagingDir, 'package.json'),
    JSON.stringify({ name: 'partner-desk-native-staging', private: true, dependencies: { [request.moduleName]: request.moduleVersion } }),
  );
  fs.cpSync(request.sourceModule, stagedModule, { recursive: true, filter: stagingFilter(request.sourceModule) });
  // node-gyp must fetch Electron's headers; npm's `nodedir` would point it at Node's instead.
  const nodedir = { lower: process.env.npm_config_nodedir, upper: process.env.NPM_CONFIG_NODEDIR };
  delete process.env.npm_config_nodedir;
  delete process.env.NPM_CONFIG_NODEDIR;
  try {
    await (request.rebuild ?? electronRebuild)({
      buildPath: request.stagingDir,
      projectRootPath: request.stagingDir,
      electronVersion: request.target.electronVersion,
      platform: request.target.platform,
      arch: request.target.arch,
      onlyModules: [request.moduleName],
      force: true,
    });
    return use(stagedModule);
  } finally {
    if (nodedir.lower !== undefined) process.env.npm_config_nodedir = nodedir.lower;
    if (nodedir.upper !== undefined) process.env.NPM_CONFIG_NODEDIR = nodedir.upper;
    fs.rmSync(request.stagingDir, { recursive: true, force: true });
  }
}

export interface BuildElectronSqliteOptions {
  projectRoot: string;
  target: ElectronSqliteTarget;
  force?: boolean;
  log?: (line: string) => void;
  rebuild?: (request: RebuildRequest) => Promise<void>;
  /** Electron's ABI to check the result against; by default read from the installed electron package. */
  expectedAbi?: number | null;
}

export async function buildElectronSqlite(options: BuildElectronSqliteOptions): Promise<{ file: string; rebuilt: boolean }> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const sourceModule = path.join(options.projectRoot, 'node_modules', 'better-sqlite3');
  const moduleVersion = (JSON.parse(fs.readFileSync(path.join(sourceModule, 'package.json'), 'utf8')) as { version: string }).version;
  const plan = electronSqlitePlan(options.projectRoot, options.target, moduleVersion);
  const expectedAbi =
    options.expectedAbi === undefined ? installedElectronAbi(options.projectRoot, options.target.electronVersion) : options.expectedAbi;
  const upToDate =
    !needsRebuild(readText(plan.stampFile), fs.existsSync(plan.outputFile), plan.stamp) && abiMatches(plan.outputFile, expectedAbi);
  if (!options.force && upToDate) {
    log(
      `better-sqlite3 ${moduleVersion} for Electron ${options.target.electronVersion} (${options.target.platform}-${options.target.arch}) is up to date.`,
    );
    return { file: plan.outputFile, rebuilt: false };
  }
  log(
    `Building better-sqlite3 ${moduleVersion} for Electron ${options.target.electronVersion} (${options.target.platform}-${options.target.arch}): once, a minute or two…`,
  );
  await withStagedRebuild(
    {
      sourceModule: plan.sourceModule,
      stagingDir: plan.stagingDir,
      moduleName: 'better-sqlite3',
      moduleVersion,
      target: options.target,
      ...(options.rebuild ? { rebuild: options.rebuild } : {}),
    },
    () => {
      if (!fs.existsSync(plan.builtFile)) throw new Error(`@electron/rebuild finished but ${plan.builtFile} is missing.`);
      checkBindingAbi(fs.readFileSync(plan.builtFile), expectedAbi);
      fs.mkdirSync(path.dirname(plan.outputFile), { recursive: true });
      fs.copyFileSync(plan.builtFile, plan.outputFile);
      fs.writeFileSync(plan.stampFile, `${JSON.stringify(plan.stamp, null, 2)}\n`);
    },
  );
  log(`Wrote ${path.relative(options.projectRoot, plan.outputFile)}.`);
  return { file: plan.outputFile, rebuilt: true };
}
