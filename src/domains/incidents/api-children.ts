import { z } from '@hono/zod-openapi';
import { defineRoute, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { addAction, addComment, addLink, removeLink, updateAction } from './children';
import { ActionDto, CommentDto, CreateAction, CreateComment, CreateLink, LinkDto, UpdateAction } from './contract';

const tags = ['Incidenter / incidents'];
const uuidParam = (name: string) => z.uuid().openapi({ param: { name, in: 'path' } });
const IdParam = z.object({ id: uuidParam('id') });

const actionOut = (a: { id: string; title: string; ownerId: string | null; dueDate: string | null; status: string; version: number }) => ({
  id: a.id, title: a.title, owner: a.ownerId ? { id: a.ownerId, name: '' } : null, dueDate: a.dueDate, status: a.status, overdue: false, version: a.version,
});

/** Åtgärder, comments and links of one incident. */
export const childRoutes = [
  defineRoute(
    {
      method: 'post', path: '/api/incidents/{id}/actions', tags, summary: 'Lägg till åtgärd', policy: { permission: 'incident.manage' },
      request: { params: IdParam, ...jsonBody(CreateAction) },
      responses: { 201: jsonContent(ActionDto, 'Skapad'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, actionOut(await addAction(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/incidents/{id}/actions/{actionId}', tags, summary: 'Ändra åtgärd', policy: { permission: 'incident.manage' },
      request: { params: IdParam.extend({ actionId: uuidParam('actionId') }), ...jsonBody(UpdateAction) },
      responses: { 200: jsonContent(ActionDto, 'Ändrad'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version') },
    },
    async (c) => {
      const p = c.req.valid('param');
      return json(c, actionOut(await updateAction(c.get('ctx'), p.id, p.actionId, c.req.valid('json'))));
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/api/incidents/{id}/comments', tags, summary: 'Kommentera', policy: { permission: 'incident.report' },
      request: { params: IdParam, ...jsonBody(CreateComment) },
      responses: { 201: jsonContent(CommentDto, 'Sparad'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await addComment(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').body), 201),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/incidents/{id}/links', tags, summary: 'Länka till annan post', policy: { permission: 'incident.manage' },
      request: { params: IdParam, ...jsonBody(CreateLink) },
      responses: { 201: jsonContent(LinkDto, 'Länkad'), 404: problemContent('Finns inte'), 409: problemContent('Länken finns redan') },
    },
    async (c) => json(c, await addLink(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'delete', path: '/api/incidents/{id}/links/{linkId}', tags, summary: 'Ta bort länk', policy: { permission: 'incident.manage' },
      request: { params: IdParam.extend({ linkId: uuidParam('linkId') }) },
      responses: { 204: { description: 'Borttagen' }, 404: problemContent('Finns inte') },
    },
    async (c) => {
      const p = c.req.valid('param');
      await removeLink(c.get('ctx'), p.id, p.linkId);
      return c.body(null, 204) as never;
    },
  ),
];
