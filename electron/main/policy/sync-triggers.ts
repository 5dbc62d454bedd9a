/**
 * When the desktop should sync (and replay queued actions) on its own: after the machine wakes
 * from sleep, and when the network comes back. Main has no "online" event, so the OS's view
 * (Electron's net.isOnline) is polled; every change is reported (the outbox wants to know) and a
 * false-to-true change triggers. A wake-up waits a moment for the network to return, and waits for
 * it to be online; a wake-up and a reconnect arriving together trigger one sync, not two. Pure:
 * the clock, timers and the online probe are injected.
 */
import type { IntervalTimers } from './update-controller';

export type SyncTriggerReason = 'resume' | 'online';

export interface SyncTriggerOptions {
  trigger: (reason: SyncTriggerReason) => void;
  /** Every change of the OS's online state, and the state at start. */
  networkChanged?: (online: boolean) => void;
  isOnline: () => boolean;
  timers: IntervalTimers;
  now: () => number;
  pollMs?: number;
  /** After waking, how long to let network interfaces come up. */
  settleMs?: number;
  /** Triggers closer together than this collapse into the first. */
  minGapMs?: number;
}

export class SyncTriggers {
  private wasOnline = true;
  private waitingForNetwork = false;
  private lastFiredAt = Number.NEGATIVE_INFINITY;
  private poller: unknown = null;
  private settle: unknown = null;

  constructor(private readonly options: SyncTriggerOptions) {}

  start(): void {
    if (this.poller !== null) return;
    this.wasOnline = this.options.isOnline();
    this.options.networkChanged?.(this.wasOnline);
    this.poller = this.options.timers.setInterval(() => this.poll(), this.options.pollMs ?? 10_000);
  }

  stop(): void {
    if (this.poller !== null) this.options.timers.clearInterval(this.poller);
    if (this.settle !== null) this.options.timers.clearTimeout(this.settle);
    this.poller = null;
    this.settle = null;
  }

  /** The machine woke up (powerMonitor 'resume'). */
  resumed(): void {
    if (this.settle !== null) this.options.timers.clearTimeout(this.settle);
    this.settle = this.options.timers.setTimeout(() => {
      this.settle = null;
      if (this.options.isOnline()) this.fire('resume');
      else this.waitingForNetwork = true;
    }, this.options.settleMs ?? 3_000);
  }

  /** One look at the network (also called by the poller). */
  poll(): void {
    const online = this.options.isOnline();
    const cameBack = online && !this.wasOnline;
    const changed = online !== this.wasOnline;
    this.wasOnline = online;
    if (changed) this.options.networkChanged?.(online);
    if (online && (cameBack || this.waitingForNetwork)) {
      this.waitingForNetwork = false;
      this.fire(cameBack ? 'online' : 'resume');
    }
  }

  private fire(reason: SyncTriggerReason): void {
    const now = this.options.now();
    if (now - this.lastFiredAt < (this.options.minGapMs ?? 30_000)) return;
    this.lastFiredAt = now;
    this.options.trigger(reason);
  }
}
