import { stateFor } from '../../../domains/incidents/clocks';
import type { Clock, ClockState } from './types';

/**
 * What a clock's badge says. Beside the server's states: `unmet`, a clock stopped only because the case was closed
 * with the duty not done (met false): never shown as "Uppfylld"; `target_passed`, an internal target (art. 34's 72 h,
 * legal false) passed: never called "Försenad", which is for a legal deadline.
 */
export type ClockShown = ClockState | 'unmet' | 'target_passed';

/** The state of a clock at `now` from its deadline (the server's state can be minutes old), by the server's rule. */
export function liveState(c: Pick<Clock, 'deadline' | 'state'>, now: Date): ClockState {
  return c.state === 'done' ? 'done' : stateFor(new Date(c.deadline), now);
}

/** The badge of a clock at `now`: its live state, a stopped clock whose duty is not met told apart from a met one. */
export function shownState(c: Pick<Clock, 'deadline' | 'state' | 'met' | 'legal'>, now: Date): ClockShown {
  const state = liveState(c, now);
  if (state === 'done' && !c.met) return 'unmet';
  if (state === 'overdue' && !c.legal) return 'target_passed';
  return state;
}
