/**
 * Conversations per period, stacked by category, as a small SVG bar chart. The chart is a picture
 * (role="img" with a summary); the same numbers are in the table beside it for screen readers and
 * for reading exact values.
 */
import { formatCompact, formatCount } from '@shared/format';
import { CATEGORY_LABELS, USAGE_CATEGORIES, niceCeiling, type UsageSeries } from './usage-series';

const WIDTH = 860;
const HEIGHT = 190;
const LEFT = 56;
const BOTTOM = 22;
const TOP = 8;

/** A period as the month it is ("Jan 2026"); "Jan 26" read as the 26th of January. */
export function periodLabel(period: string | null, locale?: string): string {
  if (!period) return '?';
  const date = new Date(period);
  return Number.isNaN(date.getTime())
    ? period.slice(0, 7)
    : date.toLocaleDateString(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function UsageChart({ series }: { series: UsageSeries }) {
  const ceiling = niceCeiling(series.max);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT) / Math.max(1, series.bars.length);
  const barWidth = Math.min(36, slot * 0.62);
  const y = (value: number) => TOP + plotHeight - (value / ceiling) * plotHeight;
  const total = USAGE_CATEGORIES.reduce((sum, c) => sum + series.totals[c], 0);
  const summary = `Conversations over the last ${series.bars.length} periods: ${formatCount(total)} in all, ${USAGE_CATEGORIES.map(
    (c) => `${CATEGORY_LABELS[c]} ${formatCount(series.totals[c])}`,
  ).join(', ')}.`;

  return (
    <figure className="usage-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        {/* The axis says what it counts. */}
        <text
          className="chart-axis"
          x={12}
          y={TOP + plotHeight / 2}
          transform={`rotate(-90 12 ${TOP + plotHeight / 2})`}
          textAnchor="middle"
        >
          Conversations
        </text>
        {[0, 0.5, 1].map((fraction) => (
          <g key={fraction}>
            <line className="chart-grid" x1={LEFT} x2={WIDTH} y1={y(ceiling * fraction)} y2={y(ceiling * fraction)} />
            <text className="chart-axis" x={LEFT - 6} y={y(ceiling * fraction) + 4} textAnchor="end">
              {formatCompact(ceiling * fraction)}
            </text>
          </g>
        ))}
        {series.bars.map((bar, index) => {
          const x = LEFT + index * slot + (slot - barWidth) / 2;
          let stacked = 0;
          return (
            <g key={bar.period ?? index}>
              {USAGE_CATEGORIES.map((category) => {
                const value = bar.values[category];
                if (value <= 0) return null;
                const top = y(stacked + value);
                const height = y(stacked) - top;
                stacked += value;
                return (
                  <rect key={category} className={`bar bar-${category}`} x={x} y={top} width={barWidth} height={Math.max(0, height)} />
                );
              })}
              <text className="chart-axis" x={x + barWidth / 2} y={HEIGHT - 6} textAnchor="middle">
                {periodLabel(bar.period)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        {USAGE_CATEGORIES.map((category) => (
          <span key={category} className="legend-item">
            <span className={`legend-swatch bar-${category}`} aria-hidden="true" />
            {CATEGORY_LABELS[category]} <span className="num muted">{formatCount(series.totals[category])}</span>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
