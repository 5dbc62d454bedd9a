/**
 * Replays the queue. One flush: take the lease (one process at a time), then run the oldest open
 * action of each record (creation order per record), different records side by side up to a small
 * cap, each action at most once per flush. Actions found "sending" (a crash, a kill) go first and
 * are resolved by reading the server before anything is sent again. Outcomes become states: done,
 * failed, conflict, or back to queued with a backoff stored in the database (so a restart keeps it);
 * a 401 pauses the whole queue until the user signs in again; an unreachable network stops the
 * flush. A timer wakes the runner for the next due action; `poke()` runs it at once (network back,
 * sync done, a new action).
 */
import type { ActionKind } from '@shared/outbox';
import { HubError } from '../api';
import type { Logger } from '../log';
import type { ActionEnv, ActionHandler } from './action-handler';
import { classifyFailure, DEFAULT_BACKOFF, isOfflineFailure, toActionError, type BackoffPolicy, type Outcome } from './classify';
import type { OutboxLease } from './outbox-lease';
import type { StoredAction } from './outbox-rows';
import type { OutboxStore } from './outbox-store';

export interface RunnerDeps {
  runnerId: string;
  store: OutboxStore;
  lease: OutboxLease;
  handlers: Readonly<Record<ActionKind, ActionHandler>>;
  /** The environment for one flush of a profile (API clients with its current credentials). */
  envFor(profileId: string): ActionEnv;
  activeProfileId(): string | null;
  onChanged(profileId: string): void;
  /**
   * Whether a request can go now (the connection monitor: a fresh answer from the Hub, or a check).
   * Asked before the first action of a flush: nothing is handed to a network known to be gone, so an
   * action queued offline is certainly unsent (and can be withdrawn) until the Hub answers again.
   * Default: always.
   */
  connectionReady?: () => Promise<boolean>;
  log: Logger;
  now: () => number;
  random?: () => number;
  concurrency?: number;
  backoff?: BackoffPolicy;
  /**
   * How long a request that got no answer (a crash, a timeout, a dropped connection) may still be
   * carried out by the server: it is not resolved (read, then maybe resent) before that. Default
   * DEFAULT_SETTLE_MS.
   */
  settleMs?: number;
}

export interface FlushReport {
  attempted: number;
  /** Another process holds the lease and is replaying. */
  busy: boolean;
}

export interface RunnerStatus {
  paused: { code: string; message: string } | null;
  online: boolean | null;
}

const MAX_TIMER_MS = 10 * 60_000;
/**
 * Long enough for the Hub to finish a request that reached it just before the connection dropped,
 * short enough that "try again" after a flaky moment is not a long wait. Were a request to land even
 * later, no action would take effect twice: a second cancellation is refused by the Hub, a second
 * PATCH sets the same limit, a key generation is never resent on its own, a health check only reads.
 */
export const DEFAULT_SETTLE_MS = 5_000;
const BUSY_RETRY_MS = 5_000;

export class OutboxRunner {
  private paused: RunnerStatus['paused'] = null;
  private online: boolean | null = null;
  /** The last flush found no connection: no timer until the connection is back (or a poke). */
  private waitingForConnection = false;
  private started = false;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<FlushReport> | null = null;
  private rerun: Promise<FlushReport> | null = null;
  private readonly concurrency: number;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  readonly settleMs: number;

  constructor(private readonly deps: RunnerDeps) {
    this.settleMs = deps.settleMs ?? DEFAULT_SETTLE_MS;
    this.concurrency = deps.concurrency ?? 4;
    this.backoff = deps.backoff ?? DEFAULT_BACKOFF;
    this.random = deps.random ?? Math.random;
  }

  status(): RunnerStatus {
    return { paused: this.paused, online: this.online };
  }

  /** Replays in the background from now on (the app, web mode); the CLI only flushes when asked. */
  start(): void {
    this.started = true;
    this.poke();
  }

  close(): void {
    this.closed = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.deps.lease.release();
  }

  poke(): void {
    this.waitingForConnection = false;
    if (this.started && !this.closed) this.schedule(0);
  }

  /** After a new sign-in: the queue may go again. */
  resume(): void {
    if (!this.paused) return;
    this.paused = null;
    this.changed();
    this.poke();
  }

  /** The OS says the network came (or went); failed requests say so too (see attempt()). */
  networkChanged(online: boolean): void {
    this.online = online;
    if (online) this.connectionBack();
    this.changed();
  }

  /** Proof of a working connection (the OS, a sync, a sign-in): actions that waited only for it go now. */
  connectionBack(): void {
    this.waitingForConnection = false;
    const profileId = this.deps.activeProfileId();
    if (profileId) this.deps.store.connectionBack(profileId, this.settleMs);
    this.poke();
  }

  /** Runs everything due now; joins a running flush and runs once more after it, for actions queued meanwhile. */
  flush(): Promise<FlushReport> {
    if (this.closed) return Promise.resolve({ attempted: 0, busy: false });
    if (!this.current) {
      this.current = this.run().finally(() => {
        this.current = null;
        this.scheduleNext();
      });
      return this.current;
    }
    this.rerun ??= this.current.then(() => {
      this.rerun = null;
      return this.flush();
    });
    return this.rerun;
  }

  private changed(): void {
    const profileId = this.deps.activeProfileId();
    if (profileId) this.deps.onChanged(profileId);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.flush();
      },
      Math.min(MAX_TIMER_MS, Math.max(0, delayMs)),
    );
    this.timer.unref();
  }

  private scheduleNext(busy = false): void {
    if (!this.started || this.closed || this.paused || this.waitingForConnection) return;
    if (busy) return this.schedule(BUSY_RETRY_MS);
    const profileId = this.deps.activeProfileId();
    const next = profileId ? this.deps.store.nextWakeAt(profileId, this.deps.runnerId, this.settleMs) : null;
    if (next !== null) this.schedule(next - this.deps.now());
  }

  private async run(): Promise<FlushReport> {
    const profileId = this.deps.activeProfileId();
    if (!profileId || this.paused) return { attempted: 0, busy: false };
    if (!this.deps.lease.acquire()) {
      this.scheduleNext(true);
      return { attempted: 0, busy: true };
    }
    const lanes = new Map<string, Promise<void>>();
    const tried = new Set<string>();
    let stop = false;
    try {
      const due = this.deps.store.heads(profileId, this.deps.now(), new Set(), this.deps.runnerId, this.settleMs);
      if (due.length === 0) return { attempted: 0, busy: false };
      if (this.deps.connectionReady && !(await this.deps.connectionReady())) {
        // Not one request: the actions keep their attempts and stay withdrawable; the connection
        // monitor checks by itself and, once the Hub answers, the core pokes this runner again.
        this.online = false;
        this.waitingForConnection = true;
        return { attempted: 0, busy: false };
      }
      const env = this.deps.envFor(profileId);
      for (;;) {
        const free = this.concurrency - lanes.size;
        if (!stop && !this.paused && !this.closed && free > 0) {
          const heads = this.deps.store
            .heads(profileId, this.deps.now(), new Set(lanes.keys()), this.deps.runnerId, this.settleMs)
            .filter((a) => !tried.has(a.id));
          for (const head of heads.slice(0, free)) {
            tried.add(head.id);
            const lane = this.attempt(env, head)
              .then((result) => {
                if (result === 'offline') stop = true; // the rest would fail the same way
              })
              .finally(() => lanes.delete(head.target));
            lanes.set(head.target, lane);
          }
        }
        if (lanes.size === 0) break;
        await Promise.race(lanes.values());
      }
    } finally {
      this.deps.lease.release();
    }
    return { attempted: tried.size, busy: false };
  }

  private async attempt(env: ActionEnv, action: StoredAction): Promise<'ok' | 'offline'> {
    const handler = this.deps.handlers[action.kind];
    const wasUncertain = action.state === 'sending' || action.uncertain;
    let current = action;
    let sent = false;
    try {
      if (!action.payload) throw new Error('its stored payload is unreadable');
      if (wasUncertain) {
        const resolution = await handler.resolve(env, action);
        if (resolution.type !== 'send') return this.finish(action, resolution);
      } else if (handler.prepare) {
        const settled = await handler.prepare(env, action);
        if (settled) return this.finish(action, settled);
      }
      const claimed = this.deps.store.claim(action, this.deps.runnerId);
      if (!claimed) return 'ok'; // cancelled by the user, or made a conflict by a sync, meanwhile
      current = claimed;
      sent = true;
      const outcome = await handler.send(env, claimed);
      this.online = true;
      return this.finish(claimed, outcome);
    } catch (error) {
      let outcome = classifyFailure(error, {
        attempts: current.row.attempts,
        sent,
        wasUncertain,
        policy: this.backoff,
        random: this.random,
      });
      if (handler.onError && current.payload) outcome = await handler.onError(env, current, error, outcome).catch(() => outcome);
      this.finish(current, outcome);
      if (isOfflineFailure(error)) {
        this.online = false;
        return 'offline';
      }
      if (error instanceof HubError && error.status !== null) this.online = true; // it answered
      return 'ok';
    }
  }

  /** A request that got no answer is not looked at again before the server can no longer be working on it. */
  private settled(action: StoredAction, outcome: { uncertain: boolean; error: { status: number | null } }, at: number): number {
    const sentAt = action.row.sent_at === null ? NaN : Date.parse(action.row.sent_at);
    return outcome.uncertain && outcome.error.status === null && Number.isFinite(sentAt) ? Math.max(at, sentAt + this.settleMs) : at;
  }

  private finish(action: StoredAction, outcome: Outcome): 'ok' {
    const { store, now, log } = this.deps;
    try {
      let moved: StoredAction | null;
      if (outcome.type === 'done')
        moved = store.transition(action, { to: 'done', result: { ...outcome.result, outcome: outcome.outcome } }, outcome.effect);
      else if (outcome.type === 'failed') moved = store.transition(action, { to: 'failed', error: outcome.error });
      else if (outcome.type === 'conflict') moved = store.transition(action, { to: 'conflict', conflict: outcome.conflict });
      else if (outcome.type === 'retry') {
        const decidedAt = now();
        moved = store.transition(action, {
          to: 'queued',
          nextAttemptAt: this.settled(action, outcome, decidedAt + outcome.delayMs),
          error: outcome.error,
          uncertain: outcome.uncertain,
          decidedAt,
        });
      } else {
        const decidedAt = now();
        moved = store.transition(action, {
          to: 'queued',
          nextAttemptAt: this.settled(action, outcome, decidedAt),
          error: outcome.error,
          uncertain: outcome.uncertain,
          decidedAt,
        });
        this.paused = { code: outcome.error.code, message: outcome.error.message };
      }
      log.info('outbox action', {
        id: action.id,
        kind: action.kind,
        outcome: outcome.type,
        state: moved?.state ?? 'changed elsewhere',
        code: 'error' in outcome ? outcome.error.code : null,
      });
    } catch (error) {
      // The database was closed under an in-flight request: the action stays "sending" and the next
      // start resolves it from the server's state.
      log.warn('outbox outcome not recorded', { id: action.id, error: toActionError(error).message });
    }
    this.deps.onChanged(action.profileId);
    return 'ok';
  }
}
