import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { ROLE_PERMISSIONS, type Role } from '../../server/platform/permissions';
import { routes } from './routes';

let t: TestServer;
const clients: Partial<Record<Role, Client>> = {};
const ROLES: Role[] = ['medarbetare', 'objektagare', 'lasare', 'isam', 'forvaltningschef'];

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad']]);
  for (const role of ROLES) clients[role] = await userWithRole(t, `${role}@test.se`, role, 'forv-a');
});
afterAll(() => t.close());

const ID = '00000000-0000-4000-8000-000000000000';
const url = (path: string) => path.replace('{id}', ID).replace('{org}', 'forv-a');

describe('every risks route declares a policy and the gate enforces it', () => {
  it('has a permission policy on every route', () => {
    for (const r of routes) expect('permission' in r.policy, `${r.config.method} ${r.config.path}`).toBe(true);
  });

  it('answers 401 without sign-in and 403 for roles without the permission', async () => {
    const anon = new Client(t.url);
    for (const r of routes) {
      const method = r.config.method.toUpperCase();
      const path = url(r.config.path);
      const body = method === 'GET' ? undefined : {};
      expect((await anon.request(method, path, body)).status, `${method} ${path}`).toBe(401);
      const perm = (r.policy as { permission: string }).permission;
      for (const role of ROLES) {
        const res = await clients[role]!.request(method, path, body);
        const allowed = (ROLE_PERMISSIONS[role] as readonly string[]).includes(perm);
        if (!allowed) expect(res.status, `${role} ${method} ${path}`).toBe(403);
        else expect([200, 201, 400, 404, 409, 422], `${role} ${method} ${path}`).toContain(res.status);
      }
    }
  });
});
