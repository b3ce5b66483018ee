import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { sectionProviders } from './report';

let t: TestServer;
let isam: Client;
let reader: Client;
let outsider: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['forv-b', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  reader = await userWithRole(t, 'chef@test.se', 'chef', 'forv-a');
  outsider = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
});
afterAll(() => t.close());

describe('goals of the verksamhetsplan', () => {
  it('creates a goal with indicators, sets yearly statuses with versions, audits, and reports them', async () => {
    const g = await isam.post('/api/goals', {
      org: 'forv-a', code: '3.5', title: 'Hög beredskap och stark rådighet ska råda i alla verksamhetsområden',
      indicators: ['Uppdaterade kontinuitetsplaner', 'Ökad kunskap'],
    });
    expect(g.status).toBe(201);
    expect(g.body.indicators.map((i: { text: string }) => i.text)).toEqual(['Uppdaterade kontinuitetsplaner', 'Ökad kunskap']);
    expect((await isam.post('/api/goals', { org: 'forv-a', code: '3.5', title: 'Dubblett' })).status).toBe(409);
    const ind = g.body.indicators[0].id;
    const s1 = await isam.request('PUT', `/api/goals/${g.body.id}/status`, { year: 2025, status: 'delvis uppfyllt', comment: 'Nästan klart' });
    expect(s1.status).toBe(200);
    const s2 = await isam.request('PUT', `/api/goals/${g.body.id}/status`, { year: 2025, indicatorId: ind, status: 'uppfyllt', comment: 'Klart' });
    expect(s2.status).toBe(200);
    const own = s2.body.statuses[0];
    expect((await isam.request('PUT', `/api/goals/${g.body.id}/status`, { year: 2025, status: 'uppfyllt' })).status).toBe(409);
    expect((await isam.request('PUT', `/api/goals/${g.body.id}/status`, { year: 2025, status: 'uppfyllt', version: own.version })).status).toBe(200);
    expect((await isam.request('PUT', `/api/goals/${g.body.id}/status`, { year: 2025, status: 'kanske' })).body.field).toBe('status');
    // An outcome for a year that has not begun is refused; 'pågår' is not an outcome.
    const next = new Date().getFullYear() + 1;
    const early = await isam.request('PUT', `/api/goals/${g.body.id}/status`, { year: next, status: 'uppfyllt' });
    expect([early.status, early.body.code, early.body.field]).toEqual([422, 'outcome_in_future', 'status']);
    expect((await isam.request('PUT', `/api/goals/${g.body.id}/status`, { year: next, indicatorId: ind, status: 'delvis uppfyllt' })).status).toBe(422);
    const stale = await isam.patch(`/api/goals/${g.body.id}`, { version: g.body.version + 5, title: 'x' });
    expect(stale.status).toBe(409);

    const list = await reader.get('/api/goals?org=forv-a&year=2025');
    expect(list.body[0].statuses.map((s: { status: string }) => s.status)).toEqual(['uppfyllt']);
    expect((await reader.request('PUT', `/api/goals/${g.body.id}/status`, { year: 2026, status: 'pågår' })).status).toBe(403);
    expect((await outsider.get(`/api/goals/${g.body.id}`)).status).toBe(404);
    const audit = await t.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'goal.status'`);
    expect(Number(((audit as { rows?: { n: number }[] }).rows ?? (audit as unknown as { n: number }[]))[0].n)).toBe(3);

    const org = await findOrg(t.database.db, 'forv-a');
    const fig = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025 });
    expect(fig).toEqual([{
      org: 'FORV-A', code: '3.5', title: 'Hög beredskap och stark rådighet ska råda i alla verksamhetsområden', status: 'uppfyllt', comment: 'Nästan klart',
      indicators: [{ text: 'Uppdaterade kontinuitetsplaner', status: 'uppfyllt', comment: 'Klart' }, { text: 'Ökad kunskap', status: null, comment: '' }],
    }]);
    // An indicator added later goes last (it landed second).
    const added = await isam.post(`/api/goals/${g.body.id}/indicators`, { text: 'Övning genomförd' });
    expect(added.body.indicators.map((i: { text: string }) => i.text)).toEqual(['Uppdaterade kontinuitetsplaner', 'Ökad kunskap', 'Övning genomförd']);
  });

  it('lists and reports goals in the plan\'s order of codes: 3.2 and 3.5 before 3.10', async () => {
    for (const code of ['3.10', '3.2']) expect((await isam.post('/api/goals', { org: 'forv-a', code, title: `Mål ${code}` })).status).toBe(201);
    expect((await reader.get('/api/goals?org=forv-a')).body.map((g: { code: string }) => g.code)).toEqual(['3.2', '3.5', '3.10']);
    const org = await findOrg(t.database.db, 'forv-a');
    expect((await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025 })).map((g) => g.code)).toEqual(['3.2', '3.5', '3.10']);
  });
});
