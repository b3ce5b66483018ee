import { z } from '@hono/zod-openapi';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { ApproveBody, CreateDsoRecommendation, DsoQuery, DsoRecommendation, SetFollowUp, UpdateDsoRecommendation } from './contract';
import { createRecommendation, decideResponse, getRecommendation, listRecommendations, setFollowUp, updateRecommendation } from './service';

const tags = ['Dataskyddsombudets rapport / DSO report follow-up'];
const ok = jsonContent;

export const routes = [
  defineRoute(
    {
      method: 'get', path: '/api/dso/recommendations', tags, summary: 'DSO:s risker och rekommendationer med uppföljning', policy: { permission: 'plan.read' },
      request: { query: DsoQuery },
      responses: { 200: ok(z.array(DsoRecommendation), 'Rekommendationer'), 404: problemContent('Organisationen finns inte') },
    },
    async (c) => json(c, await listRecommendations(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/dso/recommendations', tags, summary: 'Lägg till risk/rekommendation ur DSO:s årsrapport',
      description: 'Kräver plan.manage eller dso.approve på organisationen.', policy: { permission: 'plan.read' },
      request: jsonBody(CreateDsoRecommendation),
      responses: { 201: ok(DsoRecommendation, 'Skapad'), 404: problemContent('Organisationen finns inte') },
    },
    async (c) => json(c, await createRecommendation(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/dso/recommendations/{id}', tags, summary: 'En rekommendation', policy: { permission: 'plan.read' },
      request: { params: IdParam },
      responses: { 200: ok(DsoRecommendation, 'Rekommendationen'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await getRecommendation(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/dso/recommendations/{id}', tags, summary: 'Ändra rekommendation eller förvaltningens svar',
      description: 'Kräver plan.manage eller dso.approve på organisationen; ett godkänt svar måste återöppnas först.', policy: { permission: 'plan.read' },
      request: { params: IdParam, ...jsonBody(UpdateDsoRecommendation) },
      responses: { 200: ok(DsoRecommendation, 'Ändrad'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version eller godkänt svar') },
    },
    async (c) => json(c, await updateRecommendation(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
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
