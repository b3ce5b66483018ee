import { z } from '@hono/zod-openapi';
import { badRequest } from '../../server/platform/errors';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { CreateDocument, Document, DocumentQuery, UpdateDocument } from './contract';
import { MAX_DOCUMENT_BYTES } from './filetype';
import { createDocument, deleteDocument, downloadFile, getDocument, listDocuments, updateDocument, uploadFile } from './service';

const tags = ['Styrdokument / governing documents'];
const ok = jsonContent;

export const routes = [
  defineRoute(
    {
      method: 'get', path: '/api/documents', tags, summary: 'Sök och lista styrdokument', policy: { permission: 'document.read' },
      request: { query: DocumentQuery },
      responses: { 200: ok(z.array(Document), 'Dokument, bäst träff först när q anges') },
    },
    async (c) => json(c, await listDocuments(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/documents', tags, summary: 'Registrera styrdokument', policy: { permission: 'document.manage' },
      request: jsonBody(CreateDocument),
      responses: { 201: ok(Document, 'Registrerat'), 404: problemContent('Organisationen finns inte') },
    },
    async (c) => json(c, await createDocument(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/documents/{id}', tags, summary: 'Ett styrdokument', policy: { permission: 'document.read' },
      request: { params: IdParam },
      responses: { 200: ok(Document, 'Dokumentet'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await getDocument(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/documents/{id}', tags, summary: 'Ändra styrdokumentets uppgifter', policy: { permission: 'document.manage' },
      request: { params: IdParam, ...jsonBody(UpdateDocument) },
      responses: { 200: ok(Document, 'Ändrat'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version') },
    },
    async (c) => json(c, await updateDocument(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'delete', path: '/api/documents/{id}', tags, summary: 'Ta bort styrdokument', policy: { permission: 'document.manage' },
      request: { params: IdParam, query: z.object({ version: z.coerce.number().int().min(1) }) },
      responses: { 204: { description: 'Borttaget' }, 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version') },
    },
    async (c) => {
      await deleteDocument(c.get('ctx'), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  ),
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
