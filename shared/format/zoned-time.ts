/**
 * Times with their zone, as a person reads them wherever the team sits: "12 Mar 2025, 14:05 CET".
 * The zone is the user's own (the runtime's), named the short way Intl names it.
 */
import { toMillis, type TimeInput } from './relative-time';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
    formatters.set(key, found);
  }
  return found;
}

/** "12 Mar 2025, 14:05 CET"; null for no time. `timeZone` only for tests (the user's zone otherwise). */
export function formatZonedDateTime(value: TimeInput, locale?: string, timeZone?: string): string | null {
  const ms = toMillis(value);
  return ms === null ? null : formatter(locale, timeZone).format(ms);
}

const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/g;

/**
 * A sentence with ISO timestamps in it (an outcome from the Hub: "Pending deletion since
 * 2026-12-05T22:08:13Z.") with each one as a person reads it, in their zone.
 */
export function humanizeTimes(text: string, locale?: string, timeZone?: string): string {
  return text.replace(ISO_TIME, (match) => formatZonedDateTime(match, locale, timeZone) ?? match);
}
