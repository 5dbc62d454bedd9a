/**
 * Arrow-key movement through a virtualised list or grid: the focused item carries `data-index`;
 * arrows move by one (or by a row in a grid), Page Up/Down by a screen, Home/End to the ends. The
 * target is scrolled into view first, then focused once it is rendered. j/k work too, as in
 * Linear and GitHub.
 */
import { useCallback, type KeyboardEvent } from 'react';

interface RovingOptions {
  count: number;
  /** Items per row (1 for a table). */
  columns: number;
  /** Rows per screen, for Page Up/Down. */
  pageRows: number;
  scrollToIndex(index: number): void;
  /** The focusable element of item `index`, if rendered. */
  focusable(index: number): HTMLElement | null;
}

export function useRovingList({ count, columns, pageRows, scrollToIndex, focusable }: RovingOptions) {
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const holder = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (!holder) return;
      const index = Number(holder.dataset.index);
      const moves: Record<string, number> = {
        ArrowDown: index + columns,
        j: index + columns,
        ArrowUp: index - columns,
        k: index - columns,
        ArrowRight: columns > 1 ? index + 1 : index,
        ArrowLeft: columns > 1 ? index - 1 : index,
        PageDown: index + columns * pageRows,
        PageUp: index - columns * pageRows,
        Home: 0,
        End: count - 1,
      };
      const target = moves[event.key];
      if (target === undefined || count === 0) return;
      event.preventDefault();
      const clamped = Math.max(0, Math.min(count - 1, target));
      if (clamped === index) return;
      scrollToIndex(clamped);
      // The row may need a frame (or two, if its page is being fetched) to be rendered.
      let tries = 0;
      const focusWhenRendered = () => {
        const element = focusable(clamped);
        if (element) element.focus({ preventScroll: true });
        else if (tries++ < 30) requestAnimationFrame(focusWhenRendered);
      };
      requestAnimationFrame(focusWhenRendered);
    },
    [count, columns, pageRows, scrollToIndex, focusable],
  );
}
