/**
 * Counts per state, as toggle chips: "All 50,000 · Live 31,204 · Draft 4,118 ...". Counts come with
 * every page (for the search and the other filters), so they follow the typing. A chip is a
 * toggle button (aria-pressed); several states can be chosen at once.
 */
import { CHANNEL_STATES, type ChannelStateId } from '../../../../shared/status';
import { formatCount } from '../../../../shared/format';
import type { CountsByState } from '../../state/channel-list';

interface StateFilterBarProps {
  counts: CountsByState | null;
  selected: readonly ChannelStateId[];
  onToggle(state: ChannelStateId): void;
  onAll(): void;
}

export function StateFilterBar({ counts, selected, onToggle, onAll }: StateFilterBarProps) {
  const all = counts ? Object.values(counts).reduce((sum, n) => sum + n, 0) : null;
  const visible = CHANNEL_STATES.filter((state) => (counts?.[state.id] ?? 0) > 0 || selected.includes(state.id));
  return (
    <div className="state-bar" role="group" aria-label="Filter by state">
      <button type="button" className="chip" aria-pressed={selected.length === 0} onClick={onAll}>
        All
        <span className="chip-count num">{all === null ? '…' : formatCount(all)}</span>
      </button>
      {visible.map((state) => (
        <button
          key={state.id}
          type="button"
          className={`chip chip-${state.tone}`}
          aria-pressed={selected.includes(state.id)}
          title={state.description}
          onClick={() => onToggle(state.id)}
        >
          <span className={`dot dot-${state.tone}`} aria-hidden="true" />
          {state.label}
          <span className="chip-count num">{formatCount(counts?.[state.id] ?? 0)}</span>
        </button>
      ))}
    </div>
  );
}
