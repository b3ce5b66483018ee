import { z } from '@hono/zod-openapi';
import { FILE_KINDS } from './filetype';
import { int4, IsoDate } from '../../server/platform/schema';

export const DOCUMENT_TYPES = [
  'lokal anvisning', 'rutin', 'mall', 'hanteringsanvisning', 'riktlinje', 'tillämpningsanvisning', 'policy', 'guide', 'övrigt',
] as const;

export const DocumentFileInfo = z
  .object({ name: z.string(), kind: z.enum(FILE_KINDS), size: int4(), sha256: z.string(), uploadedAt: z.string() })
  .openapi('DocumentFileInfo');
export const Document = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    type: z.enum(DOCUMENT_TYPES),
    title: z.string(),
    description: z.string(),
    owner: z.string(),
    docVersion: z.string(),
    adoptedOn: z.string().nullable(),
    decisionRef: z.string(),
    nextReviewOn: z.string().nullable(),
    reviewOverdue: z.boolean(),
    file: DocumentFileInfo.nullable(),
    version: int4(),
    updatedAt: z.string(),
  })
  .openapi('Document');
export type Document = z.infer<typeof Document>;

const fields = {
  type: z.enum(DOCUMENT_TYPES),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(8000),
  owner: z.string().trim().max(200),
  docVersion: z.string().trim().max(50),
  adoptedOn: IsoDate.nullable(),
  decisionRef: z.string().trim().max(200),
  nextReviewOn: IsoDate.nullable(),
};
export const CreateDocument = z
  .strictObject({
    org: z.string().min(1).max(64),
    type: fields.type,
    title: fields.title,
    description: fields.description.optional(),
    owner: fields.owner.optional(),
    docVersion: fields.docVersion.optional(),
    adoptedOn: fields.adoptedOn.optional(),
    decisionRef: fields.decisionRef.optional(),
    nextReviewOn: fields.nextReviewOn.optional(),
  })
  .openapi('CreateDocument');
export type CreateDocument = z.infer<typeof CreateDocument>;
export const UpdateDocument = z
  .strictObject({
    version: int4().min(1),
    type: fields.type.optional(),
    title: fields.title.optional(),
    description: fields.description.optional(),
    owner: fields.owner.optional(),
    docVersion: fields.docVersion.optional(),
    adoptedOn: fields.adoptedOn.optional(),
    decisionRef: fields.decisionRef.optional(),
    nextReviewOn: fields.nextReviewOn.optional(),
  })
  .openapi('UpdateDocument');
export type UpdateDocument = z.infer<typeof UpdateDocument>;

export const DocumentQuery = z.object({
  q: z.string().trim().max(200).optional().openapi({ description: 'Sökord (svensk fulltextsökning i titel, beskrivning och textfilers innehåll)' }),
  org: z.string().min(1).max(64).optional().openapi({ description: 'Dokument som gäller denna organisation (överordnade och underordnade)' }),
  type: z.enum(DOCUMENT_TYPES).optional(),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: 'Bara de vars översyn är försenad' }),
});
export type DocumentQuery = z.infer<typeof DocumentQuery>;
