/** One channel as a table row: the company cell is the button that opens the details. */
import { memo } from 'react';
import type { ChannelListItem } from '../../../../shared/accounts';
import { ACTION_HINT_SHORT } from '../../../../shared/status';
import { ToneBadge } from '../../components/ToneBadge';
import { actionsText, companyOf, phoneOf } from './channel-text';

interface RowProps {
  channel: ChannelListItem;
  index: number;
  onOpen(id: string): void;
}

export const ChannelTableRow = memo(function ChannelTableRow({ channel, index, onOpen }: RowProps) {
  const { status } = channel;
  return (
    <>
      <div role="cell" className="cell cell-stack">
        <button type="button" className="row-open" data-index={index} title={companyOf(channel)} onClick={() => onOpen(channel.id)}>
          {companyOf(channel)}
        </button>
        <span className="cell-sub" title={channel.displayName ?? undefined}>
          {channel.displayName ?? 'No display name'}
        </span>
      </div>
      <div role="cell" className="cell num cell-phone" title={phoneOf(channel)}>
        {phoneOf(channel)}
      </div>
      <div role="cell" className="cell cell-stack">
        <ToneBadge tone={status.state.tone} label={status.state.label} title={status.state.description} />
        {channel.pending && <span className="cell-sub cell-pending">{channel.pending.label}</span>}
      </div>
      <div role="cell" className="cell">
        <ToneBadge tone={status.messageOnBehalf.tone} label={status.messageOnBehalf.label} title={status.messageOnBehalf.label} />
      </div>
      <div role="cell" className="cell">
        <ToneBadge tone={status.metaBusinessVerification.tone} label={status.metaBusinessVerification.label} title={status.metaBusinessVerification.label} />
      </div>
      <div role="cell" className="cell">
        <ToneBadge tone={status.numberRegistration.tone} label={status.numberRegistration.label} title={status.numberRegistration.label} />
      </div>
      <div role="cell" className="cell">
        {status.qualityRating ? <ToneBadge tone={status.qualityRating.tone} label={status.qualityRating.label} /> : <span className="muted">—</span>}
      </div>
      <div role="cell" className={status.actionRequired?.tone === 'negative' ? 'cell cell-text cell-action cell-action-negative' : 'cell cell-text cell-action'} title={actionsText(channel)}>
        {status.actionRequired ? (
          <>
            {ACTION_HINT_SHORT[status.actionRequired.id]}
            {status.otherActions.length > 0 && <span className="cell-action-more"> +{status.otherActions.length}</span>}
          </>
        ) : (
          <span className="muted">None</span>
        )}
      </div>
    </>
  );
});
