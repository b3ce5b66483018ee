import { z } from '@hono/zod-openapi';
import { defineRoute, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { actionOverdue, addAction, addComment, updateAction } from './children';
import { stockholmDate } from '../../server/platform/time';
import { addLink, listLinks, removeLink, searchLinkTargets } from './links';
import { ActionDto, CommentDto, CreateAction, CreateComment, CreateLink, LinkDto, LinkTargetDto, LinkTargetQuery, UpdateAction } from './contract';

const tags = ['Incidenter / incidents'];
const uuidParam = (name: string) => z.uuid().openapi({ param: { name, in: 'path' } });
const IdParam = z.object({ id: uuidParam('id') });

const actionOut = (a: { id: string; title: string | null; ownerId: string | null; dueDate: string | null; status: string; version: number }) => ({
  id: a.id, title: a.title, owner: a.ownerId ? { id: a.ownerId, name: '' } : null, dueDate: a.dueDate, status: a.status,
  overdue: actionOverdue(a, stockholmDate(new Date())), version: a.version,
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
      description: 'Titel, ansvarig, klart senast och status (klar kan öppnas igen), med version. Ansvarig måste kunna läsa incidenten (422). Titeln på en skyddad incident kräver incident.protected (403).',
      responses: { 200: jsonContent(ActionDto, 'Ändrad'), 403: problemContent('Titel på skyddad incident'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version'), 422: problemContent('Ansvarig kan inte läsa incidenten') },
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
      method: 'get', path: '/api/incidents/{id}/links', tags, summary: 'Kopplingar till andra poster', policy: { auth: true },
      description: 'Som att läsa incidenten. title/href är null när posten är borttagen eller inte synlig för dig.',
      request: { params: IdParam },
      responses: { 200: jsonContent(z.object({ items: z.array(LinkDto) }), 'Kopplingarna'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, { items: await listLinks(c.get('ctx'), c.req.valid('param').id) }),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/incidents/{id}/links', tags, summary: 'Koppla till annan post eller webbadress', policy: { permission: 'incident.manage' },
      description: 'Som att ändra incidenten. Posten måste finnas och vara synlig för dig (annars 404); samma post två gånger ger 409.',
      request: { params: IdParam, ...jsonBody(CreateLink) },
      responses: { 201: jsonContent(LinkDto, 'Kopplad'), 404: problemContent('Incidenten eller posten finns inte'), 409: problemContent('Kopplingen finns redan') },
    },
    async (c) => json(c, await addLink(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'delete', path: '/api/incidents/{id}/links/{linkId}', tags, summary: 'Ta bort koppling', policy: { permission: 'incident.manage' },
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

/** Search for link targets (a static path: mounted before /api/incidents/{id}). */
export const linkTargetRoutes = [
  defineRoute(
    {
      method: 'get', path: '/api/incidents/link-targets', tags, summary: 'Sök poster att koppla till', policy: { permission: 'incident.manage' },
      description: 'Högst 20 poster av typen som du får se, efter del av rubriken, nummer eller id.',
      request: { query: LinkTargetQuery },
      responses: { 200: jsonContent(z.object({ items: z.array(LinkTargetDto) }), 'Träffar') },
    },
    async (c) => json(c, { items: await searchLinkTargets(c.get('ctx'), c.req.valid('query')) }),
  ),
];
