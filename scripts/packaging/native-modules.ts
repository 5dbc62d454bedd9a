/**
 * The packed app's native modules, per target platform and CPU. electron-builder is told never to
 * rebuild node_modules in place (that would swap the Node builds the tests use), so the hooks do it:
 * - better-sqlite3 (not N-API: one build per Electron ABI) is built for the target before packing
 *   into out/native/electron/ (electron-sqlite.ts), where the app loads it from;
 * - keytar (N-API: one build per platform and CPU, for Node and Electron alike) is taken from
 *   node_modules when the target is this machine, else fetched or built for the target in a staging
 *   copy, and put in the packed app after packing, over the host's copy electron-builder packed.
 *   Packing both Mac architectures in one run used to ship the Intel keytar in the Apple-silicon app.
 * Then every `.node` file in the packed app is checked against the target (format, CPU, and Electron's
 * ABI for better-sqlite3) before anything is signed: a binary that would not load never ships.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ELECTRON_BINDING_RELATIVE } from '../../electron/main/native-binding';
import { binaryTargetMismatch } from './binary-target';
import { checkBindingAbi, withStagedRebuild, type ElectronSqliteTarget, type RebuildRequest } from './electron-sqlite';

/** Where keytar loads its binding from (lib/keytar.js requires ../build/Release/keytar.node). */
export const KEYTAR_BINDING_RELATIVE = path.join('node_modules', 'keytar', 'build', 'Release', 'keytar.node');

/** The modules the packed app must carry, relative to app.asar.unpacked. */
export const REQUIRED_NATIVE_FILES = [ELECTRON_BINDING_RELATIVE, KEYTAR_BINDING_RELATIVE] as const;

export function keytarForTarget(projectRoot: string, target: ElectronSqliteTarget): string {
  return path.join(projectRoot, 'out', 'native', 'keytar', `${target.platform}-${target.arch}`, 'keytar.node');
}

export interface PrepareKeytarOptions {
  projectRoot: string;
  target: ElectronSqliteTarget;
  /** The machine packing: its own node_modules copy fits only this platform and CPU. */
  host: { platform: NodeJS.Platform; arch: string };
  rebuild?: (request: RebuildRequest) => Promise<void>;
  log?: (line: string) => void;
}

/** Puts keytar for the target in out/native/keytar/<platform>-<arch>/ and returns that file. */
export async function prepareKeytar(options: PrepareKeytarOptions): Promise<string> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { target } = options;
  const output = keytarForTarget(options.projectRoot, target);
  const sourceModule = path.join(options.projectRoot, 'node_modules', 'keytar');
  fs.rmSync(output, { force: true });
  fs.mkdirSync(path.dirname(output), { recursive: true });
  if (target.platform === options.host.platform && target.arch === options.host.arch) {
    fs.copyFileSync(path.join(options.projectRoot, KEYTAR_BINDING_RELATIVE), output);
  } else {
    log(`Fetching or building keytar for ${target.platform}-${target.arch}…`);
    const moduleVersion = (JSON.parse(fs.readFileSync(path.join(sourceModule, 'package.json'), 'utf8')) as { version: string }).version;
    await withStagedRebuild(
      {
        sourceModule,
        stagingDir: path.join(options.projectRoot, 'out', 'native-staging', `keytar-${target.platform}-${target.arch}`),
        moduleName: 'keytar',
        moduleVersion,
        target,
        ...(options.rebuild ? { rebuild: options.rebuild } : {}),
      },
      (staged) => {
        const built = path.join(staged, 'build', 'Release', 'keytar.node');
        if (!fs.existsSync(built)) throw new Error(`@electron/rebuild finished but ${built} is missing.`);
        fs.copyFileSync(built, output);
      },
    );
  }
  const problem = binaryTargetMismatch(fs.readFileSync(output), target);
  if (problem) {
    fs.rmSync(output, { force: true });
    throw new Error(`keytar for ${target.platform}-${target.arch} cannot be used: ${problem}.`);
  }
  return output;
}

/** The folder of the packed app that holds app.asar and app.asar.unpacked. */
export function packedResourcesDir(context: { appOutDir: string; platform: NodeJS.Platform; productFilename: string }): string {
  return context.platform === 'darwin'
    ? path.join(context.appOutDir, `${context.productFilename}.app`, 'Contents', 'Resources')
    : path.join(context.appOutDir, 'resources');
}

function nodeFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.node'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

export interface NativeCheck {
  /** Relative to app.asar.unpacked. */
  file: string;
  problem: string | null;
}

/**
 * Every native module in the packed app against the target: the required ones present, each for
 * the target's format and CPU, better-sqlite3 for Electron's ABI. Throws, listing every problem.
 */
export function verifyPackedNatives(
  unpackedDir: string,
  target: { platform: NodeJS.Platform; arch: string },
  electronAbi: number | null,
): NativeCheck[] {
  const checks: NativeCheck[] = REQUIRED_NATIVE_FILES.filter((file) => !fs.existsSync(path.join(unpackedDir, file))).map((file) => ({
    file,
    problem: 'it is missing',
  }));
  for (const full of nodeFilesUnder(unpackedDir)) {
    const file = path.relative(unpackedDir, full);
    const bytes = fs.readFileSync(full);
    let problem = binaryTargetMismatch(bytes, target);
    if (!problem && file === ELECTRON_BINDING_RELATIVE) {
      try {
        checkBindingAbi(bytes, electronAbi);
      } catch (error) {
        problem = (error as Error).message.split('. ')[0]!;
      }
    }
    checks.push({ file, problem });
  }
  const problems = checks.filter((check) => check.problem);
  if (problems.length) {
    throw new Error(
      `The packed app's native modules do not fit ${target.platform}-${target.arch}:\n${problems.map((check) => `  ${check.file}: ${check.problem}`).join('\n')}`,
    );
  }
  return checks;
}

export interface PlaceNativesOptions {
  projectRoot: string;
  resourcesDir: string;
  target: ElectronSqliteTarget;
  electronAbi: number | null;
  log?: (line: string) => void;
}

/** After packing: keytar for the target over the host's copy, then the check of every native module. */
export function placeAndVerifyNatives(options: PlaceNativesOptions): NativeCheck[] {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const unpacked = path.join(options.resourcesDir, 'app.asar.unpacked');
  const keytar = keytarForTarget(options.projectRoot, options.target);
  if (!fs.existsSync(keytar))
    throw new Error(`${keytar} is missing: the beforePack hook prepares it for ${options.target.platform}-${options.target.arch}.`);
  fs.mkdirSync(path.dirname(path.join(unpacked, KEYTAR_BINDING_RELATIVE)), { recursive: true });
  fs.copyFileSync(keytar, path.join(unpacked, KEYTAR_BINDING_RELATIVE));
  const checks = verifyPackedNatives(unpacked, options.target, options.electronAbi);
  log(`Native modules for ${options.target.platform}-${options.target.arch}: ${checks.map((check) => check.file).join(', ')}: all fit.`);
  return checks;
}
