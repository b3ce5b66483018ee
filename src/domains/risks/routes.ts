import { z } from '@hono/zod-openapi';
import { crudRoutes } from '../../server/platform/crud';
import { defineRoute, json, jsonBody, jsonContent as ok, problemContent as problem } from '../../server/platform/http';
import { CreateScale, MigrationInput, MigrationPreview, Scale, ScaleList, SetThreshold, Threshold } from './contract';
import { applyMigration, previewMigration } from './migrate';
import { registerRoutes } from './routes-register';
import { vorRoutes } from './routes-vor';
import { vorImportRoutes } from './vor-import/routes';
import { createScaleVersion, getScale, getThreshold, listScales, setThreshold } from './scales';

const tags = ['Risker / risks: skalor'];
const nf = problem('Finns inte / not found');
const OrgParam = z.object({ org: z.string().min(1).max(64).openapi({ param: { name: 'org', in: 'path' } }) });

const scaleRoutes = [
  ...crudRoutes({
    path: '/api/risks/scales', tags, read: 'risk.read', write: 'risk.manage', item: Scale, errors: { 404: 'Finns inte / not found' },
    list: {
      query: z.object({ org: z.string().min(1).max(64) }), response: ScaleList, run: (ctx, q) => listScales(ctx, q.org),
      summary: 'Stadens gällande skala och alla versioner', ok: 'Skalor',
    },
    create: {
      body: CreateScale, run: createScaleVersion, summary: 'Ny version av stadens skala (4×4, 5×5 eller egna etiketter, färgband)', ok: 'Ny version',
      description: 'Befintliga bedömningar behåller sin version; flytt till ny version görs med migrations/preview och migrations/apply.',
      errors: { 422: 'Färgband eller etiketter ogiltiga' },
    },
    get: { run: getScale, summary: 'En skalversion', ok: 'Skalan' },
  }),
  defineRoute(
    {
      method: 'post', path: '/api/risks/scales/migrations/preview', tags, summary: 'Förhandsvisa flytt av bedömningar till en annan skalversion', policy: { permission: 'risk.manage' },
      request: jsonBody(MigrationInput),
      responses: { 200: ok(MigrationPreview, 'Vad som skulle ändras'), 404: nf, 422: problem('Ogiltig mappning') },
    },
    async (c) => json(c, await previewMigration(c.get('ctx'), c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/scales/migrations/apply', tags, summary: 'Flytta bedömningar till en annan skalversion (loggas)', policy: { permission: 'risk.manage' },
      request: jsonBody(MigrationInput),
      responses: { 200: ok(MigrationPreview, 'Genomfört'), 404: nf, 409: problem('Underlaget har ändrats sedan förhandsvisningen'), 422: problem('Ogiltig mappning') },
    },
    async (c) => json(c, await applyMigration(c.get('ctx'), c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/risks/thresholds/{org}', tags, summary: 'IKP-tröskel för en organisation (egen eller ärvd)', policy: { permission: 'risk.read' },
      request: { params: OrgParam },
      responses: { 200: ok(Threshold, 'Tröskel'), 404: nf },
    },
    async (c) => json(c, await getThreshold(c.get('ctx'), c.req.valid('param').org)),
  ),
  defineRoute(
    {
      method: 'put', path: '/api/risks/thresholds/{org}', tags, summary: 'Sätt eller ta bort organisationens egen IKP-tröskel', policy: { permission: 'risk.manage' },
      request: { params: OrgParam, ...jsonBody(SetThreshold) },
      responses: { 200: ok(Threshold, 'Tröskel'), 404: nf, 409: problem('Inaktuell version'), 422: problem('Över skalans högsta värde') },
    },
    async (c) => json(c, await setThreshold(c.get('ctx'), c.req.valid('param').org, c.req.valid('json'))),
  ),
];

// The import's static paths (/api/risks/vor/import, /template) first: they must win over /api/risks/vor/{id}.
export const routes = [...scaleRoutes, ...vorImportRoutes, ...vorRoutes, ...registerRoutes];
