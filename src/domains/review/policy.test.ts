import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { ROLE_PERMISSIONS } from '../../server/platform/permissions';

/** Every route of the plans, goals, dso, documents and review domains: 401 without sign-in, 403 without the permission. */
const MINE = /^\/api\/(plan|goals|goal-indicators|dso|documents|reviews)(\/|$)/;
let t: TestServer;
let employee: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad']]);
  employee = await userWithRole(t, 'medarbetare@test.se', 'medarbetare', 'forv-a');
});
afterAll(() => t.close());

describe('route policies', () => {
  it('declares a policy on every route and enforces it', async () => {
    const routes = t.app.routes.filter((r) => MINE.test(r.path));
    expect(routes.length).toBeGreaterThan(25);
    const anon = new Client(t.url);
    const held = new Set(ROLE_PERMISSIONS.medarbetare);
    for (const r of routes) {
      expect('public' in r.policy, `${r.method} ${r.path}`).toBe(false);
      const path = r.path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      expect((await anon.request(r.method, path, body)).status, `${r.method} ${r.path} anonymous`).toBe(401);
      if ('permission' in r.policy && !held.has(r.policy.permission)) {
        expect((await employee.request(r.method, path, body)).status, `${r.method} ${r.path} as medarbetare`).toBe(403);
      }
    }
  });
});
