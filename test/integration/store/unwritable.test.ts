/**
 * A healthy database that cannot be written: a read-only data folder, a read-only database file and
 * a full disk. Each time the CLI says what it is (never "damaged", never "move it aside"), exits 4,
 * leaves no -wal/-shm or other stray file, changes nothing in the database, and works again once the
 * cause is gone.
 *
 * Permissions bind nobody running as root, so there the CLI runs without the capabilities that let
 * root ignore them (setpriv); the full disk is a 2 MB tmpfs mounted for the test (root only).
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE_NAME } from '@core';
import { MemorySecretStore } from '@core/secrets/secret-store';
import { CLI, ROOT } from '../../helpers/spawn-cli';
import { makeTempDir } from '../../helpers/temp-dir';

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const isRoot = process.getuid?.() === 0;
const setpriv = isRoot && spawnSync('setpriv', ['--version']).status === 0;
/** Without CAP_DAC_OVERRIDE and friends, root is bound by file permissions like anyone. */
const asUnprivileged = (args: string[]): string[] =>
  isRoot
    ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search,-fowner', '--inh-caps=-all', '--', process.execPath, ...args]
    : [process.execPath, ...args];

function cli(args: string[], dataDir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const [command, ...rest] = asUnprivileged([CLI, ...args]);
  return new Promise((resolve) => {
    const child = spawn(command!, rest, { cwd: ROOT, env: { ...process.env, PARTNER_DESK_DATA_DIR: dataDir } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end();
  });
}

/** The folder's entries other than the log files (logging never blocks, and a log folder is no stray file). */
function entries(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name !== 'logs')
    .sort();
}

async function makeDatabase(dir: string): Promise<void> {
  const core = await createCore({
    dataDir: dir,
    secrets: new MemorySecretStore(),
    runMode: 'cli',
    appVersion: '0.0.0-test',
    checkConnection: false,
  });
  core.close();
}

const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
});

function tempDir(): string {
  const tmp = makeTempDir('partner-desk-unwritable-');
  cleanups.push(() => {
    fs.chmodSync(tmp.dir, 0o755);
    tmp.cleanup();
  });
  return tmp.dir;
}

describe.skipIf(isRoot && !setpriv)('a database that cannot be written', () => {
  it('in a read-only data folder: "read-only" with the folder and the fix, exit 4, nothing created, nothing changed', async () => {
    const dir = tempDir();
    await makeDatabase(dir);
    const file = path.join(dir, DATABASE_FILE_NAME);
    const before = { hash: sha256(file), entries: entries(dir) };
    fs.chmodSync(dir, 0o555);
    const result = await cli(['status'], dir);
    fs.chmodSync(dir, 0o755);
    expect(result.stderr).toMatch(
      new RegExp(`cannot write in its data folder ${dir.replace(/[/\\.]/g, '\\$&')}: the folder is read-only for you`),
    );
    expect(result.stderr).toMatch(/chmod u\+rwx/);
    expect(result.stderr).not.toMatch(/damaged|move it aside|corrupt/i);
    expect(result.status).toBe(4);
    expect(entries(dir)).toEqual(before.entries);
    expect(sha256(file)).toBe(before.hash);
    expect((await cli(['status'], dir)).status).toBe(0);
  }, 60_000);

  it('with a read-only database file: "read-only" with the file and the fix, exit 4, no -wal/-shm left, nothing changed', async () => {
    const dir = tempDir();
    await makeDatabase(dir);
    const file = path.join(dir, DATABASE_FILE_NAME);
    const before = { hash: sha256(file), entries: entries(dir) };
    fs.chmodSync(file, 0o444);
    const result = await cli(['status'], dir);
    expect(result.stderr).toMatch(new RegExp(`The database ${file.replace(/[/\\.]/g, '\\$&')} is read-only for you`));
    expect(result.stderr).toMatch(/chmod u\+w/);
    expect(result.stderr).not.toMatch(/damaged|move it aside|corrupt/i);
    expect(result.status).toBe(4);
    expect(entries(dir)).toEqual(before.entries);
    expect(sha256(file)).toBe(before.hash);
    // doctor reports it too, with the same exit code.
    const doctor = await cli(['doctor'], dir);
    expect(doctor.stdout).toMatch(/Integrity: ok/);
    expect(doctor.stdout).toMatch(/Writable: NO: .*read-only/);
    expect(doctor.status).toBe(4);
    fs.chmodSync(file, 0o644);
    expect((await cli(['status'], dir)).status).toBe(0);
  }, 60_000);
});

/**
 * An 8 MB tmpfs, or null where mounting is not allowed (not root, or a container without the capability).
 * Room for a new database (~0.9 MB) and its WAL while it is made: with 2 MB, migration 8 made the
 * close's checkpoint itself run out of space, leaving a WAL that let the later open read without writing.
 */
function smallDisk(): string | null {
  if (!isRoot || process.platform !== 'linux') return null;
  const point = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-desk-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', point]);
  if (mounted.status !== 0) {
    fs.rmSync(point, { recursive: true, force: true });
    return null;
  }
  cleanups.push(() => {
    spawnSync('umount', [point]);
    fs.rmSync(point, { recursive: true, force: true });
  });
  return point;
}

describe('a full disk', () => {
  let disk: string | null = null;
  beforeAll(() => {
    disk = smallDisk();
  });

  it('is told as a full disk with the space needed: exit 4, no 3-byte -shm or any stray file, nothing changed, and it works once there is room', async (context) => {
    if (!disk) {
      context.skip('mounting a small tmpfs needs root on Linux');
      return;
    }
    const dir = path.join(disk, 'data');
    fs.mkdirSync(dir);
    await makeDatabase(dir);
    const file = path.join(dir, DATABASE_FILE_NAME);
    const filler = path.join(disk, 'filler');
    spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], { stdio: 'ignore' });
    const before = { hash: sha256(file), entries: entries(dir) };
    // The premise: the database was closed cleanly (no WAL left), so opening it must write a new one.
    expect(before.entries.filter((name) => /-(wal|shm)$/.test(name))).toEqual([]);
    const result = await cli(['status'], dir);
    expect(result.stderr).toMatch(
      new RegExp(`The disk holding ${dir.replace(/[/\\.]/g, '\\$&')} is full \\(\\d+ KB free\\): Partner Desk could not open its database`),
    );
    expect(result.stderr).toMatch(
      /Nothing was written and no files were left behind; your data is unchanged\. Free at least \d+ MB on that disk/,
    );
    expect(result.stderr).not.toMatch(/damaged|move it aside|corrupt/i);
    expect(result.status).toBe(4);
    expect(entries(dir)).toEqual(before.entries);
    expect(sha256(file)).toBe(before.hash);
    fs.rmSync(filler);
    expect((await cli(['status'], dir)).status).toBe(0);
  }, 60_000);
});
