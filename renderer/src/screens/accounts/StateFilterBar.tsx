/**
 * Counts per state, as toggle chips: "All 50,000 · Live 31,204 · Error 12 …". As many as fit one row
 * are shown, the important ones first (state-chips.ts); the rest are one click away behind "More",
 * with their counts, never hidden off-screen. Counts come with every page (for the search and the
 * other filters), so they follow the typing. Several states can be chosen at once.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { formatCount } from '@shared/format';
import type { ChannelState, ChannelStateId } from '@shared/status';
import { Icon } from '../../components/Icon';
import type { CountsByState } from '../../state/channel-list';
import { fitChips, rankedStates } from './state-chips';

interface StateFilterBarProps {
  counts: CountsByState | null;
  selected: readonly ChannelStateId[];
  onToggle(state: ChannelStateId): void;
  onAll(): void;
}

const GAP = 6;

export function StateFilterBar({ counts, selected, onToggle, onAll }: StateFilterBarProps) {
  const all = counts ? Object.values(counts).reduce((sum, n) => sum + n, 0) : null;
  const ranked = rankedStates(counts, selected);
  const barRef = useRef<HTMLDivElement>(null);
  const measureRef = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState<boolean[] | null>(null);
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const signature = ranked.map((s) => `${s.id}:${counts?.[s.id] ?? 0}:${selected.includes(s.id) ? 1 : 0}`).join(',');

  useLayoutEffect(() => {
    const bar = barRef.current;
    const measure = measureRef.current;
    if (!bar || !measure) return;
    const fit = () => {
      const chips = [...measure.querySelectorAll<HTMLElement>('[data-measure]')];
      const allWidth = measure.querySelector<HTMLElement>('[data-measure-all]')?.offsetWidth ?? 0;
      const moreWidth = measure.querySelector<HTMLElement>('[data-measure-more]')?.offsetWidth ?? 0;
      const style = getComputedStyle(bar);
      const room = bar.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - allWidth - GAP;
      const chosen = ranked.map((state) => selected.includes(state.id));
      const next = fitChips(
        chips.map((chip) => chip.offsetWidth),
        chosen,
        room,
        moreWidth,
        GAP,
      );
      setVisible((current) => (current && current.length === next.length && current.every((v, i) => v === next[i]) ? current : next));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(bar);
    return () => observer.disconnect();
    // `signature` stands for ranked/selected/counts: the chips' words and widths.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);

  // The menu closes on Escape and on a click elsewhere.
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!barRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const shownStates = ranked.filter((_, index) => visible?.[index] ?? true);
  const hidden = visible ? ranked.filter((_, index) => !visible[index]) : [];
  const hiddenCount = hidden.reduce((sum, state) => sum + (counts?.[state.id] ?? 0), 0);
  const hiddenChosen = hidden.filter((state) => selected.includes(state.id)).length;

  const chip = (state: ChannelState) => (
    <button
      key={state.id}
      type="button"
      className={`chip chip-${state.tone}`}
      aria-pressed={selected.includes(state.id)}
      title={state.description}
      data-state={state.id}
      onClick={() => onToggle(state.id)}
    >
      <span className={`dot dot-${state.tone}`} aria-hidden="true" />
      {state.label}
      <span className="chip-count num">{formatCount(counts?.[state.id] ?? 0)}</span>
    </button>
  );

  return (
    <div
      className="state-bar"
      role="group"
      aria-label="Filter by state"
      ref={barRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button type="button" className="chip" aria-pressed={selected.length === 0} onClick={onAll}>
        All
        <span className="chip-count num">{all === null ? '…' : formatCount(all)}</span>
      </button>
      {shownStates.map(chip)}
      {hidden.length > 0 && (
        <div className="more-states">
          <button type="button" className="chip chip-more" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
            More
            <span className="chip-count num">
              {hidden.length} {hidden.length === 1 ? 'state' : 'states'} · {formatCount(hiddenCount)}
            </span>
            {hiddenChosen > 0 && <span className="visually-hidden">, {hiddenChosen} chosen</span>}
            <Icon name="chevronDown" size={12} />
          </button>
          {open && (
            <div className="more-states-menu" id={menuId} role="group" aria-label="More states">
              {hidden.map(chip)}
            </div>
          )}
        </div>
      )}
      {/* Invisible copies of every chip, measured to know how many fit. */}
      <div className="state-bar-measure" ref={measureRef} aria-hidden="true" inert>
        <span className="chip" data-measure-all>
          All <span className="chip-count num">{all === null ? '…' : formatCount(all)}</span>
        </span>
        {ranked.map((state) => (
          <span key={state.id} className="chip" data-measure>
            <span className="dot" />
            {state.label}
            <span className="chip-count num">{formatCount(counts?.[state.id] ?? 0)}</span>
          </span>
        ))}
        <span className="chip" data-measure-more>
          More <span className="chip-count num">99 states · 99,999</span>
          <Icon name="chevronDown" size={12} />
        </span>
      </div>
    </div>
  );
}
