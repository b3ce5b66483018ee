import { z } from '@hono/zod-openapi';
import { crudRoutes } from '../../server/platform/crud';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent, VersionBody } from '../../server/platform/http';
import { int4 } from '../../server/platform/schema';
import {
  AREAS, CreateNis2Assessment, CreateNis2Supplier, CreateNis2Training, Nis2Assessment, Nis2OverviewQuery, Nis2OverviewRow, Nis2Query, Nis2Scope, PutNis2Scope,
  UpdateNis2Area, UpdateNis2Supplier,
} from './contract';
import { nis2Overview } from './overview';
import { createSupplier, createTraining, deleteSupplier, deleteTraining, updateArea, updateSupplier } from './parts';
import { approveAssessment, createAssessment, getAssessment, getScope, listAssessments, putScope, reopenAssessment } from './service';

const tags = ['NIS2 / cybersäkerhetslagen'];
const read = { permission: 'risk.read' } as const;
const manage = { permission: 'risk.manage' } as const;
const decide = { permission: 'risk.decide' } as const;
const ok = (d: string) => jsonContent(Nis2Assessment, d);
const locked = problemContent('Inaktuell version eller godkänd (låst)');
const found = problemContent('Finns inte');
const VersionQuery = z.object({ version: z.coerce.number().pipe(int4().min(1)) });
const AreaParam = IdParam.extend({ area: z.enum(AREAS).openapi({ param: { name: 'area', in: 'path' } }) });

export const routes = [
  defineRoute(
    {
      method: 'get', path: '/api/nis2/scope', tags, summary: 'Omfattas organisationen av cybersäkerhetslagen?', policy: read,
      request: { query: Nis2Query }, responses: { 200: jsonContent(Nis2Scope, 'Omfattning, entitetstyp och sektor'), 404: found },
    },
    async (c) => json(c, await getScope(c.get('ctx'), c.req.valid('query').org)),
  ),
  defineRoute(
    {
      method: 'put', path: '/api/nis2/scope', tags, summary: 'Ange om organisationen omfattas, som väsentlig eller viktig entitet', policy: manage,
      request: jsonBody(PutNis2Scope),
      responses: { 200: jsonContent(Nis2Scope, 'Sparad'), 404: found, 409: problemContent('Inaktuell version'), 422: problemContent('Entitetstyp saknas') },
    },
    async (c) => json(c, await putScope(c.get('ctx'), c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/nis2/overview', tags, policy: read,
      summary: 'Organisationerna under en organisation: omfattning, anmälan och årets bedömning i sammandrag',
      request: { query: Nis2OverviewQuery },
      responses: { 200: jsonContent(z.array(Nis2OverviewRow), 'Underorganisationer (direkta, och djupare som omfattas), efter namn'), 404: found },
    },
    async (c) => json(c, await nis2Overview(c.get('ctx'), c.req.valid('query'))),
  ),
  ...crudRoutes({
    path: '/api/nis2/assessments', tags, read: 'risk.read', write: 'risk.manage', item: Nis2Assessment,
    list: { query: Nis2Query, run: listAssessments, summary: 'Årliga bedömningar av säkerhetsåtgärderna (nyast först)', ok: 'Bedömningar', errors: { 404: 'Organisationen finns inte' } },
    create: {
      body: CreateNis2Assessment, run: createAssessment, summary: 'Påbörja årets bedömning (förra årets statusar och beskrivningar är utgångspunkt)', ok: 'Skapad',
      errors: { 404: 'Organisationen finns inte', 409: 'Året har redan en bedömning', 422: 'Organisationen omfattas inte av lagen' },
    },
    get: { run: getAssessment, summary: 'En bedömning med områden, leverantörer, utbildning och godkännande', ok: 'Bedömningen' },
  }),
  defineRoute(
    {
      method: 'patch', path: '/api/nis2/assessments/{id}/areas/{area}', tags, summary: 'Ändra ett åtgärdsområde (a)–(j)', policy: manage,
      request: { params: AreaParam, ...jsonBody(UpdateNis2Area) },
      responses: { 200: ok('Bedömningen'), 404: found, 409: locked, 422: problemContent('Skäl saknas eller datum före bedömningsåret') },
    },
    async (c) => {
      const p = c.req.valid('param');
      return json(c, await updateArea(c.get('ctx'), p.id, p.area, c.req.valid('json')));
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/api/nis2/assessments/{id}/suppliers', tags, summary: 'Lägg till leverantör i leveranskedjan (d)', policy: manage,
      request: { params: IdParam, ...jsonBody(CreateNis2Supplier) }, responses: { 201: ok('Bedömningen'), 404: found, 409: locked },
    },
    async (c) => json(c, await createSupplier(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/nis2/suppliers/{id}', tags, summary: 'Ändra leverantör', policy: manage,
      request: { params: IdParam, ...jsonBody(UpdateNis2Supplier) }, responses: { 200: ok('Bedömningen'), 404: found, 409: locked },
    },
    async (c) => json(c, await updateSupplier(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'delete', path: '/api/nis2/suppliers/{id}', tags, summary: 'Ta bort leverantör', policy: manage,
      request: { params: IdParam, query: VersionQuery }, responses: { 200: ok('Bedömningen'), 404: found, 409: locked },
    },
    async (c) => json(c, await deleteSupplier(c.get('ctx'), c.req.valid('param').id, c.req.valid('query').version)),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/nis2/assessments/{id}/training', tags, summary: 'Ledamot i förvaltningsledningen har genomgått utbildning (artikel 20)', policy: manage,
      request: { params: IdParam, ...jsonBody(CreateNis2Training) },
      responses: { 201: ok('Bedömningen'), 404: found, 409: locked, 422: problemContent('Datum efter i dag') },
    },
    async (c) => json(c, await createTraining(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'delete', path: '/api/nis2/training/{id}', tags, summary: 'Ta bort utbildningsrad', policy: manage,
      request: { params: IdParam }, responses: { 200: ok('Bedömningen'), 404: found, 409: locked },
    },
    async (c) => json(c, await deleteTraining(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/nis2/assessments/{id}/approve', tags, summary: 'Ledningen godkänner årets säkerhetsåtgärder (förvaltningschef)', policy: decide,
      request: { params: IdParam, ...jsonBody(z.strictObject(VersionBody)) },
      responses: { 200: ok('Godkänd och låst'), 404: found, 409: locked, 422: problemContent('Områden ej påbörjade utan skäl (areas)') },
    },
    async (c) => json(c, await approveAssessment(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').version)),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/nis2/assessments/{id}/reopen', tags, summary: 'Öppna godkända åtgärder för ändring igen (förvaltningschef)', policy: decide,
      request: { params: IdParam, ...jsonBody(z.strictObject(VersionBody)) },
      responses: { 200: ok('Öppnad'), 404: found, 409: problemContent('Inaktuell version eller inte godkänd') },
    },
    async (c) => json(c, await reopenAssessment(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').version)),
  ),
];
