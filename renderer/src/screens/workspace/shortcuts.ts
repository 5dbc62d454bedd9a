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
  { keys: ['G', 'V'], does: 'Go to the Overview' },
  { keys: ['G', 'A'], does: 'Go to WhatsApp accounts' },
  { keys: ['G', 'C'], does: 'Go to Clients' },
  { keys: ['G', 'N'], does: 'Go to Notifications' },
  { keys: ['G', 'O'], does: 'Go to the Outbox' },
  { keys: ['G', 'B'], does: 'Go to Onboarding' },
  { keys: ['G', 'P'], does: 'Go to Partner settings' },
  { keys: ['↑', '↓'], does: 'Move through the list (also J and K; ← → between cards)' },
  { keys: ['↓'], does: 'From the search box: into the results' },
  { keys: ['Enter'], does: 'Show details of the focused channel' },
  { keys: ['Space'], does: 'Select the focused channel (Shift+click selects a range)' },
  { keys: ['Ctrl', 'A'], does: 'Select every channel of the filtered list (⌘A on a Mac)' },
  { keys: ['Esc'], does: 'Close the dialog, clear the selection, or clear the search' },
  { keys: ['?'], does: 'Show these shortcuts' },
];

export const GO_KEYS: Readonly<Record<string, Section>> = {
  v: 'overview',
  a: 'accounts',
  c: 'clients',
  n: 'notifications',
  o: 'outbox',
  b: 'onboarding',
  p: 'partner',
};

/** True when a single-key shortcut would steal a character the user is typing. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return false;
}
