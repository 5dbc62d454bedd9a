/**
 * Web mode never lets a request hold one of the browser's few connections to this server (six per
 * origin) for long: a request not answered within QUICK_ANSWER_MS (one that waits on the Hub: a
 * sign-in check, a sync, sending the queue) is answered 202 with a ticket; its result is kept here
 * until the page fetches it (GET /api/result/<ticket>), and the event stream says when it is ready.
 * Before this, a handful of requests waiting on an unresponsive Hub held every connection, and
 * every local read (searching, listing) waited 20-50 s behind them.
 */
import { randomBytes } from 'node:crypto';
import type { Result } from '@shared/result';

export const QUICK_ANSWER_MS = 300;
/** A result nobody fetched is dropped after this long. */
const KEEP_MS = 120_000;
/** At most this many tickets at once (pending or settled); beyond it the oldest settled go first. */
const MAX_TICKETS = 1_000;

type Entry = { state: 'pending' } | { state: 'settled'; result: Result<unknown>; at: number };

export type Answer = { kind: 'done'; result: Result<unknown> } | { kind: 'pending'; ticket: string };
export type Taken = { kind: 'done'; result: Result<unknown> } | { kind: 'pending' } | { kind: 'unknown' };

export class RequestTickets {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: {
      /** A ticket's result is ready. */
      onSettled(ticket: string): void;
      now?: () => number;
      quickMs?: number;
    },
  ) {}

  /** The result if it comes within the quick window, else a ticket for it. */
  async answer(work: Promise<Result<unknown>>): Promise<Answer> {
    let timer: NodeJS.Timeout | undefined;
    const quick = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.options.quickMs ?? QUICK_ANSWER_MS);
    });
    const first = await Promise.race([work, quick]);
    clearTimeout(timer);
    if (first !== null) return { kind: 'done', result: first };
    this.prune();
    const ticket = randomBytes(16).toString('hex');
    this.entries.set(ticket, { state: 'pending' });
    void work.then((result) => {
      if (!this.entries.has(ticket)) return;
      this.entries.set(ticket, { state: 'settled', result, at: this.now() });
      this.options.onSettled(ticket);
    });
    return { kind: 'pending', ticket };
  }

  /** A settled result is handed out once. */
  take(ticket: string): Taken {
    const entry = this.entries.get(ticket);
    if (!entry) return { kind: 'unknown' };
    if (entry.state === 'pending') return { kind: 'pending' };
    this.entries.delete(ticket);
    return { kind: 'done', result: entry.result };
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [ticket, entry] of this.entries) if (entry.state === 'settled' && now - entry.at > KEEP_MS) this.entries.delete(ticket);
    for (const [ticket, entry] of this.entries) {
      if (this.entries.size < MAX_TICKETS) break;
      if (entry.state === 'settled') this.entries.delete(ticket);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
