import { z } from '@hono/zod-openapi';
import { crudRoutes } from '../../server/platform/crud';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent, VersionBody } from '../../server/platform/http';
import { int4 } from '../../server/platform/schema';
import { AddDecision, CreateReview, Iso93Status, Review, UpdateReview } from './contract';
import { addDecision, createReview, getReview, listReviews, removeDecision, reviewIso93, signReview, updateReview } from './service';

const tags = ['Ledningens genomgång (ISO 27001 9.3) / management review'];
const ok = jsonContent;

export const routes = [
  ...crudRoutes({
    path: '/api/reviews', tags, read: 'report.read', write: 'report.edit', item: Review,
    list: {
      query: z.object({ org: z.string().min(1).max(64) }), run: (ctx, q) => listReviews(ctx, q.org),
      summary: 'Ledningens genomgångar', ok: 'Genomgångar, senaste året först', errors: { 404: 'Organisationen finns inte' },
    },
    create: { body: CreateReview, run: createReview, summary: 'Påbörja årets genomgång', ok: 'Skapad', errors: { 409: 'Finns redan för året' } },
    get: { run: getReview, summary: 'En genomgång', ok: 'Genomgången' },
    update: {
      body: UpdateReview, run: updateReview, summary: 'Mötet, underlag som ej tillämpliga, ändringar i LIS, slutsats', ok: 'Ändrad',
      errors: { 409: 'Inaktuell version eller signerad' },
    },
  }),
  defineRoute(
    {
      method: 'post', path: '/api/reviews/{id}/decisions', tags, summary: 'Beslut (9.3.3); förbättringsbeslut blir planaktiviteter', policy: { permission: 'report.edit' },
      request: { params: IdParam, ...jsonBody(AddDecision) },
      responses: { 201: ok(Review, 'Genomgången med beslutet'), 404: problemContent('Finns inte'), 409: problemContent('Signerad') },
    },
    async (c) => json(c, await addDecision(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'delete', path: '/api/reviews/{id}/decisions/{decisionId}', tags, summary: 'Ta bort ett beslut före signering (dess planaktivitet tas bort med det)', policy: { permission: 'report.edit' },
      request: { params: IdParam.extend({ decisionId: z.uuid().openapi({ param: { name: 'decisionId', in: 'path' } }) }), query: z.object({ version: z.coerce.number().pipe(int4().min(1)) }) },
      responses: { 200: ok(Review, 'Genomgången utan beslutet'), 404: problemContent('Finns inte'), 409: problemContent('Signerad, inaktuell version eller aktiviteten överförd') },
    },
    async (c) => {
      const p = c.req.valid('param');
      return json(c, await removeDecision(c.get('ctx'), p.id, p.decisionId, c.req.valid('query').version));
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/reviews/{id}/iso93', tags, summary: 'Underlag 9.3.2 (a)–(g): vilka som saknas', policy: { permission: 'report.read' },
      request: { params: IdParam },
      responses: { 200: ok(Iso93Status, 'Täckning per underlag och de som saknas'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await reviewIso93(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/reviews/{id}/sign', tags, summary: 'Signera genomgången (förvaltningschef)', policy: { permission: 'report.approve' },
      request: { params: IdParam, ...jsonBody(z.strictObject(VersionBody)) },
      responses: { 200: ok(Review, 'Signerad; deltagarna är låsta'), 404: problemContent('Finns inte'), 409: problemContent('Underlag saknas (uncovered), uppgifter saknas, inaktuell version eller redan signerad') },
    },
    async (c) => json(c, await signReview(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').version)),
  ),
];
