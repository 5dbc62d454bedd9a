/** Words and tones for queued actions: their states and kinds, shared by the outbox page and the panels. */
import type { ConnectionState } from '@shared/contract';
import type { ActionKind, ActionState, OutboxAction } from '@shared/outbox';
import type { Tone } from '@shared/status';

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

export interface ActionView {
  label: string;
  tone: Tone;
  /** A neutral line saying what happens next (waiting for the connection, outcome unknown). */
  note: string | null;
  /** Red only when the Hub refused something or the outcome needs the user, never for a network that is gone. */
  showError: boolean;
  /** Attempts count only once the Hub has answered one of them: tries against no network are not news. */
  showAttempts: boolean;
  showNextTry: boolean;
}

/** Whether a failure was the network's (no answer at all), not the Hub's. */
export function isNetworkError(error: OutboxAction['lastError']): boolean {
  return error !== null && error.code === 'offline' && error.status === null;
}

const WAIT_NOTE: Partial<Record<ConnectionState['status'], string>> = {
  offline: 'Waiting for the connection. Sent when Partner Desk is back online.',
  hub_unavailable: 'Waiting for the 360dialog Hub to answer. Sent as soon as it does.',
  key_rejected: 'Waiting: the Hub refused the API key. Sent once the key is updated.',
  error: 'Waiting: Partner Desk cannot reach its credentials. Sent once that is solved.',
  connecting: 'Waiting for the connection check. Sent when the Hub answers.',
};

/** How an action reads, given the connection: queued actions wait neutrally while the Hub cannot be reached. */
export function actionView(action: OutboxAction, connection: ConnectionState['status'] | null): ActionView {
  const base = ACTION_STATE_VIEW[action.state];
  const networkOnly = isNetworkError(action.lastError);
  const hubAnswered = action.lastError !== null && !networkOnly;
  if (action.state === 'queued') {
    const uncertain = !action.canCancel;
    const waitNote = connection ? WAIT_NOTE[connection] : undefined;
    if (uncertain) {
      return {
        label: 'Outcome unknown',
        tone: 'attention',
        note: 'The connection dropped while this was being sent, so it may have reached the Hub. Partner Desk reads the Hub before sending it again, so it never happens twice; it cannot be withdrawn until then.',
        showError: false,
        showAttempts: false,
        showNextTry: !waitNote,
      };
    }
    if (waitNote) return { label: 'Waiting', tone: 'neutral', note: waitNote, showError: false, showAttempts: false, showNextTry: false };
    return {
      label: base.label,
      tone: base.tone,
      note: null,
      showError: hubAnswered,
      showAttempts: hubAnswered && action.attempts > 0,
      showNextTry: true,
    };
  }
  if (action.state === 'sending')
    return { label: base.label, tone: base.tone, note: null, showError: false, showAttempts: false, showNextTry: false };
  return {
    label: base.label,
    tone: base.tone,
    note: null,
    showError: action.state !== 'done' && action.lastError !== null,
    showAttempts: action.attempts > 0 && action.state !== 'cancelled',
    showNextTry: false,
  };
}

/** What the cancel button of an action says: cancel a waiting one, discard a failed one. */
export function cancelLabel(action: OutboxAction): string {
  return action.state === 'queued' ? 'Withdraw' : 'Discard';
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

/** What a dialog that queued the action says about it now (`note`: its view's note, e.g. what it waits for). */
export function queuedOutcomeText(action: OutboxAction, note: string | null): string {
  if (action.state === 'done') return action.outcome ?? `${action.title}: done.`;
  if (action.state === 'failed' || action.state === 'conflict')
    return action.lastError?.message ?? action.conflict?.message ?? 'It needs your attention in the Outbox.';
  const now = note ?? 'Sending it to the 360dialog Hub now; follow it in the Outbox.';
  return action.canCancel && action.state === 'queued' ? `${now} Until it is sent, you can withdraw it in the Outbox.` : now;
}
