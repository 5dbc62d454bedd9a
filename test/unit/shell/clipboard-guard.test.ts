/** The copied-secret clipboard: written by main, cleared after the delay only if unchanged. */
import { describe, expect, it } from 'vitest';
import { ClipboardGuard, SECRET_CLIPBOARD_CLEAR_MS } from '../../../electron/main/policy/clipboard-guard';
import { FakeClock, settle } from './fakes';

function setup(options: { async?: boolean } = {}) {
  const clock = new FakeClock();
  const board = { text: 'before', clears: 0 };
  const port = options.async
    ? {
        readText: async () => board.text,
        writeText: async (text: string) => void (board.text = text),
        clear: async () => void ((board.text = ''), (board.clears += 1)),
      }
    : {
        readText: () => board.text,
        writeText: (text: string) => void (board.text = text),
        clear: () => void ((board.text = ''), (board.clears += 1)),
      };
  return { clock, board, guard: new ClipboardGuard(port, clock) };
}

describe('ClipboardGuard', () => {
  it('clears the secret after 60 seconds if it is still there', async () => {
    const { clock, board, guard } = setup();
    await guard.write('D360-KEY-secret', SECRET_CLIPBOARD_CLEAR_MS);
    expect(board.text).toBe('D360-KEY-secret');
    clock.advance(59_999);
    await settle();
    expect(board.text).toBe('D360-KEY-secret');
    clock.advance(1);
    await settle();
    expect(board.text).toBe('');
    expect(board.clears).toBe(1);
    expect(guard.hasPendingClear).toBe(false);
  });

  it('leaves the clipboard alone when the user copied something else', async () => {
    const { clock, board, guard } = setup();
    await guard.write('D360-KEY-secret', 60_000);
    board.text = 'a phone number the user copied';
    clock.advance(60_000);
    await settle();
    expect(board.text).toBe('a phone number the user copied');
    expect(board.clears).toBe(0);
  });

  it('works with an asynchronous clipboard', async () => {
    const { clock, board, guard } = setup({ async: true });
    await guard.write('secret', 60_000);
    clock.advance(60_000);
    await settle();
    expect(board.text).toBe('');
  });

  it('lets a newer copy replace the pending clear', async () => {
    const { clock, board, guard } = setup();
    await guard.write('first-secret', 60_000);
    clock.advance(30_000);
    await guard.write('second-secret', 60_000);
    expect(clock.pending).toBe(1);
    clock.advance(30_000);
    await settle();
    expect(board.text).toBe('second-secret');
    clock.advance(30_000);
    await settle();
    expect(board.text).toBe('');
  });

  it('ignores an older write that finishes after a newer one', async () => {
    const clock = new FakeClock();
    const board = { text: '' };
    let releaseFirst: () => void = () => {};
    const port = {
      readText: () => board.text,
      writeText: (text: string) =>
        text === 'slow'
          ? new Promise<void>((resolve) => (releaseFirst = () => ((board.text = text), resolve())))
          : void (board.text = text),
      clear: () => void (board.text = ''),
    };
    const guard = new ClipboardGuard(port, clock);
    const slow = guard.write('slow', 60_000);
    await guard.write('fast', 60_000);
    releaseFirst();
    await slow;
    expect(clock.pending).toBe(1);
  });

  it('clears at once on flush (quit, sleep, lock), only if unchanged', async () => {
    const { clock, board, guard } = setup();
    await guard.write('secret', 60_000);
    await guard.flush();
    expect(board.text).toBe('');
    expect(clock.pending).toBe(0);
    await guard.write('secret', 60_000);
    board.text = 'mine';
    await guard.flush();
    expect(board.text).toBe('mine');
  });

  it('does not schedule a clear when none is asked for', async () => {
    const { clock, guard } = setup();
    await guard.write('not secret', 0);
    expect(clock.pending).toBe(0);
    expect(guard.hasPendingClear).toBe(false);
  });
});
