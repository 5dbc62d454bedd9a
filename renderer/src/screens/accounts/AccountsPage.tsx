/**
 * The WhatsApp accounts page: every channel as a card (or a table row), searchable as you type,
 * filterable by state and activation statuses, sortable, with counts per state and "Download CSV"
 * top right as in the Partner Hub. Reads windows of the list from main; never the whole list.
 */
import { useCallback, useEffect } from 'react';
import type { ChannelSort } from '../../../../shared/accounts';
import { formatCount } from '../../../../shared/format';
import { Icon } from '../../components/Icon';
import { activeFilterCount, clearFilters, toChannelQuery, toggleValue, type ChannelFilters } from '../../state/channel-list';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { AccountsToolbar } from './AccountsToolbar';
import { ChannelCards } from './ChannelCards';
import { ChannelTable } from './ChannelTable';
import { ExportDialog } from './ExportDialog';
import { FilterRow } from './FilterRow';
import { ListMessage } from './ListMessage';
import { StateFilterBar } from './StateFilterBar';

export function AccountsPage() {
  const ws = useWorkspace();
  const filters = useWs('channels', (s) => s.query);
  const queryKey = useWs('channels', (s) => s.queryKey);
  const shown = useWs('channels', (s) => s.shown);
  const loading = useWs('channels', (s) => s.loading);
  const error = useWs('channels', (s) => s.error);
  const viewMode = useWs('ui', (s) => s.viewMode);
  const syncState = useWs('sync', (s) => s.status?.state ?? null);
  const everSynced = useWs('sync', (s) => Boolean(s.status?.lastSucceededAt));
  const allChannels = useWs('sync', (s) => s.status?.counts.channels ?? null);
  const exporting = useWs('ui', (s) => s.exportOpen);

  useEffect(() => ws.channels.getState().load(), [ws]);

  const setFilters = useCallback((next: ChannelFilters) => ws.channels.getState().setQuery(next), [ws]);
  const onRange = useCallback((start: number, end: number) => ws.channels.getState().setRange(start, end), [ws]);
  const onOpen = useCallback((id: string) => ws.ui.getState().openChannelDetails(id), [ws]);
  const onSort = useCallback(
    (sort: ChannelSort, direction: 'asc' | 'desc') => setFilters({ ...ws.channels.getState().query, sort, direction }),
    [ws, setFilters],
  );
  const onHeaderSort = useCallback(
    (sort: ChannelSort) => {
      const current = ws.channels.getState().query;
      onSort(sort, current.sort === sort && current.direction === 'asc' ? 'desc' : 'asc');
    },
    [ws, onSort],
  );

  const narrowed = activeFilterCount(filters) > 0 || filters.search.trim() !== '';
  const stale = loading && shown !== null && shown.key !== queryKey;

  return (
    <section className="page-body" aria-labelledby="page-title">
      <header className="page-head">
        <div>
          <h1 id="page-title" tabIndex={-1}>
            WhatsApp accounts
          </h1>
          <p className="page-sub" role="status" aria-live="polite">
            {resultSentence(shown?.total ?? null, allChannels, narrowed)}
          </p>
        </div>
        <button type="button" className="btn" onClick={() => ws.ui.getState().setExportOpen(true)}>
          <Icon name="download" />
          Download CSV
        </button>
      </header>
      <AccountsToolbar
        search={filters.search}
        onSearch={(search) => setFilters({ ...filters, search })}
        sort={filters.sort}
        direction={filters.direction}
        onSort={onSort}
        viewMode={viewMode}
        onViewMode={(mode) => ws.ui.getState().setViewMode(mode)}
      />
      <StateFilterBar
        counts={shown?.extra ?? null}
        selected={filters.states}
        onToggle={(state) => setFilters({ ...filters, states: toggleValue(filters.states, state) })}
        onAll={() => setFilters({ ...filters, states: [] })}
      />
      <FilterRow filters={filters} onChange={setFilters} />
      <div className={stale ? 'list-region is-stale' : 'list-region'} aria-busy={loading} data-shown-search={shown ? (shown.query as ChannelFilters).search.trim() : undefined}>
        {error && !shown ? (
          <ListMessage title="The list could not be read" error={error} action={<RetryButton onRetry={() => ws.channels.getState().retry()} />} />
        ) : !shown ? (
          <div className="list-loading" aria-label="Loading channels" />
        ) : shown.total === 0 ? (
          <EmptyList narrowed={narrowed} syncing={syncState === 'running'} everSynced={everSynced} onClear={() => setFilters({ ...clearFilters(filters), search: '' })} />
        ) : viewMode === 'cards' ? (
          <ChannelCards shown={shown} onRange={onRange} onOpen={onOpen} resetKey={shown.key} />
        ) : (
          <ChannelTable shown={shown} sort={filters.sort} direction={filters.direction} onSort={onHeaderSort} onRange={onRange} onOpen={onOpen} resetKey={shown.key} />
        )}
      </div>
      {exporting && (
        <ExportDialog
          viewQuery={toChannelQuery(filters, 0, 1)}
          viewCount={shown?.total ?? null}
          allCount={allChannels}
          filtered={narrowed}
          onClose={() => ws.ui.getState().setExportOpen(false)}
        />
      )}
    </section>
  );
}

function resultSentence(total: number | null, all: number | null, narrowed: boolean): string {
  if (total === null) return 'Reading the local copy…';
  const noun = (n: number) => (n === 1 ? 'channel' : 'channels');
  if (narrowed && all !== null) return `${formatCount(total)} of ${formatCount(all)} ${noun(all)}`;
  return `${formatCount(total)} ${noun(total)}`;
}

function RetryButton({ onRetry }: { onRetry(): void }) {
  return (
    <button type="button" className="btn" onClick={onRetry}>
      Try again
    </button>
  );
}

function EmptyList({ narrowed, syncing, everSynced, onClear }: { narrowed: boolean; syncing: boolean; everSynced: boolean; onClear(): void }) {
  if (narrowed) {
    return (
      <ListMessage
        title="No channels match"
        action={
          <button type="button" className="btn" onClick={onClear}>
            Clear search and filters
          </button>
        }
      >
        Try fewer words, part of a name or number, or fewer filters.
      </ListMessage>
    );
  }
  if (syncing || !everSynced) {
    return <ListMessage title="Syncing your accounts…">Your clients and channels appear here as soon as the first sync has written them.</ListMessage>;
  }
  return <ListMessage title="No channels yet">This partner has no WhatsApp channels. New ones appear here after the next sync.</ListMessage>;
}
