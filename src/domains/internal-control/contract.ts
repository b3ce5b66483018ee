import { z } from '@hono/zod-openapi';
import { int4, IsoDate, PlanningYearField, PlanningYearQuery } from '../../server/platform/schema';

/**
 * Internkontroll: the internkontrollplan's (IKP) kontrollmoment of an organisation for a year, each controlling one
 * IKP risk (a VoR event of the year in the plan) or kept for the förvaltning's own reasons, and the result of each
 * control per period (tertial, halvår, kvartal, månad or helår). Field names are English; stored choices Swedish.
 */

export const FREQUENCIES = ['arlig', 'halvar', 'tertial', 'kvartal', 'manad'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const RESULTS = ['utan_avvikelse', 'avvikelse', 'vasentlig_avvikelse', 'ej_genomford'] as const;
export type ResultKind = (typeof RESULTS)[number];
/** The periods of a year: helår, H1–H2, T1–T3, Q1–Q4, M01–M12. */
export const PERIODS = ['helar', 'H1', 'H2', 'T1', 'T2', 'T3', 'Q1', 'Q2', 'Q3', 'Q4', 'M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12'] as const;
export type Period = (typeof PERIODS)[number];

const Text = (max: number) => z.string().trim().max(max);

export const ControlResult = z
  .object({
    id: z.uuid(),
    period: z.enum(PERIODS),
    performedOn: z.string().nullable().openapi({ description: 'Dagen kontrollen utfördes (saknas när den inte genomfördes)' }),
    result: z.enum(RESULTS),
    reason: z.string().openapi({ description: 'Skäl till att kontrollen inte genomfördes' }),
    comment: z.string().openapi({ description: 'Vad avvikelsen gäller' }),
    measures: z.string().openapi({ description: 'Vidtagna åtgärder' }),
    version: int4(),
  })
  .openapi('InternalControlResult');
export type ControlResult = z.infer<typeof ControlResult>;

export const ControlPeriod = z.object({
  period: z.enum(PERIODS),
  start: z.string(),
  end: z.string(),
  /** The period's last day has passed (Stockholm). */
  ended: z.boolean(),
  result: ControlResult.nullable(),
});

export const IkpRisk = z
  .object({
    id: z.uuid(),
    org: z.object({ slug: z.string(), name: z.string() }),
    year: int4(),
    title: z.string(),
    arbetssatt: z.string(),
    riskvarde: int4(),
    /** Management's decision: true (in the IKP), null (proposed by the threshold, not yet decided). */
    ikpDecision: z.boolean().nullable(),
    controls: int4().openapi({ description: 'Aktiva kontrollmoment för risken' }),
  })
  .openapi('IkpRisk');
export type IkpRisk = z.infer<typeof IkpRisk>;

export const InternalControl = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    year: int4(),
    risk: z.object({ id: z.uuid(), title: z.string(), arbetssatt: z.string(), riskvarde: int4(), ikpDecision: z.boolean().nullable() }).nullable(),
    title: z.string().openapi({ description: 'Rubrik; krävs när kontrollen inte hör till någon IKP-risk' }),
    control: z.string().openapi({ description: 'Kontrollmoment: vad som kontrolleras' }),
    method: z.string().openapi({ description: 'Metod, t.ex. stickprov, avstämning, genomgång av behörighetslista' }),
    frequency: z.enum(FREQUENCIES),
    responsible: z.string(),
    periods: z.array(ControlPeriod),
    /** Ended periods without a result. */
    missing: int4(),
    /** Results with avvikelse or väsentlig avvikelse. */
    deviations: int4(),
    archived: z.boolean(),
    version: int4(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('InternalControl');
export type InternalControl = z.infer<typeof InternalControl>;

const editable = {
  vorEventId: z.uuid().nullable().optional().openapi({ description: 'IKP-risken (händelse i årets VoR) som kontrollen avser; null för egen kontroll' }),
  title: Text(300).optional(),
  control: Text(2000).min(1).optional(),
  method: Text(400).optional(),
  frequency: z.enum(FREQUENCIES).optional().openapi({ description: 'Standard: tertial' }),
  responsible: Text(300).optional(),
};

export const CreateInternalControl = z
  .strictObject({
    org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn)' }),
    year: PlanningYearField(),
    ...editable,
    control: Text(2000).min(1),
  })
  .openapi('CreateInternalControl');
export type CreateInternalControl = z.input<typeof CreateInternalControl>;

export const UpdateInternalControl = z
  .strictObject({
    version: int4().min(1).openapi({ description: 'Version du ändrar (optimistisk låsning)' }),
    ...editable,
    archived: z.boolean().optional().openapi({ description: 'Arkivera (true) eller återställ (false); kontroller tas aldrig bort' }),
  })
  .openapi('UpdateInternalControl');
export type UpdateInternalControl = z.input<typeof UpdateInternalControl>;

const resultFields = {
  performedOn: IsoDate.nullable().optional(),
  result: z.enum(RESULTS),
  reason: Text(2000).optional(),
  comment: Text(4000).optional(),
  measures: Text(4000).optional(),
};

export const CreateControlResult = z.strictObject({ period: z.enum(PERIODS), ...resultFields }).openapi('CreateInternalControlResult');
export type CreateControlResult = z.input<typeof CreateControlResult>;

export const UpdateControlResult = z
  .strictObject({
    version: int4().min(1).openapi({ description: 'Version du ändrar (optimistisk låsning)' }),
    performedOn: resultFields.performedOn,
    result: resultFields.result.optional(),
    reason: resultFields.reason,
    comment: resultFields.comment,
    measures: resultFields.measures,
  })
  .openapi('UpdateInternalControlResult');
export type UpdateControlResult = z.input<typeof UpdateControlResult>;

const Flag = z.enum(['true', 'false']);
export const InternalControlQuery = z.object({
  org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn); underorganisationer ingår' }),
  year: PlanningYearQuery(),
  deviations: Flag.optional().openapi({ description: 'true: bara kontroller med avvikelse eller väsentlig avvikelse' }),
  missing: Flag.optional().openapi({ description: 'true: bara kontroller med avslutad period utan resultat' }),
  archived: z.enum(['false', 'true', 'all']).optional().openapi({ description: 'false (standard): aktiva; true: arkiverade; all: alla' }),
});
export type InternalControlQuery = z.infer<typeof InternalControlQuery>;

export const IkpRiskQuery = z.object({
  org: z.string().min(1).max(64).openapi({ description: 'Organisation (kortnamn); underorganisationer ingår' }),
  year: PlanningYearQuery(),
});
export type IkpRiskQuery = z.infer<typeof IkpRiskQuery>;
