/**
 * Times as an account manager glances at them: "just now", "3 min ago", "2 h ago", "yesterday",
 * "4 days ago", then a date. Pure: the caller passes `now`, so a ticking clock in the UI and fixed
 * clocks in tests both work. Calendar words ("yesterday") use the local time zone, like the user.
 */

export type TimeInput = string | number | Date | null | undefined;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds since the epoch, or null for absent or unparseable input. */
export function toMillis(value: TimeInput): number | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** Whole local calendar days from `from` to `to` (positive when `to` is later). */
function calendarDaysBetween(from: number, to: number): number {
  const a = new Date(from);
  const b = new Date(to);
  const startA = Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
  const startB = Date.UTC(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.round((startB - startA) / DAY);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "3 min ago" / "in 5 min". Past and future are symmetric up to a day; beyond that calendar words
 * and dates read better than "37 h ago". Null input gives null, so the caller chooses "Never".
 */
export function formatRelativeTime(value: TimeInput, now: number, locale?: string): string | null {
  const ms = toMillis(value);
  if (ms === null) return null;
  const diff = now - ms;
  const abs = Math.abs(diff);
  const future = diff < 0;
  const phrase = (text: string): string => (future ? `in ${text}` : `${text} ago`);

  if (abs < 45_000) return future ? 'in a moment' : 'just now';
  if (abs < HOUR) return phrase(`${Math.max(1, Math.round(abs / MINUTE))} min`);
  const days = future ? calendarDaysBetween(now, ms) : calendarDaysBetween(ms, now);
  if (abs < 12 * HOUR || days === 0) return phrase(`${Math.round(abs / HOUR)} h`);
  if (days === 1) return future ? 'tomorrow' : 'yesterday';
  if (days < 7) return phrase(plural(days, 'day'));
  return formatDate(ms, now, locale);
}

/** "12 Mar", or "12 Mar 2024" when not in the current year. */
export function formatDate(value: TimeInput, now: number, locale?: string): string | null {
  const ms = toMillis(value);
  if (ms === null) return null;
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(ms);
}

/**
 * The exact local date and time with the user's time zone, for tooltips next to a relative time and
 * every exact time shown: "12 Mar 2025, 14:05 CET" (a team spread over zones reads it unambiguously).
 */
export function formatDateTime(value: TimeInput, locale?: string): string | null {
  const ms = toMillis(value);
  if (ms === null) return null;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(ms);
}

/**
 * The Hub's day of a timestamp for sentences the core writes ("pending deletion since 5 Dec 2026"):
 * the core knows no user locale or zone, so it names the UTC day in English words, which no reader
 * can take for another date (unlike 05/12). Unparseable input is returned as it came.
 */
export function formatHubDay(value: string): string {
  const ms = toMillis(value);
  if (ms === null) return value;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(ms);
}
