import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, ts, versioned } from '../../server/platform/columns';
import { digitalObjects } from '../objects/table';
import { orgs } from '../org/table';
import { users } from '../users/table';

/**
 * The registerförteckning (art. 30): one row per processing activity (behandling) of an organisation, with the DSO's
 * approval and the DPIA threshold analysis. Archived, never deleted: a report of an earlier year still names them.
 */
export const processingActivities = pgTable(
  'processing_activities',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    purposes: text('purposes').notNull().default(''),
    legalBasis: text('legal_basis'),
    legalBasisNote: text('legal_basis_note').notNull().default(''),
    dataSubjects: jsonb('data_subjects').$type<string[]>().notNull().default([]),
    personalData: jsonb('personal_data').$type<string[]>().notNull().default([]),
    specialCategories: boolean('special_categories').notNull().default(false),
    specialCategoriesNote: text('special_categories_note').notNull().default(''),
    recipients: text('recipients').notNull().default(''),
    thirdCountryTransfer: boolean('third_country_transfer').notNull().default(false),
    thirdCountries: text('third_countries').notNull().default(''),
    transferTool: text('transfer_tool'),
    tiaDone: boolean('tia_done').notNull().default(false),
    retention: text('retention').notNull().default(''),
    securityMeasures: text('security_measures').notNull().default(''),
    pubAgreement: text('pub_agreement').notNull().default('nej'),
    responsible: text('responsible').notNull().default(''),
    status: text('status').notNull().default('utkast'),
    approvedAt: ts('approved_at'),
    approvedBy: uuid('approved_by').references(() => users.id),
    dpiaCriteria: jsonb('dpia_criteria').$type<string[]>().notNull().default([]),
    dpia: text('dpia').notNull().default('ej_gjord'),
    dpiaDate: date('dpia_date', { mode: 'string' }),
    dpiaReason: text('dpia_reason').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    archived: boolean('archived').notNull().default(false),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('processing_activities_org_name_unique').on(t.orgId, sql`lower(${t.name})`),
    check('processing_activities_legal_basis_check', sql`${t.legalBasis} is null or ${t.legalBasis} in ('a','b','c','d','e','f')`),
    check('processing_activities_transfer_tool_check', sql`${t.transferTool} is null or ${t.transferTool} in ('adekvansbeslut','scc','bcr','annat')`),
    check('processing_activities_pub_check', sql`${t.pubAgreement} in ('ja','nej','ej_tillampligt')`),
    check('processing_activities_status_check', sql`${t.status} in ('utkast','granskas','godkand')`),
    check('processing_activities_dpia_check', sql`${t.dpia} in ('ej_gjord','gjord','behovs_ej')`),
    check('processing_activities_approved_check', sql`(${t.status} = 'godkand') = (${t.approvedAt} is not null)`),
  ],
);

/** The systems a processing activity uses: digital objects of the objektlista (many-to-many). */
export const processingActivityObjects = pgTable(
  'processing_activity_objects',
  {
    activityId: uuid('activity_id').notNull().references(() => processingActivities.id),
    objectId: uuid('object_id').notNull().references(() => digitalObjects.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.objectId] })],
);

/**
 * Kamerabevakning: one row per surveilled site of an organisation, with its intresseavvägning and the processing
 * activity of the registerförteckning it belongs to. Archived, never deleted: the register covers five years back.
 */
export const cameraSites = pgTable(
  'camera_sites',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    location: text('location').notNull().default(''),
    purpose: text('purpose').notNull().default(''),
    area: text('area').notNull().default(''),
    cameras: integer('cameras').notNull().default(1),
    sound: boolean('sound').notNull().default(false),
    storageDays: integer('storage_days').notNull().default(14),
    startedOn: date('started_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    balancing: text('balancing').notNull().default(''),
    balancingDate: date('balancing_date', { mode: 'string' }),
    balancingBy: text('balancing_by').notNull().default(''),
    signs: boolean('signs').notNull().default(false),
    activityId: uuid('activity_id').references(() => processingActivities.id),
    createdBy: uuid('created_by').references(() => users.id),
    archived: boolean('archived').notNull().default(false),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('camera_sites_org_name_unique').on(t.orgId, sql`lower(${t.name})`),
    check('camera_sites_storage_check', sql`${t.storageDays} > 0`),
    check('camera_sites_cameras_check', sql`${t.cameras} >= 0`),
    check('camera_sites_dates_check', sql`${t.endedOn} is null or (${t.startedOn} is not null and ${t.endedOn} >= ${t.startedOn})`),
  ],
);
