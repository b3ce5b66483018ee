import { z } from '@hono/zod-openapi';
import { crudRoutes } from '../../server/platform/crud';
import { PlanningYearQuery } from '../../server/platform/schema';
import { IdParam, defineRoute, json, jsonBody, jsonContent as ok, problemContent as problem } from '../../server/platform/http';
import {
  ContinuityPlan, CreateActivity, CreateExercise, CreatePlan, CreateRisk, CreateRsa, Exercise, ExerciseQuery, Heatmap, PlanQuery, RegisterRisk, RiskList, RiskQuery,
  Rsa, RsaActivity, UpdateActivity, UpdateExercise, UpdatePlan, UpdateRisk, UpdateRsa,
} from './contract-register';
import { createRisk, getRisk, heatmap, listRisks, updateRisk } from './register';
import { exportRisks } from './register-export';
import {
  addActivity, createExercise, createPlan, createRsa, getExercise, getPlan, getRsa, listExercises, listPlans, listRsa, updateActivity, updateExercise, updatePlan, updateRsa,
} from './rsa';

const tags = ['Risker / risks: register, RSA, kontinuitet'];
const nf = problem('Finns inte / not found');
const OrgQuery = z.object({ org: z.string().optional() });
/** The permissions of every risk route, and the 404 each one may answer. */
const base = { tags, read: 'risk.read', write: 'risk.manage', errors: { 404: 'Finns inte / not found' } } as const;
const stale = { 409: 'Inaktuell version / stale version' };
const PLAN_RULES = 'Fastställd plan utan fastställandedatum, fastställd eller granskad efter i dag, nästa översyn före senaste, processen eller objektet finns inte';
const EXERCISE_RULES = 'Genomförd övning med datum efter i dag, planen finns inte';

const registerSubRoutes = [
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
];

export const registerRoutes = [
  ...crudRoutes({
    ...base, path: '/api/risks/register', item: RegisterRisk, subRoutes: registerSubRoutes,
    list: { query: RiskQuery, response: RiskList, run: listRisks, summary: 'Riskregistret med filter', ok: 'Risker, högst riskvärde först' },
    create: { body: CreateRisk, run: createRisk, summary: 'Ny risk i registret', ok: 'Skapad', errors: { 422: 'Källposten finns inte' } },
    get: { run: getRisk, summary: 'En risk', ok: 'Risken' },
    update: { body: UpdateRisk, run: updateRisk, summary: 'Ändra risk, bedömning eller hantering', ok: 'Ändrad', errors: stale },
  }),
  ...crudRoutes({
    ...base, path: '/api/risks/rsa', item: Rsa,
    list: { query: OrgQuery, run: listRsa, summary: 'Risk- och sårbarhetsanalyser', ok: 'RSA, senaste cykeln först' },
    create: { body: CreateRsa, run: createRsa, summary: 'Ny RSA för en cykel (standard två år)', ok: 'Skapad', errors: { 409: 'Finns redan', 422: 'Överlappande cykel eller slutår före startår' } },
    get: { run: getRsa, summary: 'En RSA', ok: 'RSA' },
    update: { body: UpdateRsa, run: updateRsa, summary: 'Ändra RSA (status, slutår)', ok: 'Ändrad', errors: { ...stale, 422: 'Slutår före startår eller överlappande cykel' } },
  }),
  defineRoute(
    {
      method: 'post', path: '/api/risks/rsa/{id}/activities', tags, summary: 'Kritisk verksamhet med beroenden, hot och förmåga', policy: { permission: 'risk.manage' },
      request: { params: IdParam, ...jsonBody(CreateActivity) },
      responses: { 201: ok(RsaActivity, 'Skapad'), 404: nf },
    },
    async (c) => json(c, await addActivity(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  ...crudRoutes({
    ...base, path: '/api/risks/rsa-activities', item: RsaActivity,
    update: { body: UpdateActivity, run: updateActivity, summary: 'Ändra kritisk verksamhet', ok: 'Ändrad', errors: { ...stale, 422: 'Enheten ligger utanför förvaltningen eller okänt objekt' } },
  }),
  ...crudRoutes({
    ...base, path: '/api/risks/continuity-plans', item: ContinuityPlan,
    list: { query: PlanQuery, run: listPlans, summary: 'Kontinuitetsplaner med senast övad och flaggor', ok: 'Planer' },
    create: {
      body: CreatePlan, run: createPlan, summary: 'Ny kontinuitetsplan (för process och/eller objekt)', ok: 'Skapad',
      errors: { 422: PLAN_RULES },
    },
    get: { run: getPlan, summary: 'En kontinuitetsplan', ok: 'Planen' },
    update: { body: UpdatePlan, run: updatePlan, summary: 'Ändra, arkivera eller återställ kontinuitetsplan', ok: 'Ändrad', errors: { ...stale, 422: PLAN_RULES } },
  }),
  ...crudRoutes({
    ...base, path: '/api/risks/exercises', item: Exercise,
    list: {
      query: ExerciseQuery.extend({ year: PlanningYearQuery().optional() }), run: listExercises,
      summary: 'Övningar', ok: 'Övningar, senaste först',
    },
    create: { body: CreateExercise, run: createExercise, summary: 'Ny övning (planerad, genomförd eller inställd)', ok: 'Skapad', errors: { 422: EXERCISE_RULES } },
    get: { run: getExercise, summary: 'En övning', ok: 'Övningen' },
    update: { body: UpdateExercise, run: updateExercise, summary: 'Ändra, arkivera eller återställ övning', ok: 'Ändrad', errors: { ...stale, 422: EXERCISE_RULES } },
  }),
];
