import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { crudRoutes } from './crud';

const Item = z.object({ id: z.string() });
const noop = async () => ({ id: 'x' });

describe('crudRoutes', () => {
  const spec = {
    path: '/api/things', tags: ['Saker'], read: 'plan.read', write: 'plan.manage', item: Item,
    list: { query: z.object({ org: z.string() }), run: noop, summary: 'Lista', ok: 'Saker', errors: { 404: 'Organisationen finns inte' } },
    create: { body: z.strictObject({ name: z.string() }), run: noop, summary: 'Skapa', ok: 'Skapad' },
    get: { run: noop, summary: 'En', ok: 'Saken' },
    update: { body: z.strictObject({ version: z.int() }), run: noop, summary: 'Ändra', ok: 'Ändrad', errors: { 409: 'Inaktuell version' }, policy: { permission: 'plan.read' } },
    remove: { run: noop, summary: 'Ta bort', ok: 'Borttagen', description: 'Mer text' },
  } as const;

  it('declares each operation with the read or write policy, or the operation’s own', () => {
    const routes = crudRoutes(spec);
    expect(routes.map((r) => [r.config.method, r.config.path, r.policy])).toEqual([
      ['get', spec.path, { permission: spec.read }],
      ['post', spec.path, { permission: spec.write }],
      ['get', `${spec.path}/{id}`, { permission: spec.read }],
      ['patch', `${spec.path}/{id}`, spec.update.policy],
      ['delete', `${spec.path}/{id}`, { permission: spec.write }],
    ]);
    expect(routes.map((r) => r.config.summary)).toEqual([spec.list, spec.create, spec.get, spec.update, spec.remove].map((o) => o.summary));
  });

  it('answers the documented statuses: 201 on create, 204 on delete, 404 on one record, and the extra errors', () => {
    const [list, create, get, update, remove] = crudRoutes(spec).map((r) => r.config.responses as Record<string, { description: string }>);
    expect(list['200'].description).toBe(spec.list.ok);
    expect(list['404'].description).toBe(spec.list.errors[404]);
    expect(create['201'].description).toBe(spec.create.ok);
    expect(create['404']).toBeUndefined();
    expect(get['404'].description).toBe('Finns inte');
    expect(update['409'].description).toBe(spec.update.errors[409]);
    expect(remove['204'].description).toBe(spec.remove.ok);
    expect(crudRoutes(spec)[4].config.description).toContain(spec.remove.description);
  });

  it('adds the shared errors to every operation, answers a list wrapper and mounts sub-routes before the record routes', () => {
    const { path, tags, read, write, item, list, create, get } = spec;
    const Page = z.object({ total: z.int(), items: z.array(Item) });
    const sub = crudRoutes({ path: `${path}/x`, tags, read, write, item, get })[0];
    const routes = crudRoutes({ path, tags, read, write, item, errors: { 404: 'Saknas', 422: 'Ogiltig' }, list: { ...list, response: Page }, create, get, subRoutes: [sub] });
    expect(routes.map((r) => `${r.config.method} ${r.config.path}`)).toEqual([`get ${path}`, `get ${path}/x/{id}`, `post ${path}`, `get ${path}/{id}`]);
    const [listed, , created, got] = routes.map((r) => r.config.responses as Record<string, { description: string; content?: unknown }>);
    expect(listed['200'].content).toEqual({ 'application/json': { schema: Page } });
    expect(listed['404'].description).toBe(spec.list.errors[404]);
    expect([created['404'].description, created['422'].description, got['404'].description]).toEqual(['Saknas', 'Ogiltig', 'Saknas']);
  });

  it('leaves out the operations a record type does not have', () => {
    const { path, tags, read, write, item, get } = spec;
    expect(crudRoutes({ path, tags, read, write, item, get }).map((r) => r.config.method)).toEqual(['get']);
  });
});
