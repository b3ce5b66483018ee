import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { idColumn, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';

/**
 * A training held (genomförd utbildning): a targeted training or genomgång, a workshop or an exercise, for a group
 * (förvaltningsledningen, chefsforum, timvikarier…) at any level of the organisation, given by e.g. ISAM or DSO.
 */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    audience: text('audience').notNull().default(''),
    givenBy: text('given_by').notNull().default(''),
    participants: integer('participants'),
    comment: text('comment').notNull().default(''),
    ...versioned(),
  },
  (t) => [
    index('training_sessions_org_held_idx').on(t.orgId, t.heldOn),
    check('training_sessions_kind_check', sql`${t.kind} in ('riktad', 'e-utbildning', 'workshop', 'övning')`),
    check('training_sessions_participants_check', sql`${t.participants} is null or ${t.participants} >= 0`),
  ],
);

/**
 * How many of a unit's employees completed one of the city's e-courses in a year (genomförandegrad): one row per
 * organisation, year and course, so completion can be followed up per unit.
 */
export const trainingCompletions = pgTable(
  'training_completions',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    course: text('course').notNull(),
    employees: integer('employees').notNull(),
    completed: integer('completed').notNull(),
    comment: text('comment').notNull().default(''),
    ...versioned(),
  },
  (t) => [
    unique('training_completions_org_year_course_unique').on(t.orgId, t.year, t.course),
    check('training_completions_employees_check', sql`${t.employees} >= 1`),
    check('training_completions_completed_check', sql`${t.completed} between 0 and ${t.employees}`),
  ],
);
