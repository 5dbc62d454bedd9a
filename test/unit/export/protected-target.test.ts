/**
 * Exporting over a file that is protected: a read-only file (mode 0444) stays read-only and is not
 * replaced (the export goes to a visible sibling name and the refusal says so); a file Linux keeps
 * immutable (chattr +i) is refused with Linux's reason, not a Windows one.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeError, writeFileAtomically } from '@core/export/atomic-file';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
const immutable: string[] = [];
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => {
  for (const file of immutable.splice(0)) spawnSync('chattr', ['-i', file]);
  tmp.cleanup();
});

const write = (text: string) => async (sink: { write(chunk: Uint8Array): Promise<void> }) => {
  await sink.write(Buffer.from(text));
  return 1;
};

const canChattr = process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('chattr', ['--help']).error === undefined;

describe('a protected export target', () => {
  it('a read-only file is not replaced: it stays as it was, read-only, and the export is saved beside it under a visible name', async () => {
    const target = path.join(tmp.dir, 'partner-accounts-2026-05-01.csv');
    fs.writeFileSync(target, 'the old export\n');
    fs.chmodSync(target, 0o444);
    await expect(writeFileAtomically(target, write('the new export\n'))).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(
        /partner-accounts-2026-05-01\.csv is read-only, so Partner Desk did not replace it\. The export was saved as .*partner-accounts-2026-05-01 \(2\)\.csv instead/,
      ),
    });
    expect(fs.readFileSync(target, 'utf8')).toBe('the old export\n');
    expect(fs.statSync(target).mode & 0o777).toBe(0o444);
    expect(fs.readFileSync(path.join(tmp.dir, 'partner-accounts-2026-05-01 (2).csv'), 'utf8')).toBe('the new export\n');
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['partner-accounts-2026-05-01 (2).csv', 'partner-accounts-2026-05-01.csv']);
    // Again: the next free name.
    await expect(writeFileAtomically(target, write('once more\n'))).rejects.toMatchObject({
      message: expect.stringMatching(/\(3\)\.csv instead/),
    });
  });

  it.skipIf(!canChattr)("an immutable file (Linux) is refused with Linux's reason, and nothing is left behind", async () => {
    const target = path.join(tmp.dir, 'locked.csv');
    fs.writeFileSync(target, 'kept\n');
    const flagged = spawnSync('chattr', ['+i', target]);
    if (flagged.status !== 0) return; // a file system without the flag: nothing to test here
    immutable.push(target);
    const refusal = writeFileAtomically(target, write('new\n'));
    await expect(refusal).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/could not be replaced: it is marked immutable or append-only.*chattr -i/),
    });
    await expect(writeFileAtomically(target, write('new\n'))).rejects.not.toMatchObject({
      message: expect.stringMatching(/spreadsheet|Excel/),
    });
    expect(fs.readFileSync(target, 'utf8')).toBe('kept\n');
    expect(fs.readdirSync(tmp.dir)).toEqual(['locked.csv']);
  });

  it('says why a replace failed as it is on each platform', () => {
    const eperm = Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    const ebusy = Object.assign(new Error('resource busy'), { code: 'EBUSY' });
    expect(writeError(eperm, '/x/a.csv', 'rename', 'win32').message).toMatch(/open in another program \(such as Excel\)/);
    expect(writeError(ebusy, 'C:\\x\\a.csv', 'rename', 'win32').message).toMatch(/Close it/);
    expect(writeError(eperm, '/x/a.csv', 'rename', 'linux').message).toMatch(/immutable or append-only/);
    expect(writeError(eperm, '/x/a.csv', 'rename', 'linux').message).not.toMatch(/Excel|spreadsheet/);
    expect(writeError(eperm, '/x/a.csv', 'rename', 'darwin').message).toMatch(/locked \(Finder: Get Info → Locked\)/);
    expect(writeError(eperm, '/x/a.csv', 'rename', 'darwin').message).not.toMatch(/Excel|spreadsheet/);
  });
});
