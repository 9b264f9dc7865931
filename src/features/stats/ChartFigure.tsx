/**
 * A chart with its numbers in words: the chart, a caption that says what it
 * shows in a sentence or two, and "Show as table" with every number (the
 * table is made only once opened, so a year of days costs nothing until
 * someone asks for it).
 */
import { useState, type ReactNode } from 'react';
import { useScreenT } from '../../ui/i18n';
import { STATS_MESSAGES } from '../../ui/i18n/screens/stats';

export function ChartFigure({ chart, caption, table }: { chart: ReactNode; caption: ReactNode; table: () => ReactNode }) {
  const ts = useScreenT(STATS_MESSAGES);
  const [isOpen, setIsOpen] = useState(false);
  return (
    <figure className="stats-figure">
      {chart}
      <figcaption>{caption}</figcaption>
      <details className="stats-details" onToggle={(event) => setIsOpen(event.currentTarget.open)}>
        <summary>{ts('statsShowTable')}</summary>
        {isOpen && table()}
      </details>
    </figure>
  );
}
