import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, customType, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    // Insertion order, for a backup from before numbers (migration 0015); unique by its sequence, not indexed (0023).
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /**
     * The human number AV-<numberYear>-<numberSeq>: counted per reported year (Stockholm) from 1, given once when
     * the incident is created (a database trigger, from one sequence per year: migration 0015) and never changed.
     */
    numberYear: smallint('number_year'),
    numberSeq: integer('number_seq'),
    // References to orgs and users are checked once per statement, not per row (migration 0021, REFERENCES_CHECKED
    // below): five per-row foreign-key triggers were a third of an import's database time.
    orgId: uuid('org_id').notNull(),
    registerOrgId: uuid('register_org_id').notNull(),
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
    handlerId: uuid('handler_id'),
    reporterId: uuid('reporter_id'),
    /**
     * Who registered the incident in Tillit and how (the status history's source words: ui, quick, import, demo).
     * The history holds the changes; its first entry, the status the incident was registered with, is made from
     * these and created_at (children.ts). Null for incidents from before migration 0016, whose history has it as a row.
     */
    createdBy: uuid('created_by'),
    createdVia: text('created_via'),
    riskAssessment: text('risk_assessment'),
    /** The handler's written assessment (motivering) behind riskAssessment. */
    assessmentText: text('assessment_text').notNull().default(''),
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
    uniqueIndex('incidents_number_unique').on(t.numberYear, t.numberSeq),
    index('incidents_reported_idx').on(t.reportedAt),
    // A search for one word also looks for it as an IA Ärende-ID in any letter case (list.ts): one probe here, not
    // a case-folded comparison on every incident the list walks.
    index('incidents_external_lower_idx').on(sql`lower(${t.externalId})`).where(sql`${t.externalId} is not null`),
    // List and statistics: per organisation newest first (keyset on reported_at, id), year as a range; the list's
    // usual filters ride along so they are checked in the index (index-only scans, no heap visits). Also serves
    // lookups by org_id alone.
    index('incidents_org_list_idx').on(t.orgId, t.reportedAt, t.id, t.status, t.kind, t.category, t.personalData, t.protectedIdentity),
    // The rare "protected identity" filter: a small partial index instead of scanning a whole subtree.
    index('incidents_org_protected_idx').on(t.orgId, t.reportedAt, t.id).where(sql`${t.protectedIdentity}`),
    // Partial: imported incidents have neither handler nor reporter, so they cost these two indexes nothing.
    index('incidents_handler_idx').on(t.handlerId).where(sql`${t.handlerId} is not null`),
    // The start page's "new reports waiting" (attention.ts): only the untriaged, so the count stays small in any city.
    index('incidents_untriaged_idx').on(t.orgId).where(sql`${t.status} = 'Rapporterad' and ${t.handlerId} is null`),
    // The start page's "not yet decided whether personal data": open incidents answered 'vet ej', a handful in any city.
    index('incidents_undecided_idx').on(t.orgId).where(sql`${t.personalData} = 'vet_ej' and ${t.status} not in ('Klar', 'Förfallen')`),
    // The list's own reports (incident.report without incident.read): newest first per reporter.
    index('incidents_reporter_reported_idx').on(t.reporterId, t.reportedAt, t.id).where(sql`${t.reporterId} is not null`),
    check('incidents_status_check', sql`${t.status} in ('Rapporterad','Under registrering','Under utredning','Under åtgärd','Klar','Förfallen')`),
    check('incidents_personal_data_check', sql`${t.personalData} in ('ja','nej','vet_ej')`),
  ],
);

/**
 * The references of `incidents` that a trigger checks per statement instead of a foreign key per row (migration
 * 0021): the set of new or changed rows is anti-joined with orgs and users once, and orgs and users refuse DELETE
 * (they are archived, never deleted), so nothing can leave an incident pointing nowhere. Backups restore these
 * tables first (platform/backup.ts reads this).
 */
export const REFERENCES_CHECKED = { incidents: ['orgs', 'users'] } as const;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Full-text search of incidents (title and description, Swedish), kept apart from `incidents` and brought up to
 * date in the background (search-index.ts): an import no longer computes and indexes every text inside its
 * transaction (that was 40 % of its database time). Until an incident's text is indexed, its id is listed in
 * `incident_search_pending` and the search reads the text itself (list.ts), so results are never stale.
 */
export const incidentSearch = pgTable(
  'incident_search',
  {
    incidentId: uuid('incident_id').primaryKey().references(() => incidents.id),
    doc: tsvector('doc').notNull(),
  },
  (t) => [index('incident_search_doc_idx').using('gin', t.doc)],
);

/**
 * Tables made from others and rebuilt by themselves: backups leave them out, and a restore's incidents (written
 * again, so pending) are indexed anew by the server (platform/backup.ts reads this).
 */
export const DERIVED_TABLES: readonly string[] = ['incident_search', 'incident_search_pending'];

/** Incidents whose text is new or changed and not yet in incident_search: one row per writing statement (a trigger). */
export const incidentSearchPending = pgTable('incident_search_pending', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ids: uuid('ids').array().notNull(),
  at: ts('at').notNull().defaultNow(),
});

/**
 * Every status change, with when and by whom (or by which import). Counts "by status on a date" come from here. The
 * status an incident was registered with is not a row (since migration 0016): it is the first change's from_status,
 * or the current status when there is none.
 */
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
  (t) => [
    index('incident_status_history_incident_idx').on(t.incidentId, t.at),
    // The incidents whose status changed after a report's cut-off date (stats.ts): all others had their current one.
    index('incident_status_history_at_idx').on(t.at),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Åtgärder: who does what by when. */
export const incidentActions = pgTable(
  'incident_actions',
  {
    id: idColumn(),
    incidentId: uuid('incident_id').notNull().references(() => incidents.id),
    title: text('title').notNull(),
    ownerId: uuid('owner_id').references(() => users.id),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status').notNull().default('planerad'),
    ...versioned(),
  },
  (t) => [
    index('incident_actions_incident_idx').on(t.incidentId),
    check('incident_actions_status_check', sql`${t.status} in ('planerad','pagar','klar')`),
  ],
);

export const incidentComments = pgTable(
  'incident_comments',
  {
    id: idColumn(),
    incidentId: uuid('incident_id').notNull().references(() => incidents.id),
    authorId: uuid('author_id').references(() => users.id),
    authorLabel: text('author_label').notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('incident_comments_incident_idx').on(t.incidentId, t.createdAt)],
);

/** Attachments are kept in the database (bytea) so a backup of the database holds them. */
export const incidentAttachments = pgTable(
  'incident_attachments',
  {
    id: idColumn(),
    incidentId: uuid('incident_id').notNull().references(() => incidents.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('incident_attachments_incident_idx').on(t.incidentId)],
);

/** Generic links to other records (risks, objects, suppliers … as they arrive): target type + id. */
export const incidentLinks = pgTable(
  'incident_links',
  {
    id: idColumn(),
    incidentId: uuid('incident_id').notNull().references(() => incidents.id),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('incident_links_target_unique').on(t.incidentId, t.targetType, t.targetId)],
);

/**
 * Categories with templates, per city (or any organisation: the nearest ancestor's list applies). When an
 * organisation chain has none, the built-in defaults (categories.ts) apply.
 */
export const incidentCategories = pgTable(
  'incident_categories',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    kind: text('kind'),
    personalData: text('personal_data'),
    riskAssessment: text('risk_assessment'),
    assessmentText: text('assessment_text').notNull().default(''),
    firstActions: jsonb('first_actions').$type<string[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    ...versioned(),
  },
  (t) => [uniqueIndex('incident_categories_org_name_unique').on(t.orgId, t.name)],
);

/**
 * Deadline reminders already e-mailed: one per incident, clock, threshold and deadline. The deadline is part of the
 * key: when it moves (the discovery time corrected), its thresholds are crossed anew and reminded of again.
 */
export const incidentRemindersSent = pgTable(
  'incident_reminders_sent',
  {
    incidentId: uuid('incident_id').notNull().references(() => incidents.id),
    clock: text('clock').notNull(),
    threshold: text('threshold').notNull(),
    deadline: ts('deadline').notNull(),
    recipients: text('recipients').notNull(),
    sentAt: ts('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.clock, t.threshold, t.deadline] })],
);

/**
 * The personal data breach record (GDPR art. 33.3 and 33.5): one per incident that is a personal data breach, kept
 * apart from `incidents` so the IA import's table keeps its width and indexes. The lists hold the keys of
 * breach-model.ts; the free texts are protected like the incident's description. `documentedAt`/`documentedBy`:
 * marked complete ("Markera som dokumenterad"); later edits keep it complete and are audited.
 */
export const incidentBreaches = pgTable(
  'incident_breaches',
  {
    incidentId: uuid('incident_id').primaryKey().references(() => incidents.id),
    breachTypes: text('breach_types').array().notNull().default(sql`'{}'::text[]`),
    subjectCategories: text('subject_categories').array().notNull().default(sql`'{}'::text[]`),
    subjectCategoriesOther: text('subject_categories_other').notNull().default(''),
    subjectCount: integer('subject_count'),
    subjectCountUnknown: boolean('subject_count_unknown').notNull().default(false),
    dataCategories: text('data_categories').array().notNull().default(sql`'{}'::text[]`),
    dataCategoriesOther: text('data_categories_other').notNull().default(''),
    recordCount: integer('record_count'),
    recordCountUnknown: boolean('record_count_unknown').notNull().default(false),
    likelyConsequences: text('likely_consequences').notNull().default(''),
    measuresTaken: text('measures_taken').notNull().default(''),
    cause: text('cause'),
    delayReason: text('delay_reason').notNull().default(''),
    notInformingReason: text('not_informing_reason'),
    notInformingText: text('not_informing_text').notNull().default(''),
    documentedAt: ts('documented_at'),
    documentedBy: uuid('documented_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [
    check('incident_breaches_cause_check', sql`${t.cause} is null or ${t.cause} in ('manskligt_misstag','teknisk_brist','antagonistisk','leverantor','okand')`),
    check('incident_breaches_not_informing_check', sql`${t.notInformingReason} is null or ${t.notInformingReason} in ('a','b','c')`),
    check('incident_breaches_counts_check', sql`(${t.subjectCount} is null or ${t.subjectCount} >= 0) and (${t.recordCount} is null or ${t.recordCount} >= 0)`),
  ],
);
