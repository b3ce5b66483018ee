import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { listAudit } from '../audit/service';

let t: TestServer;
let admin: Client;

beforeAll(async () => {
  t = await startTestServer();
  admin = await userWithRole(t, 'admin@test.se', 'systemadministrator');
  await makeOrgs(t.ctx, [
    ['stad', 'stad'],
    ['forv-a', 'forvaltning', 'stad'],
    ['avd-a1', 'avdelning', 'forv-a'],
    ['enh-a1', 'enhet', 'avd-a1'],
    ['forv-b', 'forvaltning', 'stad'],
  ]);
});
afterAll(() => t.close());

describe('organisation tree', () => {
  it('creates a child under a parent and lists it in tree order', async () => {
    const r = await admin.post('/api/orgs', { slug: 'avd-a2', name: 'Avdelning A2', type: 'avdelning', parent: 'forv-a' });
    expect(r.status).toBe(201);
    expect(r.body.parentSlug).toBe('forv-a');
    const list = await admin.get('/api/orgs?under=forv-a');
    expect(list.body.map((o: { slug: string }) => o.slug)).toEqual(['forv-a', 'avd-a1', 'enh-a1', 'avd-a2']);
  });

  it('a role on an avdelning sees only that subtree', async () => {
    const reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'avd-a1');
    const list = await reader.get('/api/orgs');
    expect(list.status).toBe(200);
    expect(list.body.map((o: { slug: string }) => o.slug)).toEqual(['avd-a1', 'enh-a1']);
    expect((await reader.get('/api/orgs/forv-b')).status).toBe(404);
  });

  it('refuses a duplicate slug with 409 naming the field, and writes nothing', async () => {
    const r = await admin.post('/api/orgs', { slug: 'forv-a', name: 'Dubblett', type: 'forvaltning', parent: 'stad' });
    expect(r.status).toBe(409);
    expect(r.body.field).toBe('slug');
    const list = await admin.get('/api/orgs');
    expect(list.body.filter((o: { slug: string }) => o.slug === 'forv-a')).toHaveLength(1);
  });

  it('refuses to move an org under its own descendant (cycle)', async () => {
    const cur = await admin.get('/api/orgs/avd-a1');
    const r = await admin.patch('/api/orgs/avd-a1', { version: cur.body.version, parent: 'enh-a1' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('cycle');
  });

  it('moves a subtree and rewrites the paths of its descendants', async () => {
    const cur = await admin.get('/api/orgs/avd-a1');
    const r = await admin.patch('/api/orgs/avd-a1', { version: cur.body.version, parent: 'forv-b' });
    expect(r.status).toBe(200);
    const under = await admin.get('/api/orgs?under=forv-b');
    expect(under.body.map((o: { slug: string }) => o.slug)).toEqual(['forv-b', 'avd-a1', 'enh-a1']);
    const enh = under.body.find((o: { slug: string }) => o.slug === 'enh-a1');
    expect(enh.path.startsWith(under.body[0].path)).toBe(true);
    expect(enh.depth).toBe(3);
  });

  it('answers a stale version with 409 carrying both versions', async () => {
    const cur = await admin.get('/api/orgs/forv-b');
    expect((await admin.patch('/api/orgs/forv-b', { version: cur.body.version, name: 'Först' })).status).toBe(200);
    const stale = await admin.patch('/api/orgs/forv-b', { version: cur.body.version, name: 'Sedan' });
    expect(stale.status).toBe(409);
    expect(stale.body.yourVersion).toBe(cur.body.version);
    expect(stale.body.currentVersion).toBe(cur.body.version + 1);
    expect((await admin.get('/api/orgs/forv-b')).body.name).toBe('Först');
  });

  it('rejects unknown fields, wrong types and over-long strings as 400 with the field', async () => {
    const unknown = await admin.post('/api/orgs', { slug: 'ny-org', name: 'N', type: 'enhet', parent: 'forv-b', extra: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('extra');
    const wrongType = await admin.post('/api/orgs', { slug: 'ny-org', name: 42, type: 'enhet', parent: 'forv-b' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.field).toBe('name');
    const long = await admin.post('/api/orgs', { slug: 'ny-org', name: 'x'.repeat(201), type: 'enhet', parent: 'forv-b' });
    expect(long.status).toBe(400);
    const malformed = await admin.request('POST', '/api/orgs', '{"slug":', { 'content-type': 'application/json' });
    expect((await admin.request('POST', '/api/orgs', 'slug=x')).status).toBe(415);
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail_sv).toMatch(/JSON/);
    expect((await admin.get('/api/orgs/ny-org')).status).toBe(404);
  });

  it('refuses to archive an org with active children, archives a leaf', async () => {
    const b = await admin.get('/api/orgs/forv-b');
    expect((await admin.patch('/api/orgs/forv-b', { version: b.body.version, archived: true })).status).toBe(409);
    const leaf = await admin.get('/api/orgs/avd-a2');
    const r = await admin.patch('/api/orgs/avd-a2', { version: leaf.body.version, archived: true });
    expect(r.status).toBe(200);
    expect(r.body.archivedAt).not.toBeNull();
    expect((await admin.get('/api/orgs')).body.some((o: { slug: string }) => o.slug === 'avd-a2')).toBe(false);
  });
});

describe('the personuppgiftsansvarig (nämnd and organisationsnummer)', () => {
  const auditOf = async (id: string) => (await listAudit(t.ctx, { entityId: id, limit: 100 })).items;

  it('is taken on create, returned by GET and the list, and audited with the row', async () => {
    const r = await admin.post('/api/orgs', {
      slug: 'forv-pua', name: 'Pua stadsdelsförvaltning', type: 'forvaltning', parent: 'stad',
      controllerName: 'Pua stadsdelsnämnd', controllerOrgNumber: ' 212000-0142 ',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ controllerName: 'Pua stadsdelsnämnd', controllerOrgNumber: '212000-0142' });
    expect((await admin.get('/api/orgs/forv-pua')).body).toMatchObject({ controllerName: 'Pua stadsdelsnämnd', controllerOrgNumber: '212000-0142' });
    const listed = (await admin.get('/api/orgs')).body as { slug: string; controllerName: string | null }[];
    expect(listed.find((o) => o.slug === 'forv-pua')?.controllerName).toBe('Pua stadsdelsnämnd');
    expect(listed.find((o) => o.slug === 'stad')?.controllerName).toBeNull();
    const [created] = await auditOf(r.body.id);
    expect(created).toMatchObject({ action: 'org.create', after: { controllerName: 'Pua stadsdelsnämnd', controllerOrgNumber: '212000-0142' } });
  });

  it('is changed and cleared (null) on update, audited as org.update with before and after', async () => {
    const cur = (await admin.get('/api/orgs/forv-pua')).body;
    const r = await admin.patch('/api/orgs/forv-pua', { version: cur.version, controllerName: 'Pua nämnd', controllerOrgNumber: null });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ name: 'Pua stadsdelsförvaltning', controllerName: 'Pua nämnd', controllerOrgNumber: null, version: cur.version + 1 });
    const last = (await auditOf(cur.id)).find((a) => a.action === 'org.update');
    expect(last).toMatchObject({
      before: { controllerName: 'Pua stadsdelsnämnd', controllerOrgNumber: '212000-0142' },
      after: { controllerName: 'Pua nämnd', controllerOrgNumber: null },
    });
  });

  it('refuses a wrong check digit or format with 400 at the field (sv and en), writing nothing', async () => {
    const cur = (await admin.get('/api/orgs/forv-pua')).body;
    const audits = (await auditOf(cur.id)).length;
    for (const bad of ['212000-0143', '2120000142', '212000-014', 'abcdef-ghij']) {
      const r = await admin.patch('/api/orgs/forv-pua', { version: cur.version, controllerOrgNumber: bad });
      expect(r.status, bad).toBe(400);
      expect(r.body.field).toBe('controllerOrgNumber');
      expect(r.body.detail_sv).toMatch(/Organisationsnummer.*kontrollsiffra/);
      expect(r.body.detail_en).toMatch(/Organisation number.*check digit/);
    }
    const created = await admin.post('/api/orgs', { slug: 'forv-fel', name: 'Fel', type: 'forvaltning', parent: 'stad', controllerOrgNumber: '212000-0143' });
    expect(created.status).toBe(400);
    expect(created.body.field).toBe('controllerOrgNumber');
    expect((await admin.get('/api/orgs/forv-fel')).status).toBe(404);
    expect((await admin.patch('/api/orgs/forv-pua', { version: cur.version, controllerName: '' })).body.field).toBe('controllerName');
    expect((await admin.get('/api/orgs/forv-pua')).body).toMatchObject({ version: cur.version, controllerName: 'Pua nämnd', controllerOrgNumber: null });
    expect(await auditOf(cur.id)).toHaveLength(audits);
  });

  it('needs org.manage like every organisation change', async () => {
    const reader = await userWithRole(t, 'lasare-pua@test.se', 'lasare', 'forv-pua');
    const cur = (await reader.get('/api/orgs/forv-pua')).body;
    expect(cur.controllerName).toBe('Pua nämnd');
    expect((await reader.patch('/api/orgs/forv-pua', { version: cur.version, controllerName: 'Annan nämnd' })).status).toBe(403);
    expect((await admin.get('/api/orgs/forv-pua')).body.controllerName).toBe('Pua nämnd');
  });
});

describe('samverkansgrupper as others see them', () => {
  it('shows an employee only the groups of organisations they may read, and only those members', async () => {
    await makeOrgs(t.ctx, [['forv-c', 'forvaltning', 'stad']]);
    expect((await admin.post('/api/org-groups', { slug: 'trillingen', name: 'Trillingen', members: ['forv-a', 'forv-b'] })).status).toBe(201);
    expect((await admin.post('/api/org-groups', { slug: 'bc', name: 'B och C', members: ['forv-b', 'forv-c'] })).status).toBe(201);
    const employee = await userWithRole(t, 'medarbetare-a@test.se', 'medarbetare', 'forv-a');
    const seen = (await employee.get('/api/org-groups')).body as { slug: string; members: { slug: string }[] }[];
    expect(seen.map((g) => [g.slug, g.members.map((m) => m.slug)])).toEqual([['trillingen', ['forv-a']]]);
    const all = (await admin.get('/api/org-groups')).body as { slug: string; members: { slug: string }[] }[];
    expect(all.find((g) => g.slug === 'bc')?.members.map((m) => m.slug).sort()).toEqual(['forv-b', 'forv-c']);
  });
});
