/**
 * The workspace's keyboard shortcuts in one table: what the help dialog lists is what the handler
 * does. Single keys act only when focus is not in a text field, so typing is never hijacked.
 */
import type { Section } from '../../state/ui-store';

export interface ShortcutHelp {
  keys: string[];
  does: string;
}

export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { keys: ['/'], does: 'Search the current list' },
  { keys: ['Ctrl', 'K'], does: 'Search, from anywhere' },
  { keys: ['G', 'A'], does: 'Go to WhatsApp accounts' },
  { keys: ['G', 'C'], does: 'Go to Clients' },
  { keys: ['G', 'N'], does: 'Go to Notifications' },
  { keys: ['G', 'O'], does: 'Go to the Outbox' },
  { keys: ['G', 'B'], does: 'Go to Onboarding' },
  { keys: ['G', 'P'], does: 'Go to Partner settings' },
  { keys: ['↑', '↓'], does: 'Move through the list (also J and K; ← → between cards)' },
  { keys: ['Enter'], does: 'Show details of the focused channel' },
  { keys: ['Esc'], does: 'Close the dialog, or clear the search' },
  { keys: ['?'], does: 'Show these shortcuts' },
];

export const GO_KEYS: Readonly<Record<string, Section>> = { a: 'accounts', c: 'clients', n: 'notifications', o: 'outbox', b: 'onboarding', p: 'partner' };

/** True when a single-key shortcut would steal a character the user is typing. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return false;
}
