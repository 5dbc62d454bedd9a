/** Exact times carry their zone; timestamps inside a sentence from the Hub read as times. */
import { describe, expect, it } from 'vitest';
import { formatZonedDateTime, humanizeTimes } from '@shared/format/zoned-time';

describe('times with their zone', () => {
  it('names the zone', () => {
    expect(formatZonedDateTime('2026-12-05T22:08:13Z', 'en-GB', 'Europe/Berlin')).toBe('5 Dec 2026, 23:08 CET');
    expect(formatZonedDateTime('2026-07-05T22:08:13Z', 'en-GB', 'Europe/Berlin')).toBe('6 Jul 2026, 00:08 CEST');
    expect(formatZonedDateTime(null)).toBeNull();
  });

  it('rewrites ISO timestamps inside a sentence, and nothing else', () => {
    expect(humanizeTimes('Pending deletion since 2026-12-05T22:08:13Z.', 'en-GB', 'UTC')).toBe(
      'Pending deletion since 5 Dec 2026, 22:08 UTC.',
    );
    expect(humanizeTimes('Limit 2 → 5 at 2026-01-02T03:04:05.678+01:00', 'en-GB', 'UTC')).toBe('Limit 2 → 5 at 2 Jan 2026, 02:04 UTC');
    expect(humanizeTimes('Channel limit 5 (was 2).')).toBe('Channel limit 5 (was 2).');
  });
});
