/** Words for the connection state: the badge's label and the sentence screen readers announce. */
import type { ConnectionState } from '../../../../shared/contract';

type Status = ConnectionState['status'];

export const BADGE_LABEL: Record<Status, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  offline: 'Offline',
  error: 'Connection problem',
  signed_out: 'Signed out',
};

/** e.g. "Connected to Demo Partner GmbH (demoHubPA) · Demo data". */
export function connectionSentence(status: Status, name: string, partnerId: string, demo: boolean): string {
  const who = `${name} (${partnerId})`;
  const suffix = demo ? ' · Demo data' : '';
  switch (status) {
    case 'connected':
      return `Connected to ${who}${suffix}`;
    case 'connecting':
      return `Connecting to ${who}…${suffix}`;
    case 'offline':
      return `Offline: ${who} cannot be reached right now${suffix}`;
    case 'error':
      return `Could not connect to ${who}${suffix}`;
    case 'signed_out':
      return `Signed out of ${who}`;
  }
}

/** A short local time for "checked at", or null when never checked or unparseable. */
export function checkedAtLabel(checkedAt: string | null): string | null {
  if (!checkedAt) return null;
  const date = new Date(checkedAt);
  if (Number.isNaN(date.getTime())) return null;
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
