import { z } from '@hono/zod-openapi';
import { AppError } from '../../server/platform/errors';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { CONTENT_TYPES, fileName, FORMATS } from './render/index';
import { addComment, AddComment, createReport, CreateReport, findReport, listComments, loadReport, reportDto, reportYears, updateReport, UpdateReport, updateSection, UpdateSection } from './service';
import { listTemplates, uploadTemplate } from './templates';
import { approveReport, compareVersions, currentIso93, listVersions, newDraft, renderCurrent, returnReport, submitReport, versionFile } from './workflow';
import { int4, YearQuery } from '../../server/platform/schema';
import { HTML_CSP } from './render/html';

const tags = ['Ledningens genomgång / management review'];
const Any = z.any();
const ok = (d: string) => jsonContent(Any, d);
const VersionOnly = z.strictObject({ version: int4().min(1) });
const FormatQuery = z.object({
  format: z.enum(FORMATS).default('json').openapi({ description: 'json | docx | pdf | html' }),
  asOf: z.string().optional().openapi({ description: 'ÅÅÅÅ-MM-DD: siffror per detta datum (ger alltid en ny rendering)' }),
  template: z.uuid().optional().openapi({ description: 'Egen DOCX-mall att använda' }),
});
const binary = (d: string) => ({ description: d, content: Object.fromEntries(Object.values(CONTENT_TYPES).map((t) => [t.split(';')[0], { schema: z.string().openapi({ format: 'binary' }) }])) });

function download(body: Buffer, name: string, format: keyof typeof CONTENT_TYPES, sha: string) {
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': CONTENT_TYPES[format],
      'content-disposition': `${format === 'html' || format === 'json' ? 'inline' : 'attachment'}; filename="${name}"`,
      'x-content-sha256': sha,
      // Kept by the security-header middleware, which sets only what a response has not set itself.
      ...(format === 'html' ? { 'content-security-policy': HTML_CSP } : {}),
    },
  });
}

const transition = (path: string, summary: string, permission: 'report.edit' | 'report.approve', fn: (ctx: never, id: string, version: number) => Promise<unknown>) =>
  defineRoute(
    {
      method: 'post', path, tags, summary, policy: { permission },
      request: { params: IdParam, ...jsonBody(VersionOnly) },
      responses: { 200: ok('Rapporten'), 404: problemContent('Finns inte'), 409: problemContent('Fel status, inaktuell version eller (godkännande) saknade ISO 27001 9.3.2-underlag i uncovered') },
    },
    async (c) => json(c, await fn(c.get('ctx') as never, c.req.valid('param').id, c.req.valid('json').version)),
  );

export const routes = [
  defineRoute(
    {
      method: 'get', path: '/api/reports', tags, summary: 'Rapporten för en organisation och ett år', policy: { permission: 'report.read' },
      request: { query: z.object({ org: z.string().min(1).max(100), year: YearQuery() }) },
      responses: { 200: ok('Rapporten'), 404: problemContent('Ingen rapport') },
    },
    async (c) => {
      const q = c.req.valid('query');
      return json(c, await findReport(c.get('ctx'), q.org, q.year));
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/api/reports', tags, summary: 'Skapa årets rapport (förs fram från förra årets godkända)', policy: { permission: 'report.edit' },
      request: jsonBody(CreateReport),
      responses: { 201: ok('Skapad'), 404: problemContent('Okänd organisation'), 409: problemContent('Finns redan') },
    },
    async (c) => json(c, await createReport(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/reports/{id}', tags, summary: 'Rapportens disposition och text', policy: { permission: 'report.read' },
      request: { params: IdParam },
      responses: { 200: ok('Rapporten'), 404: problemContent('Finns inte') },
    },
    async (c) => {
      const { report, org } = await loadReport(c.get('ctx'), c.req.valid('param').id);
      return json(c, reportDto(report, org));
    },
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/reports/{id}', tags, summary: 'Ändra dispositionen (ordning, rubriker, nya och dolda avsnitt, text)', policy: { permission: 'report.edit' },
      request: { params: IdParam, ...jsonBody(UpdateReport) },
      responses: { 200: ok('Sparad'), 404: problemContent('Finns inte'), 409: problemContent('Godkänd/låst eller inaktuell version') },
    },
    async (c) => json(c, await updateReport(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/reports/{id}/sections/{sectionId}', tags, summary: 'Ändra ett avsnitt (rubrik, text, tabeller, dold)', policy: { permission: 'report.edit' },
      request: { params: IdParam.extend({ sectionId: z.string().min(1).max(40).openapi({ param: { name: 'sectionId', in: 'path' } }) }), ...jsonBody(UpdateSection) },
      responses: { 200: ok('Sparad'), 404: problemContent('Finns inte'), 409: problemContent('Godkänd/låst eller inaktuell version') },
    },
    async (c) => {
      const p = c.req.valid('param');
      return json(c, await updateSection(c.get('ctx'), p.id, p.sectionId, c.req.valid('json')));
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/reports/{id}/iso93', tags, summary: 'ISO 27001 9.3.2 (a)–(g): vilka underlag rapporten täcker och vilka som saknas', policy: { permission: 'report.read' },
      description: 'Ett underlag är täckt när ett synligt avsnitt som det hör till har siffror eller text, eller när ledningens genomgång har text för det; annars ska det markeras ej tillämpligt med motivering (PATCH /api/reviews/{id}). Godkännande nekas (409 iso93_uncovered) så länge `uncovered` inte är tom. En godkänd rapport svarar från den godkända versionens frysta underlag (som GET /api/reviews/{id}/iso93), ett utkast från dagens siffror; genomgångens markeringar är alltid de aktuella.',
      request: { params: IdParam }, responses: { 200: ok('Täckning per underlag; uncovered listar de som saknas'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await currentIso93(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/reports/{id}/comments', tags, summary: 'Granskarnas kommentarer', policy: { permission: 'report.read' },
      request: { params: IdParam }, responses: { 200: ok('Kommentarer'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await listComments(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/reports/{id}/comments', tags, summary: 'Kommentera ett avsnitt', policy: { permission: 'report.read' },
      description: 'Kräver report.edit eller report.approve på organisationen.',
      request: { params: IdParam, ...jsonBody(AddComment) }, responses: { 201: ok('Kommentaren'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await addComment(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  transition('/api/reports/{id}/submit', 'Skicka på granskning (Utkast → Under granskning)', 'report.edit', submitReport as never),
  transition('/api/reports/{id}/return', 'Tillbaka till utkast (Under granskning → Utkast)', 'report.edit', returnReport as never),
  transition('/api/reports/{id}/approve', 'Godkänn och frys (förvaltningschef)', 'report.approve', approveReport as never),
  transition('/api/reports/{id}/new-draft', 'Nytt utkast efter godkännande', 'report.edit', newDraft as never),
  defineRoute(
    {
      method: 'get', path: '/api/reports/{id}/versions', tags, summary: 'Godkända, frysta versioner', policy: { permission: 'report.read' },
      request: { params: IdParam }, responses: { 200: ok('Versioner'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await listVersions(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/reports/{id}/compare', tags, summary: 'Jämför två versioner (siffror och text)', policy: { permission: 'report.read' },
      request: { params: IdParam, query: z.object({ a: z.string().min(1).max(10), b: z.string().min(1).max(10).default('current') }) },
      responses: { 200: ok('Skillnader'), 404: problemContent('Finns inte') },
    },
    async (c) => {
      const q = c.req.valid('query');
      return json(c, await compareVersions(c.get('ctx'), c.req.valid('param').id, q.a, q.b));
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/reports/{id}/versions/{revision}/file', tags, summary: 'En fryst versions lagrade fil', policy: { permission: 'report.read' },
      request: { params: IdParam.extend({ revision: z.coerce.number().int().min(1).openapi({ param: { name: 'revision', in: 'path' } }) }), query: FormatQuery.pick({ format: true }) },
      responses: { 200: binary('Filen'), 404: problemContent('Finns inte') },
    },
    async (c) => {
      const p = c.req.valid('param');
      const { format } = c.req.valid('query');
      const r = await versionFile(c.get('ctx'), p.id, p.revision, format);
      return download(r.body, fileName(r.json, format).replace(/(\.\w+)$/, `-v${p.revision}$1`), format, r.sha256);
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/reports/{id}/render', tags, summary: 'Rapporten som JSON, DOCX, PDF eller HTML', policy: { permission: 'report.read' },
      description: 'En godkänd rapport ger den frysta filen (samma SHA-256 som vid godkännandet) om inte asOf eller template anges.',
      request: { params: IdParam, query: FormatQuery },
      responses: { 200: binary('Dokumentet'), 404: problemContent('Finns inte') },
    },
    async (c) => {
      const q = c.req.valid('query');
      const r = await renderCurrent(c.get('ctx'), c.req.valid('param').id, q.format, { asOf: q.asOf, templateId: q.template });
      return download(r.body, fileName(r.json, q.format), q.format, r.sha256);
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/report-years', tags, summary: 'Åren organisationen har en rapport för (nyast först), med id och status', policy: { permission: 'report.read' },
      request: { query: z.object({ org: z.string().min(1).max(100) }) }, responses: { 200: ok('[{year, id, status}]'), 404: problemContent('Okänd organisation') },
    },
    async (c) => json(c, await reportYears(c.get('ctx'), c.req.valid('query').org)),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/report-templates', tags, summary: 'Organisationens egna DOCX-mallar', policy: { permission: 'report.read' },
      request: { query: z.object({ org: z.string().min(1).max(100) }) }, responses: { 200: ok('Mallar') },
    },
    async (c) => json(c, await listTemplates(c.get('ctx'), c.req.valid('query').org)),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/report-templates', tags, summary: 'Ladda upp en egen DOCX-mall (se docs/report-templates.md)', policy: { permission: 'template.manage' },
      request: {
        query: z.object({ org: z.string().min(1).max(100), name: z.string().min(1).max(200) }),
        body: { content: { [CONTENT_TYPES.docx]: { schema: z.any() }, 'application/octet-stream': { schema: z.any() } } },
      },
      responses: { 201: ok('Mallen'), 415: problemContent('Inte DOCX'), 422: problemContent('Felaktiga platshållare, listade i errors') },
    },
    async (c) => {
      const q = c.req.valid('query');
      const type = (c.req.header('content-type') ?? '').split(';')[0].trim();
      if (type !== CONTENT_TYPES.docx && type !== 'application/octet-stream') {
        throw new AppError(415, 'unsupported_media_type', { sv: `Mallen ska skickas som DOCX (${CONTENT_TYPES.docx}), inte ${type || 'okänd typ'}.`, en: `Send the template as DOCX (${CONTENT_TYPES.docx}), not ${type || 'unknown type'}.` }, 'content-type');
      }
      const docx = Buffer.from(await c.req.arrayBuffer());
      return json(c, await uploadTemplate(c.get('ctx'), { org: q.org, name: q.name, docx }), 201);
    },
  ),
];
