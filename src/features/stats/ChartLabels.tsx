/**
 * A chart's axis labels as HTML over its SVG, placed in the SVG's own
 * units. Text inside an SVG is drawn at the drawing's scale, so each
 * chart's labels came in a font size of their own (a calendar's 10 units
 * on a phone are 5.2 px): the first frame that shows them built those
 * fonts, about half the layout of the Stats screen's slowest frames at 4x
 * CPU. Here they are in the page's font at one size, and read as well at
 * every width. Hidden from screen readers: the chart's name and its table
 * say the same.
 */
import type { CSSProperties, ReactNode } from 'react';

export interface ChartLabel {
  key: string | number;
  text: string;
  /** Where the label is anchored, in the SVG's viewBox units. */
  x: number;
  y: number;
  /** Which end of the text sits at `x` (as SVG's text-anchor). */
  anchor: 'start' | 'middle' | 'end';
}

const SHIFT: Record<ChartLabel['anchor'], string> = { start: '0', middle: '-50%', end: '-100%' };

/** `chart` (an SVG of `width` x `height` units, 100% wide) with `labels` over it; `small`: a size smaller (a calendar's month names). */
export function LabelledChart({ chart, labels, width, height, small = false }: { chart: ReactNode; labels: readonly ChartLabel[]; width: number; height: number; small?: boolean }) {
  return (
    <div className={small ? 'stats-plot small-labels' : 'stats-plot'}>
      {chart}
      <div className="stats-labels" aria-hidden="true">
        {labels.map((label) => {
          // The label's baseline at y: its box ends there.
          const style: CSSProperties = { left: `${(label.x / width) * 100}%`, top: `${(label.y / height) * 100}%`, transform: `translate(${SHIFT[label.anchor]}, -100%)` };
          return (
            <span key={label.key} style={style}>
              {label.text}
            </span>
          );
        })}
      </div>
    </div>
  );
}
