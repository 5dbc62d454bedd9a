/**
 * Background sync while the app runs: soon after a profile connects, then every `intervalMs`; after
 * an offline or failed attempt it retries sooner with growing delays. `poke()` syncs at once (the
 * OS said the network is back, the machine woke up). Timers are unref'd: they never keep a process
 * alive on their own.
 */
import type { SyncStatus } from '@shared/accounts';
import type { Logger } from '../log';

export interface SchedulerOptions {
  /** Runs one sync of the active profile; resolves with its outcome, or null if nobody is signed in. */
  syncActive: () => Promise<SyncStatus | null>;
  log: Logger;
  intervalMs?: number;
  retryDelaysMs?: readonly number[];
  firstDelayMs?: number;
}

export class SyncScheduler {
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = true;
  private readonly intervalMs: number;
  private readonly retryDelaysMs: readonly number[];

  constructor(private readonly options: SchedulerOptions) {
    this.intervalMs = options.intervalMs ?? 15 * 60_000;
    this.retryDelaysMs = options.retryDelaysMs ?? [30_000, 60_000, 120_000, 300_000];
  }

  start(): void {
    this.stopped = false;
    this.schedule(this.options.firstDelayMs ?? 1_000);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Sync now (and restart the cycle from here). */
  poke(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** The delay before the next attempt after an outcome. */
  nextDelay(outcome: SyncStatus['state'] | null): number {
    if (outcome === 'failed' || outcome === 'offline') {
      const delay = this.retryDelaysMs[Math.min(this.failures, this.retryDelaysMs.length - 1)] ?? this.intervalMs;
      this.failures += 1;
      return delay;
    }
    this.failures = 0;
    return this.intervalMs;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    let outcome: SyncStatus['state'] | null;
    try {
      outcome = (await this.options.syncActive())?.state ?? null;
    } catch (error) {
      outcome = 'failed';
      this.options.log.warn('background sync could not start', { error: error instanceof Error ? error.message : String(error) });
    }
    if (!this.stopped) this.schedule(this.nextDelay(outcome));
  }
}
