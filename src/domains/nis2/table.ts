import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';
import { users } from '../users/table';

/**
 * Cybersäkerhetslagen (NIS2) per organisation: whether it is in scope of the law, as which kind of entity (väsentlig
 * or viktig) and in which sector. Kept here, not on the organisation: only this domain asks.
 */
export const nis2Scopes = pgTable(
  'nis2_scopes',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    inScope: boolean('in_scope').notNull().default(false),
    entityType: text('entity_type'),
    sector: text('sector').notNull().default(''),
    note: text('note').notNull().default(''),
    /** The day of the anmälan to the supervisory authority's register (cybersäkerhetslagen), and its reference. */
    registeredOn: date('registered_on', { mode: 'string' }),
    registrationReference: text('registration_reference').notNull().default(''),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('nis2_scopes_org_unique').on(t.orgId),
    check('nis2_scopes_entity_type_check', sql`${t.entityType} is null or ${t.entityType} in ('vasentlig','viktig')`),
  ],
);

/**
 * The yearly assessment of the security measures of article 21(2) (a)–(j) of an organisation, and the management's
 * approval of them (article 20). `version` counts every change of the assessment, its areas, suppliers and
 * training, so an approval covers what the approver saw.
 */
export const nis2Assessments = pgTable(
  'nis2_assessments',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    carriedFrom: integer('carried_from'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('nis2_assessments_org_year_unique').on(t.orgId, t.year),
    check('nis2_assessments_year_check', sql`${t.year} between 2000 and 2100`),
  ],
);

/** One measure area (a)–(j) of an assessment. */
export const nis2Areas = pgTable(
  'nis2_areas',
  {
    id: idColumn(),
    assessmentId: uuid('assessment_id').notNull().references(() => nis2Assessments.id, { onDelete: 'cascade' }),
    area: text('area').notNull(),
    status: text('status').notNull().default('ej_paborjad'),
    reason: text('reason').notNull().default(''),
    description: text('description').notNull().default(''),
    gaps: text('gaps').notNull().default(''),
    measure: text('measure').notNull().default(''),
    measureOwner: text('measure_owner').notNull().default(''),
    dueDate: date('due_date', { mode: 'string' }),
    evidence: text('evidence').notNull().default(''),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('nis2_areas_assessment_area_unique').on(t.assessmentId, t.area),
    check('nis2_areas_area_check', sql`${t.area} in ('a','b','c','d','e','f','g','h','i','j')`),
    check('nis2_areas_status_check', sql`${t.status} in ('ej_paborjad','delvis','genomford','ej_tillamplig')`),
  ],
);

/** Säkerhet i leveranskedjan (d): a supplier in scope with its sub-suppliers (även utan avtal). */
export const nis2Suppliers = pgTable('nis2_suppliers', {
  id: idColumn(),
  assessmentId: uuid('assessment_id').notNull().references(() => nis2Assessments.id, { onDelete: 'cascade' }),
  supplier: text('supplier').notNull(),
  service: text('service').notNull().default(''),
  subSuppliers: text('sub_suppliers').notNull().default(''),
  contract: boolean('contract').notNull().default(false),
  assessed: boolean('assessed').notNull().default(false),
  ...versioned(),
}, (t) => [index('nis2_suppliers_assessment_idx').on(t.assessmentId)]);

/** Article 20(2): a member of the förvaltningsledning and the day their cybersecurity training was done. */
export const nis2Training = pgTable('nis2_training', {
  id: idColumn(),
  assessmentId: uuid('assessment_id').notNull().references(() => nis2Assessments.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  ...versioned(),
}, (t) => [index('nis2_training_assessment_idx').on(t.assessmentId)]);
