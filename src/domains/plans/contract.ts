import { z } from '@hono/zod-openapi';
import { int4, IsoDate, PlanningYearField, PlanningYearQuery } from '../../server/platform/schema';

export const DEFAULT_PLAN_AREAS = [
  'Övergripande',
  'Kompetens',
  'Styrdokument',
  'Klassning och konsekvensbedömning',
  'Pm3',
  'NIS2',
  'Dataskydd',
  'Kontinuitet',
] as const;

export const PLAN_STATUSES = ['planerad', 'pågår', 'klar', 'avbruten'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** Statuses that carry into the next year. */
export const UNFINISHED: readonly PlanStatus[] = ['planerad', 'pågår'];
export const LINK_TYPES = ['risk', 'incident', 'object', 'nis2'] as const;

export const Year = PlanningYearField();
const Text = (max: number) => z.string().trim().max(max);

export const PlanLink = z.strictObject({ linkType: z.enum(LINK_TYPES), linkId: z.string().trim().min(1).max(100) }).openapi('PlanLink');

export const PlanActivity = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    year: int4(),
    area: z.string(),
    description: z.string(),
    responsible: z.string(),
    partners: z.string(),
    status: z.enum(PLAN_STATUSES),
    dueDate: z.string().nullable(),
    links: z.array(PlanLink),
    carried: z.boolean(),
    carriedFromId: z.uuid().nullable(),
    reviewDecisionId: z.uuid().nullable(),
    position: int4(),
    version: int4(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('PlanActivity');
export type PlanActivity = z.infer<typeof PlanActivity>;

export const CreatePlanActivity = z
  .strictObject({
    org: z.string().min(1).max(64),
    year: Year,
    area: Text(100).min(1),
    description: Text(4000).min(1),
    responsible: Text(200).optional(),
    partners: Text(400).optional(),
    status: z.enum(PLAN_STATUSES).optional(),
    dueDate: IsoDate.nullable().optional(),
    links: z.array(PlanLink).max(50).optional(),
    position: int4().min(0).optional(),
  })
  .openapi('CreatePlanActivity');
export type CreatePlanActivity = z.infer<typeof CreatePlanActivity>;

export const UpdatePlanActivity = z
  .strictObject({
    version: int4().min(1),
    year: Year.optional(),
    area: Text(100).min(1).optional(),
    description: Text(4000).min(1).optional(),
    responsible: Text(200).optional(),
    partners: Text(400).optional(),
    status: z.enum(PLAN_STATUSES).optional(),
    dueDate: IsoDate.nullable().optional(),
    links: z.array(PlanLink).max(50).optional(),
    position: int4().min(0).optional(),
  })
  .openapi('UpdatePlanActivity');
export type UpdatePlanActivity = z.infer<typeof UpdatePlanActivity>;

export const PlanQuery = z.object({
  org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn); underorganisationer ingår' }),
  year: PlanningYearQuery().optional(),
  fromYear: PlanningYearQuery().optional(),
  toYear: PlanningYearQuery().optional(),
  area: z.string().max(100).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  subtree: z.enum(['true', 'false']).optional().openapi({ description: 'Ta med underorganisationer (standard: true)' }),
});
export type PlanQuery = z.infer<typeof PlanQuery>;

export const CarryForward = z
  .strictObject({
    org: z.string().min(1).max(64),
    fromYear: Year,
    toYear: Year.optional().openapi({ description: 'Standard: fromYear + 1' }),
    ids: z.array(z.uuid()).max(1000).optional().openapi({ description: 'Bara dessa aktiviteter (annars alla ofärdiga)' }),
  })
  .openapi('CarryForward');
export type CarryForward = z.infer<typeof CarryForward>;

export const Progress = z
  .object({
    year: int4(),
    area: z.string(),
    total: int4(),
    planerad: int4(),
    pågår: int4(),
    klar: int4(),
    avbruten: int4(),
    /** Share finished, of the activities not cancelled (0–100). */
    percentDone: z.number(),
  })
  .openapi('PlanProgress');
export type Progress = z.infer<typeof Progress>;

export const AreaList = z.object({ city: z.string(), areas: z.array(z.string()), version: int4(), isDefault: z.boolean() }).openapi('PlanAreaList');
export const UpdateAreaList = z
  .strictObject({
    org: z.string().min(1).max(64),
    version: int4().min(0).openapi({ description: 'Version du ändrar (0 när listan ännu är standardlistan)' }),
    areas: z.array(Text(100).min(1)).min(1).max(50),
  })
  .openapi('UpdatePlanAreaList');
