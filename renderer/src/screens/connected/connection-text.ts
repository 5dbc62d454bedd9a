/**
 * Words for the connection state: the profile panel's badge and the workspace's banner. Being
 * offline is the expected case for this app, not an error: only a refused key or a local failure
 * reads as a problem, and every text says what still works and what happens next.
 */
import type { ConnectionState, ProfileSummary } from '@shared/contract';

type Status = ConnectionState['status'];

export const BADGE_LABEL: Record<Status, string> = {
  connected: 'Online',
  connecting: 'Checking…',
  offline: 'Offline',
  hub_unavailable: 'Hub not answering',
  key_rejected: 'Key refused',
  error: 'Connection problem',
  signed_out: 'Signed out',
  unchecked: 'Not checked yet',
};

export type BannerKind = 'offline' | 'hub_unavailable' | 'key_rejected' | 'error';

export interface ConnectionBanner {
  kind: BannerKind;
  /** Neutral for the waiting states; a problem only where waiting does not help. */
  tone: 'waiting' | 'problem';
  headline: string;
  detail: string;
  /** What the queued actions do meanwhile; null when nothing is queued. */
  queue: string | null;
  /** The button: check now, or replace the refused credential. */
  action: 'check' | 'update_key' | 'sign_in';
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Whether actions wait for the connection (the outbox sends nothing meanwhile). */
export function isWaitingForConnection(status: Status): boolean {
  return status === 'offline' || status === 'hub_unavailable' || status === 'key_rejected' || status === 'error' || status === 'connecting';
}

/** The banner for a state, or null when there is nothing to say (online, checking at start). */
export function connectionBanner(connection: ConnectionState, profile: ProfileSummary, waiting: number): ConnectionBanner | null {
  const queued = waiting > 0 ? plural(waiting, 'action waits', 'actions wait') : null;
  switch (connection.status) {
    case 'offline':
      return {
        kind: 'offline',
        tone: 'waiting',
        headline: "You're offline.",
        detail: 'Everything synced is still here: browse, search, filter, open details and export. Actions you take wait in the Outbox.',
        queue: queued && `${queued} and will be sent when Partner Desk is back online.`,
        action: 'check',
      };
    case 'hub_unavailable':
      return {
        kind: 'hub_unavailable',
        tone: 'waiting',
        headline: 'The 360dialog Hub is not answering.',
        detail:
          'Your network works, but the Hub does not answer or reports an error. Everything synced is still here; Partner Desk keeps checking.',
        queue: queued && `${queued} and will be sent when the Hub answers again.`,
        action: 'check',
      };
    case 'key_rejected': {
      const noKey = !profile.hasSecret;
      const what = profile.authMethod === 'token' ? 'password' : 'API key';
      return {
        kind: 'key_rejected',
        tone: 'problem',
        headline: noKey
          ? `The keychain holds no ${what} for ${profile.label}.`
          : `The 360dialog Hub refused the ${what} of ${profile.label}.`,
        detail: noKey
          ? `Enter it again to reconnect. The local copy stays as it is.`
          : `It may have been revoked or replaced in the Partner Hub. Enter the current ${what}: the local copy stays as it is.`,
        queue: queued && `${queued} and will be sent once the ${what} is updated.`,
        action: profile.authMethod === 'demo' ? 'check' : 'update_key',
      };
    }
    case 'error':
      return {
        kind: 'error',
        tone: 'problem',
        headline: 'Partner Desk cannot reach its credentials.',
        detail: connection.message ?? 'The system keychain did not answer.',
        queue: queued && `${queued} and will be sent once this is solved.`,
        action: 'check',
      };
    default:
      return null;
  }
}
