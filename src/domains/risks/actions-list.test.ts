import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { stockholmDate } from '../../server/platform/time';


let t: TestServer;
let isam: Client;
let reader: Client;
let other: Client;

interface Item {
  id: string; version: number; title: string; dueDate: string | null; status: string; overdue: boolean; parentType: string;
  source: { kind: string; label: string; org: { slug: string; name: string } }; parent: { id: string; title: string }; link: string;
}

const shift = (days: number) => {
  const d = new Date(`${stockholmDate()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

async function action(parentType: string, parentId: string, title: string, dueDate: string | null, status = 'planerad') {
  const r = await isam.post('/api/risks/actions', { parentType, parentId, title, dueDate, status });
  expect(r.status, title).toBe(201);
}

async function vorEvent(org: string, year: number, title: string) {
  const v = await isam.post('/api/risks/vor', { org, year });
  expect(v.status).toBe(201);
  const arb = v.body.processes[0].arbetssatt[0];
  const e = await isam.post(`/api/risks/vor/${v.body.id}/events`, { arbetssattId: arb.id, title, sannolikhet: 2, konsekvens: 2 });
  expect(e.status).toBe(201);
  return { id: e.body.id as string, arbetssatt: arb.name as string };
}

async function risk(client: Client, org: string, title: string) {
  const r = await client.post('/api/risks/register', { org, title, sourceType: 'manual', inherent: { sannolikhet: 2, konsekvens: 3 } });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

const list = async (c: Client, query: string) => {
  const r = await c.get(`/api/risks/actions?${query}`);
  expect(r.status, query).toBe(200);
  return r.body as { items: Item[]; nextCursor: string | null };
};
const titles = (items: Item[]) => items.map((i) => i.title);

let ids: Record<string, string> = {};
let oldEvent: { id: string; arbetssatt: string };
let event: { id: string; arbetssatt: string };

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-a1', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
  other = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');

  oldEvent = await vorEvent('forv-a', 2024, 'Gammal händelse');
  event = await vorEvent('forv-a', 2025, 'Obehörig åtkomst');
  const riskId = await risk(isam, 'avd-a1', 'Artvise nere');
  const rsa = await isam.post('/api/risks/rsa', { org: 'forv-a', cycleStartYear: 2026 });
  const activity = await isam.post(`/api/risks/rsa/${rsa.body.id}/activities`, { name: 'Ekonomiskt bistånd' });
  const plan = await isam.post('/api/risks/continuity-plans', { org: 'forv-a', title: 'Plan Artvise' });
  const exercise = await isam.post('/api/risks/exercises', { org: 'avd-a1', date: shift(-3), title: 'Övning elavbrott' });
  ids = { risk: riskId, activity: activity.body.id, plan: plan.body.id, exercise: exercise.body.id };

  await action('vor_event', oldEvent.id, 'a0 old year', shift(-100));
  await action('vor_event', event.id, 'a1 vor late', shift(-10));
  await action('risk', riskId, 'a2 risk late', shift(-1));
  await action('risk', riskId, 'a3 risk done late', shift(-1), 'klar');
  await action('rsa_activity', activity.body.id, 'a4 rsa soon', shift(5));
  await action('continuity_plan', plan.body.id, 'a5 plan no date', null);
  await action('exercise', exercise.body.id, 'a6 exercise ongoing', shift(5), 'pagar');
  await action('exercise', exercise.body.id, 'a7 exercise cancelled', null, 'avbruten');

  const bRisk = await risk(other, 'forv-b', 'Sibling risk');
  expect((await other.post('/api/risks/actions', { parentType: 'risk', parentId: bRisk, title: 'b1 sibling late', dueDate: shift(-5) })).status).toBe(201);
});
afterAll(() => t.close());

describe('GET /api/risks/actions', () => {
  it('lists every parent kind of the subtree with source, parent and link, by due date (nulls last) then title', async () => {
    const { items, nextCursor } = await list(isam, 'org=forv-a&status=all');
    expect(nextCursor).toBeNull();
    expect(titles(items)).toEqual(['a0 old year', 'a1 vor late', 'a2 risk late', 'a3 risk done late', 'a4 rsa soon', 'a6 exercise ongoing', 'a5 plan no date', 'a7 exercise cancelled']);
    const by = (title: string) => items.find((i) => i.title === title)!;
    expect(by('a1 vor late')).toMatchObject({
      parentType: 'vor_event', overdue: true, link: '/risker',
      source: { kind: 'vor', label: 'VoR 2025 – FORV-A', org: { slug: 'forv-a' } }, parent: { id: event.id, title: `${event.arbetssatt}: Obehörig åtkomst` },
    });
    expect(by('a2 risk late')).toMatchObject({
      overdue: true, link: '/risker/register', source: { kind: 'register', label: 'Riskregister', org: { slug: 'avd-a1', name: 'AVD-A1' } }, parent: { id: ids.risk, title: 'Artvise nere' },
    });
    expect(by('a3 risk done late')).toMatchObject({ status: 'klar', overdue: false });
    expect(by('a4 rsa soon')).toMatchObject({ link: '/risker/kontinuitet?flik=rsa', source: { kind: 'rsa', label: 'RSA 2026–2027' }, parent: { id: ids.activity, title: 'Ekonomiskt bistånd' } });
    expect(by('a5 plan no date')).toMatchObject({ dueDate: null, link: '/risker/kontinuitet', source: { kind: 'continuity_plan', label: 'Kontinuitetsplaner' }, parent: { id: ids.plan, title: 'Plan Artvise' } });
    expect(by('a6 exercise ongoing')).toMatchObject({ link: '/risker/kontinuitet', source: { kind: 'exercise', label: 'Övningar', org: { slug: 'avd-a1' } }, parent: { id: ids.exercise, title: 'Övning elavbrott' } });
  });

  it('keeps an open åtgärd of an earlier VoR year, named by its year, until it is done', async () => {
    const old = (await list(isam, 'org=forv-a&status=open&overdue=true')).items.find((i) => i.title === 'a0 old year');
    expect(old).toMatchObject({ overdue: true, source: { kind: 'vor', label: 'VoR 2024 – FORV-A' }, parent: { id: oldEvent.id } });
    const done = await isam.patch(`/api/risks/actions/${old!.id}`, { version: old!.version, status: 'klar' });
    expect(done.status).toBe(200);
    expect(titles((await list(isam, 'org=forv-a&status=open')).items)).not.toContain('a0 old year');
    expect(titles((await list(isam, 'org=forv-a&status=all')).items)).toContain('a0 old year');
    expect((await isam.patch(`/api/risks/actions/${old!.id}`, { version: done.body.version, status: 'planerad' })).status).toBe(200);
  });

  it('scopes to the subtree: a child org alone, never the sibling', async () => {
    expect(titles((await list(isam, 'org=avd-a1')).items)).toEqual(['a2 risk late', 'a3 risk done late', 'a6 exercise ongoing', 'a7 exercise cancelled']);
    expect(titles((await list(isam, 'org=forv-a')).items)).not.toContain('b1 sibling late');
    expect(titles((await list(other, 'org=forv-b')).items)).toEqual(['b1 sibling late']);
    // The city is above a forv-a reader's scope: 404, as on the other risk lists.
    const city = await reader.get('/api/risks/actions?org=stad');
    expect(city.status).toBe(404);
  });

  it('filters open and overdue', async () => {
    expect(titles((await list(isam, 'org=forv-a&status=open')).items)).toEqual(['a0 old year', 'a1 vor late', 'a2 risk late', 'a4 rsa soon', 'a6 exercise ongoing', 'a5 plan no date']);
    const overdue = (await list(reader, 'org=forv-a&overdue=true')).items;
    expect(titles(overdue)).toEqual(['a0 old year', 'a1 vor late', 'a2 risk late']);
    expect(overdue.every((i) => i.overdue)).toBe(true);
    expect(titles((await list(isam, 'org=forv-a&status=open&overdue=false')).items)).toEqual(['a4 rsa soon', 'a6 exercise ongoing', 'a5 plan no date']);
  });

  it('pages with a keyset cursor across dates and nulls', async () => {
    const all = titles((await list(isam, 'org=forv-a')).items);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(isam, `org=forv-a&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...titles(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect((await isam.get('/api/risks/actions?org=forv-a&cursor=nonsense')).status).toBe(400);
    expect((await isam.get('/api/risks/actions?org=forv-a&limit=501')).status).toBe(400);
  });

  it('answers 404 for an unknown or out-of-scope org, 403 without risk.read, 401 without a session', async () => {
    const unknown = await isam.get('/api/risks/actions?org=finns-inte');
    expect(unknown.status).toBe(404);
    expect(unknown.body.field).toBe('org');
    expect((await isam.get('/api/risks/actions?org=forv-b')).status).toBe(404);
    expect((await other.get('/api/risks/actions?org=forv-a')).status).toBe(404);
    const staff = await userWithRole(t, 'medarbetare@test.se', 'medarbetare', 'forv-a');
    expect((await staff.get('/api/risks/actions?org=forv-a')).status).toBe(403);
    expect((await new Client(t.url).get('/api/risks/actions?org=forv-a')).status).toBe(401);
  });
});
