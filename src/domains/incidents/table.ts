import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, ts, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';
import { users } from '../users/table';

/**
 * An incident (avvikelse). `orgId` is the most specific organisation it belongs to (the unit when known);
 * `registerOrgId` is the organisation whose IA register holds `externalId` (IA ärende-ID), unique there.
 * Instants are UTC (timestamptz); they are entered and shown in Europe/Stockholm.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: idColumn(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    registerOrgId: uuid('register_org_id').notNull().references(() => orgs.id),
    externalId: text('external_id'),
    unitText: text('unit_text'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind'),
    category: text('category'),
    personalData: text('personal_data').notNull().default('vet_ej'),
    occurredAt: ts('occurred_at'),
    discoveredAt: ts('discovered_at'),
    reportedAt: ts('reported_at').notNull(),
    status: text('status').notNull().default('Rapporterad'),
    handlerId: uuid('handler_id').references(() => users.id),
    reporterId: uuid('reporter_id').references(() => users.id),
    riskAssessment: text('risk_assessment'),
    reportedToImy: boolean('reported_to_imy').notNull().default(false),
    imyReportedAt: ts('imy_reported_at'),
    imyReference: text('imy_reference'),
    subjectsInformedAt: ts('subjects_informed_at'),
    nis2Significant: boolean('nis2_significant').notNull().default(false),
    reportedToCsirt: boolean('reported_to_csirt').notNull().default(false),
    csirtEarlyWarningAt: ts('csirt_early_warning_at'),
    csirtNotificationAt: ts('csirt_notification_at'),
    csirtFinalReportAt: ts('csirt_final_report_at'),
    protectedIdentity: boolean('protected_identity').notNull().default(false),
    ...versioned(),
  },
  (t) => [
    uniqueIndex('incidents_register_external_unique').on(t.registerOrgId, t.externalId),
    uniqueIndex('incidents_seq_unique').on(t.seq),
    index('incidents_org_idx').on(t.orgId),
    index('incidents_reported_idx').on(t.reportedAt),
    index('incidents_status_idx').on(t.status),
    check('incidents_status_check', sql`${t.status} in ('Rapporterad','Under registrering','Under utredning','Under åtgärd','Klar','Förfallen')`),
    check('incidents_personal_data_check', sql`${t.personalData} in ('ja','nej','vet_ej')`),
  ],
);

/** Every status change, with when and by whom (or by which import). Counts "by status on a date" come from here. */
export const incidentStatusHistory = pgTable(
  'incident_status_history',
  {
    id: idColumn(),
    incidentId: uuid('incident_id').notNull().references(() => incidents.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    source: text('source').notNull().default('ui'),
  },
  (t) => [index('incident_status_history_incident_idx').on(t.incidentId, t.at)],
);
