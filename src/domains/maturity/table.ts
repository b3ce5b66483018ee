import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, smallint, text, unique, uuid } from 'drizzle-orm/pg-core';
import { idColumn, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';

/**
 * A förvaltning's yearly maturity measurement (mognadsmätning, MSB's self-assessment Infosäkkollen): who measured
 * it, when and how, and what it shows overall. One per organisation and year, so the trend can be followed.
 */
export const maturityAssessments = pgTable(
  'maturity_assessments',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }),
    method: text('method').notNull().default(''),
    assessor: text('assessor').notNull().default(''),
    summary: text('summary').notNull().default(''),
    ...versioned(),
  },
  (t) => [unique('maturity_assessments_org_year_unique').on(t.orgId, t.year)],
);

/** The level (1–4, cumulative) of one area in a measurement, with the level aimed at and a comment. */
export const maturityScores = pgTable(
  'maturity_scores',
  {
    id: idColumn(),
    assessmentId: uuid('assessment_id').notNull().references(() => maturityAssessments.id, { onDelete: 'cascade' }),
    area: text('area').notNull(),
    position: integer('position').notNull().default(0),
    level: smallint('level').notNull(),
    targetLevel: smallint('target_level'),
    comment: text('comment').notNull().default(''),
  },
  (t) => [
    unique('maturity_scores_assessment_area_unique').on(t.assessmentId, t.area),
    index('maturity_scores_assessment_idx').on(t.assessmentId, t.position),
    check('maturity_scores_level_check', sql`${t.level} between 1 and 4`),
    check('maturity_scores_target_level_check', sql`${t.targetLevel} is null or ${t.targetLevel} between 1 and 4`),
  ],
);
