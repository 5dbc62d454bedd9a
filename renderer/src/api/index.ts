/**
 * Picks the transport: the Electron preload's `window.partnerDesk` when present, otherwise the
 * web-mode HTTP transport authenticated by the per-launch token. Either way the UI gets a validated
 * `PartnerDeskApi` and never knows which one it is talking to.
 */
import type { PartnerDeskApi } from '@shared/api';
import { takeAccessToken } from './access-token';
import { withValidation } from './validated-api';
import { createWebTransport } from './web-transport';

export type ApiConnection =
  | { kind: 'electron'; api: PartnerDeskApi }
  | { kind: 'web'; api: PartnerDeskApi }
  /** Web mode opened without the token (e.g. a bookmark of the bare address). */
  | { kind: 'missing-token' };

let connection: ApiConnection | null = null;
const tokenRefusedListeners = new Set<() => void>();

/** Resolves the transport once per page load (the token is taken from the hash only once). */
export function connectApi(): ApiConnection {
  if (connection) return connection;
  if (window.partnerDesk) {
    connection = { kind: 'electron', api: withValidation(window.partnerDesk) };
    return connection;
  }
  const token = takeAccessToken({
    hash: window.location.hash,
    replaceHash: (hash) =>
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hash}`),
    // Reached through functions: merely touching sessionStorage throws when storage is disabled.
    storage: {
      getItem: (key) => window.sessionStorage.getItem(key),
      setItem: (key, value) => window.sessionStorage.setItem(key, value),
    },
  });
  connection = token
    ? { kind: 'web', api: withValidation(createWebTransport({ token, onTokenRefused: () => tokenRefusedListeners.forEach((l) => l()) })) }
    : { kind: 'missing-token' };
  return connection;
}

/** The API for the UI. Throws only in web mode without a token, which the app checks first. */
export function getApi(): PartnerDeskApi {
  const current = connectApi();
  if (current.kind === 'missing-token') throw new Error('Partner Desk web mode was opened without its access token.');
  return current.api;
}

/** Notified when the web-mode server refuses the token, so the UI can ask for the printed address. */
export function onTokenRefused(listener: () => void): () => void {
  tokenRefusedListeners.add(listener);
  return () => tokenRefusedListeners.delete(listener);
}
