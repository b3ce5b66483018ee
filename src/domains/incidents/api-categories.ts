import { z } from '@hono/zod-openapi';
import { defineRoute, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { categoryList, copyCategories, createCategory, updateCategory } from './category-admin';
import { CategoryDto, CategoryList, CategoryListQuery, CategoryUpdated, CopyCategories, CreateCategory, UpdateCategory } from './contract';

const tags = ['Incidenter / incidents'];
const manage = { permission: 'incident.manage' } as const;
const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

/** Managing an organisation's category list (templates for the 60-second report). See category-admin.ts. */
export const categoryRoutes = [
  defineRoute(
    {
      method: 'get', path: '/api/incident-categories', tags, summary: 'Kategorilistan som gäller för en organisation (även inaktiva)', policy: manage,
      description: 'Egen lista, närmaste överordnades (ärvd) eller de inbyggda standardkategorierna.',
      request: { query: CategoryListQuery },
      responses: { 200: jsonContent(CategoryList, 'Listan'), 404: problemContent('Okänd organisation') },
    },
    async (c) => json(c, await categoryList(c.get('ctx'), c.req.valid('query').org)),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/incident-categories/copy', tags, summary: 'Skapa en egen lista som kopia av den ärvda', policy: manage,
      request: jsonBody(CopyCategories),
      responses: { 201: jsonContent(CategoryList, 'Egen lista'), 404: problemContent('Okänd organisation'), 409: problemContent('Har redan en egen lista') },
    },
    async (c) => json(c, await copyCategories(c.get('ctx'), c.req.valid('json').org), 201),
  ),
  defineRoute(
    {
      method: 'post', path: '/api/incident-categories', tags, summary: 'Lägg till kategori', policy: manage,
      description: 'Har organisationen ingen egen lista kopieras den ärvda först, så att inget försvinner.',
      request: jsonBody(CreateCategory),
      responses: { 201: jsonContent(CategoryDto, 'Tillagd'), 404: problemContent('Okänd organisation'), 409: problemContent('Namnet finns redan') },
    },
    async (c) => json(c, await createCategory(c.get('ctx'), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'patch', path: '/api/incident-categories/{id}', tags, summary: 'Ändra, byt namn på eller inaktivera kategori', policy: manage,
      description: 'Optimistisk låsning (version). active=false inaktiverar. Vid namnbyte får incidenterna i listans område det nya namnet i samma transaktion.',
      request: { params: IdParam, ...jsonBody(UpdateCategory) },
      responses: { 200: jsonContent(CategoryUpdated, 'Ändrad'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version eller namnet finns redan') },
    },
    async (c) => json(c, await updateCategory(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
];
