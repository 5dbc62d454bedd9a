/**
 * One positioned row of a virtualised ARIA table: its row index (after the header row), its place
 * in the scroll area, and a loading placeholder while main has not sent its window yet.
 */
import type { ReactNode } from 'react';

interface VirtualTableRowProps {
  index: number;
  start: number;
  height: number;
  grid: string;
  className: string;
  /** The row's cells, or null while the row is still loading. */
  children: ReactNode | null;
}

export function VirtualTableRow({ index, start, height, grid, className, children }: VirtualTableRowProps) {
  const loading = children === null;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={loading ? `${className} ch-tr-loading` : className}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: grid, height }}
    >
      {loading ? (
        <div role="cell" className="cell">
          <span className="sk sk-line" aria-label="Loading" />
        </div>
      ) : (
        children
      )}
    </div>
  );
}
