import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, ts, versioned } from '../../server/platform/columns';
import { digitalObjects } from '../objects/table';
import { orgs } from '../org/table';

/** A colour band of a scale: riskvärden min..max (inclusive) shown in `color` with `textColor` text. */
export interface ScaleBand {
  min: number;
  max: number;
  color: string;
  textColor: string;
  label: string;
}

/**
 * A risk scale of a city (the root org of a tree), versioned. Rows are never updated: changing the scale
 * inserts the next `scaleVersion`. Assessments point at the row they were made on.
 */
export const riskScales = pgTable(
  'risk_scales',
  {
    id: idColumn(),
    cityOrgId: uuid('city_org_id').notNull().references(() => orgs.id),
    scaleVersion: integer('scale_version').notNull(),
    name: text('name').notNull(),
    likelihood: jsonb('likelihood').$type<string[]>().notNull(),
    consequence: jsonb('consequence').$type<string[]>().notNull(),
    bands: jsonb('bands').$type<ScaleBand[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: text('created_by').notNull().default('system'),
  },
  (t) => [uniqueIndex('risk_scales_city_version_unique').on(t.cityOrgId, t.scaleVersion)],
);

/** IKP threshold set on an organisation; inherited by its subtree unless a descendant sets its own. */
export const riskThresholds = pgTable(
  'risk_thresholds',
  {
    orgId: uuid('org_id').primaryKey().references(() => orgs.id),
    threshold: integer('threshold').notNull(),
    ...versioned(),
  },
  (t) => [check('risk_thresholds_positive', sql`${t.threshold} >= 1`)],
);

/** Väsentlighets- och riskanalys (VoR) of one organisation for one year. */
export const vorAssessments = pgTable(
  'vor_assessments',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    status: text('status').notNull().default('utkast'),
    approvedAt: ts('approved_at'),
    approvedBy: text('approved_by'),
    /** The IKP threshold the VoR was approved with: an approved VoR's proposals do not move when the threshold does. */
    ikpThreshold: integer('ikp_threshold'),
    previousId: uuid('previous_id'),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('vor_assessments_org_year_unique').on(t.orgId, t.year),
    check('vor_assessments_status_check', sql`${t.status} in ('utkast','godkand')`),
  ],
);

/** A process assessed in a VoR: the city's mandatory one (preset) or the förvaltning's own. */
export const vorProcesses = pgTable(
  'vor_processes',
  {
    id: idColumn(),
    vorId: uuid('vor_id').notNull().references(() => vorAssessments.id),
    name: text('name').notNull(),
    mandatory: boolean('mandatory').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    ...versioned(),
  },
  (t) => [index('vor_processes_vor_idx').on(t.vorId)],
);

/** An arbetssätt (way of working) of a process; `key` marks the city's five preset ones. */
export const vorArbetssatt = pgTable(
  'vor_arbetssatt',
  {
    id: idColumn(),
    vorId: uuid('vor_id').notNull().references(() => vorAssessments.id),
    processId: uuid('process_id').notNull().references(() => vorProcesses.id),
    key: text('key'),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    ...versioned(),
  },
  (t) => [index('vor_arbetssatt_vor_idx').on(t.vorId)],
);

/** An oönskad händelse: assessed on a scale version; riskvärde is always sannolikhet × konsekvens. */
export const vorEvents = pgTable(
  'vor_events',
  {
    id: idColumn(),
    vorId: uuid('vor_id').notNull().references(() => vorAssessments.id),
    arbetssattId: uuid('arbetssatt_id').notNull().references(() => vorArbetssatt.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    title: text('title').notNull(),
    motivation: text('motivation').notNull().default(''),
    scaleId: uuid('scale_id').notNull().references(() => riskScales.id),
    sannolikhet: integer('sannolikhet').notNull(),
    konsekvens: integer('konsekvens').notNull(),
    riskvarde: integer('riskvarde').notNull(),
    /** "Status och åtgärder": the yearly follow-up text. */
    followUp: text('follow_up').notNull().default(''),
    ikpDecision: boolean('ikp_decision'),
    ikpDecidedBy: text('ikp_decided_by'),
    ikpDecidedAt: ts('ikp_decided_at'),
    ikpComment: text('ikp_comment'),
    ikpDecidedRiskvarde: integer('ikp_decided_riskvarde'),
    carriedFromId: uuid('carried_from_id'),
    /** Snapshot of the previous year's event when carried: {title, sannolikhet, konsekvens, riskvarde}. */
    previous: jsonb('previous').$type<{ title: string; sannolikhet: number; konsekvens: number; riskvarde: number } | null>(),
    sortOrder: integer('sort_order').notNull().default(0),
    ...versioned(),
  },
  (t) => [
    index('vor_events_vor_idx').on(t.vorId),
    index('vor_events_scale_idx').on(t.scaleId),
    check('vor_events_riskvarde_check', sql`${t.riskvarde} = ${t.sannolikhet} * ${t.konsekvens}`),
    check('vor_events_values_check', sql`${t.sannolikhet} >= 1 and ${t.konsekvens} >= 1`),
  ],
);

export const ACTION_PARENTS = ['vor_event', 'risk', 'exercise', 'rsa_activity', 'continuity_plan'] as const;

/** An åtgärd belonging to a VoR event, register risk, exercise, RSA activity or continuity plan. */
export const riskActions = pgTable(
  'risk_actions',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    parentType: text('parent_type').notNull(),
    parentId: uuid('parent_id').notNull(),
    title: text('title').notNull(),
    owner: text('owner').notNull().default(''),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status').notNull().default('planerad'),
    note: text('note').notNull().default(''),
    carriedFromId: uuid('carried_from_id'),
    ...versioned(),
  },
  (t) => [
    index('risk_actions_parent_idx').on(t.parentType, t.parentId),
    index('risk_actions_due_idx').on(t.status, t.dueDate),
    check('risk_actions_status_check', sql`${t.status} in ('planerad','pagar','klar','avbruten')`),
    check('risk_actions_parent_check', sql`${t.parentType} in ('vor_event','risk','exercise','rsa_activity','continuity_plan')`),
  ],
);

/** The förvaltning's risk register: risks from any source, with inherent and residual assessment. */
export const risks = pgTable(
  'risks',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    sourceType: text('source_type').notNull().default('manual'),
    sourceId: text('source_id'),
    sourceLabel: text('source_label').notNull().default(''),
    owner: text('owner').notNull().default(''),
    scaleId: uuid('scale_id').notNull().references(() => riskScales.id),
    inherentSannolikhet: integer('inherent_sannolikhet').notNull(),
    inherentKonsekvens: integer('inherent_konsekvens').notNull(),
    inherentRiskvarde: integer('inherent_riskvarde').notNull(),
    residualSannolikhet: integer('residual_sannolikhet'),
    residualKonsekvens: integer('residual_konsekvens'),
    residualRiskvarde: integer('residual_riskvarde'),
    treatment: text('treatment'),
    treatmentDecision: text('treatment_decision').notNull().default(''),
    treatmentDecidedBy: text('treatment_decided_by'),
    treatmentDecidedAt: ts('treatment_decided_at'),
    reviewDate: date('review_date', { mode: 'string' }),
    status: text('status').notNull().default('oppen'),
    ...versioned(),
  },
  (t) => [
    index('risks_org_idx').on(t.orgId),
    index('risks_source_idx').on(t.sourceType, t.sourceId),
    index('risks_scale_idx').on(t.scaleId),
    check('risks_source_check', sql`${t.sourceType} in ('vor','rsa','dso','classification','supplier','incident','manual')`),
    check('risks_treatment_check', sql`${t.treatment} is null or ${t.treatment} in ('reducera','acceptera','overfora','undvika')`),
    check('risks_status_check', sql`${t.status} in ('oppen','stangd')`),
    check('risks_inherent_check', sql`${t.inherentRiskvarde} = ${t.inherentSannolikhet} * ${t.inherentKonsekvens}`),
    check(
      'risks_residual_check',
      sql`(${t.residualSannolikhet} is null and ${t.residualKonsekvens} is null and ${t.residualRiskvarde} is null) or ${t.residualRiskvarde} = ${t.residualSannolikhet} * ${t.residualKonsekvens}`,
    ),
  ],
);

export interface Dependency { type: string; name: string; note: string }
export interface Threat { title: string; description: string }

/**
 * Risk- och sårbarhetsanalys (RSA) of a förvaltning for a cycle from `cycleStartYear` to `cycleEndYear` (two years
 * by default, editable), planned, in progress or done.
 */
export const rsaAnalyses = pgTable(
  'rsa_analyses',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    cycleStartYear: integer('cycle_start_year').notNull(),
    cycleEndYear: integer('cycle_end_year').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    status: text('status').notNull().default('pagar'),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('rsa_analyses_org_cycle_unique').on(t.orgId, t.cycleStartYear),
    check('rsa_analyses_status_check', sql`${t.status} in ('planerad','pagar','klar')`),
    check('rsa_analyses_cycle_check', sql`${t.cycleEndYear} >= ${t.cycleStartYear}`),
  ],
);

/** A critical activity (samhällsviktig/kritisk verksamhet) of an RSA with dependencies, threats and capability. */
export const rsaActivities = pgTable(
  'rsa_activities',
  {
    id: idColumn(),
    rsaId: uuid('rsa_id').notNull().references(() => rsaAnalyses.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The unit (avdelning/enhet) that owns the process, within the RSA's förvaltning. */
    ownerOrgId: uuid('owner_org_id').references(() => orgs.id),
    owner: text('owner').notNull().default(''),
    /** Maximal tolerabel avbrottstid, in hours. */
    maxDowntimeHours: integer('max_downtime_hours'),
    dependencies: jsonb('dependencies').$type<Dependency[]>().notNull().default([]),
    threats: jsonb('threats').$type<Threat[]>().notNull().default([]),
    capability: text('capability'),
    capabilityNote: text('capability_note').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    ...versioned(),
  },
  (t) => [
    index('rsa_activities_rsa_idx').on(t.rsaId),
    check('rsa_activities_capability_check', sql`${t.capability} is null or ${t.capability} in ('god','viss','bristande')`),
    check('rsa_activities_downtime_check', sql`${t.maxDowntimeHours} is null or ${t.maxDowntimeHours} >= 0`),
  ],
);

/** The systems a critical process depends on: objects of the objektlista (many-to-many). */
export const rsaActivityObjects = pgTable(
  'rsa_activity_objects',
  {
    activityId: uuid('activity_id').notNull().references(() => rsaActivities.id),
    objectId: uuid('object_id').notNull().references(() => digitalObjects.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.objectId] })],
);

/** A continuity plan for a critical activity or an object (system), with its fallback (reservrutin). */
export const continuityPlans = pgTable(
  'continuity_plans',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    title: text('title').notNull(),
    activityId: uuid('activity_id').references(() => rsaActivities.id),
    objectName: text('object_name'),
    owner: text('owner').notNull().default(''),
    fallback: text('fallback').notNull().default(''),
    status: text('status').notNull().default('under_arbete'),
    adoptedDate: date('adopted_date', { mode: 'string' }),
    lastReviewed: date('last_reviewed', { mode: 'string' }),
    nextReview: date('next_review', { mode: 'string' }),
    archived: boolean('archived').notNull().default(false),
    ...versioned(),
  },
  (t) => [
    index('continuity_plans_org_idx').on(t.orgId),
    check('continuity_plans_status_check', sql`${t.status} in ('saknas','under_arbete','faststalld')`),
  ],
);

/** The systems a continuity plan covers: objects of the objektlista (many-to-many). */
export const continuityPlanObjects = pgTable(
  'continuity_plan_objects',
  {
    planId: uuid('plan_id').notNull().references(() => continuityPlans.id),
    objectId: uuid('object_id').notNull().references(() => digitalObjects.id),
  },
  (t) => [primaryKey({ columns: [t.planId, t.objectId] })],
);

/**
 * An exercise (övning): planned, held or cancelled, of a type, exercising any number of continuity plans
 * (exercise_plans); `observations` are the lessons learned (erfarenheter). A held exercise sets its plans' "last
 * exercised".
 */
export const exercises = pgTable(
  'risk_exercises',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    date: date('date', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    type: text('type').notNull().default('diskussionsovning'),
    status: text('status').notNull().default('genomford'),
    scenario: text('scenario').notNull().default(''),
    participants: jsonb('participants').$type<string[]>().notNull().default([]),
    participantCount: integer('participant_count'),
    observations: text('observations').notNull().default(''),
    archived: boolean('archived').notNull().default(false),
    ...versioned(),
  },
  (t) => [
    index('risk_exercises_org_date_idx').on(t.orgId, t.date),
    check('risk_exercises_type_check', sql`${t.type} in ('diskussionsovning','funktionsovning','fullskaleovning','krisledningsovning','aterstallningstest')`),
    check('risk_exercises_status_check', sql`${t.status} in ('planerad','genomford','installd')`),
    check('risk_exercises_count_check', sql`${t.participantCount} is null or ${t.participantCount} >= 0`),
  ],
);

/** The continuity plans an exercise exercised (many-to-many). */
export const exercisePlans = pgTable(
  'exercise_plans',
  {
    exerciseId: uuid('exercise_id').notNull().references(() => exercises.id),
    planId: uuid('plan_id').notNull().references(() => continuityPlans.id),
  },
  (t) => [primaryKey({ columns: [t.exerciseId, t.planId] }), index('exercise_plans_plan_idx').on(t.planId)],
);
