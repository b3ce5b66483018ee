import { z } from '@hono/zod-openapi';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { getAreaList, setAreaList } from './areas';
import { carryForward, exportPlan, planProgress } from './carry';
import { AreaList, CarryForward, CreatePlanActivity, PlanActivity, PlanQuery, Progress, UpdatePlanActivity, UpdateAreaList } from './contract';
import { createActivity, deleteActivity, getActivity, listActivities, updateActivity } from './service';

const tags = ['Förbättringsplan / improvement plan'];
const ok = jsonContent;

export const routes = [
  defineRoute(
    {
      method: 'get', path: '/api/plan/activities', tags, summary: 'Förbättringsaktiviteter', policy: { permission: 'plan.read' },
      request: { query: PlanQuery },
      responses: { 200: ok(z.array(PlanActivity), 'Aktiviteter, per år och område'), 404: problemContent('Organisationen finns inte') },
    },
    async (c) => json(c, await listActivities(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/plan/activities', tags, summary: 'Lägg till aktivitet', policy: { permission: 'plan.manage' },
      request: jsonBody(CreatePlanActivity),
      responses: { 201: ok(PlanActivity, 'Skapad'), 404: problemContent('Organisationen finns inte') },
    },
    async (c) => json(c, await createActivity(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/plan/activities/{id}', tags, summary: 'En aktivitet', policy: { permission: 'plan.read' },
      request: { params: IdParam },
      responses: { 200: ok(PlanActivity, 'Aktiviteten'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await getActivity(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/plan/activities/{id}', tags, summary: 'Ändra aktivitet', policy: { permission: 'plan.manage' },
      request: { params: IdParam, ...jsonBody(UpdatePlanActivity) },
      responses: { 200: ok(PlanActivity, 'Ändrad'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version') },
    },
    async (c) => json(c, await updateActivity(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'delete', path: '/api/plan/activities/{id}', tags, summary: 'Ta bort aktivitet', policy: { permission: 'plan.manage' },
      request: { params: IdParam, query: z.object({ version: z.coerce.number().int().min(1) }) },
      responses: { 204: { description: 'Borttagen' }, 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version eller redan överförd') },
    },
    async (c) => {
      await deleteActivity(c.get('ctx'), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/api/plan/carry-forward', tags, summary: 'För över ofärdiga aktiviteter till nästa år', policy: { permission: 'plan.manage' },
      request: jsonBody(CarryForward),
      responses: { 200: ok(z.object({ carried: z.array(PlanActivity), skipped: z.int() }), 'Överförda aktiviteter (markerade som överförda)') },
    },
    async (c) => json(c, await carryForward(c.get('ctx'), c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/plan/progress', tags, summary: 'Framsteg per område och år', policy: { permission: 'plan.read' },
      request: { query: PlanQuery },
      responses: { 200: ok(z.array(Progress), 'Antal per status och andel klara') },
    },
    async (c) => json(c, await planProgress(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/plan/export', tags, summary: 'Exportera planen (CSV/XLSX)', policy: { permission: 'plan.read' },
      request: { query: PlanQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }) },
      responses: {
        200: {
          description: 'Fil',
          content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() } },
        },
      },
    },
    async (c) => {
      const { format, ...q } = c.req.valid('query');
      return exportPlan(c.get('ctx'), q, format);
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/plan/areas', tags, summary: 'Stadens lista över planområden', policy: { permission: 'plan.read' },
      request: { query: z.object({ org: z.string().min(1).max(64) }) },
      responses: { 200: ok(AreaList, 'Områden') },
    },
    async (c) => json(c, await getAreaList(c.get('ctx'), c.req.valid('query').org)),
  ),
  defineRoute(
    {
      method: 'put', path: '/api/plan/areas', tags, summary: 'Ändra stadens lista över planområden', policy: { permission: 'plan.manage' },
      request: jsonBody(UpdateAreaList),
      responses: { 200: ok(AreaList, 'Ändrad'), 409: problemContent('Inaktuell version') },
    },
    async (c) => json(c, await setAreaList(c.get('ctx'), c.req.valid('json'))),
  ),
];
