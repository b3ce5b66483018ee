import { z } from '@hono/zod-openapi';
import { int4, IsoDate, PlanningYearField, YearField } from '../../server/platform/schema';

export const INPUT_KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;

/**
 * What a decision of the review is (ISO 27001 9.3.3): an improvement (it becomes an activity in the improvement plan),
 * a change to the management system, or a stance (ställningstagande): the management's position that something
 * stays as it is or is judged sufficient, which the seeds record beside the changes (the PUB instruction kept).
 */
export const DECISION_KINDS = ['improvement', 'isms_change', 'stance'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export type InputKey = (typeof INPUT_KEYS)[number];

/**
 * ISO/IEC 27001:2022 9.3.2 inputs and the report sections that cover each: section provider keys (report JSON
 * keys: planFollowUp, incidents, …) and section ids of the city's default report outline (reports/outline.ts:
 * omvarld, budget — chapters without a provider of their own, covered by their or their subsections' text).
 * An input is covered when one of its sections has figures or text, or when the review itself has text for it;
 * otherwise it must be marked not applicable with a reason.
 */
export const ISO93_INPUTS: Record<InputKey, { sections: string[]; sv: string; en: string }> = {
  a: { sections: ['planFollowUp'], sv: 'Status för åtgärder från tidigare ledningens genomgångar', en: 'Status of actions from previous management reviews' },
  b: { sections: ['omvarld', 'nis2'], sv: 'Förändringar i externa och interna frågor', en: 'Changes in external and internal issues' },
  c: { sections: ['budget'], sv: 'Förändrade behov och förväntningar hos intressenter', en: 'Changes in needs and expectations of interested parties' },
  d: {
    sections: ['incidents', 'maturity', 'goals', 'internalControl'],
    sv: 'Återkoppling om informationssäkerhetens prestanda: avvikelser och korrigerande åtgärder, övervakning och mätning, revisionsresultat, uppfyllelse av mål',
    en: 'Feedback on information security performance: nonconformities and corrective actions, monitoring and measurement, audit results, fulfilment of objectives',
  },
  e: { sections: ['dsoFollowUp'], sv: 'Återkoppling från intressenter', en: 'Feedback from interested parties' },
  f: { sections: ['risks', 'continuity', 'classification', 'privacy', 'suppliers'], sv: 'Resultat av riskbedömning och status för riskbehandlingsplanen', en: 'Results of risk assessment and status of the risk treatment plan' },
  g: { sections: ['plan'], sv: 'Möjligheter till ständig förbättring', en: 'Opportunities for continual improvement' },
};

const Mark = z.strictObject({
  notApplicable: z.boolean().optional(),
  reason: z.string().trim().max(2000).optional(),
  text: z.string().trim().max(20000).optional(),
});
const ConclusionPart = z.strictObject({ value: z.boolean().nullable(), comment: z.string().trim().max(4000) });
export const Conclusion = z
  .strictObject({ lampligt: ConclusionPart, tillrackligt: ConclusionPart, verkningsfullt: ConclusionPart })
  .openapi('ReviewConclusion', { description: 'Slutsats: är LIS lämpligt, tillräckligt och verkningsfullt?' });

export const InputStatus = z
  .object({
    key: z.enum(INPUT_KEYS),
    title_sv: z.string(),
    title_en: z.string(),
    sections: z.array(z.string()),
    coveredBy: z.array(z.string()),
    covered: z.boolean(),
    notApplicable: z.boolean(),
    reason: z.string().optional(),
  })
  .openapi('Iso93Input');
export const Iso93Status = z
  .object({ reviewId: z.uuid().nullable(), inputs: z.array(InputStatus), uncovered: z.array(z.enum(INPUT_KEYS)), complete: z.boolean() })
  .openapi('Iso93Status');
export type Iso93Status = z.infer<typeof Iso93Status>;

export const Decision = z
  .object({
    id: z.uuid(), kind: z.enum(DECISION_KINDS), text: z.string(), owner: z.string(),
    dueDate: z.string().nullable(), activityId: z.uuid().nullable(), version: int4(),
  })
  .openapi('ReviewDecision');
export const Review = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    year: int4(),
    meetingDate: z.string().nullable(),
    chair: z.string(),
    attendees: z.array(z.string()),
    inputs: z.record(z.string(), Mark),
    ismsChanges: z.string(),
    conclusion: Conclusion.nullable(),
    decisions: z.array(Decision),
    signed: z.boolean(),
    signedAt: z.string().nullable(),
    signedBy: z.uuid().nullable(),
    signedByName: z.string().nullable().openapi({ description: 'Namnet på den som signerade' }),
    version: int4(),
  })
  .openapi('ManagementReview');
export type Review = z.infer<typeof Review>;

export const CreateReview = z
  .strictObject({
    org: z.string().min(1).max(64),
    year: YearField(),
    meetingDate: IsoDate.nullable().optional(),
    chair: z.string().trim().max(200).optional(),
    attendees: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  })
  .openapi('CreateManagementReview');
export type CreateReview = z.infer<typeof CreateReview>;

export const UpdateReview = z
  .strictObject({
    version: int4().min(1),
    meetingDate: IsoDate.nullable().optional(),
    chair: z.string().trim().max(200).optional(),
    attendees: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
    inputs: z.strictObject(Object.fromEntries(INPUT_KEYS.map((k) => [k, Mark.optional()])) as Record<InputKey, z.ZodOptional<typeof Mark>>).optional(),
    ismsChanges: z.string().trim().max(20000).optional(),
    conclusion: Conclusion.optional(),
  })
  .openapi('UpdateManagementReview');
export type UpdateReview = z.infer<typeof UpdateReview>;

export const AddDecision = z
  .strictObject({
    kind: z.enum(DECISION_KINDS),
    text: z.string().trim().min(1).max(4000),
    owner: z.string().trim().max(200).optional(),
    dueDate: IsoDate.nullable().optional(),
    area: z.string().trim().min(1).max(100).optional().openapi({ description: 'Planområde för aktiviteten (standard Övergripande)' }),
    year: PlanningYearField().optional().openapi({ description: 'Planår (standard: slutdatumets år)' }),
  })
  .openapi('AddReviewDecision');
export type AddDecision = z.infer<typeof AddDecision>;
