import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, rawSql, startTestServer, userWithRole, userWithRoles, type TestServer } from '../../test/harness';
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

describe('sorted by a column', () => {
  let c: Client;
  let handlerId: string;
  beforeAll(async () => {
    await makeOrgs(t.ctx, [['sortera', 'forvaltning', 'stad'], ['sortera-b', 'enhet', 'sortera']]);
    const admin = await userWithRole(t, 'sort-admin@test.se', 'systemadministrator');
    c = await userWithRole(t, 'sort-isam@test.se', 'isam', 'sortera');
    handlerId = (await userWithRoles(t, 'sort-dso@test.se', [{ role: 'dso', org: 'sortera' }])).userId;
    // Titles in Swedish order: a, b, z, å, ä, ö, whatever the case; two with the same category on the same day.
    const rows: [string, string, string, string | null, string, boolean][] = [
      ['Öppen dörr', 'sortera', '2025-03-01T10:00', 'Spam', 'Klar', false],
      ['ärende i fel kö', 'sortera-b', '2025-03-02T10:00', null, 'Rapporterad', true],
      ['Zoom-länk delad', 'sortera', '2025-03-03T10:00', 'Fel mottagare', 'Under åtgärd', false],
      ['Åtkomst till mapp', 'sortera-b', '2025-03-04T10:00', 'Fel mottagare', 'Förfallen', true],
      ['bärbar dator borta', 'sortera', '2025-03-05T10:00', null, 'Under utredning', false],
      ['Avsändare förfalskad', 'sortera', '2025-03-06T10:00', 'Nätfiske', 'Under registrering', false],
    ];
    for (const [title, org, reportedAt, category, status, handled] of rows) {
      const r = await admin.post('/api/incidents', { org, title, reportedAt, ...(category ? { category } : {}), ...(handled ? { handlerId } : {}) });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      // The statuses as data (the transitions are tested elsewhere).
      if (status !== 'Rapporterad') await rawSql(t, `update incidents set status = '${status}' where id = '${r.body.id}'`);
    }
  });

  /** Every page of the order, `limit` rows at a time, following nextCursor. */
  const all = async (qs: string, limit = 2) => {
    const out: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 20; n++) {
      const r: { status: number; body: { items: { title: string }[]; nextCursor: string | null } } = await c.get(`/api/incidents?org=sortera&${qs}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      out.push(...(r.body.items as { title: string }[]).map((i) => i.title));
      cursor = r.body.nextCursor;
      if (!cursor) return out;
    }
    throw new Error('no last page');
  };

  it('sorts titles in Swedish order over every page, either way', async () => {
    const asc = ['Avsändare förfalskad', 'bärbar dator borta', 'Zoom-länk delad', 'Åtkomst till mapp', 'ärende i fel kö', 'Öppen dörr'];
    expect(await all('sort=title')).toEqual(asc);
    expect(await all('sort=-title', 4)).toEqual([...asc].reverse());
    expect(await all('sort=title', 50)).toEqual(asc);
  });

  it('puts rows without a value last in either direction, ties newest first', async () => {
    // Fel mottagare twice (newest first), Nätfiske, Spam; then the two without a category, newest first.
    expect(await all('sort=category')).toEqual(['Åtkomst till mapp', 'Zoom-länk delad', 'Avsändare förfalskad', 'Öppen dörr', 'bärbar dator borta', 'ärende i fel kö']);
    expect(await all('sort=-category', 3)).toEqual(['Öppen dörr', 'Avsändare förfalskad', 'Åtkomst till mapp', 'Zoom-länk delad', 'bärbar dator borta', 'ärende i fel kö']);
    // The handler: the two handled first, then the rest newest first.
    expect((await all('sort=handler')).slice(0, 2)).toEqual(['Åtkomst till mapp', 'ärende i fel kö']);
    expect(await all('sort=org', 1)).toEqual(['Avsändare förfalskad', 'bärbar dator borta', 'Zoom-länk delad', 'Öppen dörr', 'Åtkomst till mapp', 'ärende i fel kö']);
  });

  it('sorts statuses in the workflow\'s order and numbers as counted, with the filters applied', async () => {
    const statuses = async (qs: string) => {
      const r = await c.get(`/api/incidents?org=sortera&${qs}`);
      return (r.body.items as { status: string }[]).map((i) => i.status);
    };
    const order = await statuses('sort=status');
    expect(order).toEqual([...order].sort((a, b) => STATUS_ORDER.indexOf(a) - STATUS_ORDER.indexOf(b)));
    expect(new Set(order).size).toBeGreaterThan(1);
    const numbers = (await c.get('/api/incidents?org=sortera&sort=-number')).body.items.map((i: { number: string }) => i.number);
    expect(numbers).toEqual([...numbers].sort().reverse());
    expect(await all('sort=title&q=fel')).toEqual(['ärende i fel kö']);
    expect(await all('sort=-title', 1).then((x) => x.length)).toBe(6);
    expect(await titles(c, 'org=sortera-b&sort=title')).toEqual(['Åtkomst till mapp', 'ärende i fel kö']);
  });

  it('exports in the order asked for', async () => {
    const csv = (await c.get('/api/incidents/export?format=csv&org=sortera&sort=-title')).body as string;
    const order = ['Öppen dörr', 'ärende i fel kö', 'Åtkomst till mapp', 'Zoom-länk delad', 'bärbar dator borta', 'Avsändare förfalskad'];
    const at = order.map((title) => csv.indexOf(title));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('refuses a cursor of another order or a made-up one, and an unknown order, with 400 at the field', async () => {
    const first = await c.get('/api/incidents?org=sortera&sort=title&limit=2');
    const other = await c.get(`/api/incidents?org=sortera&sort=category&limit=2&cursor=${first.body.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body.field).toBe('cursor');
    const newest = await c.get('/api/incidents?org=sortera&limit=2');
    expect((await c.get(`/api/incidents?org=sortera&sort=title&cursor=${newest.body.nextCursor}`)).status).toBe(400);
    const forged = Buffer.from(JSON.stringify(['title', 'x\u0000', '2025-03-01T10:00:00.000Z', ids.forv])).toString('base64url');
    expect((await c.get(`/api/incidents?org=sortera&sort=title&cursor=${forged}`)).status).toBe(400);
    const unknown = await c.get('/api/incidents?org=sortera&sort=description');
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('sort');
    expect((await c.get('/api/incidents?org=finns-inte&sort=title')).status).toBe(404);
  });
});

const STATUS_ORDER = ['Rapporterad', 'Under registrering', 'Under utredning', 'Under åtgärd', 'Klar', 'Förfallen'];
