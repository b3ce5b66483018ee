import { describe, expect, it } from 'vitest';
import { shownState } from './clock-view';
import { metLateByMs } from '../../../domains/incidents/clocks';

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

  it('never calls a clock met after its deadline plainly "done": "done_late" (legal), "done_after_target" (art. 34)', () => {
    // The tester's case: discovered 2026-03-28 10:00, art. 33 deadline 2026-03-31 11:00 (CEST), IMY notified 2026-04-02 10:00.
    const imy = { deadline: '2026-03-31T09:00:00.000Z', state: 'done' as const, met: true, legal: true, metAt: '2026-04-02T08:00:00.000Z' };
    expect(shownState(imy, now)).toBe('done_late');
    expect(metLateByMs(imy)).toBe((2 * 24 - 1) * 3_600_000);
    // Met in time, at the deadline itself, or at an unknown time (an import's "Ja"): plainly met.
    expect(shownState({ ...imy, metAt: '2026-03-30T08:00:00.000Z' }, now)).toBe('done');
    expect(shownState({ ...imy, metAt: imy.deadline }, now)).toBe('done');
    expect(shownState({ ...imy, metAt: null }, now)).toBe('done');
    expect(metLateByMs({ ...imy, metAt: null })).toBeNull();
    // A NIS2 CSIRT clock (24 h) met late; art. 34's internal target met late is not called late.
    expect(shownState({ ...imy, deadline: '2026-03-29T08:00:00.000Z', metAt: '2026-03-29T09:00:00.000Z' }, now)).toBe('done_late');
    expect(shownState({ ...imy, legal: false }, now)).toBe('done_after_target');
    // Closed with the duty not done stays "unmet".
    expect(shownState({ ...imy, met: false, metAt: null }, now)).toBe('unmet');
  });

  it('follows the deadline for a running clock', () => {
    expect(shownState({ ...clock, state: 'ok', met: false }, now)).toBe('overdue');
    expect(shownState({ ...clock, state: 'ok', met: false, deadline: '2026-03-05T15:00:00Z' }, now)).toBe('critical');
    expect(shownState({ ...clock, state: 'ok', met: false, deadline: '2026-03-06T08:00:00Z' }, now)).toBe('due_soon');
    expect(shownState({ ...clock, state: 'ok', met: false, deadline: '2026-03-07T12:00:00Z' }, now)).toBe('ok');
  });
});
