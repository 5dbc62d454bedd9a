/** Words for permission links: who a link is for, where it stands, how it was shared. */
import type { PermissionLink, ShareMethod } from '@shared/onboarding';
import type { Tone } from '@shared/status';

export function linkFor(link: PermissionLink): string {
  if (link.origin === 'redirect') return 'A redirect without a link of this app';
  const who = link.clientName ?? link.name ?? link.email ?? (link.clientId ? `Client ${link.clientId}` : 'A new client');
  return link.clientId ? `${who} (add numbers)` : who;
}

export function linkStatus(link: PermissionLink): { label: string; tone: Tone } {
  if (link.status === 'open') return { label: 'Waiting for the client', tone: 'progress' };
  const result = link.result;
  if (!result) return { label: 'Used', tone: 'positive' };
  if (link.matchedBy === 'sync') return { label: `${result.added.length} new, seen by a sync`, tone: 'positive' };
  if (result.granted.length === 0 && result.revoked.length > 0) return { label: `${result.revoked.length} revoked`, tone: 'attention' };
  return {
    label: `${result.granted.length} granted${result.revoked.length > 0 ? `, ${result.revoked.length} revoked` : ''}`,
    tone: 'positive',
  };
}

export const SHARE_LABEL: Record<ShareMethod, string> = {
  copy: 'copied',
  browser: 'opened in the browser',
  email: 'emailed',
  qr: 'shown as QR code',
  cli: 'made in the terminal',
};
