/**
 * The core's event bus, typed by the contract's events: services emit, the Electron shell and the
 * web-mode server forward to renderers. A throwing listener never breaks the emitter.
 */
import { EVENT_NAMES, type EventName, type EventPayload } from '@shared/contract';
import type { Logger } from './log';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

export class CoreEvents {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  constructor(private readonly log?: Logger) {}

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Subscribe to every event (used by transports that forward all of them). */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void {
    const offs = EVENT_NAMES.map((event) => this.on(event, (payload) => listener(event, payload)));
    return () => offs.forEach((off) => off());
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        this.log?.error('event listener failed', { event, error: String(error) });
      }
    }
  }
}
