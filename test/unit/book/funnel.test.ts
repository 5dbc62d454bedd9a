/** The onboarding funnel places every channel state once: in one step, or outside the funnel. */
import { describe, expect, it } from 'vitest';
import { FUNNEL_STEPS, OUTSIDE_FUNNEL, isNearLimit } from '@shared/book';
import { CHANNEL_STATE_IDS } from '@shared/status';

describe('the onboarding funnel', () => {
  it('puts every state in exactly one step or outside', () => {
    const placed = [...FUNNEL_STEPS.flatMap((step) => step.states), ...OUTSIDE_FUNNEL];
    expect([...placed].sort()).toEqual([...CHANNEL_STATE_IDS].sort());
    expect(new Set(placed).size).toBe(placed.length);
  });

  it('runs draft → submitted → verification → registration → live', () => {
    expect(FUNNEL_STEPS.map((step) => step.id)).toEqual(['draft', 'submitted', 'verification', 'registration', 'live']);
  });
});

describe('near the channel limit', () => {
  it('is at or over the limit, or one short of it when that is at least 75% used', () => {
    expect([
      isNearLimit(2, 2),
      isNearLimit(3, 2),
      isNearLimit(1, 2),
      isNearLimit(3, 4),
      isNearLimit(2, 4),
      isNearLimit(9, 10),
      isNearLimit(8, 10),
    ]).toEqual([true, true, false, true, false, true, false]);
  });
});
