import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, logFilesOf } from '@core/log';
import { makeTempDir } from '../helpers/temp-dir';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempDir(): string {
  const tmp = makeTempDir('partner-desk-log-');
  cleanups.push(tmp.cleanup);
  return tmp.dir;
}

const readAll = (base: string) =>
  logFilesOf(base)
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('');

describe('the logger', () => {
  it('writes JSON lines with the time, level, pid and fields, and masks registered secrets', async () => {
    const base = path.join(tempDir(), 'logs', 'web.log');
    const log = createLogger({ file: base, now: () => Date.parse('2026-05-01T10:00:00Z') });
    log.redact('sk-very-secret-1234');
    log.info('signed in', { profile: 'p1', header: 'Bearer sk-very-secret-1234' });
    log.debug('not at info');
    await log.flush?.();
    const [file] = logFilesOf(base);
    expect(path.basename(file!)).toMatch(/^web\.\d{4}-\d{2}-\d{2}\.1\.log$/);
    const lines = readAll(base)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        level: 'info',
        time: '2026-05-01T10:00:00.000Z',
        pid: process.pid,
        profile: 'p1',
        header: 'Bearer [redacted]',
        message: 'signed in',
      },
    ]);
  });

  it('rotates at the size cap and keeps only the newest files', async () => {
    const base = path.join(tempDir(), 'cli.log');
    const log = createLogger({ file: base, maxBytes: 2048, keepFiles: 3 });
    // Line by line, as an app logs over time (the size is counted as each write reaches the file).
    for (let i = 0; i < 60; i += 1) {
      log.info('line', { i, pad: 'x'.repeat(100) });
      await log.flush?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Rotation and the removal of the oldest files finish asynchronously.
    for (let wait = 0; wait < 50 && logFilesOf(base).length > 3; wait += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const files = logFilesOf(base);
    expect(files.length).toBeLessThanOrEqual(3);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect(fs.statSync(file).size).toBeLessThan(2048 + 400);
    // The newest lines are kept, each one whole.
    const lines = readAll(base)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { i: number });
    expect(lines.at(-1)!.i).toBe(59);
  });

  it('two processes logging to the same files at once leave only whole lines', async () => {
    const base = path.join(tempDir(), 'cli.log');
    const script = `
      const { createLogger } = await import(${JSON.stringify(path.resolve('electron/core/log.ts'))});
      const log = createLogger({ file: ${JSON.stringify(base)} });
      for (let i = 0; i < 500; i += 1) log.info('from ' + process.pid, { i, pad: 'y'.repeat(300) });
      await log.flush();
    `;
    const run = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'ignore' });
        child.on('close', resolve);
      });
    expect(await Promise.all([run(), run()])).toEqual([0, 0]);
    const lines = readAll(base).trim().split('\n');
    expect(lines).toHaveLength(1000);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  }, 60_000);

  it('never throws when its folder cannot be made; lines are dropped instead', async () => {
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const log = createLogger({ file: path.join(blocker, 'logs', 'desktop.log') });
    expect(() => log.error('still running', { n: 1 })).not.toThrow();
    await expect(log.flush?.()).resolves.toBeUndefined();
  });
});
