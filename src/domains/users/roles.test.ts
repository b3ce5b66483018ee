import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRoles, type TestServer } from '../../test/harness';
import { createGroup } from '../org/groups';
import { loadGrants } from './grants';
import { Authz } from '../../server/platform/authz';

let t: TestServer;
let admin: Client;


beforeAll(async () => {
  t = await startTestServer();
  admin = (await userWithRoles(t, 'admin@test.se', [{ role: 'systemadministrator' }])).client;
  await makeOrgs(t.ctx, [
    ['stad', 'stad'],
    ['bromma', 'forvaltning', 'stad'],
    ['bromma-avd', 'avdelning', 'bromma'],
    ['bromma-enh', 'enhet', 'bromma-avd'],
    ['jarva', 'forvaltning', 'stad'],
    ['jarva-avd', 'avdelning', 'jarva'],
    ['hv', 'forvaltning', 'stad'],
    ['soder', 'forvaltning', 'stad'],
    ['soder-avd', 'avdelning', 'soder'],
  ]);
  await createGroup(t.ctx, { slug: 'trillingen', name: 'Trillingen', members: ['bromma', 'jarva', 'hv'] });
});
afterAll(() => t?.close());

const pathOf = async (slug: string) => (await admin.get(`/api/orgs/${slug}`)).body.path as string;

describe('samverkansgrupp', () => {
  it('a DSO role held on a group covers every member förvaltning with its whole subtree, and nothing else', async () => {
    const { client, userId } = await userWithRoles(t, 'dso@test.se', [{ role: 'dso', group: 'trillingen' }]);
    const authz = new Authz(await loadGrants(t.database.db, userId));
    for (const slug of ['bromma', 'bromma-avd', 'bromma-enh', 'jarva', 'jarva-avd', 'hv']) {
      expect(authz.can('incident.manage', await pathOf(slug)), slug).toBe(true);
      expect(authz.can('dso.approve', await pathOf(slug)), slug).toBe(true);
    }
    for (const slug of ['stad', 'soder', 'soder-avd']) expect(authz.can('incident.read', await pathOf(slug)), slug).toBe(false);
    expect(authz.global('incident.read')).toBe(false);

    const seen = (await client.get('/api/orgs')).body.map((o: { slug: string }) => o.slug).sort();
    expect(seen).toEqual(['bromma', 'bromma-avd', 'bromma-enh', 'hv', 'jarva', 'jarva-avd']);
    expect((await client.get('/api/orgs/soder')).status).toBe(404);
  });

  it('follows the group: a förvaltning added later is covered, a removed one no longer is', async () => {
    const { client } = await userWithRoles(t, 'dso2@test.se', [{ role: 'dso', group: 'trillingen' }]);
    const group = (await admin.get('/api/org-groups')).body.find((g: { slug: string }) => g.slug === 'trillingen');
    const r = await admin.patch('/api/org-groups/trillingen', { version: group.version, members: ['bromma', 'jarva', 'soder'] });
    expect(r.status).toBe(200);
    const seen = (await client.get('/api/orgs')).body.map((o: { slug: string }) => o.slug);
    expect(seen).toContain('soder-avd');
    expect(seen).not.toContain('hv');
    await admin.patch('/api/org-groups/trillingen', { version: r.body.version, members: ['bromma', 'jarva', 'hv'] });
  });

  it('an archived group grants nothing', async () => {
    await createGroup(t.ctx, { slug: 'gammal', name: 'Gammal', members: ['soder'] });
    const { client } = await userWithRoles(t, 'arkiv@test.se', [{ role: 'lasare', group: 'gammal' }]);
    expect((await client.get('/api/orgs')).body.map((o: { slug: string }) => o.slug)).toContain('soder');
    const g = (await admin.get('/api/org-groups')).body.find((x: { slug: string }) => x.slug === 'gammal');
    expect((await admin.patch('/api/org-groups/gammal', { version: g.version, archived: true })).status).toBe(200);
    expect((await client.get('/api/orgs')).status).toBe(403);
  });
});

describe('role assignment cannot escalate', () => {
  let local: Client;
  let targetId: string;
  beforeAll(async () => {
    // user.manage is held through systemadministratör; here only on Bromma.
    local = (await userWithRoles(t, 'lokal.admin@test.se', [{ role: 'systemadministrator', org: 'bromma' }])).client;
    targetId = (await local.post('/api/users', { email: 'ny.medarbetare@test.se', name: 'Ny Medarbetare' })).body.user.id;
  });

  it('a förvaltning-level user manager grants ordinary roles inside the subtree', async () => {
    const r = await local.post(`/api/users/${targetId}/roles`, { role: 'chef', org: 'bromma-avd' });
    expect(r.status).toBe(201);
    expect(r.body.roles.map((x: { orgSlug: string }) => x.orgSlug)).toEqual(['bromma-avd']);
  });

  it('cannot grant systemadministratör, not even inside the subtree', async () => {
    for (const body of [{ role: 'systemadministrator', org: 'bromma-avd' }, { role: 'systemadministrator', org: 'bromma' }, { role: 'systemadministrator' }]) {
      const r = await local.post(`/api/users/${targetId}/roles`, body);
      expect(r.status, JSON.stringify(body)).toBe(403);
    }
  });

  it('cannot grant outside the subtree, globally, or on a group reaching outside it', async () => {
    for (const body of [{ role: 'chef', org: 'jarva' }, { role: 'lasare', org: 'stad' }, { role: 'lasare' }, { role: 'dso', group: 'trillingen' }]) {
      const r = await local.post(`/api/users/${targetId}/roles`, body);
      expect(r.status, JSON.stringify(body)).toBe(403);
    }
    const after = (await admin.get(`/api/users/${targetId}`)).body.roles;
    expect(after.map((x: { role: string; orgSlug: string }) => `${x.role}@${x.orgSlug}`)).toEqual(['chef@bromma-avd']);
  });

  it('cannot touch users or roles elsewhere: they are invisible', async () => {
    const other = await userWithRoles(t, 'jarva.person@test.se', [{ role: 'chef', org: 'jarva-avd' }]);
    expect((await local.get(`/api/users/${other.userId}`)).status).toBe(404);
    expect((await local.patch(`/api/users/${other.userId}`, { version: 1, name: 'Kapad' })).status).toBe(404);
    expect((await local.post(`/api/users/${other.userId}/roles`, { role: 'chef', org: 'bromma-avd' })).status).toBe(404);
    expect((await local.delete(`/api/users/${other.userId}/roles/${other.assignmentIds[0]}`)).status).toBe(404);
    expect((await admin.get(`/api/users/${other.userId}`)).body.name).toBe('jarva.person@test.se');
  });

  it('cannot manage someone who also holds a role outside the subtree', async () => {
    const both = await userWithRoles(t, 'bada@test.se', [{ role: 'chef', org: 'bromma-avd' }, { role: 'chef', org: 'jarva-avd' }]);
    expect((await local.get(`/api/users/${both.userId}`)).status).toBe(200);
    const r = await local.patch(`/api/users/${both.userId}`, { version: 1, active: false });
    expect(r.status).toBe(403);
    expect((await local.delete(`/api/users/${both.userId}/roles/${both.assignmentIds[1]}`)).status).toBe(403);
    expect((await local.delete(`/api/users/${both.userId}/roles/${both.assignmentIds[0]}`)).status).toBe(200);
  });

  it('nobody removes their own systemadministratör role', async () => {
    const me = (await admin.get('/api/me')).body;
    const own = me.roles.find((r: { role: string }) => r.role === 'systemadministrator');
    const r = await admin.delete(`/api/users/${me.id}/roles/${own.id}`);
    expect(r.status).toBe(422);
    expect((await admin.get('/api/me')).body.permissions).toContain('system.admin');
  });
});

describe('attention', () => {
  it('lists mustChangePassword for the person and locked accounts only to those who can unlock them', async () => {
    const created = await admin.post('/api/users', { email: 'engang@test.se', name: 'Engång' });
    await admin.post(`/api/users/${created.body.user.id}/roles`, { role: 'lasare', org: 'soder' });
    const c = new Client(t.url);
    expect((await c.login('engang@test.se', created.body.oneTimePassword)).status).toBe(200);
    const items = (await c.get('/api/attention')).body.items;
    expect(items).toEqual([expect.objectContaining({ key: 'users.must-change-password', severity: 'critical', count: 1 })]);
    expect(items[0].title_sv).toBeTruthy();
    expect(items[0].title_en).toBeTruthy();
    expect((await c.post('/api/me/password', { currentPassword: created.body.oneTimePassword, newPassword: 'Ett-Eget-Lösen-Nu-42' })).status).toBe(204);
    expect((await c.get('/api/attention')).body.items).toEqual([]);

    for (let i = 0; i < 5; i++) await new Client(t.url).post('/api/auth/login', { email: 'engang@test.se', password: `fel-${i}-lösenordet` });
    const global = (await admin.get('/api/attention')).body.items.find((i: { key: string }) => i.key === 'users.locked');
    expect(global?.count).toBe(1);
    // The Bromma-level manager cannot unlock a Söder account, so it is not their attention.
    const local = new Client(t.url);
    await local.login('lokal.admin@test.se');
    expect((await local.get('/api/attention')).body.items.some((i: { key: string }) => i.key === 'users.locked')).toBe(false);
    expect((await new Client(t.url).get('/api/attention')).status).toBe(401);
  });
});


