/**
 * The WhatsApp accounts page: every channel as a card (or a table row), searchable as you type,
 * filterable by state and activation statuses, sortable, with counts per state and "Download CSV"
 * top right as in the Partner Hub. Channels can be selected (click, Shift+click, Space, Ctrl/Cmd+A
 * within the filtered list) and acted on together; the list as filtered can be saved as a view.
 * Reads windows of the list from main; never the whole list.
 */
import { useCallback, useState, useEffect, type KeyboardEvent } from 'react';
import type { ChannelSort } from '@shared/accounts';
import { formatCount } from '@shared/format';
import { Icon } from '../../components/Icon';
import { activeFilterCount, clearFilters, toChannelQuery, toggleValue, type ChannelFilters } from '../../state/channel-list';
import { itemAt } from '../../state/windowed-list';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { isTypingTarget } from '../workspace/shortcuts';
import { AccountsToolbar } from './AccountsToolbar';
import { BulkDialog, type BulkKind } from './BulkDialog';
import { ChannelCards } from './ChannelCards';
import { ChannelTable } from './ChannelTable';
import { ExportDialog } from './ExportDialog';
import { FilterRow } from './FilterRow';
import { ListMessage } from './ListMessage';
import { SaveViewDialog } from './SaveViewDialog';
import { SelectionBar } from './SelectionBar';
import { StateFilterBar } from './StateFilterBar';
import { PageHeader } from '../../components/PageHeader';

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
  const selected = useWs('selection', (s) => s.selected);
  const views = useWs('views', (s) => s.views);
  const [bulk, setBulk] = useState<BulkKind | null>(null);
  const [exportSelection, setExportSelection] = useState(false);
  const [savingView, setSavingView] = useState(false);

  useEffect(() => ws.channels.getState().load(), [ws]);

  const setFilters = useCallback((next: ChannelFilters) => ws.channels.getState().setQuery(next), [ws]);
  const onRange = useCallback((start: number, end: number) => ws.channels.getState().setRange(start, end), [ws]);
  const onOpen = useCallback((id: string) => ws.ui.getState().openChannelDetails(id), [ws]);
  const onSelect = useCallback(
    (id: string, clientId: string | null, index: number, range: boolean) => {
      const selection = ws.selection.getState();
      if (range && selection.anchor !== null) void selection.extendTo(index);
      else selection.toggle(id, clientId, index);
    },
    [ws],
  );
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

  /** ↓ from the search box: the first card's or row's button. */
  function focusFirstResult() {
    document.querySelector<HTMLElement>('.list-region .card-open[data-index="0"], .list-region .row-open[data-index="0"]')?.focus();
  }

  /** Ctrl/Cmd+A selects the filtered list, Space the focused channel, Esc lets go of the selection. */
  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      void ws.selection.getState().selectAll();
      return;
    }
    if (event.key === 'Escape' && ws.selection.getState().selected.size > 0) {
      event.preventDefault();
      ws.selection.getState().clear();
      return;
    }
    if (event.key === ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const holder = (event.target as HTMLElement).closest<HTMLElement>('.card-open[data-index], .row-open[data-index]');
      if (!holder || !shown) return;
      const index = Number(holder.dataset.index);
      const channel = itemAt(shown, index);
      if (!channel) return;
      event.preventDefault();
      onSelect(channel.id, channel.clientId, index, event.shiftKey);
    }
  }

  const selectionIds = [...selected.keys()];
  return (
    <section className="page-body accounts-page" aria-labelledby="page-title" onKeyDown={onKeyDown}>
      <PageHeader title="WhatsApp accounts" compact sub={resultSentence(shown?.total ?? null, allChannels, narrowed)}>
        <div className="page-actions">
          <button type="button" className="btn btn-sm" onClick={() => setSavingView(true)}>
            <Icon name="bookmark" />
            Save view
          </button>
          <button type="button" className="btn btn-sm" onClick={() => ws.ui.getState().setExportOpen(true)}>
            <Icon name="download" />
            Download CSV
          </button>
        </div>
      </PageHeader>
      <AccountsToolbar
        search={filters.search}
        onSearch={(search) => setFilters({ ...filters, search })}
        onSearchDown={focusFirstResult}
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
      {selected.size > 0 && (
        <SelectionBar
          onExport={() => {
            setExportSelection(true);
            ws.ui.getState().setExportOpen(true);
          }}
          onBulk={setBulk}
        />
      )}
      <div
        className={stale ? 'list-region is-stale' : 'list-region'}
        aria-busy={loading}
        data-shown-search={shown ? (shown.query as ChannelFilters).search.trim() : undefined}
      >
        {error && !shown ? (
          <ListMessage
            title="The list could not be read"
            error={error}
            action={<RetryButton onRetry={() => ws.channels.getState().retry()} />}
          />
        ) : !shown ? (
          <div className="list-loading" aria-label="Loading channels" />
        ) : shown.total === 0 ? (
          <EmptyList
            narrowed={narrowed}
            syncing={syncState === 'running'}
            everSynced={everSynced}
            onClear={() => setFilters({ ...clearFilters(filters), search: '' })}
          />
        ) : viewMode === 'cards' ? (
          <ChannelCards
            shown={shown}
            onRange={onRange}
            onOpen={onOpen}
            resetKey={shown.key}
            selected={selected}
            onSelect={onSelect}
            sort={filters.sort}
          />
        ) : (
          <ChannelTable
            shown={shown}
            sort={filters.sort}
            direction={filters.direction}
            onSort={onHeaderSort}
            onRange={onRange}
            onOpen={onOpen}
            resetKey={shown.key}
            selected={selected}
            onSelect={onSelect}
          />
        )}
      </div>
      {exporting && (
        <ExportDialog
          viewQuery={toChannelQuery(filters, 0, 1)}
          viewCount={shown?.total ?? null}
          allCount={allChannels}
          filtered={narrowed}
          selection={exportSelection && selectionIds.length > 0 ? selectionIds : null}
          onClose={() => {
            setExportSelection(false);
            ws.ui.getState().setExportOpen(false);
          }}
        />
      )}
      {bulk && (
        <BulkDialog
          kind={bulk}
          channelIds={selectionIds}
          clientIds={[...new Set([...selected.values()].filter((id): id is string => id !== null))]}
          onClose={() => setBulk(null)}
          onQueued={() => ws.selection.getState().clear()}
        />
      )}
      {savingView && (
        <SaveViewDialog
          existing={views.map((view) => view.name)}
          onSave={(name) => ws.views.getState().save(name, ws.channels.getState().query, viewMode)}
          onClose={() => setSavingView(false)}
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

function EmptyList({
  narrowed,
  syncing,
  everSynced,
  onClear,
}: {
  narrowed: boolean;
  syncing: boolean;
  everSynced: boolean;
  onClear(): void;
}) {
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
    return (
      <ListMessage title="Syncing your accounts…">
        Your clients and channels appear here as soon as the first sync has written them.
      </ListMessage>
    );
  }
  return (
    <ListMessage title="No channels yet">This partner has no WhatsApp channels. New ones appear here after the next sync.</ListMessage>
  );
}
