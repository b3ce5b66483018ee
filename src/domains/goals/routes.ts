import { crudRoutes } from '../../server/platform/crud';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { AddIndicator, CreateGoal, Goal, GoalQuery, SetGoalStatus, UpdateGoal, UpdateIndicator } from './contract';
import { addIndicator, createGoal, getGoal, listGoals, setGoalStatus, updateGoal, updateIndicator } from './service';

const tags = ['Mål / goals'];
const ok = jsonContent;

export const routes = [
  ...crudRoutes({
    path: '/api/goals', tags, read: 'plan.read', write: 'plan.manage', item: Goal,
    list: { query: GoalQuery, run: listGoals, summary: 'Verksamhetsplanens mål med indikatorer och status', ok: 'Mål', errors: { 404: 'Organisationen finns inte' } },
    create: { body: CreateGoal, run: createGoal, summary: 'Lägg till mål', ok: 'Skapat', errors: { 409: 'Målnumret finns redan' } },
    get: { run: getGoal, summary: 'Ett mål', ok: 'Målet' },
    update: { body: UpdateGoal, run: updateGoal, summary: 'Ändra mål', ok: 'Ändrat', errors: { 409: 'Inaktuell version' } },
  }),
  defineRoute(
    {
      method: 'post', path: '/api/goals/{id}/indicators', tags, summary: 'Lägg till indikator (förväntat resultat)', policy: { permission: 'plan.manage' },
      request: { params: IdParam, ...jsonBody(AddIndicator) },
      responses: { 201: ok(Goal, 'Målet med indikatorn'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await addIndicator(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/goal-indicators/{id}', tags, summary: 'Ändra indikator', policy: { permission: 'plan.manage' },
      request: { params: IdParam, ...jsonBody(UpdateIndicator) },
      responses: { 200: ok(Goal, 'Målet'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version') },
    },
    async (c) => json(c, await updateIndicator(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'put', path: '/api/goals/{id}/status', tags, summary: 'Sätt årets status och kommentar', policy: { permission: 'plan.manage' },
      request: { params: IdParam, ...jsonBody(SetGoalStatus) },
      responses: { 200: ok(Goal, 'Målet'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version') },
    },
    async (c) => json(c, await setGoalStatus(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
];
