import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { demo as documentsDemo } from '../documents/demo';
import { demo as dsoDemo } from '../dso/demo';
import { demo as goalsDemo } from '../goals/demo';
import { HV_PLAN, SN_PLAN } from './demo-data';
import { demo as plansDemo } from './demo';
import { sectionProviders } from './report';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stockholm', 'stad'], ['hasselby-vallingby', 'forvaltning', 'stockholm'], ['servicenamnden', 'forvaltning', 'stockholm']]);
  for (const step of [documentsDemo, goalsDemo, dsoDemo, plansDemo]) {
    await step.run(t.ctx);
    await step.run(t.ctx); // idempotent
  }
});
afterAll(() => t.close());

describe('demo plans, goals, DSO follow-up and documents', () => {
  it("gives Hässelby-Vällingby's report JSON 28/11/2 activities for 2026/2027/2028, 2026 in five areas", async () => {
    const org = await findOrg(t.database.db, 'hasselby-vallingby');
    const plan = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025 });
    expect(Object.keys(plan)).toEqual(['2026', '2027', '2028']);
    expect([plan['2026'].length, plan['2027'].length, plan['2028'].length]).toEqual([28, 11, 2]);
    expect(new Set(plan['2026'].map((a) => a.area))).toEqual(new Set(['Övergripande', 'Kompetens', 'Styrdokument', 'Klassning och konsekvensbedömning', 'Pm3']));
    expect(plan['2026'].filter((a) => a.partners === 'i samarbete med DSO').length).toBeGreaterThan(0);
    // The report year's own activities, with how far each came: the follow-up the review reports (ISO 9.3.2 a).
    const followUp = await sectionProviders[1].figures({ ctx: t.ctx, org, year: 2025 });
    expect(followUp.activities.map((a) => a.status).sort()).toEqual(HV_PLAN[2025].map((r) => r[4]).sort());
    expect(followUp.activities[0].area).toBe('Övergripande');
  });

  it("gives Servicenämnden its plan from seed 000 section 3", async () => {
    const org = await findOrg(t.database.db, 'servicenamnden');
    const plan = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025 });
    expect([plan['2026'].length, plan['2027'].length, plan['2028'].length]).toEqual([SN_PLAN[2026].length, SN_PLAN[2027].length, SN_PLAN[2028].length]);
    expect(HV_PLAN[2026].length).toBe(28);
  });

  it('loads goal 3.5 with its 2025 status, the DSO follow-up and the lokal anvisning with its adoption date', async () => {
    const isam = await userWithRole(t, 'isam@test.se', 'isam', 'hasselby-vallingby');
    const goals = (await isam.get('/api/goals?org=hasselby-vallingby&year=2025')).body;
    expect(goals).toHaveLength(1);
    expect(goals[0]).toMatchObject({ code: '3.5', title: 'Hög beredskap och stark rådighet ska råda i alla verksamhetsområden' });
    expect(goals[0].statuses[0].status).toBe('delvis uppfyllt');
    const dso = (await isam.get('/api/dso/recommendations?org=hasselby-vallingby')).body;
    expect(dso.filter((r: { area: string }) => r.area.startsWith('Risk ')).length).toBe(6);
    expect(dso.every((r: { followUps: unknown[] }) => r.followUps.length === 1)).toBe(true);
    const docs = (await isam.get(`/api/documents?q=${encodeURIComponent('anvisning')}`)).body;
    const hv = docs.find((d: { org: { slug: string }; type: string }) => d.org.slug === 'hasselby-vallingby' && d.type === 'lokal anvisning');
    expect(hv.adoptedOn).toBe('2023-03-24');
    expect(docs.some((d: { org: { slug: string } }) => d.org.slug === 'servicenamnden')).toBe(false);
  });
});
