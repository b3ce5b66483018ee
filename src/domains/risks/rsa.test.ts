import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { eq } from 'drizzle-orm';
import { endOfDay, stockholmDate } from '../../server/platform/time';
import { orgs } from '../org/table';
import { providers } from '../reports/build';

let t: TestServer;
let isam: Client;
let other: Client;
let reader: Client;

const shift = (days: number) => {
  const d = new Date(`${stockholmDate()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['forv-b', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  other = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
});
afterAll(() => t.close());

describe('RSA, continuity and exercises', () => {
  it('keeps RSA in cycles (two years by default) with critical activities, dependencies and capability', async () => {
    const r = await isam.post('/api/risks/rsa', { org: 'forv-a', cycleStartYear: 2026 });
    expect(r.status).toBe(201);
    expect(r.body.cycle).toBe('2026–2027');
    expect((await isam.post('/api/risks/rsa', { org: 'forv-a', cycleStartYear: 2026 })).status).toBe(409);
    const overlap = await isam.post('/api/risks/rsa', { org: 'forv-a', cycleStartYear: 2027 });
    expect(overlap.status).toBe(422);
    expect(overlap.body.field).toBe('cycleStartYear');
    const act = await isam.post(`/api/risks/rsa/${r.body.id}/activities`, {
      name: 'Utbetalning av ekonomiskt bistånd', capability: 'viss',
      dependencies: [{ type: 'system', name: 'Verksamhetssystem' }, { type: 'el', name: 'El' }, { type: 'personal', name: 'Handläggare' }],
      threats: [{ title: 'Avbrott i systemet' }],
    });
    expect(act.status).toBe(201);
    expect(act.body.dependencies.map((d: { type: string }) => d.type)).toEqual(['system', 'el', 'personal']);
    const badDep = await isam.post(`/api/risks/rsa/${r.body.id}/activities`, { name: 'X', dependencies: [{ type: 'vatten-och-avlopp', name: 'V' }] });
    expect(badDep.status).toBe(400);
    expect(badDep.body.field).toBe('dependencies.0.type');
    const upd = await isam.patch(`/api/risks/rsa-activities/${act.body.id}`, { version: act.body.version, capability: 'god' });
    expect(upd.body.capability).toBe('god');
    expect((await isam.patch(`/api/risks/rsa-activities/${act.body.id}`, { version: act.body.version, capability: 'bristande' })).status).toBe(409);
    expect((await other.get(`/api/risks/rsa/${r.body.id}`)).status).toBe(404);
    expect((await reader.get(`/api/risks/rsa/${r.body.id}`)).body.activities).toHaveLength(1);
    expect((await reader.post(`/api/risks/rsa/${r.body.id}/activities`, { name: 'Y' })).status).toBe(403);
  });

  it('lists continuity plans and exercises; overdue reviews and actions reach the start page', async () => {
    const before = (await isam.get('/api/attention')).body.items as { key: string; count: number }[];
    const count = (items: { key: string; count: number }[], key: string) => items.find((i) => i.key === key)?.count ?? 0;
    const overdue = await isam.post('/api/risks/continuity-plans', { org: 'forv-a', title: 'Plan A', objectName: 'Artvise', owner: 'Objektägare', fallback: 'Manuell registrering', lastReviewed: shift(-400), nextReview: shift(-35) });
    expect(overdue.status).toBe(201);
    expect(overdue.body.reviewOverdue).toBe(true);
    const fine = await isam.post('/api/risks/continuity-plans', { org: 'forv-a', title: 'Plan B', nextReview: shift(30) });
    expect(fine.body.reviewOverdue).toBe(false);
    // Review dates: the last review has happened, and the next comes after it; a change is checked against the plan as it stands.
    const future = await isam.post('/api/risks/continuity-plans', { org: 'forv-a', title: 'Plan C', lastReviewed: shift(2) });
    expect([future.status, future.body.code, future.body.field]).toEqual([422, 'last_review_in_future', 'lastReviewed']);
    const backwards = await isam.post('/api/risks/continuity-plans', { org: 'forv-a', title: 'Plan C', lastReviewed: shift(-10), nextReview: shift(-20) });
    expect([backwards.status, backwards.body.field]).toEqual([422, 'nextReview']);
    const early = await isam.patch(`/api/risks/continuity-plans/${overdue.body.id}`, { version: overdue.body.version, nextReview: shift(-500) });
    expect([early.status, early.body.code, early.body.field]).toEqual([422, 'next_review_not_after_last', 'nextReview']);
    expect((await isam.get('/api/risks/continuity-plans?org=forv-a')).body.map((p: { title: string }) => p.title).sort()).toEqual(['Plan A', 'Plan B']);
    // In the management review a plan is overdue as of the report's day, not the day the report is run.
    const continuity = (await providers()).find((p) => p.key === 'continuity')!;
    const [org] = await t.database.db.select().from(orgs).where(eq(orgs.slug, 'forv-a'));
    type Plans = { plans: { title: string; reviewOverdue: boolean }[] };
    const planA = async (asOf?: Date) => ((await continuity.figures({ ctx: t.ctx, org, year: Number(shift(0).slice(0, 4)), asOf })) as Plans).plans.find((p) => p.title === 'Plan A')!;
    expect((await planA()).reviewOverdue).toBe(true);
    expect((await planA(new Date(endOfDay(shift(-36)).getTime() - 1))).reviewOverdue).toBe(false);
    const ex = await isam.post('/api/risks/exercises', { org: 'forv-a', planIds: [overdue.body.id], date: shift(-10), title: 'Övning', scenario: 'Elavbrott', participants: ['ISAM', 'Chef'] });
    expect(ex.status).toBe(201);
    await isam.post('/api/risks/actions', { parentType: 'exercise', parentId: ex.body.id, title: 'Late', dueDate: shift(-1) });
    await isam.post('/api/risks/actions', { parentType: 'exercise', parentId: ex.body.id, title: 'Done late', dueDate: shift(-1), status: 'klar' });
    await isam.post('/api/risks/actions', { parentType: 'continuity_plan', parentId: fine.body.id, title: 'Future', dueDate: shift(5) });
    const year = Number(shift(-10).slice(0, 4));
    expect((await isam.get(`/api/risks/exercises?org=forv-a&year=${year}`)).body.map((e: { title: string }) => e.title)).toEqual(['Övning']);
    expect((await isam.get(`/api/risks/exercises?org=forv-a&year=${year - 5}`)).body).toEqual([]);
    const after = (await isam.get('/api/attention')).body.items as { key: string; count: number }[];
    expect(count(after, 'risks.overdue-continuity-reviews') - count(before, 'risks.overdue-continuity-reviews')).toBe(1);
    expect(count(after, 'risks.overdue-actions') - count(before, 'risks.overdue-actions')).toBe(1);
    // Another förvaltning does not see them.
    const b = (await other.get('/api/attention')).body.items as { key: string; count: number }[];
    expect(count(b, 'risks.overdue-continuity-reviews')).toBe(0);
    expect((await other.get('/api/risks/continuity-plans')).body).toEqual([]);
    // A plan may not point at a missing exercise plan.
    const badPlan = await isam.post('/api/risks/exercises', { org: 'forv-a', planIds: ['00000000-0000-4000-8000-000000000000'], date: shift(0), title: 'X' });
    expect(badPlan.status).toBe(422);
    expect(badPlan.body.field).toBe('planIds');
  });
});
