/** Bursts of events cost one run at once and one at the end of the window, never more, never fewer. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../../../renderer/src/state/throttle';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('throttle', () => {
  it('runs at once, merges a burst into one run at the end of the window, then runs at once again', () => {
    const fn = vi.fn();
    const t = throttle(fn, 250);
    t.call();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i += 1) {
      vi.advanceTimersByTime(20);
      t.call();
    }
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(250);
    expect(fn).toHaveBeenCalledTimes(2); // the last of the burst is followed by a run
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2); // nothing pending: nothing more
    t.call();
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('a single call within the window still gets its trailing run; cancel drops it', () => {
    const fn = vi.fn();
    const t = throttle(fn, 100);
    t.call();
    t.call();
    t.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);
    t.call();
    expect(fn).toHaveBeenCalledTimes(2);
    t.call();
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(3);
  });
});
