import { describe, expect, it } from 'vitest';
import { shownState } from './clock-view';

const now = new Date('2026-03-05T12:00:00Z');
const clock = { deadline: '2026-03-05T10:00:00Z', state: 'done' as const, met: true, legal: true };

describe('what a clock badge says', () => {
  it('never calls a clock met when its duty is not (a closed case): "unmet", not "done"', () => {
    expect(shownState(clock, now)).toBe('done');
    expect(shownState({ ...clock, met: false }, now)).toBe('unmet');
  });

  it('says an internal target (art. 34, not legal) was passed, never "overdue"', () => {
    expect(shownState({ ...clock, state: 'ok', met: false, legal: false }, now)).toBe('target_passed');
    expect(shownState({ ...clock, state: 'ok', met: false, legal: false, deadline: '2026-03-05T15:00:00Z' }, now)).toBe('critical');
  });

  it('follows the deadline for a running clock', () => {
    expect(shownState({ ...clock, state: 'ok', met: false }, now)).toBe('overdue');
    expect(shownState({ ...clock, state: 'ok', met: false, deadline: '2026-03-05T15:00:00Z' }, now)).toBe('critical');
    expect(shownState({ ...clock, state: 'ok', met: false, deadline: '2026-03-06T08:00:00Z' }, now)).toBe('due_soon');
    expect(shownState({ ...clock, state: 'ok', met: false, deadline: '2026-03-07T12:00:00Z' }, now)).toBe('ok');
  });
});
