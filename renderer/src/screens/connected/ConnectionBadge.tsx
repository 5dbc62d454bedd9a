import type { ConnectionState } from '@shared/contract';
import { BADGE_LABEL } from './connection-text';

/** A coloured pill for the connection status; the colour is never the only signal (it has text). */
export function ConnectionBadge({ status }: { status: ConnectionState['status'] }) {
  const variant = status === 'signed_out' ? '' : ` badge-${status}`;
  return <span className={`badge${variant}`}>{BADGE_LABEL[status]}</span>;
}
