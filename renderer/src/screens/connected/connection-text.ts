/** Words for the connection state, as the profile panel's badge shows it. */
import type { ConnectionState } from '../../../../shared/contract';

type Status = ConnectionState['status'];

export const BADGE_LABEL: Record<Status, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  offline: 'Offline',
  error: 'Connection problem',
  signed_out: 'Signed out',
  unchecked: 'Not checked yet',
};
