/** "3 min ago" inside a <time>, with the exact local date and time as its tooltip. */
import { formatDateTime, formatRelativeTime, toMillis, type TimeInput } from '@shared/format';
import { useNow } from '../hooks/use-now';

/** The shared clock ticks every 20 s, so a time that just happened may look a little "in the future". */
const CLOCK_SLACK_MS = 60_000;

export function RelativeTime({ value, fallback = 'never' }: { value: TimeInput; fallback?: string }) {
  const now = useNow();
  const ms = toMillis(value);
  if (ms === null) return <>{fallback}</>;
  const effectiveNow = ms > now && ms - now < CLOCK_SLACK_MS ? ms : now;
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatDateTime(ms) ?? undefined}>
      {formatRelativeTime(ms, effectiveNow)}
    </time>
  );
}
