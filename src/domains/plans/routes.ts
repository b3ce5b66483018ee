import { z } from '@hono/zod-openapi';
import { crudRoutes } from '../../server/platform/crud';
import { defineRoute, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { getAreaList, setAreaList } from './areas';
import { carryForward, exportPlan, planProgress } from './carry';
import { AreaList, CarryForward, CreatePlanActivity, PlanActivity, PlanQuery, Progress, UpdatePlanActivity, UpdateAreaList } from './contract';
import { createActivity, deleteActivity, getActivity, listActivities, updateActivity } from './service';
import { int4 } from '../../server/platform/schema';

const tags = ['Förbättringsplan / improvement plan'];
const ok = jsonContent;

export const routes = [
  ...crudRoutes({
    path: '/api/plan/activities', tags, read: 'plan.read', write: 'plan.manage', item: PlanActivity,
    list: { query: PlanQuery, run: listActivities, summary: 'Förbättringsaktiviteter', ok: 'Aktiviteter, per år och område', errors: { 404: 'Organisationen finns inte' } },
    create: { body: CreatePlanActivity, run: createActivity, summary: 'Lägg till aktivitet', ok: 'Skapad', errors: { 404: 'Organisationen finns inte' } },
    get: { run: getActivity, summary: 'En aktivitet', ok: 'Aktiviteten' },
    update: { body: UpdatePlanActivity, run: updateActivity, summary: 'Ändra aktivitet', ok: 'Ändrad', errors: { 409: 'Inaktuell version' } },
    remove: { run: deleteActivity, summary: 'Ta bort aktivitet', ok: 'Borttagen', errors: { 409: 'Inaktuell version eller redan överförd' } },
  }),
  defineRoute(
    {
      method: 'post', path: '/api/plan/carry-forward', tags, summary: 'För över ofärdiga aktiviteter till nästa år', policy: { permission: 'plan.manage' },
      request: jsonBody(CarryForward),
      responses: { 200: ok(z.object({ carried: z.array(PlanActivity), skipped: int4() }), 'Överförda aktiviteter (markerade som överförda)') },
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
