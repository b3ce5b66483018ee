import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';

const STATUS = sql.raw(`('saknas','pagar','klar','ej_aktuell')`);
const level = (name: string) => integer(name);

/**
 * The objektlista (Pm3): one row per digital object (förvaltningsobjekt) of an organisation, with its roles, supplier
 * and agreements, and its information classification after KLASSA: the city's normerande classification and the
 * förvaltning's lokal one, each with status and date, and the level 0–4 per aspect (null: not yet assessed).
 * Objects are archived, never deleted: last year's report still names them.
 */
export const digitalObjects = pgTable(
  'digital_objects',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    management: text('management').notNull().default('lokal'),
    owner: text('owner').notNull().default(''),
    manager: text('manager').notNull().default(''),
    specialist: text('specialist').notNull().default(''),
    supplier: text('supplier').notNull().default(''),
    nis: boolean('nis').notNull().default(false),
    pubAgreement: text('pub_agreement').notNull().default('nej'),
    thirdCountryTransfer: boolean('third_country_transfer').notNull().default(false),
    thirdCountryNote: text('third_country_note').notNull().default(''),
    aiFunctions: boolean('ai_functions').notNull().default(false),
    aiNote: text('ai_note').notNull().default(''),
    managementPlan: boolean('management_plan').notNull().default(false),
    continuityPlan: boolean('continuity_plan').notNull().default(false),
    normerandeStatus: text('normerande_status').notNull().default('saknas'),
    normerandeDate: date('normerande_date', { mode: 'string' }),
    lokalStatus: text('lokal_status').notNull().default('saknas'),
    lokalDate: date('lokal_date', { mode: 'string' }),
    konfidentialitet: level('konfidentialitet'),
    riktighet: level('riktighet'),
    tillganglighet: level('tillganglighet'),
    sparbarhet: level('sparbarhet'),
    archived: boolean('archived').notNull().default(false),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('digital_objects_org_name_unique').on(t.orgId, sql`lower(${t.name})`),
    check('digital_objects_management_check', sql`${t.management} in ('central','lokal')`),
    check('digital_objects_pub_check', sql`${t.pubAgreement} in ('ja','nej','ej_tillampligt')`),
    check('digital_objects_normerande_check', sql`${t.normerandeStatus} in ${STATUS}`),
    check('digital_objects_lokal_check', sql`${t.lokalStatus} in ${STATUS}`),
    check('digital_objects_levels_check', sql`coalesce(${t.konfidentialitet}, 0) between 0 and 4 and coalesce(${t.riktighet}, 0) between 0 and 4
      and coalesce(${t.tillganglighet}, 0) between 0 and 4 and coalesce(${t.sparbarhet}, 0) between 0 and 4`),
  ],
);

const CHECK = sql.raw(`('ja','nej','ej_aktuellt')`);

/**
 * The yearly object follow-up (objektuppföljning, Pm3) of one object: when it was held and by whom (the objektägare
 * or objektledare, by name), and its checks, each ja / nej / ej aktuellt with a comment: the access review
 * (behörighetsgenomgång, seed 002's VoR "Systematiskt följa upp behörighetshantering") with its result and the
 * number of accounts removed or changed, the förvaltningsplan, the classification, its handlingsplan, the
 * kontinuitetsplan, and the PUB-avtal and supplier. One per object and year.
 */
export const objectFollowUps = pgTable(
  'object_follow_ups',
  {
    id: idColumn(),
    objectId: uuid('object_id').notNull().references(() => digitalObjects.id),
    year: integer('year').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    heldBy: text('held_by').notNull(),
    heldByRole: text('held_by_role').notNull().default('objektagare'),
    accessReview: text('access_review').notNull().default('nej'),
    accessResult: text('access_result'),
    accountsChanged: integer('accounts_changed'),
    accessReviewComment: text('access_review_comment').notNull().default(''),
    managementPlan: text('management_plan').notNull().default('nej'),
    managementPlanComment: text('management_plan_comment').notNull().default(''),
    classification: text('classification').notNull().default('nej'),
    classificationComment: text('classification_comment').notNull().default(''),
    actionPlan: text('action_plan').notNull().default('nej'),
    actionPlanComment: text('action_plan_comment').notNull().default(''),
    continuityPlan: text('continuity_plan').notNull().default('nej'),
    continuityPlanComment: text('continuity_plan_comment').notNull().default(''),
    pubSupplier: text('pub_supplier').notNull().default('nej'),
    pubSupplierComment: text('pub_supplier_comment').notNull().default(''),
    notes: text('notes').notNull().default(''),
    actions: text('actions').notNull().default(''),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('object_follow_ups_object_year_unique').on(t.objectId, t.year),
    check('object_follow_ups_year_check', sql`${t.year} between 2000 and 2100`),
    check('object_follow_ups_role_check', sql`${t.heldByRole} in ('objektagare','objektledare')`),
    check('object_follow_ups_checks_check', sql`${t.accessReview} in ${CHECK} and ${t.managementPlan} in ${CHECK} and ${t.classification} in ${CHECK}
      and ${t.actionPlan} in ${CHECK} and ${t.continuityPlan} in ${CHECK} and ${t.pubSupplier} in ${CHECK}`),
    check('object_follow_ups_result_check', sql`${t.accessResult} is null or ${t.accessResult} in ('inga_avvikelser','avvikelser_atgardade','avvikelser_kvarstar')`),
    check('object_follow_ups_accounts_check', sql`${t.accountsChanged} is null or ${t.accountsChanged} >= 0`),
  ],
);
