import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, userWithRoles, type TestServer } from '../../test/harness';
import { createGroup } from '../org/groups';
import { createOrg } from '../org/service';
import { removeRole } from '../users/service';
import { countIncidents } from './count';

// The list by org answers in one query when the caller reads the whole org (list.ts); every other case takes the
// general way. Both must agree on what is shown and refused.
let t: TestServer;
let isam: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  Object.assign(ids, await makeOrgs(t.ctx, [
    ['stad', 'stad'],
    ['forv', 'forvaltning', 'stad'],
    ['avd-a', 'avdelning', 'forv'],
    ['enh-a', 'enhet', 'avd-a'],
    ['avd-b', 'avdelning', 'forv'],
    ['stor', 'forvaltning', 'stad'],
    ['annan', 'forvaltning', 'stad'],
  ]));
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv');
  const admin = await userWithRole(t, 'admin@test.se', 'systemadministrator');
  const add = async (org: string, title: string, reportedAt: string) => {
    const r = await admin.post('/api/incidents', { org, title, reportedAt });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };
  await add('enh-a', 'A1', '2025-03-01T10:00');
  await add('avd-a', 'A2', '2025-03-02T10:00');
  await add('avd-b', 'B1', '2025-03-03T10:00');
  await add('enh-a', 'A3', '2025-03-04T10:00');
  await add('forv', 'F1', '2024-12-31T23:30');
  await add('annan', 'X1', '2025-03-05T10:00');
  // A subtree of more than 100 organisations (list.ts PER_ORG_MAX) takes the general way.
  for (let i = 0; i < 101; i++) await createOrg(t.ctx, { slug: `stor-e${i}`, name: `Enhet ${i}`, type: 'enhet', parent: 'stor' });
  await add('stor-e7', 'S7', '2025-01-07T10:00');
  await add('stor-e99', 'S99', '2025-01-09T10:00');
  await add('stor', 'S', '2025-01-08T10:00');
});
afterAll(() => t?.close());

const titles = async (c: Client, qs: string) => {
  const r = await c.get(`/api/incidents?${qs}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.items as { title: string }[]).map((i) => i.title);
};

describe('incident list by org', () => {
  it('gives a reader the org and its subtree newest first, by slug or by id, with the org on each row', async () => {
    expect(await titles(isam, 'org=forv')).toEqual(['A3', 'B1', 'A2', 'A1', 'F1']);
    expect(await titles(isam, 'org=avd-a')).toEqual(['A3', 'A2', 'A1']);
    expect(await titles(isam, `org=${ids['avd-a']}`)).toEqual(['A3', 'A2', 'A1']);
    expect(await titles(isam, 'org=forv&sort=reported')).toEqual(['F1', 'A1', 'A2', 'B1', 'A3']);
    expect(await titles(isam, 'org=forv&year=2024')).toEqual(['F1']);
    const r = await isam.get('/api/incidents?org=avd-a&limit=1');
    expect(r.body.items[0].org).toEqual({ id: ids['enh-a'], slug: 'enh-a', name: 'ENH-A' });
    expect(r.body.items[0].number).toMatch(/^AV-2025-\d{4}$/);
  });

  it('pages by cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: { title: string }[]; nextCursor: string | null } } = await isam.get(`/api/incidents?org=forv&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.body.items.map((i) => i.title));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['A3', 'B1', 'A2', 'A1', 'F1']);
  });

  it('answers an empty page for a readable org without matches, 404 for an unknown org or one outside the scope', async () => {
    expect(await titles(isam, 'org=forv&year=2019')).toEqual([]);
    expect((await isam.get('/api/incidents?org=finns-inte')).status).toBe(404);
    expect((await isam.get('/api/incidents?org=annan')).status).toBe(404);
    expect((await isam.get(`/api/incidents?org=${ids.annan}`)).status).toBe(404);
  });

  it('shows one who may only report there their own reports, nothing else', async () => {
    const staff = await userWithRole(t, 'staff@test.se', 'medarbetare', 'enh-a');
    const r = await staff.post('/api/incidents/quick', { title: 'Egen', org: 'enh-a', personalData: 'nej' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(await titles(staff, 'org=enh-a')).toEqual(['Egen']);
    expect((await staff.get('/api/incidents?org=annan')).status).toBe(404);
  });

  it('lists a subtree of more than 100 organisations the same way', async () => {
    const admin = await userWithRole(t, 'admin2@test.se', 'systemadministrator');
    expect(await titles(admin, 'org=stor')).toEqual(['S99', 'S', 'S7']);
    expect(await titles(admin, 'org=stor-e7')).toEqual(['S7']);
  });

  it('reads through a samverkansgrupp, and stops at once when the role is removed', async () => {
    await createGroup(t.ctx, { slug: 'grupp', name: 'Grupp', members: ['avd-b', 'annan'] });
    const { client, userId, assignmentIds } = await userWithRoles(t, 'dso@test.se', [{ role: 'dso', group: 'grupp' }]);
    expect(await titles(client, 'org=annan')).toEqual(['X1']);
    expect(await titles(client, 'org=avd-b')).toEqual(['B1']);
    expect((await client.get('/api/incidents?org=forv')).status).toBe(404);
    await removeRole(t.ctx, userId, assignmentIds[0]);
    expect((await client.get('/api/incidents?org=annan')).status).toBe(403);
  });
});

describe('status filter without a status', () => {
  it.each(['status=,', 'status=,,,', 'status=%20,%20'])('%s: 400 on the status field, not a 500, in the list and the export', async (q) => {
    for (const path of [`/api/incidents?${q}`, `/api/incidents?org=forv&${q}`, `/api/incidents/export?format=csv&${q}`]) {
      const r = await isam.get(path);
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.code).toBe('invalid_status');
      expect(r.body.field).toBe('status');
    }
  });
});

describe('count of what the list matches', () => {
  const count = async (c: Client, qs: string) => {
    const r = await c.get(`/api/incidents/count?${qs}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { count: number; capped: boolean };
  };
  it('counts what the list shows, with the same filters and scope', async () => {
    for (const qs of ['org=forv', 'org=avd-a', 'org=forv&year=2024', 'org=forv&year=2019', 'org=avd-b', 'org=forv&q=A3']) {
      expect(await count(isam, qs), qs).toEqual({ count: (await titles(isam, qs)).length, capped: false });
    }
    expect(await count(isam, 'org=forv&year=2024')).toEqual({ count: 1, capped: false });
    // Without an org: everything the caller reads (forv's subtree for this ISAM), as the list without an org.
    expect(await count(isam, '')).toEqual({ count: (await titles(isam, 'limit=200')).length, capped: false });
  });
  it('counts for one who may only report their own reports, and refuses what the list refuses', async () => {
    const staff = await userWithRole(t, 'staff-count@test.se', 'medarbetare', 'enh-a');
    expect(await count(staff, 'org=enh-a')).toEqual({ count: 0, capped: false });
    await staff.post('/api/incidents/quick', { title: 'Min', org: 'enh-a', personalData: 'nej' });
    expect(await count(staff, 'org=enh-a')).toEqual({ count: 1, capped: false });
    expect((await isam.get('/api/incidents/count?org=finns-inte')).status).toBe(404);
    expect((await isam.get('/api/incidents/count?org=annan')).status).toBe(404);
    const bad = await isam.get('/api/incidents/count?org=forv&status=Klarr');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('status');
  });
  it('counts a protected record by its title alone for one who may not read its description, as the list finds it', async () => {
    const made = await isam.post('/api/incidents', { org: 'avd-b', title: 'Skyddat ärende', description: 'Hemligvägen 12 i Vällingby', protectedIdentity: true });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const chef = await userWithRole(t, 'chef-count@test.se', 'chef', 'forv');
    for (const [who, c, sees] of [['isam', isam, 1], ['chef', chef, 0]] as const) {
      expect(await titles(c, 'org=forv&q=Hemligvägen'), who).toHaveLength(sees);
      expect(await count(c, 'org=forv&q=Hemligvägen'), who).toEqual({ count: sees, capped: false });
      expect(await count(c, 'org=forv&q=Skyddat'), who).toEqual({ count: 1, capped: false });
    }
  });

  it('stops counting at the cap and says so', async () => {
    const n = (await titles(isam, 'org=forv')).length;
    expect(n).toBeGreaterThan(2);
    expect(await countIncidents(t.ctx, { org: 'forv' }, new Date(), n - 1)).toEqual({ count: n - 1, capped: true });
    expect(await countIncidents(t.ctx, { org: 'forv' }, new Date(), n)).toEqual({ count: n, capped: false });
  });
});
