import { crudRoutes } from '../../server/platform/crud';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { ApproveBody, CreateDsoRecommendation, DsoQuery, DsoRecommendation, SetFollowUp, UpdateDsoRecommendation } from './contract';
import { createRecommendation, decideResponse, getRecommendation, listRecommendations, setFollowUp, updateRecommendation } from './service';

const tags = ['Dataskyddsombudets rapport / DSO report follow-up'];
const ok = jsonContent;

export const routes = [
  ...crudRoutes({
    path: '/api/dso/recommendations', tags, read: 'plan.read', write: 'plan.manage', item: DsoRecommendation,
    list: { query: DsoQuery, run: listRecommendations, summary: 'DSO:s risker och rekommendationer med uppföljning', ok: 'Rekommendationer', errors: { 404: 'Organisationen finns inte' } },
    // Creating and changing need plan.manage or dso.approve on the organisation: the service checks; the gate only asks plan.read.
    create: {
      body: CreateDsoRecommendation, run: createRecommendation, summary: 'Lägg till risk/rekommendation ur DSO:s årsrapport', ok: 'Skapad',
      description: 'Kräver plan.manage eller dso.approve på organisationen.', policy: { permission: 'plan.read' }, errors: { 404: 'Organisationen finns inte' },
    },
    get: { run: getRecommendation, summary: 'En rekommendation', ok: 'Rekommendationen' },
    update: {
      body: UpdateDsoRecommendation, run: updateRecommendation, summary: 'Ändra rekommendation eller förvaltningens svar', ok: 'Ändrad',
      description: 'Kräver plan.manage eller dso.approve på organisationen; ett godkänt svar måste återöppnas först.', policy: { permission: 'plan.read' },
      errors: { 409: 'Inaktuell version eller godkänt svar' },
    },
  }),
  defineRoute(
    {
      method: 'post', path: '/api/dso/recommendations/{id}/approve', tags, summary: 'DSO godkänner förvaltningens svar', policy: { permission: 'dso.approve' },
      request: { params: IdParam, ...jsonBody(ApproveBody) },
      responses: { 200: ok(DsoRecommendation, 'Godkänd'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version eller redan godkänd') },
    },
    async (c) => json(c, await decideResponse(c.get('ctx'), c.req.valid('param').id, 'approve', c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/dso/recommendations/{id}/reopen', tags, summary: 'DSO återöppnar förvaltningens svar', policy: { permission: 'dso.approve' },
      request: { params: IdParam, ...jsonBody(ApproveBody) },
      responses: { 200: ok(DsoRecommendation, 'Återöppnad'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version eller inte godkänd') },
    },
    async (c) => json(c, await decideResponse(c.get('ctx'), c.req.valid('param').id, 'reopen', c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'put', path: '/api/dso/recommendations/{id}/follow-ups', tags, summary: 'Årets uppföljningstext', policy: { permission: 'plan.manage' },
      request: { params: IdParam, ...jsonBody(SetFollowUp) },
      responses: { 200: ok(DsoRecommendation, 'Rekommendationen'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version') },
    },
    async (c) => json(c, await setFollowUp(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
];
