import { z } from '@hono/zod-openapi';
import { crudRoutes } from '../../server/platform/crud';
import { PlanningYearQuery } from '../../server/platform/schema';
import { IdParam, defineRoute, json, jsonBody, jsonContent as ok, problemContent as problem } from '../../server/platform/http';
import { createAction, updateAction } from './actions';
import { listAllActions } from './actions-list';
import {
  Action, ActionList, ActionListQuery, CreateAction, CreateArbetssatt, CreateEvent, CreateProcess, CreateVor, IkpDecision, NextYearResult, UpdateAction, UpdateEvent,
  Vor, VorEvent, VorSummary, VorVersion,
} from './contract';
import { addArbetssatt, addProcess, approveVor, createEvent, createVor, decideIkp, reopenVor, updateEvent } from './vor';
import { startNextYear } from './vor-carry';
import { getVor, listVors } from './vor-read';

const tags = ['Risker / risks: VoR och IKP'];
const nf = problem('Finns inte / not found');
const staleText = 'Inaktuell version, eller VoR godkänd och låst / stale version, or VoR approved and locked';
const stale = problem(staleText);
/** The permissions of every risk route, and the 404 each one may answer. */
const base = { tags, read: 'risk.read', write: 'risk.manage', errors: { 404: 'Finns inte / not found' } } as const;

export const vorRoutes = [
  ...crudRoutes({
    ...base, path: '/api/risks/vor', item: Vor,
    list: {
      query: z.object({ org: z.string().optional(), year: PlanningYearQuery().optional() }), response: z.array(VorSummary),
      run: listVors, summary: 'VoR per organisation och år', ok: 'VoR i ditt underträd',
    },
    create: {
      body: CreateVor, run: createVor, summary: 'Skapa årets VoR (med stadens obligatoriska process och fem arbetssätt)', ok: 'Skapad',
      errors: { 409: 'Finns redan för året' },
    },
    get: { run: getVor, summary: 'En VoR med processer, arbetssätt, händelser och åtgärder', ok: 'VoR' },
  }),
  defineRoute(
    {
      method: 'post', path: '/api/risks/vor/{id}/approve', tags, summary: 'Godkänn (lås) VoR', policy: { permission: 'risk.decide' },
      request: { params: IdParam, ...jsonBody(VorVersion) },
      responses: { 200: ok(Vor, 'Godkänd'), 404: nf, 409: stale },
    },
    async (c) => json(c, await approveVor(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/vor/{id}/reopen', tags, summary: 'Återöppna godkänd VoR (loggas)', policy: { permission: 'risk.decide' },
      request: { params: IdParam, ...jsonBody(VorVersion) },
      responses: { 200: ok(Vor, 'Återöppnad'), 404: nf, 409: stale },
    },
    async (c) => json(c, await reopenVor(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/vor/{id}/next-year', tags, summary: 'Starta nästa års VoR: kopiera händelser, för över öppna åtgärder', policy: { permission: 'risk.manage' },
      request: { params: IdParam },
      responses: { 201: ok(NextYearResult, 'Nästa års VoR'), 404: nf, 409: problem('Nästa år finns redan') },
    },
    async (c) => json(c, await startNextYear(c.get('ctx'), c.req.valid('param').id), 201),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/vor/{id}/processes', tags, summary: 'Lägg till förvaltningens egen process', policy: { permission: 'risk.manage' },
      request: { params: IdParam, ...jsonBody(CreateProcess) },
      responses: { 201: ok(Vor, 'VoR med processen'), 404: nf, 409: stale },
    },
    async (c) => json(c, await addProcess(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/vor-processes/{id}/arbetssatt', tags, summary: 'Lägg till arbetssätt i en process', policy: { permission: 'risk.manage' },
      request: { params: IdParam, ...jsonBody(CreateArbetssatt) },
      responses: { 201: ok(Vor, 'VoR med arbetssättet'), 404: nf, 409: stale },
    },
    async (c) => json(c, await addArbetssatt(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/vor/{id}/events', tags, summary: 'Ny oönskad händelse (riskvärde beräknas)', policy: { permission: 'risk.manage' },
      description: 'riskvärde = sannolikhet × konsekvens beräknas alltid; fältet riskvarde tas inte emot.',
      request: { params: IdParam, ...jsonBody(CreateEvent) },
      responses: { 201: ok(VorEvent, 'Skapad'), 404: nf, 409: stale },
    },
    async (c) => json(c, await createEvent(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  ...crudRoutes({
    ...base, path: '/api/risks/vor-events', item: VorEvent,
    update: { body: UpdateEvent, run: updateEvent, summary: 'Ändra händelse eller uppföljning (Status och åtgärder)', ok: 'Ändrad', errors: { 409: staleText } },
  }),
  defineRoute(
    {
      method: 'post', path: '/api/risks/vor-events/{id}/ikp-decision', tags, summary: 'Ledningens beslut: med i internkontrollplanen eller inte', policy: { permission: 'risk.decide' },
      request: { params: IdParam, ...jsonBody(IkpDecision) },
      responses: { 200: ok(VorEvent, 'Beslut registrerat'), 404: nf, 409: stale },
    },
    async (c) => json(c, await decideIkp(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  ...crudRoutes({
    ...base, path: '/api/risks/actions', item: Action,
    list: {
      query: ActionListQuery, response: ActionList, run: listAllActions, ok: 'Åtgärder efter datum (utan datum sist) och titel',
      summary: 'Alla riskåtgärder i organisationens underträd (VoR alla år, en överförd åtgärd i året den förts till; riskregister, RSA, kontinuitetsplaner, övningar)',
    },
    create: { body: CreateAction, run: createAction, summary: 'Ny åtgärd (för händelse, risk, övning, RSA-aktivitet eller kontinuitetsplan)', ok: 'Skapad' },
    update: { body: UpdateAction, run: updateAction, summary: 'Ändra åtgärd (status, ansvarig, datum)', ok: 'Ändrad', errors: { 409: staleText } },
  }),
];
