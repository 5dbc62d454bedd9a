/** "3 of 5 channels": a meter that turns to attention when the client is at (or over) its limit. */
import { formatCount } from '@shared/format';

export function ChannelLimit({ count, max }: { count: number; max: number | null }) {
  if (max === null) return <span className="num">{formatCount(count)}</span>;
  const full = count >= max;
  const percent = max > 0 ? Math.min(100, Math.round((count / max) * 100)) : 100;
  return (
    <span className={full ? 'limit limit-full' : 'limit'} title={full ? 'At the channel limit' : undefined}>
      <span className="num">
        {formatCount(count)} / {formatCount(max)}
      </span>
      <span className="limit-track" aria-hidden="true">
        <span className="limit-fill" style={{ width: `${percent}%` }} />
      </span>
    </span>
  );
}
