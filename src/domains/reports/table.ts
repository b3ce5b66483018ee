import { sql } from 'drizzle-orm';
import { check, customType, index, integer, json, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { idColumn, ts, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';
import { users } from '../users/table';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Ledningens genomgång: one report per organisation and year. `outline` holds the sections (title, level,
 * provider key, hidden flag, narrative document, manual tables) as JSON; `revision` counts the drafts
 * (a new draft after approval is revision + 1). Approved revisions are frozen in report_versions.
 */
export const reports = pgTable(
  'reports',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    status: text('status').notNull().default('utkast'),
    revision: integer('revision').notNull().default(1),
    outline: jsonb('outline').notNull(),
    /** Figures of last year's approved report (for "changed since last year" highlighting). */
    previousFigures: jsonb('previous_figures'),
    carriedFromVersionId: uuid('carried_from_version_id'),
    templateId: uuid('template_id'),
    createdBy: uuid('created_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [
    unique('reports_org_year_unique').on(t.orgId, t.year),
    check('reports_status_check', sql`${t.status} in ('utkast','under_granskning','godkand')`),
    check('reports_year_check', sql`${t.year} between 2000 and 2100`),
  ],
);

/** A frozen, approved revision: the report JSON, the rendered documents and their SHA-256. Never updated. */
export const reportVersions = pgTable(
  'report_versions',
  {
    id: idColumn(),
    reportId: uuid('report_id').notNull().references(() => reports.id),
    revision: integer('revision').notNull(),
    // json, not jsonb: the text as approved, keys in their order (jsonb sorts them, and tables built from them followed).
    reportJson: json('report_json').notNull(),
    jsonSha256: text('json_sha256').notNull(),
    docx: bytea('docx').notNull(),
    docxSha256: text('docx_sha256').notNull(),
    pdf: bytea('pdf').notNull(),
    pdfSha256: text('pdf_sha256').notNull(),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedByLabel: text('approved_by_label').notNull(),
    approvedAt: ts('approved_at').notNull().defaultNow(),
  },
  (t) => [unique('report_versions_report_revision_unique').on(t.reportId, t.revision)],
);

/** Reviewers' comments, per section of a report. */
export const reportComments = pgTable(
  'report_comments',
  {
    id: idColumn(),
    reportId: uuid('report_id').notNull().references(() => reports.id),
    sectionId: text('section_id').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    authorLabel: text('author_label').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('report_comments_report_idx').on(t.reportId, t.sectionId)],
);

/** An organisation's own DOCX template (docx-templates placeholders), validated at upload. */
export const reportTemplates = pgTable(
  'report_templates',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    docx: bytea('docx').notNull(),
    sha256: text('sha256').notNull(),
    commands: jsonb('commands').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    ...versioned(),
  },
  (t) => [index('report_templates_org_idx').on(t.orgId)],
);
