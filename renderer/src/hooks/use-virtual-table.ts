/**
 * A virtualised single-column table of fixed-height rows, read from main in windows: reports the
 * visible range (so the right window is fetched), jumps back to the top when the query changes, and
 * gives arrow-key/Page navigation between the rows' open buttons (`.row-open[data-index]`).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { useRovingList } from './use-roving-list';

export interface VirtualTableOptions {
  total: number;
  rowHeight: number;
  overscan: number;
  onRange(start: number, end: number): void;
  /** Changes whenever the query changes: the list scrolls back to the top. */
  resetKey: string;
}

export function useVirtualTable({ total, rowHeight, overscan, onRange, resetKey }: VirtualTableOptions) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // No React Compiler here; the virtualizer re-renders its component itself as the list scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;

  useEffect(() => onRange(first, last), [first, last, onRange]);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  const scrollToIndex = useCallback((index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }), [virtualizer]);
  const focusable = useCallback(
    (index: number) => scrollRef.current?.querySelector<HTMLElement>(`.row-open[data-index="${index}"]`) ?? null,
    [],
  );
  const onKeyDown: (event: KeyboardEvent<HTMLElement>) => void = useRovingList({
    count: total,
    columns: 1,
    pageRows: Math.max(1, rows.length - overscan),
    scrollToIndex,
    focusable,
  });
  return { scrollRef, virtualizer, rows, onKeyDown };
}
