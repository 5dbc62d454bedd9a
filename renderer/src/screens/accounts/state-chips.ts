/**
 * Which state chips come first, and how many fit one row. Working channels first (Live, Ready),
 * then the states where something went wrong (red), then those waiting for someone (amber), then
 * drafts and unknowns, and the many onboarding steps (blue) last: they are the ones that go behind
 * "More" when the row is full. A state chosen in the filter is always shown.
 */
import { CHANNEL_STATES, type ChannelState, type ChannelStateId, type Tone } from '@shared/status';

const TONE_RANK: Record<Tone, number> = { positive: 0, negative: 1, attention: 2, neutral: 3, progress: 4 };

/** The states with channels (or chosen), most important first. */
export function rankedStates(counts: Readonly<Record<string, number>> | null, selected: readonly ChannelStateId[]): ChannelState[] {
  return CHANNEL_STATES.filter((state) => (counts?.[state.id] ?? 0) > 0 || selected.includes(state.id)).sort(
    (a, b) => TONE_RANK[a.tone] - TONE_RANK[b.tone] || a.order - b.order,
  );
}

/**
 * How many of the ranked chips (their widths in order) fit `room`, leaving space for the More
 * button when some do not. Chosen chips are always kept (they may push others behind More).
 */
export function fitChips(widths: readonly number[], chosen: readonly boolean[], room: number, moreWidth: number, gap: number): boolean[] {
  const total = widths.reduce((sum, w) => sum + w + gap, 0);
  if (total <= room) return widths.map(() => true);
  let left = room - moreWidth - gap;
  // The chosen ones first: they must be visible.
  chosen.forEach((isChosen, index) => {
    if (isChosen) left -= (widths[index] ?? 0) + gap;
  });
  let full = false;
  return widths.map((width, index) => {
    if (chosen[index]) return true;
    if (full) return false;
    if (width + gap <= left) {
      left -= width + gap;
      return true;
    }
    full = true; // keep the order: once one does not fit, the rest go behind More too
    return false;
  });
}
