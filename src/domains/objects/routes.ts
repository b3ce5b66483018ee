import { z } from '@hono/zod-openapi';
import { crudRoutes } from '../../server/platform/crud';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { CreateDigitalObject, DigitalObject, ObjectQuery, UpdateDigitalObject } from './contract';
import { CreateObjectFollowUp, ObjectFollowUp, UpdateObjectFollowUp } from './followup-contract';
import { createFollowUp, listFollowUps, updateFollowUp } from './followup';
import { createObject, getObject, listObjects, updateObject } from './service';
import { objectImportRoutes } from './import/routes';

const tags = ['Digitala objekt / digital objects'];
const FOLLOW_UP_RULES = 'Datum efter i dag eller utanför året, genomförd behörighetsgenomgång utan resultat, kvarstående avvikelser utan kommentar, resultat utan genomgång';

/** The objektlista: no DELETE, an object is archived (PATCH archived=true) and can be restored. */
export const routes = [
  ...objectImportRoutes,
  ...crudRoutes({
    path: '/api/objects', tags, read: 'object.read', write: 'object.manage', item: DigitalObject,
    list: {
      query: ObjectQuery, run: listObjects, summary: 'Objektlistan', ok: 'Objekt i organisationen och dess underorganisationer, efter namn',
      errors: { 404: 'Organisationen finns inte' },
    },
    create: {
      body: CreateDigitalObject, run: createObject, summary: 'Registrera digitalt objekt', ok: 'Registrerat',
      errors: { 404: 'Organisationen finns inte', 409: 'Namnet finns redan i organisationen', 422: 'Klassningen bryter mot en regel (datum saknas, datum utan klar, datum efter i dag)' },
    },
    get: { run: getObject, summary: 'Ett digitalt objekt med informationsklassning', ok: 'Objektet' },
    update: {
      body: UpdateDigitalObject, run: updateObject, summary: 'Ändra, klassa, arkivera eller återställ objekt', ok: 'Ändrat',
      errors: { 409: 'Inaktuell version eller namnet finns redan', 422: 'Klassningen bryter mot en regel (datum saknas, datum utan klar, datum efter i dag)' },
    },
  }),
  // The yearly object follow-up with access review (objektuppföljning och behörighetsgenomgång), one per object and year.
  defineRoute(
    {
      method: 'get', path: '/api/objects/{id}/follow-ups', tags, summary: 'Objektets årliga uppföljningar (nyast först)', policy: { permission: 'object.read' },
      request: { params: IdParam }, responses: { 200: jsonContent(z.array(ObjectFollowUp), 'Uppföljningar'), 404: problemContent('Objektet finns inte') },
    },
    async (c) => json(c, await listFollowUps(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/objects/{id}/follow-ups', tags, summary: 'Registrera årets objektuppföljning med behörighetsgenomgång', policy: { permission: 'object.manage' },
      request: { params: IdParam, ...jsonBody(CreateObjectFollowUp) },
      responses: {
        201: jsonContent(ObjectFollowUp, 'Registrerad'), 404: problemContent('Objektet finns inte'), 409: problemContent('Året har redan en uppföljning'),
        422: problemContent(FOLLOW_UP_RULES),
      },
    },
    async (c) => json(c, await createFollowUp(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/object-follow-ups/{id}', tags, summary: 'Ändra en objektuppföljning', policy: { permission: 'object.manage' },
      request: { params: IdParam, ...jsonBody(UpdateObjectFollowUp) },
      responses: {
        200: jsonContent(ObjectFollowUp, 'Ändrad'), 404: problemContent('Uppföljningen finns inte'), 409: problemContent('Inaktuell version'),
        422: problemContent(FOLLOW_UP_RULES),
      },
    },
    async (c) => json(c, await updateFollowUp(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
];
