/**
 * A status pill coloured by tone (positive, progress, attention, negative, neutral). The tone comes
 * from the shared status rules; the colour is never the only signal, the label is always written.
 */
import type { Tone } from '@shared/status';

interface ToneBadgeProps {
  tone: Tone;
  label: string;
  /** Longer words for a tooltip (e.g. the state's description). */
  title?: string | undefined;
  size?: 'sm' | 'md';
}

export function ToneBadge({ tone, label, title, size = 'sm' }: ToneBadgeProps) {
  return (
    <span className={`pill pill-${tone}${size === 'md' ? ' pill-md' : ''}`} title={title}>
      {/* Its own box, so a label too long for a narrow place ends in an ellipsis instead of being cut. */}
      <span className="pill-label">{label}</span>
    </span>
  );
}
