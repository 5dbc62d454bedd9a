/**
 * The Clients page: every client with organisation, contact and channels used against their
 * maximum, searchable and sortable; a client opens its panel (balance, limit, channels).
 */
import { useCallback, useEffect } from 'react';
import { formatCount } from '@shared/format';
import { Icon } from '../../components/Icon';
import { SearchField } from '../../components/SearchField';
import type { ClientFilters, ClientSort } from '../../state/client-list';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { ListMessage } from '../accounts/ListMessage';
import { ClientTable } from './ClientTable';
import { PageHeader } from '../../components/PageHeader';

const SORTS: readonly { value: ClientSort; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'channels', label: 'Channels' },
  { value: 'created', label: 'Created' },
  { value: 'modified', label: 'Last changed' },
];

export function ClientsPage() {
  const ws = useWorkspace();
  const filters = useWs('clients', (s) => s.query);
  const shown = useWs('clients', (s) => s.shown);
  const loading = useWs('clients', (s) => s.loading);
  const error = useWs('clients', (s) => s.error);
  const allClients = useWs('sync', (s) => s.status?.counts.clients ?? null);

  useEffect(() => ws.clients.getState().load(), [ws]);

  const setFilters = useCallback((next: ClientFilters) => ws.clients.getState().setQuery(next), [ws]);
  const onRange = useCallback((start: number, end: number) => ws.clients.getState().setRange(start, end), [ws]);
  const onOpen = useCallback((id: string) => ws.ui.getState().openClient(id), [ws]);
  const searching = filters.search.trim() !== '';

  return (
    <section className="page-body" aria-labelledby="page-title">
      <PageHeader
        title="Clients"
        sub={
          shown === null
            ? 'Reading the local copy…'
            : searching && allClients !== null
              ? `${formatCount(shown.total)} of ${formatCount(allClients)} clients`
              : `${formatCount(shown.total)} clients`
        }
      >
        <button type="button" className="btn" onClick={() => ws.ui.getState().openLinkDialog(null)}>
          <Icon name="userPlus" />
          New client…
        </button>
      </PageHeader>
      <div className="toolbar">
        <SearchField
          value={filters.search}
          onChange={(search) => setFilters({ ...filters, search })}
          label="Search clients"
          placeholder="Search name, contact, email, number, tag or id"
        />
        <div className="toolbar-group">
          <label className="sort-select">
            <span className="visually-hidden">Sort clients by</span>
            <select
              className="select select-sm"
              value={`${filters.sort}:${filters.direction}`}
              onChange={(event) => {
                const [sort, direction] = event.target.value.split(':') as [ClientSort, 'asc' | 'desc'];
                setFilters({ ...filters, sort, direction });
              }}
            >
              {SORTS.flatMap((option) => [
                <option key={`${option.value}:asc`} value={`${option.value}:asc`}>
                  {option.label} ↑
                </option>,
                <option key={`${option.value}:desc`} value={`${option.value}:desc`}>
                  {option.label} ↓
                </option>,
              ])}
            </select>
          </label>
        </div>
      </div>
      <div className="list-region" aria-busy={loading}>
        {error && !shown ? (
          <ListMessage
            title="The clients could not be read"
            error={error}
            action={
              <button type="button" className="btn" onClick={() => ws.clients.getState().retry()}>
                Try again
              </button>
            }
          />
        ) : !shown ? (
          <div className="list-loading" aria-label="Loading clients" />
        ) : shown.total === 0 ? (
          <ListMessage title={searching ? 'No clients match' : 'No clients yet'}>
            {searching ? 'Try part of the name, the contact or the email.' : 'Clients appear here after the first sync.'}
          </ListMessage>
        ) : (
          <ClientTable shown={shown} onRange={onRange} onOpen={onOpen} resetKey={shown.key} />
        )}
      </div>
    </section>
  );
}
