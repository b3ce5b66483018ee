import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer, auditCount } from '../../test/harness';

let t: TestServer;
let isam: Client;
let reader: Client;
let other: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [
    ['stad', 'stad'],
    ['forv-a', 'forvaltning', 'stad'],
    ['avd-a1', 'avdelning', 'forv-a'],
    ['forv-b', 'forvaltning', 'stad'],
  ]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
  other = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
});
afterAll(() => t.close());


describe('plan activities', () => {
  it('creates, reads, updates with optimistic locking, and audits each change', async () => {
    const before = await auditCount(t, 'plan.activity.create');
    const r = await isam.post('/api/plan/activities', {
      org: 'avd-a1', year: 2026, area: 'Kompetens', description: 'Utbilda chefer', responsible: 'ISAM', partners: 'i samarbete med DSO',
      dueDate: '2026-06-30', links: [{ linkType: 'risk', linkId: 'r-1' }],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ year: 2026, area: 'Kompetens', status: 'planerad', carried: false, partners: 'i samarbete med DSO' });
    expect(await auditCount(t, 'plan.activity.create')).toBe(before + 1);
    const id = r.body.id;
    const u = await isam.patch(`/api/plan/activities/${id}`, { version: r.body.version, status: 'pågår' });
    expect(u.status).toBe(200);
    expect(u.body.version).toBe(r.body.version + 1);
    const stale = await isam.patch(`/api/plan/activities/${id}`, { version: r.body.version, status: 'klar' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect((await isam.get(`/api/plan/activities/${id}`)).body.status).toBe('pågår');
    expect(await auditCount(t, 'plan.activity.update')).toBeGreaterThanOrEqual(1);
  });

  it('refuses an activity without year or area with 400 naming the field, and writes nothing', async () => {
    const noYear = await isam.post('/api/plan/activities', { org: 'forv-a', area: 'Kompetens', description: 'x' });
    expect(noYear.status).toBe(400);
    expect(noYear.body.field).toBe('year');
    const noArea = await isam.post('/api/plan/activities', { org: 'forv-a', year: 2026, description: 'x' });
    expect(noArea.status).toBe(400);
    expect(noArea.body.field).toBe('area');
    const badArea = await isam.post('/api/plan/activities', { org: 'forv-a', year: 2026, area: 'Påhittat', description: 'x' });
    expect(badArea.status).toBe(400);
    expect(badArea.body.field).toBe('area');
    const list = await isam.get('/api/plan/activities?org=forv-a');
    expect(list.body.filter((a: { description: string }) => a.description === 'x')).toHaveLength(0);
  });

  it('scopes by org subtree: readers see their subtree, others get 404 and 403', async () => {
    const list = await reader.get('/api/plan/activities?org=forv-a');
    expect(list.status).toBe(200);
    expect(list.body.some((a: { org: { slug: string } }) => a.org.slug === 'avd-a1')).toBe(true);
    const own = await reader.get('/api/plan/activities?org=forv-a&subtree=false');
    expect(own.body.some((a: { org: { slug: string } }) => a.org.slug === 'avd-a1')).toBe(false);
    expect((await other.get('/api/plan/activities?org=forv-a')).status).toBe(404);
    const id = list.body[0].id;
    expect((await other.get(`/api/plan/activities/${id}`)).status).toBe(404);
    expect((await reader.patch(`/api/plan/activities/${id}`, { version: 1, status: 'klar' })).status).toBe(403);
    expect((await reader.post('/api/plan/activities', { org: 'forv-a', year: 2026, area: 'Pm3', description: 'y' })).status).toBe(403);
  });

  it('carries unfinished activities into the next year, marked carried, leaving finished ones', async () => {
    const mk = async (description: string, status: string) =>
      (await isam.post('/api/plan/activities', { org: 'forv-a', year: 2027, area: 'Pm3', description, status })).body;
    const planned = await mk('Planerad aktivitet', 'planerad');
    const ongoing = await mk('Pågående aktivitet', 'pågår');
    await mk('Klar aktivitet', 'klar');
    await mk('Avbruten aktivitet', 'avbruten');
    const r = await isam.post('/api/plan/carry-forward', { org: 'forv-a', fromYear: 2027 });
    expect(r.status).toBe(200);
    expect(r.body.carried.map((a: { carriedFromId: string }) => a.carriedFromId).sort()).toEqual([planned.id, ongoing.id].sort());
    expect(r.body.carried.every((a: { carried: boolean; year: number }) => a.carried && a.year === 2028)).toBe(true);
    const y2028 = (await isam.get('/api/plan/activities?org=forv-a&year=2028')).body;
    expect(y2028.map((a: { description: string }) => a.description).sort()).toEqual(['Planerad aktivitet', 'Pågående aktivitet']);
    const again = await isam.post('/api/plan/carry-forward', { org: 'forv-a', fromYear: 2027 });
    expect(again.body.carried).toHaveLength(0);
    expect(again.body.skipped).toBe(2);
    expect((await isam.delete(`/api/plan/activities/${planned.id}?version=${planned.version}`)).status).toBe(409);
  });

  it('reports progress per area and year from the activities', async () => {
    const list = (await isam.get('/api/plan/activities?org=forv-a&year=2027')).body as { area: string; status: string }[];
    const p = await isam.get('/api/plan/progress?org=forv-a&year=2027');
    const reversed = await isam.get('/api/plan/activities?org=forv-a&fromYear=2028&toYear=2026');
    expect([reversed.status, reversed.body.code, reversed.body.field]).toEqual([400, 'year_range', 'toYear']);
    const pm3 = p.body.find((x: { area: string }) => x.area === 'Pm3');
    const pm3List = list.filter((a) => a.area === 'Pm3');
    expect(pm3.total).toBe(pm3List.length);
    expect(pm3.klar).toBe(pm3List.filter((a) => a.status === 'klar').length);
    const notCancelled = pm3List.filter((a) => a.status !== 'avbruten').length;
    expect(pm3.percentDone).toBeCloseTo((100 * pm3.klar) / notCancelled, 0);
  });

  it('shows each area\'s share finished in the report\'s follow-up table, as the plan page does', async () => {
    for (const status of ['klar', 'planerad', 'avbruten'] as const) {
      expect((await other.post('/api/plan/activities', { org: 'forv-b', year: 2024, area: 'Kompetens', description: `Aktivitet ${status}`, status })).status).toBe(201);
    }
    expect((await other.get('/api/plan/progress?org=forv-b&year=2024')).body[0]).toMatchObject({ area: 'Kompetens', total: 3, percentDone: 50 });
    const report = await other.post('/api/reports', { org: 'forv-b', year: 2024 });
    expect(report.status).toBe(201);
    const res = await fetch(`${other.base}/api/reports/${report.body.id}/render?format=html`, { headers: { cookie: other.cookie! } });
    const html = await res.text();
    const table = html.slice(html.indexOf('Läget per område'));
    const head = table.slice(0, table.indexOf('</thead>')).replace(/<[^>]+>/g, '|').split('|').filter((x) => x.trim());
    expect(head).toEqual(['Läget per område', 'År', 'Område', 'Totalt', 'Planerad', 'Pågår', 'Klar', 'Avbruten', 'Andel klar']);
    expect(table.slice(0, table.indexOf('</table>'))).toContain('50,0\u00a0%');
  });

  it('exports CSV and XLSX', async () => {
    const csv = await isam.get('/api/plan/export?org=forv-a&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(String(csv.body)).toContain('Planerad aktivitet');
    const res = await fetch(`${t.url}/api/plan/export?org=forv-a&format=xlsx`, { headers: { cookie: isam.cookie! } });
    expect(res.status).toBe(200);
    const buf = Buffer.from(await res.arrayBuffer());
    expect(buf.subarray(0, 2).toString()).toBe('PK');
  });

  it('lets the city edit its area list with a version, and checks areas against it', async () => {
    const cur = await isam.get('/api/plan/areas?org=forv-a');
    expect(cur.body.isDefault).toBe(true);
    expect(cur.body.areas).toContain('NIS2');
    expect((await isam.request('PUT', '/api/plan/areas', { org: 'forv-a', version: 0, areas: ['A'] })).status).toBe(403);
    const admin = await userWithRole(t, 'admin@test.se', 'systemadministrator');
    const r = await admin.request('PUT', '/api/plan/areas', { org: 'stad', version: 0, areas: [...cur.body.areas, 'Fysisk säkerhet'] });
    expect(r.status).toBe(200);
    expect((await admin.request('PUT', '/api/plan/areas', { org: 'stad', version: 0, areas: ['A'] })).status).toBe(409);
    const ok = await isam.post('/api/plan/activities', { org: 'forv-a', year: 2026, area: 'Fysisk säkerhet', description: 'Lås' });
    expect(ok.status).toBe(201);
  });

  it('lists overdue unfinished activities on the start page of those who manage the plan', async () => {
    const key = 'plans.activities-overdue';
    const before = (await isam.get('/api/attention')).body.items.find((i: { key: string }) => i.key === key)?.count ?? 0;
    await isam.post('/api/plan/activities', { org: 'forv-a', year: 2020, area: 'Pm3', description: 'Försenad', dueDate: '2020-12-31' });
    await isam.post('/api/plan/activities', { org: 'forv-a', year: 2020, area: 'Pm3', description: 'Klar i tid', dueDate: '2020-12-31', status: 'klar' });
    const items = (await isam.get('/api/attention')).body.items;
    expect(items.find((i: { key: string }) => i.key === key).count).toBe(before + 1);
    // The link opens the plan with the overdue ones only, in their organisation when they lie in one.
    // Overdue ones in more than one organisation (forv-a and avd-a1): the link leaves the chosen one as it is.
    expect(items.find((i: { key: string }) => i.key === key).link).toBe('/forbattringsplan?forsenade=1');
    // All in one: the link chooses it.
    expect((await other.post('/api/plan/activities', { org: 'forv-b', year: 2020, area: 'Pm3', description: 'Sen', dueDate: '2020-12-31' })).status).toBe(201);
    const theirs = (await other.get('/api/attention')).body.items.find((i: { key: string }) => i.key === key);
    expect(theirs).toMatchObject({ count: 1, link: '/forbattringsplan?forsenade=1&org=forv-b' });
    expect((await reader.get('/api/attention')).body.items.some((i: { key: string }) => i.key === key)).toBe(false);
  });
});
