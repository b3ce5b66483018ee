import { sql, type SQL } from 'drizzle-orm';
import { check, customType, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, ts, versioned } from '../../server/platform/columns';
import { orgs } from '../org/table';
import { users } from '../users/table';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
  toDriver: (v) => v,
});
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The register of styrdokument (lokal anvisning, rutiner, mallar, hanteringsanvisningar …). `searchText` holds
 * the text extracted from a txt file; `search` is the Swedish full-text vector over title, description and it.
 */
export const documents = pgTable(
  'documents',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    type: text('type').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    owner: text('owner').notNull().default(''),
    docVersion: text('doc_version').notNull().default(''),
    adoptedOn: date('adopted_on', { mode: 'string' }),
    decisionRef: text('decision_ref').notNull().default(''),
    nextReviewOn: date('next_review_on', { mode: 'string' }),
    searchText: text('search_text').notNull().default(''),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL => sql`to_tsvector('swedish'::regconfig, coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(search_text, ''))`,
    ),
    fileName: text('file_name'),
    fileKind: text('file_kind'),
    fileSize: integer('file_size'),
    fileSha256: text('file_sha256'),
    fileUploadedAt: ts('file_uploaded_at'),
    ...versioned(),
  },
  (t) => [
    index('documents_org_idx').on(t.orgId),
    index('documents_search_idx').using('gin', t.search),
    check('documents_file_kind_check', sql`${t.fileKind} is null or ${t.fileKind} in ('pdf','docx','xlsx','txt')`),
  ],
);

/** The file of a document, apart so that lists never read the bytes. */
export const documentFiles = pgTable('document_files', {
  documentId: uuid('document_id').primaryKey().references(() => documents.id, { onDelete: 'cascade' }),
  data: bytea('data').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id),
});
