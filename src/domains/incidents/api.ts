import { z } from '@hono/zod-openapi';
import { defineRoute, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { download } from '../../server/platform/export';
import { addAttachment, getAttachment, MAX_ATTACHMENT_BYTES } from './attachments';
import { bulkUpdate } from './bulk';
import { categoryRoutes } from './api-categories';
import { categoryNames } from './category-names';
import { childRoutes, linkTargetRoutes } from './api-children';
import { breachRoutes } from './api-breach';
import {
  BulkUpdate, CountQuery, CreateIncident, ListCount, ExportQuery, IncidentDetail, IncidentFigures, IncidentListItem, ListQuery, QuickReport, Receipt,
  StatsQuery, UpdateIncident, AttachmentDto, CategoryTemplateDto, DeadlineItemDto, IncidentYears, YearsQuery,
} from './contract';
import { listDeadlines } from './deadlines';
import { handlerCandidates } from './holders';
import { exportIncidents } from './export';
import { countIncidents } from './count';
import { listIncidents } from './list';
import { listCategories, quickReport } from './quick';
import { createIncident, getIncident, updateIncident } from './service';
import { incidentStats } from './stats';
import { incidentYears } from './years';
import { int4 } from '../../server/platform/schema';

const tags = ['Incidenter / incidents'];
const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const ok = jsonContent;

/** Static paths first: /api/incidents/{id} must not swallow /stats, /deadlines … */
export const routes = [
  defineRoute(
    {
      method: 'get', path: '/api/incidents', tags, summary: 'Lista incidenter (filter, nyckelbaserad bläddring)', policy: { auth: true },
      description: 'Kräver incident.read (underträdet) eller incident.report (egna rapporter).',
      request: { query: ListQuery },
      responses: { 200: ok(z.object({ items: z.array(IncidentListItem), nextCursor: z.string().nullable() }), 'En sida'), 404: problemContent('Okänd organisation') },
    },
    async (c) => json(c, await listIncidents(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/incidents/count', tags, summary: 'Antal som listans filter matchar (högst 1 000)', policy: { auth: true },
      description: 'Samma filter och behörighet som listan och exporten; räknar till 1 000, sedan capped: true.',
      request: { query: CountQuery },
      responses: { 200: ok(ListCount, 'Antal'), 404: problemContent('Okänd organisation') },
    },
    async (c) => json(c, await countIncidents(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/incidents/years', tags, summary: 'År med incidenter (årsfiltrets val)', policy: { auth: true },
      description: 'Samma behörighet och organisationsavgränsning som listan; innevarande år finns alltid med.',
      request: { query: YearsQuery },
      responses: { 200: ok(IncidentYears, 'År, nyast först'), 404: problemContent('Okänd organisation') },
    },
    async (c) => json(c, await incidentYears(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/incidents', tags, summary: 'Registrera incident (fullständigt formulär)', policy: { permission: 'incident.manage' },
      request: jsonBody(CreateIncident),
      responses: { 201: ok(IncidentDetail, 'Registrerad'), 404: problemContent('Okänd organisation'), 422: problemContent('Okänd handläggare, eller kategori som inte finns i kategorilistan') },
    },
    async (c) => json(c, await createIncident(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/incidents/quick', tags, summary: 'Rapportera på under en minut', policy: { permission: 'incident.report' },
      request: jsonBody(QuickReport),
      responses: { 201: ok(Receipt, 'Kvitto med nummer'), 404: problemContent('Okänd enhet'), 422: problemContent('Okänd kategori') },
    },
    async (c) => json(c, await quickReport(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/incidents/bulk', tags, summary: 'Ändra många på en gång (allt eller inget)', policy: { permission: 'incident.manage' },
      request: jsonBody(BulkUpdate),
      responses: { 200: ok(z.object({ updated: int4(), ids: z.array(z.string()) }), 'Ändrade'), 404: problemContent('Okända id'), 409: problemContent('Otillåten statusändring, eller incidenter som ändrats sedan de lästes in (stale_version); båda listar refused'), 422: problemContent('Okänd handläggare, eller kategori som inte finns i kategorilistan (lista unlisted)') },
    },
    async (c) => json(c, await bulkUpdate(c.get('ctx'), c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/incidents/stats', tags, summary: 'Statistik per organisation och år', policy: { permission: 'incident.read' },
      request: { query: StatsQuery },
      responses: { 200: ok(IncidentFigures.extend({ org: z.object({ slug: z.string(), name: z.string() }), year: int4() }), 'Siffror'), 404: problemContent('Okänd organisation') },
    },
    async (c) => json(c, await incidentStats(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/incidents/deadlines', tags, summary: 'Löpande tidsfrister (lagstadgade och art. 34:s interna mål), närmast först', policy: { permission: 'incident.read' },
      request: { query: z.object({ org: z.string().max(64).optional() }) },
      responses: { 200: ok(z.object({ items: z.array(DeadlineItemDto) }), 'Löpande tidsfrister'), 404: problemContent('Okänd organisation') },
    },
    async (c) => json(c, await listDeadlines(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/incidents/export', tags, summary: 'Exportera den filtrerade listan (CSV/XLSX)', policy: { auth: true },
      request: { query: ExportQuery },
      responses: { 200: { description: 'Fil', content: { 'text/csv': { schema: z.string() } } } },
    },
    async (c) => {
      const r = await exportIncidents(c.get('ctx'), c.req.valid('query'));
      return download(r.body, r.filename, c.req.valid('query').format) as never;
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/incidents/categories', tags, summary: 'Kategorier med mallar för en organisation (att rapportera eller filtrera med)', policy: { auth: true },
      request: { query: z.object({ org: z.string().min(2).max(64) }) },
      responses: { 200: ok(z.array(CategoryTemplateDto), 'Kategorier') },
    },
    async (c) => json(c, await listCategories(c.get('ctx'), c.req.valid('query').org)),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/incidents/category-names', tags, summary: 'Kategorier att filtrera listan med (listans och de som incidenterna har)', policy: { permission: 'incident.read' },
      request: { query: z.object({ org: z.string().min(2).max(64) }) },
      responses: { 200: ok(z.object({ names: z.array(z.string()) }), 'Kategorinamn'), 404: problemContent('Okänd organisation') },
    },
    async (c) => json(c, await categoryNames(c.get('ctx'), c.req.valid('query').org)),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/incidents/handlers', tags, summary: 'Vilka som kan vara handläggare eller ansvariga för en organisations incidenter', policy: { permission: 'incident.manage' },
      description: 'Alla aktiva som får läsa incidenterna i varje angiven organisation (roll på organisationen eller ovanför, eller i en samverkansgrupp); med protected=true bara de som får läsa skyddade uppgifter. Kräver incident.manage på varje organisation.',
      request: {
        query: z.object({
          org: z.string().min(2).max(8000).regex(/^[a-z0-9-]+(,[a-z0-9-]+){0,199}$/).openapi({ description: 'En eller flera organisationer, kommaseparerade (högst 200) / one or more, comma-separated' }),
          protected: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: { 200: ok(z.array(z.object({ id: z.uuid(), name: z.string() })), 'Personer, efter namn'), 404: problemContent('Okänd organisation') },
    },
    async (c) => {
      const q = c.req.valid('query');
      return json(c, await handlerCandidates(c.get('ctx'), q.org.split(','), q.protected === 'true'));
    },
  ),
  ...linkTargetRoutes,
  ...categoryRoutes,
  defineRoute(
    {
      method: 'get', path: '/api/incidents/{id}', tags, summary: 'En incident', policy: { auth: true },
      request: { params: IdParam },
      responses: { 200: ok(IncidentDetail, 'Incidenten'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await getIncident(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/incidents/{id}', tags, summary: 'Ändra (optimistisk låsning; status enligt tillåtna övergångar)', policy: { permission: 'incident.manage' },
      request: { params: IdParam, ...jsonBody(UpdateIncident) },
      responses: { 200: ok(IncidentDetail, 'Ändrad'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version eller otillåten statusändring'), 422: problemContent('Okänd handläggare, eller ny kategori som inte finns i kategorilistan') },
    },
    async (c) => json(c, await updateIncident(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/incidents/{id}/attachments', tags, summary: 'Ladda upp bilaga (rå kropp, ?filename=)', policy: { permission: 'incident.report' },
      bodyLimitBytes: MAX_ATTACHMENT_BYTES + 1,
      description: `Högst ${MAX_ATTACHMENT_BYTES} byte. pdf, png, jpeg, docx, xlsx, txt, msg, eml – kontrolleras på innehållet.`,
      request: { params: IdParam, query: z.object({ filename: z.string().min(1).max(200) }), body: { content: { 'application/octet-stream': { schema: z.any() } } } },
      responses: { 201: ok(AttachmentDto, 'Sparad'), 413: problemContent('För stor'), 415: problemContent('Otillåten filtyp'), 422: problemContent('Innehållet stämmer inte med filnamnet') },
    },
    async (c) => {
      const data = Buffer.from(await c.req.arrayBuffer());
      return json(c, await addAttachment(c.get('ctx'), c.req.valid('param').id, c.req.valid('query').filename, data), 201);
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/incidents/{id}/attachments/{attachmentId}', tags, summary: 'Hämta bilaga', policy: { auth: true },
      request: { params: IdParam.extend({ attachmentId: z.uuid().openapi({ param: { name: 'attachmentId', in: 'path' } }) }) },
      responses: { 200: { description: 'Filen', content: { 'application/octet-stream': { schema: z.any() } } }, 404: problemContent('Finns inte') },
    },
    async (c) => {
      const p = c.req.valid('param');
      const a = await getAttachment(c.get('ctx'), p.id, p.attachmentId);
      return new Response(new Uint8Array(a.data), {
        headers: {
          'content-type': a.contentType,
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
          'x-content-type-options': 'nosniff',
        },
      }) as never;
    },
  ),
  ...childRoutes,
  ...breachRoutes,
];

