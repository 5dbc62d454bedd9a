/** Words and tones for queued actions: their states and kinds, shared by the outbox page and the panels. */
import type { ActionKind, ActionState, OutboxAction } from '../../../../shared/outbox';
import type { Tone } from '../../../../shared/status';

export const ACTION_STATE_VIEW: Record<ActionState, { label: string; tone: Tone }> = {
  queued: { label: 'Queued', tone: 'progress' },
  sending: { label: 'Sending', tone: 'progress' },
  done: { label: 'Done', tone: 'positive' },
  failed: { label: 'Failed', tone: 'negative' },
  conflict: { label: 'Conflict', tone: 'attention' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export const ACTION_KIND_LABEL: Record<ActionKind, string> = {
  cancel_channel: 'Cancellation',
  set_max_channels: 'Channel limit',
  generate_api_key: 'API key',
  check_health: 'Health check',
  withdraw_cancellation: 'Reactivation',
  set_partner_settings: 'Partner settings',
  set_partner_payload: 'Tag',
};

/** What the cancel button of an action says: cancel a waiting one, discard a failed one. */
export function cancelLabel(action: OutboxAction): string {
  return action.state === 'queued' ? 'Cancel' : 'Discard';
}

export type OutboxSectionId = 'attention' | 'waiting' | 'settled';

export const OUTBOX_SECTIONS: readonly { id: OutboxSectionId; title: string; states: readonly ActionState[] }[] = [
  { id: 'attention', title: 'Needs your attention', states: ['failed', 'conflict'] },
  { id: 'waiting', title: 'Waiting to be sent', states: ['queued', 'sending'] },
  { id: 'settled', title: 'Done and cancelled', states: ['done', 'cancelled'] },
];

/** The actions of each section, newest first. */
export function sectionsOf(items: readonly OutboxAction[]): { id: OutboxSectionId; title: string; items: OutboxAction[] }[] {
  return OUTBOX_SECTIONS.map((section) => ({
    id: section.id,
    title: section.title,
    items: items.filter((item) => section.states.includes(item.state)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
  }));
}
