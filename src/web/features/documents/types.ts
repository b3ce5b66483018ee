import type { z } from 'zod';
import type * as C from '../../../domains/documents/contract';

export type Doc = z.infer<typeof C.Document>;
export type DocType = Doc['type'];
export const DOC_TYPES: DocType[] = [
  'lokal anvisning', 'rutin', 'mall', 'hanteringsanvisning', 'riktlinje', 'tillämpningsanvisning', 'policy', 'guide', 'övrigt',
];
/** Same limits as the server (documents/filetype.ts): judged there by content, here by name and size first. */
export const MAX_BYTES = 20 * 1024 * 1024;
export const EXTENSIONS = ['pdf', 'docx', 'xlsx', 'txt'];
export const ACCEPT = '.pdf,.docx,.xlsx,.txt,application/pdf,text/plain';

export const fileUrl = (d: Doc) => `/api/documents/${d.id}/file`;

