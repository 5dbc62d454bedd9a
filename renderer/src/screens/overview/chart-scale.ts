/**
 * Axis arithmetic for the Overview's trend chart: "nice" round ticks (0, 250, 500 … rather than 0,
 * 237, 474) and a linear scale. A few lines of arithmetic; see TrendChart.tsx for why the charts
 * are drawn here rather than with a charting library.
 */

/** Round tick values from 0 to at least `max`: about `count` of them, steps of 1, 2, 2.5 or 5 × 10ⁿ. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Whole numbers only: counts of channels have no fractions (a step of 0.5 becomes 1).
  const whole = Math.max(1, Math.round(step));
  for (let value = 0; value <= top + whole / 2; value += whole) ticks.push(value);
  return ticks;
}

/** Maps [d0, d1] onto [r0, r1]. */
export function linear(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** Days since the epoch of a "YYYY-MM-DD" (UTC). */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}
