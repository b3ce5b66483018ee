import { z } from '@hono/zod-openapi';
import { int4, PlanningYearField, PlanningYearQuery } from '../../server/platform/schema';

export const GOAL_STATUSES = ['uppfyllt', 'delvis uppfyllt', 'ej uppfyllt', 'pågår'] as const;
export type GoalStatusValue = (typeof GOAL_STATUSES)[number];
const Year = PlanningYearField();

/** Goal codes in the plan's order: 3.2 before 3.10 (numbers compared as numbers, not as text). */
export const compareGoalCodes = (a: string, b: string) => a.localeCompare(b, 'sv', { numeric: true });

export const GoalStatus = z
  .object({ id: z.uuid(), year: int4(), indicatorId: z.uuid().nullable(), status: z.enum(GOAL_STATUSES), comment: z.string(), version: int4() })
  .openapi('GoalStatus');
export const GoalIndicator = z
  .object({ id: z.uuid(), text: z.string(), position: int4(), version: int4(), statuses: z.array(GoalStatus) })
  .openapi('GoalIndicator');
export const Goal = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    code: z.string(),
    title: z.string(),
    description: z.string(),
    version: int4(),
    indicators: z.array(GoalIndicator),
    /** The goal's own yearly statuses (indicatorId null). */
    statuses: z.array(GoalStatus),
  })
  .openapi('Goal');
export type Goal = z.infer<typeof Goal>;

export const CreateGoal = z
  .strictObject({
    org: z.string().min(1).max(64),
    code: z.string().trim().min(1).max(20).openapi({ example: '3.5' }),
    title: z.string().trim().min(1).max(500),
    description: z.string().trim().max(4000).optional(),
    indicators: z.array(z.string().trim().min(1).max(2000)).max(50).optional(),
  })
  .openapi('CreateGoal');
export type CreateGoal = z.infer<typeof CreateGoal>;

export const UpdateGoal = z
  .strictObject({
    version: int4().min(1),
    code: z.string().trim().min(1).max(20).optional(),
    title: z.string().trim().min(1).max(500).optional(),
    description: z.string().trim().max(4000).optional(),
  })
  .openapi('UpdateGoal');
export type UpdateGoal = z.infer<typeof UpdateGoal>;

export const AddIndicator = z.strictObject({ text: z.string().trim().min(1).max(2000), position: int4().min(0).optional() }).openapi('AddGoalIndicator');
export const UpdateIndicator = z
  .strictObject({ version: int4().min(1), text: z.string().trim().min(1).max(2000).optional(), position: int4().min(0).optional() })
  .openapi('UpdateGoalIndicator');

export const SetGoalStatus = z
  .strictObject({
    year: Year,
    indicatorId: z.uuid().nullable().optional().openapi({ description: 'Indikator; utelämnad = målet som helhet' }),
    status: z.enum(GOAL_STATUSES),
    comment: z.string().trim().max(8000).optional(),
    version: int4().min(1).optional().openapi({ description: 'Krävs när status redan finns för året (optimistisk låsning)' }),
  })
  .openapi('SetGoalStatus');
export type SetGoalStatus = z.infer<typeof SetGoalStatus>;

export const GoalQuery = z.object({
  org: z.string().min(1).max(64),
  year: PlanningYearQuery().optional().openapi({ description: 'Bara status för detta år' }),
  subtree: z.enum(['true', 'false']).optional(),
});
export type GoalQuery = z.infer<typeof GoalQuery>;
