import { sql } from 'drizzle-orm';
import { boolean, check, date, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, versioned } from '../../server/platform/columns';
import { digitalObjects } from '../objects/table';
import { orgs } from '../org/table';
import { users } from '../users/table';
import type { SubSupplier } from './contract';

/**
 * The leverantörsregister: one row per supplier of an organisation, with its PUB-avtal, third-country transfer, exit
 * plan, sub-suppliers (a list kept on the row: they are described, not managed) and the latest assessment. Archived,
 * never deleted: a report of an earlier year and an incident's link still name them.
 */
export const suppliers = pgTable(
  'suppliers',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    orgNumber: text('org_number'),
    services: text('services').notNull().default(''),
    contact: text('contact').notNull().default(''),
    processesPersonalData: boolean('processes_personal_data').notNull().default(false),
    pubAgreement: text('pub_agreement').notNull().default('nej'),
    pubSignedDate: date('pub_signed_date', { mode: 'string' }),
    pubReviewDate: date('pub_review_date', { mode: 'string' }),
    thirdCountryTransfer: boolean('third_country_transfer').notNull().default(false),
    thirdCountries: text('third_countries').notNull().default(''),
    transferTool: text('transfer_tool'),
    tiaDone: boolean('tia_done').notNull().default(false),
    tiaDate: date('tia_date', { mode: 'string' }),
    exitPlan: boolean('exit_plan').notNull().default(false),
    exitPlanNote: text('exit_plan_note').notNull().default(''),
    subSuppliers: jsonb('sub_suppliers').$type<SubSupplier[]>().notNull().default([]),
    assessmentDate: date('assessment_date', { mode: 'string' }),
    assessmentResult: text('assessment_result'),
    assessmentNote: text('assessment_note').notNull().default(''),
    followUpDate: date('follow_up_date', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id),
    archived: boolean('archived').notNull().default(false),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('suppliers_org_name_unique').on(t.orgId, sql`lower(${t.name})`),
    check('suppliers_pub_check', sql`${t.pubAgreement} in ('ja','nej','ej_tillampligt')`),
    check('suppliers_transfer_tool_check', sql`${t.transferTool} is null or ${t.transferTool} in ('adekvansbeslut','scc','bcr','annat')`),
    check('suppliers_assessment_result_check', sql`${t.assessmentResult} is null or ${t.assessmentResult} in ('godtagbar','brister','ej_godtagbar')`),
    check('suppliers_org_number_check', sql`${t.orgNumber} is null or ${t.orgNumber} ~ '^[0-9]{6}-[0-9]{4}$'`),
  ],
);

/** The systems a supplier delivers: digital objects of the objektlista (many-to-many). */
export const supplierObjects = pgTable(
  'supplier_objects',
  {
    supplierId: uuid('supplier_id').notNull().references(() => suppliers.id),
    objectId: uuid('object_id').notNull().references(() => digitalObjects.id),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.objectId] })],
);
