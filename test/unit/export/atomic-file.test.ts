/**
 * The atomic write on a real temporary folder. Failures are injected through the sink (a real file
 * sink that fails after N bytes, as a full disk does), never by mocking Node modules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '@shared/errors';
import { STALE_TEMPORARY_MS, temporaryPathFor, writeFileAtomically } from '@core/export/atomic-file';
import { makeTempDir } from '../../helpers/temp-dir';
import { failingAfter } from './failing-sink';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const chunks = (count: number) => async (sink: { write(chunk: Uint8Array): Promise<void> }) => {
  for (let i = 0; i < count; i += 1) await sink.write(Buffer.from(`line ${i}\r\n`.repeat(1000)));
  return count;
};

describe('writeFileAtomically', () => {
  it("removes what a crash left of earlier exports to the same name, but not a running export's file or anything else", async () => {
    const target = path.join(tmp.dir, 'export.csv');
    const stale = temporaryPathFor(target);
    const running = temporaryPathFor(target);
    const otherName = temporaryPathFor(path.join(tmp.dir, 'other.csv'));
    const notOurs = path.join(tmp.dir, '.export.csv.tmp-notours');
    for (const file of [stale, running, otherName, notOurs]) fs.writeFileSync(file, 'partial');
    const old = new Date(Date.now() - STALE_TEMPORARY_MS - 60_000);
    for (const file of [stale, otherName, notOurs]) fs.utimesSync(file, old, old);
    await writeFileAtomically(target, chunks(1));
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(
      [path.basename(running), path.basename(otherName), path.basename(notOurs), 'export.csv'].sort(),
    );
  });

  it('writes the whole file under the name and leaves no temporary file', async () => {
    const target = path.join(tmp.dir, 'export.csv');
    await expect(writeFileAtomically(target, chunks(5))).resolves.toBe(5);
    expect(fs.readFileSync(target, 'utf8')).toBe(
      'line 0\r\n'.repeat(1000) +
        'line 1\r\n'.repeat(1000) +
        'line 2\r\n'.repeat(1000) +
        'line 3\r\n'.repeat(1000) +
        'line 4\r\n'.repeat(1000),
    );
    expect(fs.readdirSync(tmp.dir)).toEqual(['export.csv']);
  });

  it('a write failing midway leaves no file under the target name and removes the temporary file', async () => {
    const target = path.join(tmp.dir, 'export.csv');
    let seenTemporary: string[] = [];
    const error = await writeFileAtomically(
      target,
      async (sink) => {
        await sink.write(Buffer.from('a'.repeat(5000)));
        seenTemporary = fs.readdirSync(tmp.dir);
        await sink.write(Buffer.from('b'.repeat(10_000)));
      },
      failingAfter(8000),
    ).catch((e: unknown) => e);
    expect(seenTemporary).toEqual([expect.stringMatching(/^\.export\.csv\.tmp-[0-9a-f]{12}$/)]); // the bytes went beside the target
    expect(isAppError(error) && error.message).toMatch(
      /The disk is full: there was no room for the export in .+\. Nothing was saved as export\.csv\. Free some space/,
    );
    expect(fs.readdirSync(tmp.dir)).toEqual([]);
  });

  it('keeps the previous file intact when a new export fails', async () => {
    const target = path.join(tmp.dir, 'export.csv');
    fs.writeFileSync(target, 'previous export');
    await expect(writeFileAtomically(target, chunks(50), failingAfter(100_000, 'EIO'))).rejects.toThrow(
      /Writing the export to .+ failed \(EIO.+Nothing was saved as export\.csv/,
    );
    expect(fs.readFileSync(target, 'utf8')).toBe('previous export');
    expect(fs.readdirSync(tmp.dir)).toEqual(['export.csv']);
  });

  it('cleans up when the producer itself throws, and passes its error on', async () => {
    const target = path.join(tmp.dir, 'export.csv');
    const boom = new Error('the rows ran dry');
    await expect(
      writeFileAtomically(target, async (sink) => {
        await sink.write(Buffer.from('half'));
        throw boom;
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('the rows ran dry') });
    expect(fs.readdirSync(tmp.dir)).toEqual([]);
  });

  it('says so when the folder is missing or the name is a folder', async () => {
    await expect(writeFileAtomically(path.join(tmp.dir, 'nope', 'x.csv'), chunks(1))).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/does not exist.+Choose another folder/),
    });
    fs.mkdirSync(path.join(tmp.dir, 'taken.csv'));
    await expect(writeFileAtomically(path.join(tmp.dir, 'taken.csv'), chunks(1))).rejects.toMatchObject({
      message: expect.stringMatching(/taken\.csv/),
    });
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['taken.csv']);
  });
});
