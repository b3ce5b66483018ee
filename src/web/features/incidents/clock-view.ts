import { metLate, stateFor } from '../../../domains/incidents/clocks';
import type { Clock, ClockState } from './types';

/**
 * What a clock's badge says. Beside the server's states: `unmet`, a clock stopped only because the case was closed
 * with the duty not done (met false): never shown as "Uppfylld"; `target_passed`, an internal target (art. 34's 72 h,
 * legal false) passed: never called "Försenad", which is for a legal deadline; `done_late`, a legal clock met after
 * its deadline ("Uppfylld för sent", never the plain "Uppfylld"); `done_after_target`, art. 34 met after its internal
 * target (not called late: the article gives no hours). Late is clocks.ts metLate, the server's one definition.
 */
export type ClockShown = ClockState | 'unmet' | 'target_passed' | 'done_late' | 'done_after_target';

/** The state of a clock at `now` from its deadline (the server's state can be minutes old), by the server's rule. */
export function liveState(c: Pick<Clock, 'deadline' | 'state'>, now: Date): ClockState {
  return c.state === 'done' ? 'done' : stateFor(new Date(c.deadline), now);
}

/**
 * The badge of a clock at `now`: its live state, a stopped clock whose duty is not met told apart from a met one, and
 * one met after its deadline told apart from one met in time.
 */
export function shownState(c: Pick<Clock, 'deadline' | 'state' | 'met' | 'legal'> & { metAt?: string | null }, now: Date): ClockShown {
  const state = liveState(c, now);
  if (state === 'done' && !c.met) return 'unmet';
  if (state === 'done' && metLate({ ...c, metAt: c.metAt ?? null })) return c.legal ? 'done_late' : 'done_after_target';
  if (state === 'overdue' && !c.legal) return 'target_passed';
  return state;
}
