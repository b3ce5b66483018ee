import type { z } from 'zod';
import type * as C from '../../../domains/goals/contract';

export type Goal = z.infer<typeof C.Goal>;
export type Indicator = z.infer<typeof C.GoalIndicator>;
export type GoalStatus = z.infer<typeof C.GoalStatus>;
export type GoalStatusValue = GoalStatus['status'];
export const GOAL_STATUSES: GoalStatusValue[] = ['uppfyllt', 'delvis uppfyllt', 'ej uppfyllt', 'pågår'];
