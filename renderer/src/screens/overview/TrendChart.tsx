/**
 * The book over time: one line per series (all channels, live, needing action), a point per day a
 * sync recorded, round ticks on a counted axis, dates along the bottom. Drawn as SVG here: the
 * charting libraries weighed (recharts, the maintained React choice) would bring Redux Toolkit,
 * Immer and d3 into the renderer (~150 kB gzipped) for this one line chart, draw mouse-first charts
 * whose parts are not keyboard links, and could not be installed into the shared dependency tree of
 * this round; the Overview's other charts are HTML bars, whose every part is a real button with its
 * number in text, which prints and reads aloud as it shows. The data is also a table for screen readers.
 */
import { useRef } from 'react';
import type { BookDay } from '@shared/book';
import { formatCompact, formatCount } from '@shared/format';
import { useElementWidth } from '../../hooks/use-element-width';
import { dayNumber, linear, niceTicks } from './chart-scale';

export interface TrendSeries {
  id: string;
  label: string;
  /** A CSS colour (a theme variable). */
  color: string;
  value(day: BookDay): number;
}

const HEIGHT = 220;
const MARGIN = { top: 12, right: 16, bottom: 28, left: 56 };

export function TrendChart({ days, series, title }: { days: readonly BookDay[]; series: readonly TrendSeries[]; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const width = Math.max(280, useElementWidth(ref, 640));
  const first = dayNumber(days[0]?.day ?? '1970-01-01');
  const last = dayNumber(days.at(-1)?.day ?? '1970-01-01');
  const max = Math.max(1, ...days.flatMap((day) => series.map((s) => s.value(day))));
  const ticks = niceTicks(max);
  const top = ticks.at(-1) ?? max;
  const x = linear(first, Math.max(last, first + 1), MARGIN.left, width - MARGIN.right);
  const y = linear(0, top, HEIGHT - MARGIN.bottom, MARGIN.top);
  const dateTicks = pickDateTicks(days, Math.max(2, Math.floor((width - MARGIN.left) / 90)));
  const spansYears = (days[0]?.day.slice(0, 4) ?? '') !== (days.at(-1)?.day.slice(0, 4) ?? '');
  const summary = series
    .map(
      (s) =>
        `${s.label} ${formatCount(s.value(days[0] as BookDay))} on ${dateLabel(days[0]?.day ?? '', true)}, ${formatCount(s.value(days.at(-1) as BookDay))} on ${dateLabel(days.at(-1)?.day ?? '', true)}`,
    )
    .join('; ');

  return (
    <div className="trend" ref={ref}>
      <svg className="trend-svg" width={width} height={HEIGHT} role="img" aria-label={`${title}: ${summary}`}>
        <text
          className="trend-axis-title"
          x={12}
          y={MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) / 2}
          transform={`rotate(-90 12 ${MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) / 2})`}
          textAnchor="middle"
        >
          Channels
        </text>
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="trend-grid" x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text className="trend-tick" x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
              {formatCompact(tick)}
            </text>
          </g>
        ))}
        {dateTicks.map((day) => (
          <text key={day} className="trend-tick" x={x(dayNumber(day))} y={HEIGHT - 8} textAnchor="middle">
            {dateLabel(day, spansYears)}
          </text>
        ))}
        {series.map((s) => (
          <g key={s.id} style={{ color: s.color }}>
            <polyline className="trend-line" points={days.map((day) => `${x(dayNumber(day.day))},${y(s.value(day))}`).join(' ')} />
            {days.map((day) => (
              <circle key={day.day} className="trend-point" cx={x(dayNumber(day.day))} cy={y(s.value(day))} r={days.length > 60 ? 1.5 : 3}>
                <title>{`${s.label}, ${dateLabel(day.day, true)}: ${formatCount(s.value(day))}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {series.map((s) => (
              <th key={s.id} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row">{dateLabel(day.day, true)}</th>
              {series.map((s) => (
                <td key={s.id}>{formatCount(s.value(day))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "12 Mar" (with the year when the chart spans years), read as a calendar day, not a time. */
export function dateLabel(day: string, withYear: boolean): string {
  const date = new Date(`${day}T12:00:00Z`);
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date);
}

/** At most `count` days, evenly spread, first and last included. */
function pickDateTicks(days: readonly BookDay[], count: number): string[] {
  if (days.length <= count) return days.map((d) => d.day);
  const picked = new Set<string>();
  for (let i = 0; i < count; i += 1) picked.add(days[Math.round((i * (days.length - 1)) / (count - 1))]?.day ?? '');
  return [...picked].filter(Boolean);
}
