/**
 * Keeps the connection state (connection-machine.ts) of this process: every Hub request reports its
 * outcome through `observer`, the shell and the renderer report the OS's network events, a sync
 * reports how it ended. While the Hub cannot be reached it checks by itself with a backoff (the
 * partner record: one small GET that also proves the key), so "back online" is noticed within
 * seconds of the first answer without anyone clicking. Listeners hear every change of the state.
 */
import type { ConnectionState } from '@shared/contract';
import type { HubObserver, HubOutcome } from '../api/hub-observer';
import {
  needsProbe,
  probeDelayMs,
  reduceConnection,
  SIGNED_OUT_MODEL,
  toConnectionState,
  type ConnectionEvent,
  type ConnectionModel,
} from './connection-machine';

export interface MonitorTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ConnectionMonitorDeps {
  now: () => number;
  random?: () => number;
  timers?: MonitorTimers;
  /**
   * One check of the active profile, reporting through `observe`; resolves when it ended (it never
   * rejects for a Hub failure: those are outcomes). False when there is nothing to check.
   */
  check(observe: HubObserver): Promise<boolean>;
  /** The state changed (the session emits `session.changed`); `previous` is the status before. */
  onChange(state: ConnectionState, previous: ConnectionState['status']): void;
}

const realTimers: MonitorTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** A contact younger than this lets the outbox send without checking first. */
export const FRESH_CONTACT_MS = 10_000;

export class ConnectionMonitor {
  private model: ConnectionModel = SIGNED_OUT_MODEL;
  private running: Promise<void> | null = null;
  private timer: unknown = null;
  private nextCheckAt: number | null = null;
  private closed = false;
  private readonly timers: MonitorTimers;
  private readonly random: () => number;

  /** For the Hub traffic of the app (sync, outbox, insights). */
  readonly observer: HubObserver = (outcome) => this.apply(eventOf(outcome, false));
  /** For the monitor's own checks: a 5xx there says the Hub is in trouble. */
  private readonly checkObserver: HubObserver = (outcome) => this.apply(eventOf(outcome, true));

  constructor(private readonly deps: ConnectionMonitorDeps) {
    this.timers = deps.timers ?? realTimers;
    this.random = deps.random ?? Math.random;
  }

  state(): ConnectionState {
    return toConnectionState(this.model, this.nextCheckAt, this.running !== null);
  }

  get status(): ConnectionState['status'] {
    return this.model.status;
  }

  apply(event: ConnectionEvent): void {
    if (this.closed) return;
    const previous = this.model;
    this.model = reduceConnection(previous, event);
    this.reschedule();
    if (!sameModel(previous, this.model)) this.deps.onChange(this.state(), previous.status);
  }

  /** The OS (or the browser) says the network went or came: going is believed, coming asks the Hub. */
  networkChanged(up: boolean): void {
    this.apply({ type: 'network', at: this.deps.now(), up });
    if (up && this.model.status !== 'signed_out' && this.model.status !== 'unchecked' && this.model.status !== 'connected')
      void this.check();
  }

  /** Checks now (joining a check under way); resolves with the state after it. */
  async check(): Promise<ConnectionState> {
    if (this.closed) return this.state();
    if (!this.running) {
      this.clearTimer();
      this.apply({ type: 'checking', at: this.deps.now() });
      this.running = this.deps
        .check(this.checkObserver)
        .then(() => undefined)
        .catch(() => undefined)
        .finally(() => {
          this.running = null;
          this.reschedule();
          if (!this.closed) this.deps.onChange(this.state(), this.model.status);
        });
      if (!this.closed) this.deps.onChange(this.state(), this.model.status);
    }
    await this.running;
    return this.state();
  }

  /**
   * Whether a request can go now: the Hub answered a moment ago, or a check says so. The outbox asks
   * before sending, so that nothing is handed to a network that is known (or likely) to be gone, and
   * an action never sent can still be withdrawn.
   */
  async ready(): Promise<boolean> {
    const { status, lastContactAt } = this.model;
    if (status === 'key_rejected' || status === 'signed_out') return false;
    if (status === 'connected' && lastContactAt !== null && this.deps.now() - lastContactAt < FRESH_CONTACT_MS) return true;
    return (await this.check()).status === 'connected';
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
  }

  private reschedule(): void {
    if (this.closed || this.running) return;
    const delay = needsProbe(this.model) ? probeDelayMs(this.model, this.random) : null;
    if (delay === null) {
      this.clearTimer();
      return;
    }
    const at = this.deps.now() + delay;
    // An earlier check already planned stays (a new failure must not push "back online" further away).
    if (this.timer !== null && this.nextCheckAt !== null && this.nextCheckAt <= at) return;
    this.clearTimer();
    this.nextCheckAt = at;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.nextCheckAt = null;
      void this.check();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.nextCheckAt = null;
  }
}

function eventOf(outcome: HubOutcome, fromCheck: boolean): ConnectionEvent {
  const { at, startedAt } = outcome;
  if (outcome.type === 'no_answer') return { type: 'unreachable', at, startedAt, noNetwork: outcome.noNetwork, message: outcome.message };
  if (outcome.status === 401)
    return { type: 'rejected', at, startedAt, message: outcome.message ?? 'The Hub refused the credential (HTTP 401).' };
  if (outcome.status >= 500)
    return { type: 'server_error', at, startedAt, fromCheck, message: outcome.message ?? `The Hub answered HTTP ${outcome.status}.` };
  return { type: 'contact', at, startedAt };
}

function sameModel(a: ConnectionModel, b: ConnectionModel): boolean {
  return a.status === b.status && a.message === b.message && a.partner === b.partner && a.network === b.network && a.since === b.since;
}
