/**
 * Only one process replays the queue at a time. The desktop app, web mode and the CLI share one
 * database; if two of them sent queued actions at once, or one "resolved" an action the other is
 * still sending, an action could reach the Hub twice. The lease is a row: its holder renews it while
 * replaying; another process takes it over when it expired or its holder's process is gone (after a
 * crash or a kill there is no need to wait for the expiry).
 */
import os from 'node:os';
import type Database from 'better-sqlite3';
import { z } from 'zod';

const LeaseRow = z.object({ holder: z.string(), pid: z.number().int(), host: z.string(), expires_at: z.number().int() });

export interface LeaseOptions {
  holder: string;
  now: () => number;
  ttlMs?: number;
  pid?: number;
  host?: string;
  /** Whether a process id is alive on this machine; overridable for tests. */
  isAlive?: (pid: number) => boolean;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class OutboxLease {
  private readonly ttlMs: number;
  private readonly pid: number;
  private readonly host: string;
  private readonly isAlive: (pid: number) => boolean;
  private renewTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly options: LeaseOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.pid = options.pid ?? process.pid;
    this.host = options.host ?? os.hostname();
    this.isAlive = options.isAlive ?? processIsAlive;
  }

  /** Takes (or keeps) the lease; false while another live process holds it. */
  acquire(): boolean {
    const now = this.options.now();
    const take = this.db.transaction((): boolean => {
      const parsed = LeaseRow.safeParse(this.db.prepare('SELECT holder, pid, host, expires_at FROM outbox_lease WHERE id = 1').get());
      if (parsed.success) {
        const lease = parsed.data;
        const mine = lease.holder === this.options.holder;
        const abandoned = lease.expires_at <= now || (lease.host === this.host && lease.pid !== this.pid && !this.isAlive(lease.pid));
        if (!mine && !abandoned) return false;
      }
      this.db
        .prepare(
          `INSERT INTO outbox_lease (id, holder, pid, host, expires_at) VALUES (1, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host, expires_at = excluded.expires_at`,
        )
        .run(this.options.holder, this.pid, this.host, now + this.ttlMs);
      return true;
    });
    // IMMEDIATE: two processes reading "free" at once must not both write "mine".
    const acquired = take.immediate();
    if (acquired && !this.renewTimer) {
      this.renewTimer = setInterval(() => this.renew(), Math.max(1_000, Math.floor(this.ttlMs / 3)));
      this.renewTimer.unref();
    }
    return acquired;
  }

  private renew(): void {
    try {
      this.db
        .prepare('UPDATE outbox_lease SET expires_at = ? WHERE id = 1 AND holder = ?')
        .run(this.options.now() + this.ttlMs, this.options.holder);
    } catch {
      this.stopRenewing(); // the database was closed under us
    }
  }

  private stopRenewing(): void {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }

  release(): void {
    this.stopRenewing();
    if (this.db.open) this.db.prepare('DELETE FROM outbox_lease WHERE id = 1 AND holder = ?').run(this.options.holder);
  }

  /** Who holds it now, for messages ("the desktop app is sending the queue"). */
  holder(): { pid: number; host: string; expiresAt: number } | null {
    const parsed = LeaseRow.safeParse(this.db.prepare('SELECT holder, pid, host, expires_at FROM outbox_lease WHERE id = 1').get());
    return parsed.success ? { pid: parsed.data.pid, host: parsed.data.host, expiresAt: parsed.data.expires_at } : null;
  }
}
