import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { idColumn, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';

/** A goal of the nämnd's verksamhetsplan (e.g. nämndmål 3.5), held by an organisation. */
export const goals = pgTable(
  'goals',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ...versioned(),
  },
  (t) => [unique('goals_org_code_unique').on(t.orgId, t.code)],
);

/** An indicator / expected result (förväntat resultat) of a goal. */
export const goalIndicators = pgTable(
  'goal_indicators',
  {
    id: idColumn(),
    goalId: uuid('goal_id').notNull().references(() => goals.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    position: integer('position').notNull().default(0),
    ...versioned(),
  },
  (t) => [index('goal_indicators_goal_idx').on(t.goalId)],
);

/** The yearly status of a goal (indicatorId null) or of one of its indicators, with a comment. */
export const goalStatuses = pgTable(
  'goal_statuses',
  {
    id: idColumn(),
    goalId: uuid('goal_id').notNull().references(() => goals.id, { onDelete: 'cascade' }),
    indicatorId: uuid('indicator_id').references(() => goalIndicators.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    status: text('status').notNull(),
    comment: text('comment').notNull().default(''),
    ...versioned(),
  },
  (t) => [
    unique('goal_statuses_goal_indicator_year_unique').on(t.goalId, t.indicatorId, t.year).nullsNotDistinct(),
    check('goal_statuses_status_check', sql`${t.status} in ('uppfyllt','delvis uppfyllt','ej uppfyllt','pågår')`),
  ],
);
