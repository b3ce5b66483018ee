import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { idColumn, ts, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';
import { users } from '../users/table';

/**
 * A risk or recommendation of the dataskyddsombud's yearly report, with the förvaltning's response. The DSO
 * approves the response (approvedAt/By) or reopens it.
 */
export const dsoRecommendations = pgTable(
  'dso_recommendations',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    reportYear: integer('report_year').notNull(),
    area: text('area').notNull(),
    recommendation: text('recommendation').notNull(),
    riskLevel: text('risk_level').notNull().default('medel'),
    response: text('response').notNull().default(''),
    responsible: text('responsible').notNull().default(''),
    status: text('status').notNull().default('öppen'),
    approvedAt: ts('approved_at'),
    approvedBy: uuid('approved_by').references(() => users.id),
    position: integer('position').notNull().default(0),
    ...versioned(),
  },
  (t) => [
    index('dso_recommendations_org_year_idx').on(t.orgId, t.reportYear),
    check('dso_recommendations_risk_check', sql`${t.riskLevel} in ('låg','medel','hög','allvarlig')`),
    check('dso_recommendations_status_check', sql`${t.status} in ('öppen','pågår','åtgärdad','ej åtgärdad')`),
  ],
);

/** What was done about a recommendation, one text per year. */
export const dsoFollowUps = pgTable(
  'dso_follow_ups',
  {
    id: idColumn(),
    recommendationId: uuid('recommendation_id').notNull().references(() => dsoRecommendations.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    text: text('text').notNull(),
    ...versioned(),
  },
  (t) => [unique('dso_follow_ups_rec_year_unique').on(t.recommendationId, t.year)],
);
