import { z } from '@hono/zod-openapi';
import { IdParam, defineRoute, json, jsonBody, jsonContent as ok, problemContent as problem } from '../../server/platform/http';
import {
  ContinuityPlan, CreateActivity, CreateExercise, CreatePlan, CreateRisk, CreateRsa, Exercise, Heatmap, RegisterRisk, RiskList, RiskQuery,
  Rsa, RsaActivity, UpdateActivity, UpdateExercise, UpdatePlan, UpdateRisk, UpdateRsa,
} from './contract-register';
import { createRisk, getRisk, heatmap, listRisks, updateRisk } from './register';
import { exportRisks } from './register-export';
import {
  addActivity, createExercise, createPlan, createRsa, getRsa, listExercises, listPlans, listRsa, updateActivity, updateExercise, updatePlan, updateRsa,
} from './rsa';

const tags = ['Risker / risks: register, RSA, kontinuitet'];
const nf = problem('Finns inte / not found');
const stale = problem('Inaktuell version / stale version');
const OrgQuery = z.object({ org: z.string().optional() });

export const registerRoutes = [
  defineRoute(
    {
      method: 'get', path: '/api/risks/register', tags, summary: 'Riskregistret med filter', policy: { permission: 'risk.read' },
      request: { query: RiskQuery },
      responses: { 200: ok(RiskList, 'Risker, högst riskvärde först'), 404: nf },
    },
    async (c) => json(c, await listRisks(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/risks/register/heatmap', tags, summary: 'Värmekarta: antal och id per cell', policy: { permission: 'risk.read' },
      request: { query: RiskQuery },
      responses: { 200: ok(Heatmap, 'Celler (högst sannolikhet först)'), 404: nf },
    },
    async (c) => json(c, await heatmap(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/risks/register/export', tags, summary: 'Exportera riskregistret (CSV/XLSX)', policy: { permission: 'risk.read' },
      request: { query: RiskQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }) },
      responses: {
        200: { description: 'Fil', content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() } } },
        404: nf,
      },
    },
    async (c) => {
      const { format, ...q } = c.req.valid('query');
      return exportRisks(c.get('ctx'), q, format) as never;
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/register', tags, summary: 'Ny risk i registret', policy: { permission: 'risk.manage' },
      request: jsonBody(CreateRisk),
      responses: { 201: ok(RegisterRisk, 'Skapad'), 404: nf, 422: problem('Källposten finns inte') },
    },
    async (c) => json(c, await createRisk(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/risks/register/{id}', tags, summary: 'En risk', policy: { permission: 'risk.read' },
      request: { params: IdParam },
      responses: { 200: ok(RegisterRisk, 'Risken'), 404: nf },
    },
    async (c) => json(c, await getRisk(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/risks/register/{id}', tags, summary: 'Ändra risk, bedömning eller hantering', policy: { permission: 'risk.manage' },
      request: { params: IdParam, ...jsonBody(UpdateRisk) },
      responses: { 200: ok(RegisterRisk, 'Ändrad'), 404: nf, 409: stale },
    },
    async (c) => json(c, await updateRisk(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/risks/rsa', tags, summary: 'Risk- och sårbarhetsanalyser', policy: { permission: 'risk.read' },
      request: { query: OrgQuery },
      responses: { 200: ok(z.array(Rsa), 'RSA, senaste cykeln först'), 404: nf },
    },
    async (c) => json(c, await listRsa(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/rsa', tags, summary: 'Ny RSA för en tvåårscykel', policy: { permission: 'risk.manage' },
      request: jsonBody(CreateRsa),
      responses: { 201: ok(Rsa, 'Skapad'), 404: nf, 409: problem('Finns redan'), 422: problem('Överlappande cykel') },
    },
    async (c) => json(c, await createRsa(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/risks/rsa/{id}', tags, summary: 'En RSA', policy: { permission: 'risk.read' },
      request: { params: IdParam },
      responses: { 200: ok(Rsa, 'RSA'), 404: nf },
    },
    async (c) => json(c, await getRsa(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/risks/rsa/{id}', tags, summary: 'Ändra RSA', policy: { permission: 'risk.manage' },
      request: { params: IdParam, ...jsonBody(UpdateRsa) },
      responses: { 200: ok(Rsa, 'Ändrad'), 404: nf, 409: stale },
    },
    async (c) => json(c, await updateRsa(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/rsa/{id}/activities', tags, summary: 'Kritisk verksamhet med beroenden, hot och förmåga', policy: { permission: 'risk.manage' },
      request: { params: IdParam, ...jsonBody(CreateActivity) },
      responses: { 201: ok(RsaActivity, 'Skapad'), 404: nf },
    },
    async (c) => json(c, await addActivity(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/risks/rsa-activities/{id}', tags, summary: 'Ändra kritisk verksamhet', policy: { permission: 'risk.manage' },
      request: { params: IdParam, ...jsonBody(UpdateActivity) },
      responses: { 200: ok(RsaActivity, 'Ändrad'), 404: nf, 409: stale },
    },
    async (c) => json(c, await updateActivity(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/risks/continuity-plans', tags, summary: 'Kontinuitetsplaner', policy: { permission: 'risk.read' },
      request: { query: OrgQuery },
      responses: { 200: ok(z.array(ContinuityPlan), 'Planer'), 404: nf },
    },
    async (c) => json(c, await listPlans(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/continuity-plans', tags, summary: 'Ny kontinuitetsplan (för verksamhet eller objekt)', policy: { permission: 'risk.manage' },
      request: jsonBody(CreatePlan),
      responses: { 201: ok(ContinuityPlan, 'Skapad'), 404: nf, 422: problem('Aktiviteten finns inte') },
    },
    async (c) => json(c, await createPlan(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/risks/continuity-plans/{id}', tags, summary: 'Ändra kontinuitetsplan (t.ex. ny översyn)', policy: { permission: 'risk.manage' },
      request: { params: IdParam, ...jsonBody(UpdatePlan) },
      responses: { 200: ok(ContinuityPlan, 'Ändrad'), 404: nf, 409: stale },
    },
    async (c) => json(c, await updatePlan(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/risks/exercises', tags, summary: 'Övningar', policy: { permission: 'risk.read' },
      request: { query: OrgQuery.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
      responses: { 200: ok(z.array(Exercise), 'Övningar, senaste först'), 404: nf },
    },
    async (c) => json(c, await listExercises(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/exercises', tags, summary: 'Ny övning', policy: { permission: 'risk.manage' },
      request: jsonBody(CreateExercise),
      responses: { 201: ok(Exercise, 'Skapad'), 404: nf, 422: problem('Planen finns inte') },
    },
    async (c) => json(c, await createExercise(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/risks/exercises/{id}', tags, summary: 'Ändra övning (iakttagelser, deltagare)', policy: { permission: 'risk.manage' },
      request: { params: IdParam, ...jsonBody(UpdateExercise) },
      responses: { 200: ok(Exercise, 'Ändrad'), 404: nf, 409: stale },
    },
    async (c) => json(c, await updateExercise(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
];
