/** A manual clock with timers, for the shell's timing policies (no real waiting, no vi.useFakeTimers). */
import type { IntervalTimers } from '../../../electron/main/policy/update-controller';

interface Scheduled {
  id: number;
  due: number;
  every: number | null;
  callback: () => void;
}

export class FakeClock implements IntervalTimers {
  now = 0;
  private nextId = 1;
  private scheduled: Scheduled[] = [];

  setTimeout = (callback: () => void, ms: number): unknown => this.add(callback, ms, null);
  setInterval = (callback: () => void, ms: number): unknown => this.add(callback, ms, ms);
  clearTimeout = (handle: unknown): void => this.remove(handle);
  clearInterval = (handle: unknown): void => this.remove(handle);

  get pending(): number {
    return this.scheduled.length;
  }

  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.scheduled].sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next || next.due > end) break;
      this.now = next.due;
      if (next.every === null) this.remove(next.id);
      else next.due += next.every;
      next.callback();
    }
    this.now = end;
  }

  private add(callback: () => void, ms: number, every: number | null): number {
    const id = this.nextId++;
    this.scheduled.push({ id, due: this.now + ms, every, callback });
    return id;
  }

  private remove(handle: unknown): void {
    this.scheduled = this.scheduled.filter((entry) => entry.id !== handle);
  }
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
