import { z } from '@hono/zod-openapi';
import { int4, PlanningYearField, PlanningYearQuery } from '../../server/platform/schema';

export const RISK_LEVELS = ['låg', 'medel', 'hög', 'allvarlig'] as const;
export const RESPONSE_STATUSES = ['öppen', 'pågår', 'åtgärdad', 'ej åtgärdad'] as const;
const Year = PlanningYearField();

export const DsoFollowUp = z.object({ id: z.uuid(), year: int4(), text: z.string(), version: int4() }).openapi('DsoFollowUp');
export const DsoRecommendation = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    reportYear: int4(),
    area: z.string(),
    recommendation: z.string(),
    riskLevel: z.enum(RISK_LEVELS),
    response: z.string(),
    responsible: z.string(),
    status: z.enum(RESPONSE_STATUSES),
    approved: z.boolean(),
    approvedAt: z.string().nullable(),
    approvedBy: z.uuid().nullable(),
    approvedByName: z.string().nullable().openapi({ description: 'Namnet på dataskyddsombudet som godkände' }),
    position: int4(),
    version: int4(),
    followUps: z.array(DsoFollowUp),
  })
  .openapi('DsoRecommendation');
export type DsoRecommendation = z.infer<typeof DsoRecommendation>;

export const CreateDsoRecommendation = z
  .strictObject({
    org: z.string().min(1).max(64),
    reportYear: Year,
    area: z.string().trim().min(1).max(200),
    recommendation: z.string().trim().min(1).max(4000),
    riskLevel: z.enum(RISK_LEVELS).optional(),
    response: z.string().trim().max(8000).optional(),
    responsible: z.string().trim().max(200).optional(),
    status: z.enum(RESPONSE_STATUSES).optional(),
    position: int4().min(0).optional(),
  })
  .openapi('CreateDsoRecommendation');
export type CreateDsoRecommendation = z.infer<typeof CreateDsoRecommendation>;

export const UpdateDsoRecommendation = z
  .strictObject({
    version: int4().min(1),
    area: z.string().trim().min(1).max(200).optional(),
    recommendation: z.string().trim().min(1).max(4000).optional(),
    riskLevel: z.enum(RISK_LEVELS).optional(),
    response: z.string().trim().max(8000).optional(),
    responsible: z.string().trim().max(200).optional(),
    status: z.enum(RESPONSE_STATUSES).optional(),
    position: int4().min(0).optional(),
  })
  .openapi('UpdateDsoRecommendation');
export type UpdateDsoRecommendation = z.infer<typeof UpdateDsoRecommendation>;

export const ApproveBody = z.strictObject({ version: int4().min(1), comment: z.string().trim().max(2000).optional() }).openapi('DsoApproval');
export const SetFollowUp = z
  .strictObject({ year: Year, text: z.string().trim().min(1).max(8000), version: int4().min(1).optional() })
  .openapi('SetDsoFollowUp');
export type SetFollowUp = z.infer<typeof SetFollowUp>;

export const DsoQuery = z.object({
  org: z.string().min(1).max(64),
  reportYear: PlanningYearQuery().optional(),
  subtree: z.enum(['true', 'false']).optional(),
});
export type DsoQuery = z.infer<typeof DsoQuery>;
