/**
 * One channel as a card, as in the Partner Hub: company, display name and number, the state, the
 * three activation statuses, quality and limit where known, and the "action required" hint. Nothing
 * on a card is ever cut: a badge too wide for its row moves below its label, a long hint wraps, and
 * the card (and its row of the grid) grows to fit. A checkbox selects it for bulk actions.
 */
import { memo } from 'react';
import type { ChannelListItem, ChannelSort } from '@shared/accounts';
import { ACTION_HINT_TEXT, ACTIVATION_COLUMNS, ACTIVATION_FIELDS } from '@shared/status';
import { Icon } from '../../components/Icon';
import { ToneBadge } from '../../components/ToneBadge';
import { ChannelSelectBox, type OnSelectChannel } from './ChannelSelectBox';
import { actionsText, companyOf, phoneOf, qualityLine, sortDateLine } from './channel-text';

interface ChannelCardProps {
  channel: ChannelListItem;
  index: number;
  total: number;
  selected: boolean;
  /** The list's sort: sorted by a date, the card says that date. */
  sort: ChannelSort;
  onOpen(id: string): void;
  onSelect: OnSelectChannel;
}

export const ChannelCard = memo(function ChannelCard({ channel, index, total, selected, sort, onOpen, onSelect }: ChannelCardProps) {
  const titleId = `card-${channel.id}`;
  const { status } = channel;
  const quality = qualityLine(channel);
  const dateLine = sortDateLine(channel, sort);
  const display = channel.displayName && channel.displayName !== channel.companyName ? channel.displayName : null;
  return (
    <div
      className={selected ? 'ch-card is-selected' : 'ch-card'}
      role="listitem"
      aria-labelledby={titleId}
      aria-posinset={index + 1}
      aria-setsize={total}
    >
      <header className="ch-card-head">
        <ChannelSelectBox channel={channel} index={index} selected={selected} onSelect={onSelect} />
        <h2 className="ch-company" id={titleId} dir="auto">
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
          // The separator goes with the name: a name that wraps takes its "·" to the next line.
          <span className="ch-display">
            <span aria-hidden="true">· </span>
            <bdi>{display}</bdi>
          </span>
        )}
      </p>
      <dl className="ch-activation">
        {ACTIVATION_FIELDS.map((field) => (
          <div key={field} className="ch-activation-row">
            <dt>{ACTIVATION_COLUMNS[field]}</dt>
            <dd>
              <ToneBadge tone={status[field].tone} label={status[field].label} />
            </dd>
          </div>
        ))}
      </dl>
      <p className={quality ? 'ch-quality' : 'ch-quality muted'}>{quality ?? 'No quality rating or messaging limit yet'}</p>
      {dateLine && <p className="ch-date muted">{dateLine}</p>}
      <footer className="ch-card-foot">
        {status.actionRequired ? (
          <p
            className={status.actionRequired.tone === 'negative' ? 'ch-action ch-action-negative' : 'ch-action'}
            title={actionsText(channel)}
          >
            <Icon name="alert" size={14} />
            <span className="visually-hidden">Action required: </span>
            {/* The sentence (a setup error's message is in the tooltip and the details), whole. */}
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
        <button
          type="button"
          className="btn btn-sm card-open"
          data-index={index}
          aria-label={`Show details of ${companyOf(channel)}, ${phoneOf(channel)}`}
          onClick={() => onOpen(channel.id)}
        >
          Show details
        </button>
      </footer>
    </div>
  );
});

/** A box while its page is on the way (its row is measured again when the card arrives). */
export function ChannelCardSkeleton({ index, total }: { index: number; total: number }) {
  return (
    <div className="ch-card ch-card-skeleton" role="listitem" aria-posinset={index + 1} aria-setsize={total} aria-label="Loading">
      <div className="sk sk-title" />
      <div className="sk sk-line" />
      <div className="sk sk-block" />
    </div>
  );
}
