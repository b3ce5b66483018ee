/**
 * The authorization matrix: every route in the app's registry × every role × {held everywhere, held on one
 * förvaltning} and unauthenticated. New routes from any domain are walked automatically.
 *
 * The gate is one piece of code over either database: the matrix runs once (DATABASE_NEUTRAL_RUN), on PostgreSQL when
 * npm test runs both (on PGlite it took 86 s of a CI run whose budget is 15 minutes, on PostgreSQL 58 s).
 *
 * At the gate: unauthenticated → 401 (non-public routes); a role without the route's permission → 403; a role
 * with it → anything but 401/403 (bodies are deliberately empty, so a 400/404/409/422 proves the gate let the
 * request through to validation or the service).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS, type Role } from './platform/permissions';
import type { RouteEntry } from './platform/http';
import { Client, DATABASE_NEUTRAL_RUN, makeOrgs, startTestServer, userWithRoles, type TestServer } from '../test/harness';
import { createGroup } from '../domains/org/groups';

/**
 * Routes whose service demands the permission on every organisation (a city-wide role), so a role held on
 * one förvaltning passes the gate but is refused by the service. Add a route here only when that is the rule.
 */
const GLOBAL_ONLY = new Set(['GET /api/audit/verify']);
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let t: TestServer;
let routes: RouteEntry[];
const clients = new Map<string, Client>(); // `${role}@${scope}` → signed-in client
let noRole: Client;
let victimId: string; // holds lasare on avd-a1 (inside forv-a)
let victimAssignment: string;
let outsiderId: string; // holds lasare on avd-b1 (inside forv-b)

describe.skipIf(!DATABASE_NEUTRAL_RUN)('authorization matrix', () => {
  beforeAll(async () => {
    t = await startTestServer();
    routes = t.app.routes;
    await makeOrgs(t.ctx, [
      ['stad', 'stad'],
      ['forv-a', 'forvaltning', 'stad'],
      ['avd-a1', 'avdelning', 'forv-a'],
      ['forv-b', 'forvaltning', 'stad'],
      ['avd-b1', 'avdelning', 'forv-b'],
    ]);
    await createGroup(t.ctx, { slug: 'grupp-a', name: 'Grupp A', members: ['forv-a'] });
    await createGroup(t.ctx, { slug: 'grupp-b', name: 'Grupp B', members: ['forv-b'] });
    const victim = await userWithRoles(t, 'offer@test.se', [{ role: 'lasare', org: 'avd-a1' }]);
    victimId = victim.userId;
    victimAssignment = victim.assignmentIds[0];
    outsiderId = (await userWithRoles(t, 'utanfor@test.se', [{ role: 'lasare', org: 'avd-b1' }])).userId;
    noRole = (await userWithRoles(t, 'ingen-roll@test.se', [])).client;
    for (const role of ROLES) {
      clients.set(`${role}@all`, (await userWithRoles(t, `${role}.alla@test.se`, [{ role }])).client);
      clients.set(`${role}@forv-a`, (await userWithRoles(t, `${role}.a@test.se`, [{ role, org: 'forv-a' }])).client);
    }
  }, 120_000);
  afterAll(() => t?.close());

  /** Fills path parameters with real fixture values (in scope = under forv-a, out of scope = under forv-b). */
  function fill(path: string, scope: 'in' | 'out'): string {
    return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (name === 'slug') {
        if (path.startsWith('/api/org-groups')) return scope === 'in' ? 'grupp-a' : 'grupp-b';
        return scope === 'in' ? 'avd-a1' : 'avd-b1';
      }
      if (name === 'org' || name === 'orgSlug') return scope === 'in' ? 'avd-a1' : 'avd-b1';
      if (name === 'id' && path.startsWith('/api/users')) return scope === 'in' ? victimId : outsiderId;
      if (name === 'id' && path.startsWith('/api/me/sessions')) return 'ffffffffffffffff';
      if (name === 'assignmentId') return victimAssignment;
      return randomUUID();
    });
  }

  /** Logout would end the session the matrix keeps using: it is walked once, at the very end. */
  const ordered = () => routes.filter((r) => r.path !== '/api/auth/logout');

  function send(c: Client, r: RouteEntry, scope: 'in' | 'out') {
    const path = fill(r.path, scope);
    return MUTATING.has(r.method) ? c.request(r.method, path, {}) : c.request(r.method, path);
  }

  const key = (r: RouteEntry) => `${r.method} ${r.path}`;

  /**
   * An auth-only route's gate lets every signed-in person through (with the CSRF token on mutations); what the
   * route then shows or refuses is the service's per-record decision, so only the gate's own answers are excluded.
   */
  function passedAuthGate(res: { status: number; body: { code?: string } }, label: string) {
    expect(res.status, label).not.toBe(401);
    expect(res.body?.code, label).not.toBe('csrf');
    expect(res.status, label).toBeLessThan(500);
  }

  describe('route registry', () => {
    it('every /api route the router knows is in the registry with a policy', () => {
      const known = new Map(routes.map((r) => [`${r.method} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`, r]));
      const apiRoutes = t.app.app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'));
      expect(apiRoutes.length).toBeGreaterThan(10);
      for (const r of apiRoutes) {
        const entry = known.get(`${r.method} ${r.path}`);
        expect(entry, `${r.method} ${r.path} has no registry entry`).toBeDefined();
        const p = entry!.policy as Record<string, unknown>;
        const shape = p && (p.public === true || p.auth === true || (typeof p.permission === 'string' && p.permission.includes('.')));
        expect(shape, `${r.method} ${r.path} has no valid policy`).toBeTruthy();
      }
    });

    it('every permission a route names is in the one permission list', async () => {
      const { PERMISSIONS } = await import('./platform/permissions');
      for (const r of routes) if ('permission' in r.policy) expect(PERMISSIONS).toContain(r.policy.permission);
    });
  });

  describe('unauthenticated', () => {
    it('every non-public route answers 401, public ones do not', async () => {
      const anon = new Client(t.url);
      for (const r of routes) {
        const res = await send(anon, r, 'in');
        if ('public' in r.policy) expect(res.status, key(r)).not.toBe(401);
        else {
          expect(res.status, key(r)).toBe(401);
          expect(res.headers.get('content-type')).toMatch(/problem\+json/);
        }
      }
    });
  });

  describe('a signed-in person without any role', () => {
    it('gets 403 on every permission route and passes every auth-only route', async () => {
      for (const r of ordered()) {
        if ('public' in r.policy || r.path === '/api/auth/logout') continue;
        const res = await send(noRole, r, 'in');
        if ('permission' in r.policy) expect(res.status, key(r)).toBe(403);
        else passedAuthGate(res, key(r));
      }
    });
  });

  describe.each(ROLES.map((role) => [role]))('role %s', (role: Role) => {
    const perms = ROLE_PERMISSIONS[role];
    for (const scope of ['all', 'forv-a'] as const) {
      it(`held ${scope === 'all' ? 'everywhere' : 'on one förvaltning'}: 403 without the permission, through the gate with it`, async () => {
        const c = clients.get(`${role}@${scope}`)!;
        for (const r of ordered()) {
          if ('public' in r.policy) continue;
          const res = await send(c, r, 'in');
          const label = `${role}@${scope} ${key(r)} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`;
          expect(res.status, label).toBeLessThan(500);
          if ('permission' in r.policy && !perms.includes(r.policy.permission)) {
            expect(res.status, label).toBe(403);
          } else if (scope === 'forv-a' && GLOBAL_ONLY.has(key(r))) {
            expect(res.status, label).toBe(403);
          } else if ('auth' in r.policy) {
            passedAuthGate(res, label);
          } else {
            expect([401, 403], label).not.toContain(res.status);
          }
        }
      });
    }

    it('held on one förvaltning: records in another förvaltning are invisible (404), never changed', async () => {
      const c = clients.get(`${role}@forv-a`)!;
      for (const r of ordered()) {
        if (!('permission' in r.policy) || !perms.includes(r.policy.permission) || r.path === '/api/auth/logout') continue;
        if (!r.path.includes('{')) continue;
        if (!/^\/api\/(orgs|org-groups|users|audit)\b/.test(r.path)) continue;
        if (r.path.startsWith('/api/org-groups') && r.method === 'GET') continue; // groups are a shared, city-wide list
        const res = await send(c, r, 'out');
        const label = `${role}@forv-a ${key(r)} (out of scope) → ${res.status}`;
        expect(res.status, label).toBeGreaterThanOrEqual(400);
        expect(res.status, label).toBeLessThan(500);
        if (r.method === 'GET') expect(res.status, label).toBe(404);
      }
    });
  });

  describe('logout', () => {
    it('passes the gate for every role and ends that session', async () => {
      const logout = routes.find((r) => r.path === '/api/auth/logout')!;
      expect(logout.policy).toEqual({ auth: true });
      for (const role of ROLES) {
        const c = new Client(t.url);
        expect((await c.login(`${role}.a@test.se`)).status).toBe(200);
        expect((await c.post('/api/auth/logout')).status).toBe(204);
        expect((await c.get('/api/me')).status).toBe(401);
      }
    });
  });

  describe('lists are filtered to the scope', () => {
    it('orgs, users and audit rows outside forv-a are not listed to a role held on forv-a', async () => {
      const c = clients.get('forvaltningschef@forv-a')!; // org.read, user.read, audit.read
      const orgs = await c.get('/api/orgs');
      expect(orgs.status).toBe(200);
      const slugs = orgs.body.map((o: { slug: string }) => o.slug);
      expect(slugs).toEqual(expect.arrayContaining(['forv-a', 'avd-a1']));
      expect(slugs).not.toContain('forv-b');
      expect(slugs).not.toContain('avd-b1');
      expect(slugs).not.toContain('stad');
      expect((await c.get('/api/orgs?org=forv-b')).status).toBe(404);
      expect((await c.get('/api/orgs?under=avd-b1')).status).toBe(404);

      const users = await c.get('/api/users');
      expect(users.status).toBe(200);
      const ids = users.body.map((u: { id: string }) => u.id);
      expect(ids.length).toBeGreaterThan(ROLES.length - 1);
      expect(ids).not.toContain(outsiderId);
      for (const u of users.body as { email: string; roles: { orgSlug: string | null }[] }[]) {
        expect(u.roles.some((r) => r.orgSlug === 'forv-a' || r.orgSlug === 'avd-a1'), u.email).toBe(true);
      }
      expect((await c.get('/api/users?org=forv-b')).status).toBe(404);

      const audit = await c.get('/api/audit?limit=1000');
      expect(audit.status).toBe(200);
      const outside = audit.body.items.filter((a: { orgSlug: string | null }) => a.orgSlug === 'forv-b' || a.orgSlug === 'avd-b1');
      expect(outside).toEqual([]);
      expect(audit.body.items.some((a: { orgSlug: string | null }) => a.orgSlug === 'avd-a1')).toBe(true);
      expect((await c.get('/api/audit?org=forv-b')).status).toBe(404);
    });

    it('valid writes aimed outside forv-a are refused by a manager held on forv-a, and change nothing', async () => {
      const isam = clients.get('isam@forv-a')!; // org.manage on forv-a
      const admin = clients.get('systemadministrator@all')!;
      const b1 = (await admin.get('/api/orgs/avd-b1')).body;
      expect((await isam.patch('/api/orgs/avd-b1', { version: b1.version, name: 'Kapad' })).status).toBe(404);
      expect((await isam.post('/api/orgs', { slug: 'in-i-b', name: 'In i B', type: 'enhet', parent: 'avd-b1' })).status).toBe(403);
      const a1 = (await admin.get('/api/orgs/avd-a1')).body;
      expect((await isam.patch('/api/orgs/avd-a1', { version: a1.version, parent: 'forv-b' })).status).toBe(403); // moving into B
      const gb = (await admin.get('/api/org-groups')).body.find((g: { slug: string }) => g.slug === 'grupp-b');
      expect((await isam.patch('/api/org-groups/grupp-b', { version: gb.version, name: 'Kapad' })).status).toBe(403);
      expect((await isam.patch('/api/org-groups/grupp-a', { version: 1, members: ['forv-a', 'forv-b'] })).status).toBe(403);
      expect((await admin.get('/api/orgs/avd-b1')).body).toEqual(b1);
      expect((await admin.get('/api/orgs/avd-a1')).body.parentSlug).toBe('forv-a');
      expect((await admin.get('/api/org-groups')).body.find((g: { slug: string }) => g.slug === 'grupp-b').name).toBe('Grupp B');
      expect((await admin.get('/api/orgs/in-i-b')).status).toBe(404);
    });

    it('the global holder of the same role sees both förvaltningar', async () => {
      const c = clients.get('forvaltningschef@all')!;
      const slugs = (await c.get('/api/orgs')).body.map((o: { slug: string }) => o.slug);
      expect(slugs).toEqual(expect.arrayContaining(['stad', 'forv-a', 'forv-b', 'avd-b1']));
      const ids = (await c.get('/api/users')).body.map((u: { id: string }) => u.id);
      expect(ids).toEqual(expect.arrayContaining([victimId, outsiderId]));
    });
  });
});
