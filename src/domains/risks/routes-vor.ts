import { z } from '@hono/zod-openapi';
import { IdParam, defineRoute, json, jsonBody, jsonContent as ok, problemContent as problem } from '../../server/platform/http';
import { createAction, updateAction } from './actions';
import {
  Action, CreateAction, CreateArbetssatt, CreateEvent, CreateProcess, CreateVor, IkpDecision, NextYearResult, UpdateAction, UpdateEvent,
  Vor, VorEvent, VorSummary, VorVersion,
} from './contract';
import { addArbetssatt, addProcess, approveVor, createEvent, createVor, decideIkp, reopenVor, updateEvent } from './vor';
import { startNextYear } from './vor-carry';
import { getVor, listVors } from './vor-read';

const tags = ['Risker / risks: VoR och IKP'];
const nf = problem('Finns inte / not found');
const stale = problem('Inaktuell version, eller VoR godkänd och låst / stale version, or VoR approved and locked');

export const vorRoutes = [
  defineRoute(
    {
      method: 'get', path: '/api/risks/vor', tags, summary: 'VoR per organisation och år', policy: { permission: 'risk.read' },
      request: { query: z.object({ org: z.string().optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }) },
      responses: { 200: ok(z.array(VorSummary), 'VoR i ditt underträd'), 404: nf },
    },
    async (c) => json(c, await listVors(c.get('ctx'), c.req.valid('query'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/vor', tags, summary: 'Skapa årets VoR (med stadens obligatoriska process och fem arbetssätt)', policy: { permission: 'risk.manage' },
      request: jsonBody(CreateVor),
      responses: { 201: ok(Vor, 'Skapad'), 404: nf, 409: problem('Finns redan för året') },
    },
    async (c) => json(c, await createVor(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/risks/vor/{id}', tags, summary: 'En VoR med processer, arbetssätt, händelser och åtgärder', policy: { permission: 'risk.read' },
      request: { params: IdParam },
      responses: { 200: ok(Vor, 'VoR'), 404: nf },
    },
    async (c) => json(c, await getVor(c.get('ctx'), c.req.valid('param').id)),
  ),
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
  defineRoute(
    {
      method: 'patch', path: '/api/risks/vor-events/{id}', tags, summary: 'Ändra händelse eller uppföljning (Status och åtgärder)', policy: { permission: 'risk.manage' },
      request: { params: IdParam, ...jsonBody(UpdateEvent) },
      responses: { 200: ok(VorEvent, 'Ändrad'), 404: nf, 409: stale },
    },
    async (c) => json(c, await updateEvent(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/vor-events/{id}/ikp-decision', tags, summary: 'Ledningens beslut: med i internkontrollplanen eller inte', policy: { permission: 'risk.decide' },
      request: { params: IdParam, ...jsonBody(IkpDecision) },
      responses: { 200: ok(VorEvent, 'Beslut registrerat'), 404: nf, 409: stale },
    },
    async (c) => json(c, await decideIkp(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/risks/actions', tags, summary: 'Ny åtgärd (för händelse, risk, övning, RSA-aktivitet eller kontinuitetsplan)', policy: { permission: 'risk.manage' },
      request: jsonBody(CreateAction),
      responses: { 201: ok(Action, 'Skapad'), 404: nf },
    },
    async (c) => json(c, await createAction(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/risks/actions/{id}', tags, summary: 'Ändra åtgärd (status, ansvarig, datum)', policy: { permission: 'risk.manage' },
      request: { params: IdParam, ...jsonBody(UpdateAction) },
      responses: { 200: ok(Action, 'Ändrad'), 404: nf, 409: stale },
    },
    async (c) => json(c, await updateAction(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
];
