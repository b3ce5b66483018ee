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
const Dependency = z.strictObject({ type: z.enum(DEPENDENCY_TYPES), name: Title, note: Text(1000).default('') });
const Threat = z.strictObject({ title: Title, description: Text(2000).default('') });

export const RsaActivity = z.object({
  id: z.uuid(), rsaId: z.uuid(), name: z.string(), description: z.string(),
  dependencies: z.array(z.object({ type: z.string(), name: z.string(), note: z.string() })),
  threats: z.array(z.object({ title: z.string(), description: z.string() })),
  capability: z.enum(CAPABILITIES).nullable(), capabilityNote: z.string(), actions: z.array(Action), version: int4(),
}).openapi('RsaActivity');

export const Rsa = z.object({
  id: z.uuid(), org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  cycleStartYear: int4(), cycle: z.string(), title: z.string(), summary: z.string(), status: z.enum(['pagar', 'klar']),
  activities: z.array(RsaActivity), version: int4(),
}).openapi('Rsa');

export const CreateRsa = z.strictObject({
  org: OrgRef, cycleStartYear: PlanningYearField(), title: Title.optional(), summary: Text(8000).optional(),
}).openapi('CreateRsa');
export const UpdateRsa = z.strictObject({
  version: Version, title: Title.optional(), summary: Text(8000).optional(), status: z.enum(['pagar', 'klar']).optional(),
}).openapi('UpdateRsa');
export const CreateActivity = z.strictObject({
  name: Title, description: Text().optional(), dependencies: z.array(Dependency).max(50).optional(),
  threats: z.array(Threat).max(50).optional(), capability: z.enum(CAPABILITIES).nullable().optional(), capabilityNote: Text(2000).optional(),
}).openapi('CreateRsaActivity');
export const UpdateActivity = CreateActivity.partial().extend({ version: Version }).openapi('UpdateRsaActivity');

// --- continuity and exercises -------------------------------------------------------------------------------

export const ContinuityPlan = z.object({
  id: z.uuid(), org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }), title: z.string(),
  activityId: z.uuid().nullable(), objectName: z.string().nullable(), owner: z.string(), fallback: z.string(),
  status: z.enum(['utkast', 'faststalld', 'under_arbete']), lastReviewed: z.string().nullable(), nextReview: z.string().nullable(),
  reviewOverdue: z.boolean(), actions: z.array(Action), version: int4(),
}).openapi('ContinuityPlan');
export const CreatePlan = z.strictObject({
  org: OrgRef, title: Title, activityId: z.uuid().nullable().optional(), objectName: Text(200).nullable().optional(),
  owner: Text(200).optional(), fallback: Text(8000).optional(), status: z.enum(['utkast', 'faststalld', 'under_arbete']).optional(),
  lastReviewed: IsoDate.nullable().optional(), nextReview: IsoDate.nullable().optional(),
}).openapi('CreateContinuityPlan');
export const UpdatePlan = CreatePlan.omit({ org: true }).partial().extend({ version: Version }).openapi('UpdateContinuityPlan');

export const Exercise = z.object({
  id: z.uuid(), org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }), planId: z.uuid().nullable(),
  date: z.string(), title: z.string(), scenario: z.string(), participants: z.array(z.string()), observations: z.string(),
  actions: z.array(Action), version: int4(),
}).openapi('Exercise');
export const CreateExercise = z.strictObject({
  org: OrgRef, planId: z.uuid().nullable().optional(), date: IsoDate, title: Title, scenario: Text(8000).optional(),
  participants: z.array(z.string().trim().min(1).max(200)).max(200).optional(), observations: Text(8000).optional(),
}).openapi('CreateExercise');
export const UpdateExercise = CreateExercise.omit({ org: true }).partial().extend({ version: Version }).openapi('UpdateExercise');
