/**
 * One channel as a card, as in the Partner Hub: company, display name and number, the state, the
 * three activation statuses, quality and limit where known, and the "action required" hint. Fixed
 * height, so the virtualised grid never jumps while pages stream in.
 */
import { memo } from 'react';
import type { ChannelListItem } from '../../../../shared/accounts';
import { ACTION_HINT_TEXT, ACTIVATION_COLUMNS, ACTIVATION_FIELDS } from '../../../../shared/status';
import { Icon } from '../../components/Icon';
import { ToneBadge } from '../../components/ToneBadge';
import { actionsText, companyOf, phoneOf, qualityLine } from './channel-text';

interface ChannelCardProps {
  channel: ChannelListItem;
  index: number;
  total: number;
  onOpen(id: string): void;
}

export const ChannelCard = memo(function ChannelCard({ channel, index, total, onOpen }: ChannelCardProps) {
  const titleId = `card-${channel.id}`;
  const { status } = channel;
  const quality = qualityLine(channel);
  const display = channel.displayName && channel.displayName !== channel.companyName ? channel.displayName : null;
  return (
    <div className="ch-card" role="listitem" aria-labelledby={titleId} aria-posinset={index + 1} aria-setsize={total}>
      <header className="ch-card-head">
        <h2 className="ch-company" id={titleId} title={companyOf(channel)}>
          {companyOf(channel)}
        </h2>
        <span className="ch-badges">
          {channel.pending && <ToneBadge tone="attention" label={channel.pending.label} title="Waiting in the outbox" />}
          <ToneBadge tone={status.state.tone} label={status.state.label} title={status.state.description} size="md" />
        </span>
      </header>
      <p className="ch-sub">
        <span className="ch-phone num">{phoneOf(channel)}</span>
        {display && (
          <>
            <span aria-hidden="true"> · </span>
            <span className="ch-display" title={display}>
              {display}
            </span>
          </>
        )}
      </p>
      <dl className="ch-activation">
        {ACTIVATION_FIELDS.map((field) => (
          <div key={field} className="ch-activation-row">
            <dt>{ACTIVATION_COLUMNS[field]}</dt>
            <dd>
              <ToneBadge tone={status[field].tone} label={status[field].label} title={status[field].label} />
            </dd>
          </div>
        ))}
      </dl>
      <p className={quality ? 'ch-quality' : 'ch-quality muted'}>{quality ?? 'No quality rating or messaging limit yet'}</p>
      <footer className="ch-card-foot">
        {status.actionRequired ? (
          <p className={status.actionRequired.tone === 'negative' ? 'ch-action ch-action-negative' : 'ch-action'} title={actionsText(channel)}>
            <Icon name="alert" size={14} />
            <span className="visually-hidden">Action required: </span>
            {/* The sentence alone (a setup error's message is in the tooltip): it always fits two lines. */}
            <span className="ch-action-text">{ACTION_HINT_TEXT[status.actionRequired.id]}</span>
            {status.otherActions.length > 0 && (
              <span className="ch-action-more">
                +{status.otherActions.length}
                <span className="visually-hidden"> more: {status.otherActions.map((action) => action.text).join('; ')}</span>
              </span>
            )}
          </p>
        ) : (
          <p className="ch-no-action">
            <Icon name="check" size={14} />
            No action required
          </p>
        )}
        <button type="button" className="btn btn-sm card-open" data-index={index} aria-label={`Show details of ${companyOf(channel)}, ${phoneOf(channel)}`} onClick={() => onOpen(channel.id)}>
          Show details
        </button>
      </footer>
    </div>
  );
});

/** The same box while its page is on the way: same size, so nothing moves when it arrives. */
export function ChannelCardSkeleton({ index, total }: { index: number; total: number }) {
  return (
    <div className="ch-card ch-card-skeleton" role="listitem" aria-posinset={index + 1} aria-setsize={total} aria-label="Loading">
      <div className="sk sk-title" />
      <div className="sk sk-line" />
      <div className="sk sk-block" />
    </div>
  );
}
