/**
 * The compact table view: one 46px row per channel, virtualised like the cards. ARIA table roles
 * with aria-rowcount/aria-rowindex tell screen readers the real size, not just the rendered rows.
 * Column headers that main can sort by are buttons carrying aria-sort. The columns fit the width
 * (table-columns.ts): Company, Number, State and Action always; the rest as room allows, chosen in
 * the Columns menu.
 */
import type { ChannelListItem, ChannelSort } from '@shared/accounts';
import { Icon } from '../../components/Icon';
import { VirtualTableRow } from '../../components/VirtualTableRow';
import { useElementWidth } from '../../hooks/use-element-width';
import { useVirtualTable } from '../../hooks/use-virtual-table';
import { itemAt, type ShownList } from '../../state/windowed-list';
import { useWs } from '../../state/workspace-context';
import { ChannelTableRow } from './ChannelTableRow';
import { tableLayout } from './table-columns';

export const ROW_HEIGHT = 46;

interface ChannelTableProps {
  shown: ShownList<unknown, ChannelListItem, unknown>;
  sort: ChannelSort;
  direction: 'asc' | 'desc';
  onSort(sort: ChannelSort): void;
  onRange(start: number, end: number): void;
  onOpen(id: string): void;
  resetKey: string;
  selected: ReadonlyMap<string, string | null>;
  onSelect(id: string, clientId: string | null, index: number, range: boolean): void;
}

export function ChannelTable({ shown, sort, direction, onSort, onRange, onOpen, resetKey, selected, onSelect }: ChannelTableProps) {
  const { scrollRef, virtualizer, rows, onKeyDown } = useVirtualTable({
    total: shown.total,
    rowHeight: ROW_HEIGHT,
    overscan: 10,
    onRange,
    resetKey,
  });
  const width = useElementWidth(scrollRef);
  const chosen = useWs('views', (s) => s.columns);
  const layout = tableLayout(width, chosen, sort);

  return (
    <div className="list-scroll table-scroll" ref={scrollRef} onKeyDown={onKeyDown}>
      <div
        className="ch-table"
        role="table"
        aria-label="WhatsApp accounts"
        aria-rowcount={shown.total + 1}
        data-columns={layout.columns.map((c) => c.id).join(' ')}
      >
        <div className="ch-thead" role="rowgroup">
          <div className="ch-tr ch-tr-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: layout.template }}>
            {layout.columns.map((column) => {
              const sorted = column.sort !== undefined && column.sort === sort;
              return (
                <div
                  key={column.id}
                  role="columnheader"
                  className={`cell th th-${column.id}`}
                  title={column.fullTitle}
                  aria-label={column.fullTitle}
                  aria-sort={sorted ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {column.sort ? (
                    <button
                      type="button"
                      className="th-sort"
                      aria-label={`Sort by ${column.fullTitle}`}
                      onClick={() => column.sort && onSort(column.sort)}
                    >
                      {column.title}
                      {sorted && <Icon name={direction === 'asc' ? 'arrowUp' : 'arrowDown'} size={12} />}
                    </button>
                  ) : column.id === 'select' ? (
                    <span className="visually-hidden">Selected</span>
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
              <VirtualTableRow
                key={row.key}
                index={row.index}
                start={row.start}
                height={ROW_HEIGHT}
                grid={layout.template}
                className={channel && selected.has(channel.id) ? 'ch-tr is-selected' : 'ch-tr'}
              >
                {channel ? (
                  <ChannelTableRow
                    channel={channel}
                    index={row.index}
                    columns={layout.columns}
                    selected={selected.has(channel.id)}
                    onOpen={onOpen}
                    onSelect={onSelect}
                  />
                ) : null}
              </VirtualTableRow>
            );
          })}
        </div>
      </div>
    </div>
  );
}
