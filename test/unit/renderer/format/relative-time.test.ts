import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatHubDay, formatRelativeTime, toMillis } from '@shared/format/relative-time';

// Local-time constructors, so calendar words ("yesterday") hold in any time zone the tests run in.
const now = new Date(2025, 5, 18, 15, 30, 0).getTime(); // 18 Jun 2025, 15:30 local
const at = (...parts: [number, number, number, number?, number?]) =>
  new Date(parts[0], parts[1], parts[2], parts[3] ?? 0, parts[4] ?? 0).getTime();

describe('formatRelativeTime', () => {
  it('says "just now" for the last few seconds', () => {
    expect(formatRelativeTime(now - 10_000, now)).toBe('just now');
    expect(formatRelativeTime(now, now)).toBe('just now');
  });

  it('counts minutes and hours', () => {
    expect(formatRelativeTime(now - 3 * 60_000, now)).toBe('3 min ago');
    expect(formatRelativeTime(now - 50_000, now)).toBe('1 min ago');
    expect(formatRelativeTime(now - 59 * 60_000, now)).toBe('59 min ago');
    expect(formatRelativeTime(now - 2 * 3_600_000, now)).toBe('2 h ago');
  });

  it('uses calendar words after the same day', () => {
    expect(formatRelativeTime(at(2025, 5, 17, 9, 0), now)).toBe('yesterday');
    expect(formatRelativeTime(at(2025, 5, 15, 12, 0), now)).toBe('3 days ago');
  });

  it('keeps hours for a late-evening time seen the next morning (under 12 h)', () => {
    const morning = at(2025, 5, 18, 7, 0);
    expect(formatRelativeTime(at(2025, 5, 17, 23, 0), morning)).toBe('8 h ago');
  });

  it('shows a date after a week, with the year only when it differs', () => {
    expect(formatRelativeTime(at(2025, 2, 12, 10, 0), now, 'en-GB')).toBe('12 Mar');
    expect(formatRelativeTime(at(2024, 2, 12, 10, 0), now, 'en-GB')).toBe('12 Mar 2024');
  });

  it('phrases the future too (a scheduled retry)', () => {
    expect(formatRelativeTime(now + 5 * 60_000, now)).toBe('in 5 min');
    expect(formatRelativeTime(now + 10_000, now)).toBe('in a moment');
    expect(formatRelativeTime(at(2025, 5, 19, 16, 0), now)).toBe('tomorrow');
  });

  it('accepts ISO strings and Dates, and returns null for absent or invalid input', () => {
    expect(formatRelativeTime(new Date(now - 3 * 60_000).toISOString(), now)).toBe('3 min ago');
    expect(formatRelativeTime(new Date(now - 3 * 60_000), now)).toBe('3 min ago');
    expect(formatRelativeTime(null, now)).toBeNull();
    expect(formatRelativeTime('not a date', now)).toBeNull();
    expect(toMillis('')).toBeNull();
  });
});

describe('formatDate and formatDateTime', () => {
  it('formats in the given locale', () => {
    expect(formatDate(at(2025, 0, 2), now, 'en-GB')).toBe('2 Jan');
    // With the zone it is in (whatever zone this machine runs in: UTC, CET, GMT+2 ...).
    expect(formatDateTime(at(2025, 0, 2, 14, 5), 'en-GB')).toMatch(/^2 Jan 2025, 14:05 \S+/);
    expect(formatDateTime(undefined)).toBeNull();
  });
});

describe('formatHubDay', () => {
  it('names the UTC day of a Hub timestamp in words, whatever the machine’s zone', () => {
    expect(formatHubDay('2026-12-05T21:34:19Z')).toBe('5 Dec 2026');
    expect(formatHubDay('2026-12-31T23:59:59-02:00')).toBe('1 Jan 2027');
    expect(formatHubDay('not a date')).toBe('not a date');
  });
});
