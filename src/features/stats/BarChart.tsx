/**
 * A bar chart in SVG drawn with the theme's colours (CSS custom properties,
 * so it reads in light and dark): one bar per value (all in one path), the
 * largest value and 0 on the left, some bars' labels underneath. An image
 * with a name for screen readers; its numbers are in the table next to it
 * (`ChartFigure`).
 */
import type { ReactNode } from 'react';

export interface Bar {
  /** What the bar stands for ("In 7 d", "90%–95%"). */
  label: string;
  value: number;
}

const WIDTH = 340;
const HEIGHT = 150;
const LEFT = 36;
const RIGHT = 4;
const TOP = 10;
const BOTTOM = 22;
/** The drawing's units: the tick labels' size on screen follows the chart's width. */
export const BAR_CHART_VIEW_BOX = `0 0 ${WIDTH} ${HEIGHT}`;

export function BarChart({
  bars,
  label,
  tickAt,
  formatValue,
  className,
}: {
  /** None: only the axes. */
  bars: readonly Bar[];
  /** The chart's accessible name. */
  label: string;
  /** Which bars get their label underneath. */
  tickAt: readonly number[];
  formatValue: (value: number) => string;
  className?: string;
}): ReactNode {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = plotWidth / Math.max(1, bars.length);
  const gap = Math.min(2, slot * 0.2);
  const baseline = TOP + plotHeight;
  // Every bar in one path: a chart is a handful of elements however many bars it has.
  const width = Math.max(0.5, slot - gap);
  const barsPath = bars
    .map((bar, index) => {
      const height = (bar.value / max) * plotHeight;
      return height > 0 ? `M${(LEFT + index * slot + gap / 2).toFixed(2)} ${baseline}v${(-height).toFixed(2)}h${width.toFixed(2)}v${height.toFixed(2)}z` : '';
    })
    .join('');
  return (
    <svg className={className ? `stats-chart ${className}` : 'stats-chart'} viewBox={BAR_CHART_VIEW_BOX} role="img" aria-label={label}>
      <line className="stats-grid" x1={LEFT} y1={TOP} x2={WIDTH - RIGHT} y2={TOP} />
      <line className="stats-axis" x1={LEFT} y1={baseline} x2={WIDTH - RIGHT} y2={baseline} />
      {bars.length > 0 && (
        <>
          <text className="stats-tick" x={LEFT - 4} y={TOP + 4} textAnchor="end">
            {formatValue(max)}
          </text>
          <text className="stats-tick" x={LEFT - 4} y={baseline} textAnchor="end">
            {formatValue(0)}
          </text>
        </>
      )}
      <path className="stats-bar" d={barsPath} />
      {tickAt.map((index) => {
        const bar = bars[index];
        if (!bar) return null;
        const x = LEFT + (index + 0.5) * slot;
        const anchor = index === 0 ? 'start' : index === bars.length - 1 ? 'end' : 'middle';
        return (
          <text key={index} className="stats-tick" x={anchor === 'start' ? LEFT + index * slot : anchor === 'end' ? LEFT + (index + 1) * slot : x} y={HEIGHT - 6} textAnchor={anchor}>
            {bar.label}
          </text>
        );
      })}
    </svg>
  );
}
