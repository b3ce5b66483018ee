import { z } from '@hono/zod-openapi';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { AddIndicator, CreateGoal, Goal, GoalQuery, SetGoalStatus, UpdateGoal, UpdateIndicator } from './contract';
import { addIndicator, createGoal, getGoal, listGoals, setGoalStatus, updateGoal, updateIndicator } from './service';

const tags = ['Mål / goals'];
const ok = jsonContent;

export const routes = [
  defineRoute(
    {
      method: 'get', path: '/api/goals', tags, summary: 'Verksamhetsplanens mål med indikatorer och status', policy: { permission: 'plan.read' },
      request: { query: GoalQuery },
      responses: { 200: ok(z.array(Goal), 'Mål'), 404: problemContent('Organisationen finns inte') },
    },
    async (c) => json(c, await listGoals(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/goals', tags, summary: 'Lägg till mål', policy: { permission: 'plan.manage' },
      request: jsonBody(CreateGoal),
      responses: { 201: ok(Goal, 'Skapat'), 409: problemContent('Målnumret finns redan') },
    },
    async (c) => json(c, await createGoal(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/goals/{id}', tags, summary: 'Ett mål', policy: { permission: 'plan.read' },
      request: { params: IdParam },
      responses: { 200: ok(Goal, 'Målet'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await getGoal(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/goals/{id}', tags, summary: 'Ändra mål', policy: { permission: 'plan.manage' },
      request: { params: IdParam, ...jsonBody(UpdateGoal) },
      responses: { 200: ok(Goal, 'Ändrat'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version') },
    },
    async (c) => json(c, await updateGoal(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
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
