/**
 * The renderer-facing API, derived from the contract: `window.partnerDesk` in Electron, the HTTP
 * transport in web mode. Both implement exactly this interface.
 */
import type { EventName, EventPayload, RequestInput, RequestName, RequestOutput } from './contract';
import type { Result } from './result';

export interface PartnerDeskApi {
  request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<Result<RequestOutput<N>>>;
  /** Subscribe to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** IPC channel names used by the preload and main. One prefix each, never per-request code. */
export const IPC_REQUEST_PREFIX = 'pd:request:';
export const IPC_EVENT_PREFIX = 'pd:event:';
