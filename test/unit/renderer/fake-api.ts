/**
 * A PartnerDeskApi for store tests: each request is answered by a handler (sync or deferred), every
 * call is recorded, and events can be pushed as main would push them.
 */
import type { PartnerDeskApi } from '@shared/api';
import type { EventName, EventPayload, RequestInput, RequestName, RequestOutput } from '@shared/contract';
import type { Result } from '@shared/result';

type Handler = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

export interface FakeApi {
  api: PartnerDeskApi;
  calls: Array<{ name: RequestName; input: unknown }>;
  callsTo(name: RequestName): unknown[];
  answer<N extends RequestName>(
    name: N,
    handler: (input: RequestInput<N>) => Result<RequestOutput<N>> | Promise<Result<RequestOutput<N>>>,
  ): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(event: EventName): number;
}

export function fakeApi(): FakeApi {
  const handlers = new Map<RequestName, Handler>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  const api = {
    async request(name: RequestName, input: unknown) {
      calls.push({ name, input });
      const handler = handlers.get(name);
      if (!handler) return { ok: false, error: { code: 'internal', message: `no answer for ${name}` } };
      return handler(input);
    },
    on(event: EventName, listener: (payload: unknown) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as PartnerDeskApi;
  return {
    api,
    calls,
    callsTo: (name) => calls.filter((c) => c.name === name).map((c) => c.input),
    answer: (name, handler) => handlers.set(name, handler as Handler),
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

/** A promise the test resolves when it wants: for "answers arriving out of order". */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
