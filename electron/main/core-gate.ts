/**
 * Lets the window and its IPC handlers exist before the core does. The window is created the
 * moment Electron is ready, so the user sees Partner Desk at once; requests that arrive while the
 * core opens its database wait here, and events flow once it is up. If the core cannot start, every
 * waiting and later request gets the same error, written for a person.
 */
import type { EventName, RequestName } from '@shared/contract';
import type { ErrorInfo } from '@shared/errors';
import type { Result } from '@shared/result';

/** The slice of the core that IPC needs. */
export interface CoreAccess {
  dispatch(name: RequestName, input: unknown): Promise<Result<unknown>>;
  events: { onAny(listener: (event: EventName, payload: unknown) => void): () => void };
}

export class CoreGate implements CoreAccess {
  private state: { kind: 'starting' } | { kind: 'open'; core: CoreAccess } | { kind: 'failed'; error: ErrorInfo } = { kind: 'starting' };
  private readonly waiting: Array<() => void> = [];
  private readonly listeners = new Set<(event: EventName, payload: unknown) => void>();

  readonly events = {
    onAny: (listener: (event: EventName, payload: unknown) => void): (() => void) => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    },
  };

  get status(): 'starting' | 'open' | 'failed' {
    return this.state.kind;
  }

  open(core: CoreAccess): void {
    if (this.state.kind !== 'starting') throw new Error(`The core gate is already ${this.state.kind}.`);
    this.state = { kind: 'open', core };
    core.events.onAny((event, payload) => {
      for (const listener of this.listeners) listener(event, payload);
    });
    this.release();
  }

  fail(error: ErrorInfo): void {
    if (this.state.kind !== 'starting') return;
    this.state = { kind: 'failed', error };
    this.release();
  }

  async dispatch(name: RequestName, input: unknown): Promise<Result<unknown>> {
    if (this.state.kind === 'starting') await new Promise<void>((resolve) => this.waiting.push(resolve));
    const state = this.state;
    if (state.kind === 'open') return state.core.dispatch(name, input);
    if (state.kind === 'failed') return { ok: false, error: state.error };
    throw new Error('unreachable: released while starting');
  }

  private release(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
