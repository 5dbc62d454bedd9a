/**
 * How one raw enum value from the API becomes a badge: a label, a tone, and the raw value kept
 * beside it. Every status table in this folder goes through `lookupBadge`, so "missing" and
 * "a value this app does not know" look the same everywhere (card, filter, CSV, notification).
 */
import { z } from 'zod';
import { rawToText } from './pick';

/** The colour family of a badge; the renderer maps tones to colours, the rules never name colours. */
export const Tone = z.enum(['positive', 'progress', 'attention', 'negative', 'neutral']);
export type Tone = z.infer<typeof Tone>;

/**
 * A raw value as users see it. `value` is what the API sent (as text, for filters, search and bug
 * reports); `label` is the exact word shown in the UI and written to the CSV.
 */
export const StatusBadge = z.object({
  value: z.string().nullable(),
  label: z.string(),
  tone: Tone,
});
export type StatusBadge = z.infer<typeof StatusBadge>;

/** One row of a status table: the word and tone for one documented raw value. */
export interface BadgeRule {
  readonly label: string;
  readonly tone: Tone;
}

/** Documented raw value -> badge. Plain objects so the tables read like the reference's lists. */
export type BadgeTable = Readonly<Record<string, BadgeRule>>;

/** Shown when the API did not send the field (or sent null / an empty string). */
export const NOT_AVAILABLE = 'Not available';

/** Undocumented values are shown, never hidden: the raw value is what a partner would report. */
export const unknownLabel = (raw: string): string => `Unknown (${raw})`;

/** An unknown value is not known to be good or bad, so it gets the neutral tone. */
export const UNKNOWN_TONE: Tone = 'neutral';

/** The table row for a raw value, if the value is a documented key (own keys only: no "toString"). */
export function ruleFor(table: BadgeTable, raw: unknown): BadgeRule | undefined {
  return typeof raw === 'string' && Object.hasOwn(table, raw) ? table[raw] : undefined;
}

/** The badge for a raw value; null when the value is absent, "Unknown (<raw>)" when undocumented. */
export function lookupBadge(table: BadgeTable, raw: unknown): StatusBadge | null {
  const text = rawToText(raw);
  if (text === null) return null;
  // Matched trimmed, like the text shown, so " verified" is not "Unknown (verified)".
  const rule = typeof raw === 'string' ? ruleFor(table, raw.trim()) : undefined;
  if (rule) return { value: text, label: rule.label, tone: rule.tone };
  return { value: text, label: unknownLabel(text), tone: UNKNOWN_TONE };
}

/** Like `lookupBadge`, but an absent value is a visible "Not available" badge (the CSV columns). */
export function badgeOrNotAvailable(table: BadgeTable, raw: unknown): StatusBadge {
  return lookupBadge(table, raw) ?? { value: null, label: NOT_AVAILABLE, tone: 'neutral' };
}
