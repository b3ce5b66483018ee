/** Contracts of the risk register, RSA, continuity plans and exercises. */
import { z } from '@hono/zod-openapi';
import { IsoDate } from '../../server/platform/schema';
import { Action, Band, OrgRef, Text, Title } from './contract';
import { int4, PlanningYearField } from '../../server/platform/schema';

export const SOURCE_TYPES = ['vor', 'rsa', 'dso', 'classification', 'supplier', 'incident', 'manual'] as const;
export const TREATMENTS = ['reducera', 'acceptera', 'overfora', 'undvika'] as const;
const Version = int4().min(1);

const Assessment = z.strictObject({ sannolikhet: int4(), konsekvens: int4() });

export const RegisterRisk = z.object({
  id: z.uuid(),
  org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  title: z.string(),
  description: z.string(),
  sourceType: z.enum(SOURCE_TYPES),
  sourceId: z.string().nullable(),
  sourceLabel: z.string(),
  owner: z.string(),
  scaleId: z.uuid(),
  scaleVersion: int4(),
  inherent: z.object({ sannolikhet: int4(), konsekvens: int4(), riskvarde: int4(), band: Band.nullable() }),
  residual: z.object({ sannolikhet: int4(), konsekvens: int4(), riskvarde: int4(), band: Band.nullable() }).nullable(),
  /** Band label of the residual value (inherent when no residual yet). */
  level: z.string().nullable(),
  treatment: z.enum(TREATMENTS).nullable(),
  treatmentDecision: z.string(),
  treatmentDecidedBy: z.string().nullable(),
  treatmentDecidedByName: z.string().nullable().openapi({ description: 'Namnet på den som registrerade hanteringsbeslutet, annars adressen' }),
  treatmentDecidedAt: z.string().nullable(),
  reviewDate: z.string().nullable(),
  reviewOverdue: z.boolean(),
  status: z.enum(['oppen', 'stangd']),
  actions: z.array(Action),
  version: int4(),
}).openapi('RegisterRisk');
export type RegisterRisk = z.infer<typeof RegisterRisk>;

export const CreateRisk = z.strictObject({
  org: OrgRef,
  title: Title,
  description: Text().optional(),
  sourceType: z.enum(SOURCE_TYPES).default('manual'),
  sourceId: z.string().trim().min(1).max(200).nullable().optional(),
  sourceLabel: Text(300).optional(),
  owner: Text(200).optional(),
  inherent: Assessment,
  residual: Assessment.nullable().optional(),
  treatment: z.enum(TREATMENTS).nullable().optional(),
  treatmentDecision: Text(2000).optional(),
  reviewDate: IsoDate.nullable().optional(),
}).openapi('CreateRegisterRisk');
export type CreateRisk = z.infer<typeof CreateRisk>;

export const UpdateRisk = z.strictObject({
  version: Version,
  title: Title.optional(),
  description: Text().optional(),
  sourceLabel: Text(300).optional(),
  owner: Text(200).optional(),
  inherent: Assessment.optional(),
  residual: Assessment.nullable().optional(),
  treatment: z.enum(TREATMENTS).nullable().optional(),
  treatmentDecision: Text(2000).optional(),
  reviewDate: IsoDate.nullable().optional(),
  status: z.enum(['oppen', 'stangd']).optional(),
}).openapi('UpdateRegisterRisk');
export type UpdateRisk = z.infer<typeof UpdateRisk>;

/** A comma-separated filter of known values: an unknown one (a typo) is a 400 naming it, not an empty list. */
const csv = (values: readonly string[]) =>
  z.string().max(500).optional().superRefine((v, c) => {
    const bad = (v ?? '').split(',').map((x) => x.trim()).filter((x) => x && !values.includes(x));
    if (bad.length) {
      c.addIssue({ code: 'custom', message: `Okänt värde "${bad.join(', ')}"; tillåtna: ${values.join(', ')} / unknown value "${bad.join(', ')}"; allowed: ${values.join(', ')}` });
    }
  }).openapi({ description: `Kommaseparerat: ${values.join(', ')}` });

export const RiskQuery = z.object({
  org: OrgRef.optional(),
  sourceType: csv(SOURCE_TYPES),
  treatment: csv([...TREATMENTS, 'ingen']),
  status: z.enum(['oppen', 'stangd', 'alla']).optional(),
  owner: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
  level: z.string().max(60).optional().openapi({ description: 'Nivå (färgbandets etikett)' }),
  basis: z.enum(['inherent', 'residual']).optional().openapi({ description: 'Vilken bedömning celler och nivå avser (residual: kvarvarande, faller tillbaka på inneboende)' }),
  sannolikhet: z.coerce.number().int().min(1).max(10).optional(),
  konsekvens: z.coerce.number().int().min(1).max(10).optional(),
  reviewOverdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export type RiskQuery = z.infer<typeof RiskQuery>;

export const RiskList = z.object({ total: int4(), items: z.array(RegisterRisk) }).openapi('RegisterRiskList');

export const Heatmap = z.object({
  scale: z.object({ id: z.uuid(), scaleVersion: int4(), name: z.string(), likelihood: z.array(z.string()), consequence: z.array(z.string()), bands: z.array(Band) }),
  basis: z.enum(['inherent', 'residual']),
  cells: z.array(z.object({ sannolikhet: int4(), konsekvens: int4(), riskvarde: int4(), band: Band.nullable(), count: int4(), ids: z.array(z.uuid()), idsTruncated: z.boolean() })),
  total: int4(),
  /** Risks matching the filters that are assessed on another scale version (not in the cells). */
  otherScaleVersions: int4(),
}).openapi('RiskHeatmap');

// --- RSA ---------------------------------------------------------------------------------------------------

export const DEPENDENCY_TYPES = ['system', 'el', 'personal', 'lokal', 'leverantor', 'it-infrastruktur', 'kommunikation', 'vatten', 'transport', 'annat'] as const;
export const CAPABILITIES = ['god', 'viss', 'bristande'] as const;
export const RSA_STATUSES = ['planerad', 'pagar', 'klar'] as const;
/** A critical process's continuity plan status, derived from its linked plans: the best one, 'saknas' without one. */
export const PLAN_STATUSES = ['saknas', 'under_arbete', 'faststalld'] as const;
export const EXERCISE_TYPES = ['diskussionsovning', 'funktionsovning', 'fullskaleovning', 'krisledningsovning', 'aterstallningstest'] as const;
export const EXERCISE_STATUSES = ['planerad', 'genomford', 'installd'] as const;
const Dependency = z.strictObject({ type: z.enum(DEPENDENCY_TYPES), name: Title, note: Text(1000).default('') });
const Threat = z.strictObject({ title: Title, description: Text(2000).default('') });
const OrgName = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });
const Linked = z.object({ id: z.uuid(), name: z.string(), archived: z.boolean(), org: z.object({ slug: z.string(), name: z.string() }) });
const ObjectIds = z.array(z.uuid()).max(100).openapi({ description: 'Digitala objekt (system) i objektlistan; bara objekt du får läsa' });
const Archived = z.boolean().openapi({ description: 'Arkivera (true) eller återställ (false); tas aldrig bort' });

export const RsaActivity = z.object({
  id: z.uuid(), rsaId: z.uuid(), name: z.string(), description: z.string(),
  ownerOrg: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable().openapi({ description: 'Avdelning/enhet som äger processen' }),
  owner: z.string(), maxDowntimeHours: int4().nullable().openapi({ description: 'Maximal tolerabel avbrottstid (timmar)' }),
  dependencies: z.array(z.object({ type: z.string(), name: z.string(), note: z.string() })),
  objects: z.array(Linked).openapi({ description: 'System (objekt i objektlistan) som processen beror av' }),
  threats: z.array(z.object({ title: z.string(), description: z.string() })),
  capability: z.enum(CAPABILITIES).nullable(), capabilityNote: z.string(),
  planStatus: z.enum(PLAN_STATUSES).openapi({ description: 'Bästa status bland processens kontinuitetsplaner; saknas utan plan' }),
  actions: z.array(Action), version: int4(),
}).openapi('RsaActivity');

export const Rsa = z.object({
  id: z.uuid(), org: OrgName,
  cycleStartYear: int4(), cycleEndYear: int4(), cycle: z.string(), title: z.string(), summary: z.string(), status: z.enum(RSA_STATUSES),
  activities: z.array(RsaActivity), version: int4(),
}).openapi('Rsa');

export const CreateRsa = z.strictObject({
  org: OrgRef, cycleStartYear: PlanningYearField(),
  cycleEndYear: PlanningYearField().optional().openapi({ description: 'Sista året i cykeln; standard startåret + 1 (tvåårscykel)' }),
  title: Title.optional(), summary: Text(8000).optional(), status: z.enum(RSA_STATUSES).optional(),
}).openapi('CreateRsa');
export const UpdateRsa = z.strictObject({
  version: Version, cycleEndYear: PlanningYearField().optional(), title: Title.optional(), summary: Text(8000).optional(), status: z.enum(RSA_STATUSES).optional(),
}).openapi('UpdateRsa');
export const CreateActivity = z.strictObject({
  name: Title, description: Text().optional(),
  ownerOrg: z.string().min(1).max(64).nullable().optional().openapi({ description: 'Avdelning/enhet (kortnamn) inom RSA:ns förvaltning' }),
  owner: Text(200).optional(), maxDowntimeHours: int4().min(0).max(8760).nullable().optional(),
  dependencies: z.array(Dependency).max(50).optional(), objectIds: ObjectIds.optional(),
  threats: z.array(Threat).max(50).optional(), capability: z.enum(CAPABILITIES).nullable().optional(), capabilityNote: Text(2000).optional(),
}).openapi('CreateRsaActivity');
export const UpdateActivity = CreateActivity.partial().extend({ version: Version }).openapi('UpdateRsaActivity');

// --- continuity and exercises -------------------------------------------------------------------------------

export const ContinuityPlan = z.object({
  id: z.uuid(), org: OrgName, title: z.string(),
  activityId: z.uuid().nullable(), activityName: z.string().nullable(), objectName: z.string().nullable(),
  objects: z.array(Linked), owner: z.string(), fallback: z.string(),
  status: z.enum(PLAN_STATUSES), adoptedDate: z.string().nullable(), lastReviewed: z.string().nullable(),
  nextReview: z.string().nullable().openapi({ description: 'Nästa översyn: angiven, annars ett år efter senaste översyn eller fastställande' }),
  lastExercised: z.string().nullable().openapi({ description: 'Senaste genomförda övning av planen' }),
  reviewOverdue: z.boolean(),
  neverExercised: z.boolean().openapi({ description: 'Ingen genomförd övning av planen' }),
  exerciseOverdue: z.boolean().openapi({ description: 'Senast övad för mer än två år sedan' }),
  archived: z.boolean(), actions: z.array(Action), version: int4(),
}).openapi('ContinuityPlan');
const planFields = {
  title: Title, activityId: z.uuid().nullable().optional(), objectName: Text(200).nullable().optional(), objectIds: ObjectIds.optional(),
  owner: Text(200).optional(), fallback: Text(8000).optional(), status: z.enum(PLAN_STATUSES).optional(),
  adoptedDate: IsoDate.nullable().optional(), lastReviewed: IsoDate.nullable().optional(), nextReview: IsoDate.nullable().optional(),
};
export const CreatePlan = z.strictObject({ org: OrgRef, ...planFields }).openapi('CreateContinuityPlan');
export const UpdatePlan = z.strictObject(planFields).partial().extend({ version: Version, archived: Archived.optional() }).openapi('UpdateContinuityPlan');
export const PlanQuery = z.object({
  org: z.string().optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  flag: z.enum(['reviewOverdue', 'neverExercised', 'exerciseOverdue']).optional().openapi({ description: 'Bara planer med denna flagga' }),
  archived: z.enum(['false', 'true', 'all']).optional().openapi({ description: 'false (standard): aktiva; true: arkiverade; all: alla' }),
});

export const Exercise = z.object({
  id: z.uuid(), org: OrgName, planIds: z.array(z.uuid()),
  date: z.string(), title: z.string(), type: z.enum(EXERCISE_TYPES), status: z.enum(EXERCISE_STATUSES),
  scenario: z.string(), participants: z.array(z.string()), participantCount: int4().nullable(),
  observations: z.string().openapi({ description: 'Erfarenheter' }), archived: z.boolean(), actions: z.array(Action), version: int4(),
}).openapi('Exercise');
const exerciseFields = {
  planIds: z.array(z.uuid()).max(50).optional().openapi({ description: 'Kontinuitetsplaner som övas' }),
  date: IsoDate, title: Title, type: z.enum(EXERCISE_TYPES).optional(), status: z.enum(EXERCISE_STATUSES).optional(),
  scenario: Text(8000).optional(), participants: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  participantCount: int4().min(0).max(100000).nullable().optional(), observations: Text(8000).optional(),
};
export const CreateExercise = z.strictObject({ org: OrgRef, ...exerciseFields }).openapi('CreateExercise');
export const UpdateExercise = z.strictObject(exerciseFields).partial().extend({ version: Version, archived: Archived.optional() }).openapi('UpdateExercise');
export const ExerciseQuery = z.object({
  org: z.string().optional(),
  status: z.enum(EXERCISE_STATUSES).optional(),
  archived: z.enum(['false', 'true', 'all']).optional(),
});
