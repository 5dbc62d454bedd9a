/**
 * Every client, virtualised: organisation, contact, channels used against the maximum, how many of
 * its channels need action, the balance as last read, and when it was created (a client that is not
 * active says so under its name). The name opens the client's panel (contact, balance, channel
 * limit, its channels). The columns fit a 1024-pixel window beside the sidebar.
 */
import { memo } from 'react';
import type { ClientListItem } from '@shared/accounts';
import { formatCount, formatDate, formatMoney, sentenceCase } from '@shared/format';
import { useNow } from '../../hooks/use-now';
import { VirtualTableRow } from '../../components/VirtualTableRow';
import { useVirtualTable } from '../../hooks/use-virtual-table';
import { itemAt, type ShownList } from '../../state/windowed-list';
import { ChannelLimit } from './ChannelLimit';

const ROW_HEIGHT = 48;
const GRID = 'minmax(170px, 2fr) minmax(150px, 1.4fr) 124px 100px 112px 92px';

interface ClientTableProps {
  shown: ShownList<unknown, ClientListItem, unknown>;
  onRange(start: number, end: number): void;
  onOpen(id: string): void;
  resetKey: string;
}

export function ClientTable({ shown, onRange, onOpen, resetKey }: ClientTableProps) {
  const { scrollRef, virtualizer, rows, onKeyDown } = useVirtualTable({
    total: shown.total,
    rowHeight: ROW_HEIGHT,
    overscan: 8,
    onRange,
    resetKey,
  });

  return (
    <div className="list-scroll table-scroll" ref={scrollRef} onKeyDown={onKeyDown}>
      <div className="ch-table" role="table" aria-label="Clients" aria-rowcount={shown.total + 1}>
        <div className="ch-thead" role="rowgroup">
          <div className="ch-tr ch-tr-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: GRID }}>
            {['Client', 'Contact', 'Channels', 'Need action', 'Balance', 'Created'].map((title) => (
              <div key={title} role="columnheader" className="cell th">
                {title}
              </div>
            ))}
          </div>
        </div>
        <div className="ch-tbody" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const client = itemAt(shown, row.index);
            return (
              <VirtualTableRow
                key={row.key}
                index={row.index}
                start={row.start}
                height={ROW_HEIGHT}
                grid={GRID}
                className="ch-tr ch-tr-tall"
              >
                {client ? <ClientRow client={client} index={row.index} onOpen={onOpen} /> : null}
              </VirtualTableRow>
            );
          })}
        </div>
      </div>
    </div>
  );
}

const ClientRow = memo(function ClientRow({ client, index, onOpen }: { client: ClientListItem; index: number; onOpen(id: string): void }) {
  const now = useNow();
  const organisation = client.organisation && client.organisation !== client.name ? client.organisation : null;
  // "active" is the only status seen (reference §6.3): only another one is worth a word.
  const inactive = client.status && client.status.toLowerCase() !== 'active' ? sentenceCase(client.status.replace(/_/g, ' ')) : null;
  const balance = client.balance ? formatMoney(client.balance.amount, client.balance.currency) : null;
  return (
    <>
      <div role="cell" className="cell cell-stack">
        <button type="button" className="row-open" data-index={index} title={client.name} dir="auto" onClick={() => onOpen(client.id)}>
          {client.name}
        </button>
        {(organisation || client.partnerPayload || inactive) && (
          <span className="cell-sub">
            {inactive && <strong className="cell-pending">{inactive} · </strong>}
            {organisation && <bdi>{organisation}</bdi>}
            {organisation && client.partnerPayload && ' · '}
            {client.partnerPayload && <span title="Your tag (partner_payload)">Tag {client.partnerPayload}</span>}
          </span>
        )}
      </div>
      <div role="cell" className="cell cell-stack">
        <span className="cell-main" dir="auto">
          {client.contactName ?? <span className="muted">No contact</span>}
        </span>
        {client.email && <span className="cell-sub">{client.email}</span>}
      </div>
      <div role="cell" className="cell cell-stack">
        <ChannelLimit count={client.channelCount} max={client.maxChannels} />
        {client.pending && <span className="cell-sub cell-pending">{client.pending.label}</span>}
      </div>
      <div role="cell" className="cell num">
        {client.needsAction ? <span className="cell-action">{formatCount(client.needsAction)}</span> : <span className="muted">None</span>}
      </div>
      <div
        role="cell"
        className={client.balance && client.balance.amount <= 0 ? 'cell num cell-negative' : 'cell num'}
        title={
          client.balance
            ? `Read ${formatDate(client.balance.fetchedAt, now) ?? ''}`
            : 'Read when the client is opened (clients that pay 360dialog directly)'
        }
      >
        {balance ?? <span className="muted">—</span>}
      </div>
      <div role="cell" className="cell num muted">
        {formatDate(client.createdAt, now) ?? '—'}
      </div>
    </>
  );
});
