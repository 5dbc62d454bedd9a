/**
 * Wraps either transport so the UI only ever sees values that match the contract: request results
 * are parsed with `requests[name].output`, event payloads with `events[name]`. A mismatch (main and
 * renderer from different builds, a bug) becomes a readable error instead of a crash deep in a view.
 */
import type { PartnerDeskApi } from '@shared/api';
import {
  events,
  requests,
  type EventName,
  type EventPayload,
  type RequestInput,
  type RequestName,
  type RequestOutput,
} from '@shared/contract';
import type { Result } from '@shared/result';
import { badResponse } from './web-transport';

export function withValidation(inner: PartnerDeskApi): PartnerDeskApi {
  return {
    async request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<Result<RequestOutput<N>>> {
      let result: Result<unknown>;
      try {
        result = await inner.request(name, input);
      } catch {
        // The preload should never throw, but a rejected IPC call must not escape as an exception.
        return { ok: false, error: { code: 'internal', message: 'Partner Desk could not complete the request. Try again.' } };
      }
      if (!result.ok) return result;
      const parsed = requests[name].output.safeParse(result.value);
      if (!parsed.success) {
        console.warn(`partner-desk: "${name}" returned a value that does not match the contract`, parsed.error.issues);
        return { ok: false, error: badResponse() };
      }
      return { ok: true, value: parsed.data as RequestOutput<N> };
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return inner.on(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (!parsed.success) {
          console.warn(`partner-desk: dropped a "${event}" event that does not match the contract`, parsed.error.issues);
          return;
        }
        listener(parsed.data as EventPayload<E>);
      });
    },
  };
}
