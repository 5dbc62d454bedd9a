/** One channel as a table row: the company cell is the button that opens the details; the first cell selects it. */
import { memo, type ReactNode } from 'react';
import type { ChannelListItem } from '@shared/accounts';
import { formatDate } from '@shared/format';
import { ToneBadge } from '../../components/ToneBadge';
import { ChannelSelectBox, type OnSelectChannel } from './ChannelSelectBox';
import { useNow } from '../../hooks/use-now';
import { ACTION_HINT_SHORT } from '@shared/status';
import { actionsText, companyOf, phoneOf } from './channel-text';
import type { ColumnDef, ColumnId } from './table-columns';

interface RowProps {
  channel: ChannelListItem;
  index: number;
  columns: readonly ColumnDef[];
  selected: boolean;
  onOpen(id: string): void;
  onSelect: OnSelectChannel;
}

export const ChannelTableRow = memo(function ChannelTableRow({ channel, index, columns, selected, onOpen, onSelect }: RowProps) {
  const { status } = channel;
  const now = useNow();
  const cells: Record<ColumnId, () => ReactNode> = {
    select: () => (
      <div role="cell" className="cell cell-select">
        <ChannelSelectBox channel={channel} index={index} selected={selected} onSelect={onSelect} />
      </div>
    ),
    company: () => (
      <div role="cell" className="cell cell-stack">
        <button
          type="button"
          className="row-open"
          data-index={index}
          title={companyOf(channel)}
          dir="auto"
          onClick={() => onOpen(channel.id)}
        >
          {companyOf(channel)}
        </button>
        <span className="cell-sub" title={channel.displayName ?? undefined} dir="auto">
          {channel.displayName ?? 'No display name'}
        </span>
      </div>
    ),
    phone: () => (
      <div role="cell" className="cell num cell-phone" title={phoneOf(channel)}>
        {phoneOf(channel)}
      </div>
    ),
    state: () => (
      <div role="cell" className="cell cell-stack">
        <ToneBadge tone={status.state.tone} label={status.state.label} title={status.state.description} />
        {channel.pending && <span className="cell-sub cell-pending">{channel.pending.label}</span>}
      </div>
    ),
    messageOnBehalf: () => (
      <div role="cell" className="cell">
        <ToneBadge tone={status.messageOnBehalf.tone} label={status.messageOnBehalf.label} />
      </div>
    ),
    metaBusinessVerification: () => (
      <div role="cell" className="cell">
        <ToneBadge tone={status.metaBusinessVerification.tone} label={status.metaBusinessVerification.label} />
      </div>
    ),
    numberRegistration: () => (
      <div role="cell" className="cell">
        <ToneBadge tone={status.numberRegistration.tone} label={status.numberRegistration.label} />
      </div>
    ),
    quality: () => (
      <div role="cell" className="cell">
        {status.qualityRating ? (
          <ToneBadge tone={status.qualityRating.tone} label={status.qualityRating.label} />
        ) : (
          <span className="muted">—</span>
        )}
      </div>
    ),
    limit: () => (
      <div role="cell" className="cell cell-text">
        {status.messagingLimit?.label ?? <span className="muted">—</span>}
      </div>
    ),
    created: () => (
      <div role="cell" className="cell num">
        {formatDate(channel.createdAt, now) ?? <span className="muted">—</span>}
      </div>
    ),
    modified: () => (
      <div role="cell" className="cell num">
        {formatDate(channel.modifiedAt ?? null, now) ?? <span className="muted">—</span>}
      </div>
    ),
    action: () => (
      <div
        role="cell"
        className={
          status.actionRequired?.tone === 'negative' ? 'cell cell-text cell-action cell-action-negative' : 'cell cell-text cell-action'
        }
        title={actionsText(channel)}
      >
        {status.actionRequired ? (
          <>
            {ACTION_HINT_SHORT[status.actionRequired.id]}
            {status.otherActions.length > 0 && <span className="cell-action-more"> +{status.otherActions.length}</span>}
          </>
        ) : (
          <span className="muted">None</span>
        )}
      </div>
    ),
  };
  return (
    <>
      {columns.map((column) => (
        <CellSlot key={column.id}>{cells[column.id]()}</CellSlot>
      ))}
    </>
  );
});

function CellSlot({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
