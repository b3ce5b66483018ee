import { z } from '@hono/zod-openapi';
import { badRequest } from '../../server/platform/errors';
import { crudRoutes } from '../../server/platform/crud';
import { defineRoute, IdParam, json, jsonContent, problemContent } from '../../server/platform/http';
import { CreateDocument, Document, DocumentQuery, UpdateDocument } from './contract';
import { MAX_DOCUMENT_BYTES } from './filetype';
import { createDocument, deleteDocument, downloadFile, getDocument, listDocuments, updateDocument, uploadFile } from './service';

const tags = ['Styrdokument / governing documents'];
const ok = jsonContent;

export const routes = [
  ...crudRoutes({
    path: '/api/documents', tags, read: 'document.read', write: 'document.manage', item: Document,
    list: { query: DocumentQuery, run: listDocuments, summary: 'Sök och lista styrdokument', ok: 'Dokument, bäst träff först när q anges' },
    create: { body: CreateDocument, run: createDocument, summary: 'Registrera styrdokument', ok: 'Registrerat', errors: { 404: 'Organisationen finns inte' } },
    get: { run: getDocument, summary: 'Ett styrdokument', ok: 'Dokumentet' },
    update: { body: UpdateDocument, run: updateDocument, summary: 'Ändra styrdokumentets uppgifter', ok: 'Ändrat', errors: { 409: 'Inaktuell version' } },
    remove: { run: deleteDocument, summary: 'Ta bort styrdokument', ok: 'Borttaget', errors: { 409: 'Inaktuell version' } },
  }),
  defineRoute(
    {
      method: 'put', path: '/api/documents/{id}/file', tags, summary: 'Ladda upp filen (rå kropp, högst 20 MiB)',
      description: 'Skicka filens bytes som kropp (valfri innehållstyp). Filtypen bedöms på innehållet: pdf, docx, xlsx eller txt.',
      policy: { permission: 'document.manage' },
      bodyLimitBytes: MAX_DOCUMENT_BYTES,
      request: {
        params: IdParam,
        query: z.object({
          name: z.string().trim().min(1).max(255).openapi({ description: 'Filnamn med ändelse, t.ex. anvisning.pdf' }),
          version: z.coerce.number().int().min(1).openapi({ description: 'Dokumentets version (optimistisk låsning)' }),
        }),
      },
      responses: {
        200: ok(Document, 'Filen sparad'),
        404: problemContent('Finns inte'),
        409: problemContent('Inaktuell version'),
        413: problemContent('Filen är för stor'),
        415: problemContent('Filtypen stöds inte'),
      },
    },
    async (c) => {
      const { name, version } = c.req.valid('query');
      const data = Buffer.from(await c.req.arrayBuffer());
      if (data.length === 0) throw badRequest('empty_file', { sv: 'Filen är tom.', en: 'The file is empty.' }, 'file');
      return json(c, await uploadFile(c.get('ctx'), c.req.valid('param').id, { name, data, version }));
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/documents/{id}/file', tags, summary: 'Hämta filen', policy: { permission: 'document.read' },
      request: { params: IdParam },
      responses: { 200: { description: 'Filen', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, 404: problemContent('Ingen fil') },
    },
    async (c) => downloadFile(c.get('ctx'), c.req.valid('param').id),
  ),
];
