import { z } from '@hono/zod-openapi';
import { crudRoutes } from '../../server/platform/crud';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { CreateControlResult, CreateInternalControl, IkpRisk, IkpRiskQuery, InternalControl, InternalControlQuery, UpdateControlResult, UpdateInternalControl } from './contract';
import { createControl, createResult, getControl, listControls, listIkpRisks, updateControl, updateResult } from './service';

const tags = ['Internkontroll / internal control'];
const RULES = 'Rubrik saknas för kontroll utan IKP-risk, risken finns inte i årets VoR eller ingår inte i IKP, frekvensen lämnar resultat utanför planen';
const RESULT_RULES = 'Datum saknas, ligger efter i dag eller före perioden; skäl saknas för ej genomförd; kommentar saknas för avvikelse; perioden ingår inte i planen';
const found = problemContent('Finns inte');

/**
 * Internkontroll: the IKP's kontrollmoment and their results per period. Reuses the risk permissions (risk.read to
 * read, risk.manage to plan controls and report results), as the IKP is part of riskhanteringen. No DELETE: a
 * control is archived.
 */
export const routes = [
  defineRoute(
    {
      method: 'get', path: '/api/internal-control/risks', tags, policy: { permission: 'risk.read' },
      summary: 'Årets IKP-risker (beslutade eller föreslagna händelser i VoR) med antal kontrollmoment',
      request: { query: IkpRiskQuery }, responses: { 200: jsonContent(z.array(IkpRisk), 'IKP-risker, högst riskvärde först'), 404: found },
    },
    async (c) => json(c, await listIkpRisks(c.get('ctx'), c.req.valid('query'))),
  ),
  ...crudRoutes({
    path: '/api/internal-control/controls', tags, read: 'risk.read', write: 'risk.manage', item: InternalControl,
    list: {
      query: InternalControlQuery, run: listControls, summary: 'Årets kontrollmoment med planerade perioder och resultat', ok: 'Kontrollmoment i organisationen och dess underorganisationer',
      errors: { 404: 'Organisationen finns inte' },
    },
    create: {
      body: CreateInternalControl, run: createControl, summary: 'Planera kontrollmoment', ok: 'Planerat',
      errors: { 404: 'Organisationen finns inte', 422: RULES },
    },
    get: { run: getControl, summary: 'Ett kontrollmoment med perioder och resultat', ok: 'Kontrollmomentet' },
    update: {
      body: UpdateInternalControl, run: updateControl, summary: 'Ändra, arkivera eller återställ kontrollmoment', ok: 'Ändrat',
      errors: { 409: 'Inaktuell version', 422: RULES },
    },
  }),
  defineRoute(
    {
      method: 'post', path: '/api/internal-control/controls/{id}/results', tags, policy: { permission: 'risk.manage' },
      summary: 'Rapportera kontrollens resultat för en period',
      request: { params: IdParam, ...jsonBody(CreateControlResult) },
      responses: {
        201: jsonContent(InternalControl, 'Kontrollmomentet med resultatet'), 404: found,
        409: problemContent('Perioden har redan ett resultat, eller kontrollen är arkiverad'), 422: problemContent(RESULT_RULES),
      },
    },
    async (c) => json(c, await createResult(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/internal-control/results/{id}', tags, policy: { permission: 'risk.manage' },
      summary: 'Ändra ett rapporterat kontrollresultat',
      request: { params: IdParam, ...jsonBody(UpdateControlResult) },
      responses: { 200: jsonContent(InternalControl, 'Kontrollmomentet med resultatet'), 404: found, 409: problemContent('Inaktuell version'), 422: problemContent(RESULT_RULES) },
    },
    async (c) => json(c, await updateResult(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
];
