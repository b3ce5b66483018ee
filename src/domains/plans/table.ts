import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { idColumn, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';

/** What motivates an activity: a risk, an incident, a digital object or a NIS2 measure (ids owned by other domains). */
export interface PlanLink {
  linkType: 'risk' | 'incident' | 'object' | 'nis2';
  linkId: string;
}

/**
 * Improvement activities (förbättringsaktiviteter) of an organisation's three-year plan. `carriedFromId` marks an
 * activity carried over from an unfinished one of an earlier year; `reviewDecisionId` one decided at a management
 * review (ISO 27001 9.3.3).
 */
export const planActivities = pgTable(
  'plan_activities',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    area: text('area').notNull(),
    description: text('description').notNull(),
    responsible: text('responsible').notNull().default(''),
    partners: text('partners').notNull().default(''),
    status: text('status').notNull().default('planerad'),
    dueDate: date('due_date', { mode: 'string' }),
    links: jsonb('links').$type<PlanLink[]>().notNull().default([]),
    carriedFromId: uuid('carried_from_id').references((): AnyPgColumn => planActivities.id),
    reviewDecisionId: uuid('review_decision_id'),
    position: integer('position').notNull().default(0),
    ...versioned(),
  },
  (t) => [
    index('plan_activities_org_year_idx').on(t.orgId, t.year),
    index('plan_activities_carried_idx').on(t.carriedFromId),
    check('plan_activities_status_check', sql`${t.status} in ('planerad','pågår','klar','avbruten')`),
    check('plan_activities_year_check', sql`${t.year} between 2000 and 2100`),
  ],
);

/** The list of plan areas of a city (the root organisation); absent → the defaults in contract.ts. */
export const planAreaLists = pgTable('plan_area_lists', {
  cityOrgId: uuid('city_org_id').primaryKey().references(() => orgs.id),
  areas: jsonb('areas').$type<string[]>().notNull(),
  ...versioned(),
});
