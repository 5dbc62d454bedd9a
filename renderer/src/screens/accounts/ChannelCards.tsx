/**
 * The cards view: a virtualised grid. Only the rows on screen (plus a few) exist in the DOM, so
 * 50,000 channels cost the same as 50. Columns follow the width; each row of cards is as tall as
 * its tallest card (measured), so a card never cuts what it says.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import type { ChannelListItem, ChannelSort } from '@shared/accounts';
import { useElementWidth } from '../../hooks/use-element-width';
import { useRovingList } from '../../hooks/use-roving-list';
import { itemAt, type ShownList } from '../../state/windowed-list';
import { ChannelCard, ChannelCardSkeleton } from './ChannelCard';

/** A typical card's height, until its row is measured. */
export const CARD_HEIGHT = 238;
const GAP = 12;
const MIN_CARD_WIDTH = 320;
const PADDING = 20;

interface ChannelCardsProps {
  shown: ShownList<unknown, ChannelListItem, unknown>;
  onRange(start: number, end: number): void;
  onOpen(id: string): void;
  /** Changes with the query, so a new search starts at the top. */
  resetKey: string;
  selected: ReadonlyMap<string, string | null>;
  onSelect(id: string, clientId: string | null, index: number, range: boolean): void;
  sort: ChannelSort;
}

export function ChannelCards({ shown, onRange, onOpen, resetKey, selected, onSelect, sort }: ChannelCardsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scrollRef);
  const columns = Math.max(1, Math.floor((width - 2 * PADDING + GAP) / (MIN_CARD_WIDTH + GAP)));
  const rows = Math.ceil(shown.total / columns);

  // No React Compiler here; the virtualizer re-renders this component itself as the list scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT + GAP,
    overscan: 2,
    paddingStart: PADDING,
    paddingEnd: PADDING,
    gap: GAP,
    // Rows carry data-row; data-index belongs to the cards' buttons (keyboard movement).
    indexAttribute: 'data-row',
  });
  const virtualRows = virtualizer.getVirtualItems();
  const firstRow = virtualRows[0]?.index ?? 0;
  const lastRow = virtualRows[virtualRows.length - 1]?.index ?? 0;

  useEffect(() => {
    onRange(firstRow * columns, (lastRow + 1) * columns - 1);
  }, [firstRow, lastRow, columns, onRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  // Another number of columns regroups every row: what was measured no longer applies.
  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, columns]);

  const scrollToIndex = useCallback(
    (index: number) => virtualizer.scrollToIndex(Math.floor(index / columns), { align: 'auto' }),
    [virtualizer, columns],
  );
  const focusable = useCallback(
    (index: number) => scrollRef.current?.querySelector<HTMLElement>(`.card-open[data-index="${index}"]`) ?? null,
    [],
  );
  const onKeyDown = useRovingList({ count: shown.total, columns, pageRows: Math.max(1, virtualRows.length - 3), scrollToIndex, focusable });

  return (
    <div className="list-scroll" ref={scrollRef} onKeyDown={onKeyDown}>
      <div className="card-grid" role="list" aria-label="WhatsApp accounts" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((row) => (
          <div
            key={row.key}
            ref={virtualizer.measureElement}
            data-row={row.index}
            className="card-row"
            style={{
              transform: `translateY(${row.start}px)`,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              left: PADDING,
              right: PADDING,
            }}
          >
            {Array.from({ length: columns }, (_, column) => {
              const index = row.index * columns + column;
              if (index >= shown.total) return null;
              const channel = itemAt(shown, index);
              return channel ? (
                <ChannelCard
                  key={channel.id}
                  channel={channel}
                  index={index}
                  total={shown.total}
                  selected={selected.has(channel.id)}
                  sort={sort}
                  onOpen={onOpen}
                  onSelect={onSelect}
                />
              ) : (
                <ChannelCardSkeleton key={`sk-${index}`} index={index} total={shown.total} />
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
