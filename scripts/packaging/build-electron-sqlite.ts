/**
 * `npm run native:electron [-- --force] [--arch arm64]`: builds better-sqlite3 for the installed
 * Electron into out/native/electron/ (see electron-sqlite.ts), for `npm run dev` and before
 * packaging. Needs the network (Electron headers or a prebuilt binary) or a C++ toolchain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildElectronSqlite } from './electron-sqlite';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { force: { type: 'boolean', default: false }, arch: { type: 'string', default: process.arch } } });
const electronVersion = (
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }
).version;

buildElectronSqlite({ projectRoot, force: values.force, target: { electronVersion, platform: process.platform, arch: values.arch } }).catch(
  (error: unknown) => {
    process.stderr.write(`Could not build better-sqlite3 for Electron: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
