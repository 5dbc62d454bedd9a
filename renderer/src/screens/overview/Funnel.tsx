/**
 * The onboarding funnel: draft → submitted → verification → registration → live, one centred band
 * per step as wide as its share of the largest step, with the count and the share of all channels.
 * Each band is a button to the channels at that step.
 */
import { formatCount } from '@shared/format';
import type { BookOverview } from '@shared/book';
import type { ChannelStateId } from '@shared/status';

export function Funnel({
  steps,
  total,
  onOpen,
}: {
  steps: BookOverview['funnel'];
  total: number;
  onOpen(states: readonly ChannelStateId[]): void;
}) {
  const max = Math.max(1, ...steps.map((step) => step.count));
  return (
    <ol className="funnel">
      {steps.map((step, index) => (
        <li key={step.step} className="funnel-step">
          <button
            type="button"
            className="funnel-row chart-link"
            data-count={step.count}
            aria-label={`${index + 1}. ${step.label}: ${formatCount(step.count)} channels. Show them`}
            onClick={() => onOpen(step.states)}
          >
            <span className="funnel-label">
              <span className="funnel-index" aria-hidden="true">
                {index + 1}
              </span>
              {step.label}
            </span>
            <span className="funnel-track" aria-hidden="true">
              <span className={`funnel-band funnel-band-${step.step}`} style={{ width: `${Math.max(2, (step.count / max) * 100)}%` }} />
            </span>
            <span className="funnel-value num">
              <span className="chart-count">{formatCount(step.count)}</span>
              <span className="bar-share"> {total > 0 ? `${Math.round((step.count / total) * 100)}%` : ''}</span>
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
