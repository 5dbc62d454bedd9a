/**
 * The one connection state of the app, as a pure reducer: what the Hub's answers (and silences), the
 * OS's network events and the session say, folded into one of
 *
 *   connected        the Hub answered (any answer below 500 but a 401)
 *   offline          no network: the OS says so, or the name of the Hub cannot even be resolved
 *   hub_unavailable  the network works but the Hub does not answer, or answers with 5xx
 *   key_rejected     the Hub refused the credential (401), or the keychain holds none
 *   error            something local failed (the keychain is locked or missing)
 *   signed_out / unchecked / connecting
 *
 * Rules worth knowing: a success is believed at once (the first answer after an outage means
 * online); an outcome older than the newest information is ignored (a request started before the
 * OS said "offline" that succeeds later, or one started before the last success that fails after
 * it); the OS saying "online" proves nothing about the Hub, it only asks for a check; a 5xx from the
 * check (or while not connected) is a Hub in trouble, from other traffic while connected it is that
 * request's problem. `failures` counts checks that failed in a row, for the probe's backoff.
 */
import type { ConnectionState } from '@shared/contract';

export type ConnectionStatus = ConnectionState['status'];

export interface ConnectionModel {
  status: ConnectionStatus;
  partner: { id: string; name: string } | null;
  message: string | null;
  /** When this status began (ms); null while signed out. */
  since: number | null;
  /** The last answer from the Hub (ms) and when the request behind it started. */
  lastContactAt: number | null;
  lastContactStartedAt: number | null;
  /** The last outcome of any kind (ms). */
  checkedAt: number | null;
  /** What the OS last said; unknown until it says something (the CLI never hears it). */
  network: 'up' | 'down' | 'unknown';
  /** When the OS last said "offline" (ms): answers to requests started before are stale. */
  lastDownAt: number | null;
  /** Failed outcomes in a row since the last contact. */
  failures: number;
}

export type ConnectionEvent =
  | { type: 'signed_out' }
  /** A process that does not ask the Hub (the CLI's cache commands). */
  | { type: 'local_only' }
  /** A check of the active profile starts: before anything is known, the status says so. */
  | { type: 'checking'; at: number }
  | { type: 'contact'; at: number; startedAt: number; partner?: { id: string; name: string } }
  | { type: 'server_error'; at: number; startedAt: number; message: string; fromCheck: boolean }
  | { type: 'unreachable'; at: number; startedAt: number; message: string; noNetwork: boolean }
  | { type: 'rejected'; at: number; startedAt: number; message: string }
  | { type: 'local_failure'; at: number; message: string }
  | { type: 'network'; at: number; up: boolean };

export const SIGNED_OUT_MODEL: ConnectionModel = {
  status: 'signed_out',
  partner: null,
  message: null,
  since: null,
  lastContactAt: null,
  lastContactStartedAt: null,
  checkedAt: null,
  network: 'unknown',
  lastDownAt: null,
  failures: 0,
};

function enter(model: ConnectionModel, status: ConnectionStatus, at: number, patch: Partial<ConnectionModel>): ConnectionModel {
  return { ...model, ...patch, status, since: model.status === status && model.since !== null ? model.since : at };
}

/** Older than what is already known: a request started before the OS said offline, or before the last answer. */
function stale(model: ConnectionModel, startedAt: number): boolean {
  if (model.lastDownAt !== null && startedAt < model.lastDownAt) return true;
  return model.lastContactStartedAt !== null && startedAt < model.lastContactStartedAt;
}

export function reduceConnection(model: ConnectionModel, event: ConnectionEvent): ConnectionModel {
  switch (event.type) {
    case 'signed_out':
      return { ...SIGNED_OUT_MODEL, network: model.network, lastDownAt: model.lastDownAt };
    case 'local_only':
      return { ...model, status: 'unchecked', message: null, since: null, failures: 0 };
    case 'checking':
      return model.status === 'signed_out' || model.status === 'unchecked'
        ? enter(model, 'connecting', event.at, { message: null })
        : model;
    case 'contact': {
      if (model.status === 'signed_out') return model;
      // After the OS said offline, only a request started since then proves the connection.
      if (model.lastDownAt !== null && event.startedAt < model.lastDownAt) return model;
      // A refused key is left only by a request sent after the refusal (with a new key, or the old one accepted again).
      if (model.status === 'key_rejected' && model.since !== null && event.startedAt < model.since) return model;
      const newer = model.lastContactStartedAt === null || event.startedAt >= model.lastContactStartedAt;
      return enter(model, 'connected', event.at, {
        partner: event.partner ?? model.partner,
        message: null,
        lastContactAt: event.at,
        lastContactStartedAt: newer ? event.startedAt : model.lastContactStartedAt,
        checkedAt: event.at,
        network: 'up',
        failures: 0,
      });
    }
    case 'server_error': {
      if (model.status === 'signed_out' || stale(model, event.startedAt)) return model;
      // An answer proves the network; a 5xx of one request while connected is that request's problem.
      const base = { lastContactAt: event.at, checkedAt: event.at, network: 'up' as const };
      if (model.status === 'connected' && !event.fromCheck) return { ...model, ...base };
      return enter(model, 'hub_unavailable', event.at, { ...base, message: event.message, failures: model.failures + 1 });
    }
    case 'unreachable': {
      if (model.status === 'signed_out' || stale(model, event.startedAt)) return model;
      // A refused key stays the thing to fix: waiting for the network will not help it.
      if (model.status === 'key_rejected') return { ...model, checkedAt: event.at, failures: model.failures + 1 };
      const status = event.noNetwork || model.network === 'down' ? 'offline' : 'hub_unavailable';
      return enter(model, status, event.at, { message: event.message, checkedAt: event.at, failures: model.failures + 1 });
    }
    case 'rejected':
      if (model.status === 'signed_out' || stale(model, event.startedAt)) return model;
      return enter(model, 'key_rejected', event.at, {
        message: event.message,
        checkedAt: event.at,
        lastContactAt: event.at,
        network: 'up',
      });
    case 'local_failure':
      if (model.status === 'signed_out') return model;
      return enter(model, 'error', event.at, { message: event.message, checkedAt: event.at });
    case 'network': {
      if (!event.up) {
        const next: ConnectionModel = { ...model, network: 'down', lastDownAt: event.at };
        const goesOffline = model.status === 'connected' || model.status === 'connecting' || model.status === 'hub_unavailable';
        return goesOffline ? enter(next, 'offline', event.at, { message: null }) : next;
      }
      // "Online" from the OS is a reason to check, not proof: the status waits for the Hub.
      return { ...model, network: 'up', failures: 0 };
    }
  }
}

/** Whether the state asks for probing (the monitor then checks with a backoff). */
export function needsProbe(model: ConnectionModel): boolean {
  return model.status === 'offline' || model.status === 'hub_unavailable' || model.status === 'connecting';
}

/**
 * The wait before the next check: quick at first (a dropped Wi-Fi is often back in seconds), then
 * every 10 s while the network is up (a check is one small GET), and every 60 s while the OS says
 * there is no network at all (it will say when there is). Jitter keeps many windows apart.
 */
export const PROBE_STEPS_MS = [1_000, 2_000, 4_000, 8_000, 10_000] as const;
export const PROBE_WHILE_DOWN_MS = 60_000;

export function probeDelayMs(model: ConnectionModel, random: () => number): number | null {
  if (!needsProbe(model)) return null;
  if (model.network === 'down') return PROBE_WHILE_DOWN_MS;
  const step = PROBE_STEPS_MS[Math.min(Math.max(0, model.failures - 1), PROBE_STEPS_MS.length - 1)] ?? 10_000;
  return Math.round(step * (0.8 + 0.2 * random()));
}

/** The contract's view. */
export function toConnectionState(model: ConnectionModel, nextCheckAt: number | null, checking: boolean): ConnectionState {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    status: model.status,
    partner: model.partner,
    message: model.message,
    checkedAt: iso(model.checkedAt),
    since: iso(model.since),
    lastContactAt: iso(model.lastContactAt),
    network: model.network,
    nextCheckAt: iso(nextCheckAt),
    checking,
  };
}

/** What a finished sync says about the connection (its requests ran in a worker, unobserved). */
export function syncConnectionEvent(
  outcome: { status: 'succeeded' | 'failed' | 'offline' | 'cancelled'; error: { code: string; message: string } | null },
  startedAt: number,
  at: number,
): ConnectionEvent | null {
  if (outcome.status === 'succeeded') return { type: 'contact', at, startedAt };
  const message = outcome.error?.message ?? 'The sync could not reach the 360dialog Hub.';
  if (outcome.status === 'offline') return { type: 'unreachable', at, startedAt, noNetwork: false, message };
  if (outcome.error?.code === 'unauthorized') return { type: 'rejected', at, startedAt, message };
  if (outcome.error?.code === 'server_error') return { type: 'server_error', at, startedAt, message, fromCheck: false };
  return null;
}
