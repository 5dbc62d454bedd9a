/** Search, sort and the cards/table switch: the first row above the list. */
import type { ChannelSort } from '@shared/accounts';
import { Icon } from '../../components/Icon';
import { SearchField } from '../../components/SearchField';
import type { ViewMode } from '../../state/ui-store';
import { ColumnsMenu } from './ColumnsMenu';
import { SORT_OPTIONS } from './filter-options';

interface AccountsToolbarProps {
  search: string;
  onSearch(value: string): void;
  onSearchDown(): void;
  sort: ChannelSort;
  direction: 'asc' | 'desc';
  onSort(sort: ChannelSort, direction: 'asc' | 'desc'): void;
  viewMode: ViewMode;
  onViewMode(mode: ViewMode): void;
}

export function AccountsToolbar({ search, onSearch, onSearchDown, sort, direction, onSort, viewMode, onViewMode }: AccountsToolbarProps) {
  return (
    <div className="toolbar">
      <SearchField
        value={search}
        onChange={onSearch}
        onDown={onSearchDown}
        label="Search channels"
        placeholder="Search company, display name, number, email or id"
      />
      <div className="toolbar-group">
        <label className="sort-select">
          <span className="visually-hidden">Sort by</span>
          <Icon name="sort" className="muted" />
          <select className="select select-sm" value={sort} onChange={(event) => onSort(event.target.value as ChannelSort, direction)}>
            {SORT_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="icon-btn"
          aria-label={direction === 'asc' ? 'Ascending order; switch to descending' : 'Descending order; switch to ascending'}
          title={direction === 'asc' ? 'Ascending' : 'Descending'}
          onClick={() => onSort(sort, direction === 'asc' ? 'desc' : 'asc')}
        >
          <Icon name={direction === 'asc' ? 'arrowUp' : 'arrowDown'} />
        </button>
        {viewMode === 'table' && <ColumnsMenu />}
        <div className="segmented" role="group" aria-label="View">
          <button type="button" aria-pressed={viewMode === 'cards'} onClick={() => onViewMode('cards')}>
            <Icon name="cards" />
            Cards
          </button>
          <button type="button" aria-pressed={viewMode === 'table'} onClick={() => onViewMode('table')}>
            <Icon name="table" />
            Table
          </button>
        </div>
      </div>
    </div>
  );
}
