/**
 * The compact table view: one 40px row per channel, virtualised like the cards. ARIA table roles
 * with aria-rowcount/aria-rowindex tell screen readers the real size, not just the rendered rows.
 * Column headers that main can sort by are buttons carrying aria-sort.
 */
import type { ChannelListItem, ChannelSort } from '../../../../shared/accounts';
import { Icon } from '../../components/Icon';
import { VirtualTableRow } from '../../components/VirtualTableRow';
import { useVirtualTable } from '../../hooks/use-virtual-table';
import { itemAt, type ShownList } from '../../state/windowed-list';
import { ChannelTableRow } from './ChannelTableRow';
import { CHANNEL_COLUMNS, GRID_TEMPLATE } from './table-columns';

export const ROW_HEIGHT = 46;

interface ChannelTableProps {
  shown: ShownList<unknown, ChannelListItem, unknown>;
  sort: ChannelSort;
  direction: 'asc' | 'desc';
  onSort(sort: ChannelSort): void;
  onRange(start: number, end: number): void;
  onOpen(id: string): void;
  resetKey: string;
}

export function ChannelTable({ shown, sort, direction, onSort, onRange, onOpen, resetKey }: ChannelTableProps) {
  const { scrollRef, virtualizer, rows, onKeyDown } = useVirtualTable({ total: shown.total, rowHeight: ROW_HEIGHT, overscan: 10, onRange, resetKey });

  return (
    <div className="list-scroll table-scroll" ref={scrollRef} onKeyDown={onKeyDown}>
      <div className="ch-table" role="table" aria-label="WhatsApp accounts" aria-rowcount={shown.total + 1}>
        <div className="ch-thead" role="rowgroup">
          <div className="ch-tr ch-tr-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: GRID_TEMPLATE }}>
            {CHANNEL_COLUMNS.map((column) => {
              const sorted = column.sort !== undefined && column.sort === sort;
              return (
                <div
                  key={column.id}
                  role="columnheader"
                  className="cell th"
                  title={column.fullTitle}
                  aria-label={column.fullTitle}
                  aria-sort={sorted ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {column.sort ? (
                    <button type="button" className="th-sort" aria-label={`Sort by ${column.fullTitle}`} onClick={() => column.sort && onSort(column.sort)}>
                      {column.title}
                      {sorted && <Icon name={direction === 'asc' ? 'arrowUp' : 'arrowDown'} size={12} />}
                    </button>
                  ) : (
                    column.title
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div className="ch-tbody" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const channel = itemAt(shown, row.index);
            return (
              <VirtualTableRow key={row.key} index={row.index} start={row.start} height={ROW_HEIGHT} grid={GRID_TEMPLATE} className="ch-tr">
                {channel ? <ChannelTableRow channel={channel} index={row.index} onOpen={onOpen} /> : null}
              </VirtualTableRow>
            );
          })}
        </div>
      </div>
    </div>
  );
}
