import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { idColumn, ts, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';
import { users } from '../users/table';

export interface InputMark {
  notApplicable?: boolean;
  reason?: string;
  /** Text written in the review itself for this input (counts as content). */
  text?: string;
}
export interface ConclusionPart {
  value: boolean | null;
  comment: string;
}
export interface Conclusion {
  lampligt: ConclusionPart;
  tillrackligt: ConclusionPart;
  verkningsfullt: ConclusionPart;
}

/**
 * The management review (ledningens genomgång) of an organisation and year as ISO 27001 9.3 requires: the meeting,
 * the inputs 9.3.2 (a)–(g) marked not applicable where so, the outputs 9.3.3 and the sign-off.
 */
export const reviews = pgTable(
  'management_reviews',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    meetingDate: date('meeting_date', { mode: 'string' }),
    chair: text('chair').notNull().default(''),
    attendees: jsonb('attendees').$type<string[]>().notNull().default([]),
    inputs: jsonb('inputs').$type<Record<string, InputMark>>().notNull().default({}),
    ismsChanges: text('isms_changes').notNull().default(''),
    conclusion: jsonb('conclusion').$type<Conclusion | null>(),
    signedAt: ts('signed_at'),
    signedBy: uuid('signed_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [unique('management_reviews_org_year_unique').on(t.orgId, t.year)],
);

/** A decision of the review (9.3.3): an improvement (which becomes a plan activity) or a change to the ISMS. */
export const reviewDecisions = pgTable(
  'management_review_decisions',
  {
    id: idColumn(),
    reviewId: uuid('review_id').notNull().references(() => reviews.id),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    owner: text('owner').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    activityId: uuid('activity_id'),
    position: integer('position').notNull().default(0),
    ...versioned(),
  },
  (t) => [
    index('management_review_decisions_review_idx').on(t.reviewId),
    check('management_review_decisions_kind_check', sql`${t.kind} in ('improvement','isms_change','stance')`),
  ],
);
