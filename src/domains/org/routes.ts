import { z } from '@hono/zod-openapi';
import { defineRoute, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { CreateOrg, CreateOrgGroup, Org, OrgGroup, Slug, UpdateOrg, UpdateOrgGroup } from './contract';
import { createGroup, listGroups, updateGroup } from './groups';
import { createOrg, getOrg, listOrgs, updateOrg } from './service';

const tags = ['Organisationer / organisations'];
const SlugParam = z.object({ slug: Slug.openapi({ param: { name: 'slug', in: 'path' } }) });
const ok = jsonContent;
const body = jsonBody;

export const routes = [
  defineRoute(
    {
      method: 'get', path: '/api/orgs', tags, summary: 'Organisationsträdet (de du får se)', policy: { permission: 'org.read' },
      request: {
        query: z.object({
          under: Slug.optional().openapi({ description: 'Bara detta underträd / only this subtree' }),
          org: Slug.optional().openapi({ description: 'Samma som under (den gemensamma org-parametern) / same as under' }),
          archived: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: { 200: ok(z.array(Org), 'Organisationer i trädordning') },
    },
    async (c) => {
      const q = c.req.valid('query');
      return json(c, await listOrgs(c.get('ctx'), { under: q.under ?? q.org, includeArchived: q.archived === 'true' }));
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/api/orgs', tags, summary: 'Skapa organisation', policy: { permission: 'org.manage' },
      request: body(CreateOrg),
      responses: { 201: ok(Org, 'Skapad'), 404: problemContent('Överordnad finns inte'), 409: problemContent('Kortnamnet finns redan'), 422: problemContent('Otillåten typ') },
    },
    async (c) => json(c, await createOrg(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/orgs/{slug}', tags, summary: 'En organisation', policy: { permission: 'org.read' },
      request: { params: SlugParam },
      responses: { 200: ok(Org, 'Organisationen'), 404: problemContent('Finns inte') },
    },
    async (c) => json(c, await getOrg(c.get('ctx'), c.req.valid('param').slug)),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/orgs/{slug}', tags, summary: 'Byt namn, flytta eller arkivera', policy: { permission: 'org.manage' },
      request: { params: SlugParam, ...body(UpdateOrg) },
      responses: { 200: ok(Org, 'Ändrad'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version, cykel eller aktiva underorganisationer') },
    },
    async (c) => json(c, await updateOrg(c.get('ctx'), c.req.valid('param').slug, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/org-groups', tags, summary: 'Samverkansgrupper', policy: { permission: 'org.read' },
      responses: { 200: ok(z.array(OrgGroup), 'Grupper') },
    },
    async (c) => json(c, await listGroups(c.get('ctx'))),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/org-groups', tags, summary: 'Skapa samverkansgrupp', policy: { permission: 'org.manage' },
      request: body(CreateOrgGroup),
      responses: { 201: ok(OrgGroup, 'Skapad'), 409: problemContent('Kortnamnet finns redan') },
    },
    async (c) => json(c, await createGroup(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/org-groups/{slug}', tags, summary: 'Ändra samverkansgrupp', policy: { permission: 'org.manage' },
      request: { params: SlugParam, ...body(UpdateOrgGroup) },
      responses: { 200: ok(OrgGroup, 'Ändrad'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version') },
    },
    async (c) => json(c, await updateGroup(c.get('ctx'), c.req.valid('param').slug, c.req.valid('json'))),
  ),
];
