/**
 * `tsx scripts/packaging/verify-packed.ts <resources dir> <platform> <arch>`: checks every native
 * module of a packed app against its target (see native-modules.ts). The afterPack hook already
 * runs this check before signing; CI runs it again on the final artefact so the result shows as a
 * step of its own, one line per module.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedElectronAbi } from './electron-sqlite';
import { verifyPackedNatives } from './native-modules';

const [resourcesDir, platform, arch] = process.argv.slice(2);
if (!resourcesDir || !platform || !arch) {
  process.stderr.write('usage: verify-packed.ts <resources dir> <platform: linux|darwin|win32> <arch: x64|arm64>\n');
  process.exit(2);
}
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const electronVersion = (
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }
).version;
try {
  const checks = verifyPackedNatives(
    path.join(resourcesDir, 'app.asar.unpacked'),
    { platform: platform as NodeJS.Platform, arch },
    installedElectronAbi(projectRoot, electronVersion),
  );
  for (const check of checks) process.stdout.write(`ok  ${check.file} (${platform}-${arch})\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
