import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';
import { vorEvents } from '../risks/table';
import { users } from '../users/table';

/**
 * A kontrollmoment of an organisation's internkontrollplan (IKP) for a year: what is checked, how, how often and by
 * whom, for one IKP risk (a VoR event of that year) or, without one, for the förvaltning's own reasons (then a
 * title). Archived, never deleted: a report of the year still names it.
 */
export const internalControls = pgTable(
  'internal_controls',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    vorEventId: uuid('vor_event_id').references(() => vorEvents.id),
    title: text('title').notNull().default(''),
    control: text('control').notNull(),
    method: text('method').notNull().default(''),
    frequency: text('frequency').notNull().default('tertial'),
    responsible: text('responsible').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    archived: boolean('archived').notNull().default(false),
    ...versioned(),
  },
  (t) => [
    index('internal_controls_org_year_idx').on(t.orgId, t.year),
    index('internal_controls_event_idx').on(t.vorEventId),
    check('internal_controls_year_check', sql`${t.year} between 2000 and 2100`),
    check('internal_controls_frequency_check', sql`${t.frequency} in ('arlig','halvar','tertial','kvartal','manad')`),
    check('internal_controls_title_check', sql`${t.vorEventId} is not null or btrim(${t.title}) <> ''`),
  ],
);

/** The result of a control for one of its periods: one per control and period. */
export const internalControlResults = pgTable(
  'internal_control_results',
  {
    id: idColumn(),
    controlId: uuid('control_id').notNull().references(() => internalControls.id),
    period: text('period').notNull(),
    performedOn: date('performed_on', { mode: 'string' }),
    result: text('result').notNull(),
    reason: text('reason').notNull().default(''),
    comment: text('comment').notNull().default(''),
    measures: text('measures').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('internal_control_results_period_unique').on(t.controlId, t.period),
    check('internal_control_results_result_check', sql`${t.result} in ('utan_avvikelse','avvikelse','vasentlig_avvikelse','ej_genomford')`),
    check('internal_control_results_period_check', sql`${t.period} ~ '^(helar|H[12]|T[123]|Q[1-4]|M(0[1-9]|1[0-2]))$'`),
    check('internal_control_results_performed_check', sql`${t.performedOn} is not null or ${t.result} = 'ej_genomford'`),
  ],
);
