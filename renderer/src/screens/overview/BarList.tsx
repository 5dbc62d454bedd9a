/**
 * A horizontal bar chart whose every bar is a button to the list it counts: the label, a bar as long
 * as its share of the largest, and the number in text (so it prints, reads aloud and can be tested
 * against the list). `stacked` adds one bar of all the parts above the list, for a distribution.
 */
import { formatCount } from '@shared/format';
import type { Tone } from '@shared/status';

export interface Bar {
  key: string;
  label: string;
  count: number;
  tone: Tone;
  onOpen(): void;
}

export function BarList({
  bars,
  unit,
  stacked = false,
  long = false,
}: {
  bars: readonly Bar[];
  unit: string;
  stacked?: boolean;
  /** Labels are sentences: each above its bar. */ long?: boolean;
}) {
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  const total = bars.reduce((sum, bar) => sum + bar.count, 0);
  return (
    <>
      {stacked && total > 0 && (
        <div className="dist-bar" aria-hidden="true">
          {bars.map((bar) => (
            <span
              key={bar.key}
              className={`dist-part fill-${bar.tone}`}
              style={{ flexGrow: bar.count }}
              title={`${bar.label}: ${formatCount(bar.count)}`}
            />
          ))}
        </div>
      )}
      <ul className={long ? 'bar-list bar-list-long' : 'bar-list'}>
        {bars.map((bar) => (
          <li key={bar.key}>
            <button
              type="button"
              className="bar-row chart-link"
              data-count={bar.count}
              aria-label={`${bar.label}: ${formatCount(bar.count)} ${unit}. Show them`}
              onClick={bar.onOpen}
            >
              <span className="bar-label">{bar.label}</span>
              <span className="bar-track" aria-hidden="true">
                <span className={`bar-fill fill-${bar.tone}`} style={{ width: `${Math.max(1.5, (bar.count / max) * 100)}%` }} />
              </span>
              <span className="bar-value num">
                <span className="chart-count">{formatCount(bar.count)}</span>
                {total > 0 && <span className="bar-share"> {Math.round((bar.count / total) * 100)}%</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
