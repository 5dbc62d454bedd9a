/**
 * A channel's selection box, on its card and in its table row. The click (not the change) selects,
 * because only the click says whether Shift was held (a range from the last one selected).
 */
import type { MouseEvent } from 'react';
import type { ChannelListItem } from '@shared/accounts';
import { companyOf, phoneOf } from './channel-text';

export type OnSelectChannel = (id: string, clientId: string | null, index: number, range: boolean) => void;

export function ChannelSelectBox({
  channel,
  index,
  selected,
  onSelect,
}: {
  channel: ChannelListItem;
  index: number;
  selected: boolean;
  onSelect: OnSelectChannel;
}) {
  return (
    <input
      type="checkbox"
      className="select-box"
      checked={selected}
      aria-label={`Select ${companyOf(channel)}, ${phoneOf(channel)}`}
      onChange={() => undefined}
      onClick={(event: MouseEvent<HTMLInputElement>) => onSelect(channel.id, channel.clientId, index, event.shiftKey)}
    />
  );
}
