import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNIT_ORGS, makeOrgs, startTestServer, type TestServer } from '../../test/harness';
import { demo as objectsDemo } from '../objects/demo';
import { findOrg } from '../org/service';
import { buildReportJson } from '../reports/build';
import { renderReport } from '../reports/render';
import { renderHtml } from '../reports/render/html';
import { demo } from './demo';
import type { ContinuityFigures } from './report-continuity';
import { listExercises, listPlans, listRsa } from './rsa';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, DEMO_UNIT_ORGS);
  await objectsDemo.run(t.ctx);
  expect((await demo.run(t.ctx)).at(-1)).toBe('risks: 2 RSA, 7 kontinuitetsplaner, 7 övningar / RSA cycles, continuity plans, exercises');
  expect((await demo.run(t.ctx)).at(-1)).toBe('risks: 0 RSA, 0 kontinuitetsplaner, 0 övningar / RSA cycles, continuity plans, exercises'); // idempotent
}, 60_000);
afterAll(() => t.close());

describe('demo continuity', () => {
  it('gives Servicenämnden RSA 2024–2025 klar and 2026–2027 planerad, with processes sharing system, el and personal risks', async () => {
    const rsas = await listRsa(t.ctx, { org: 'servicenamnden' });
    expect(rsas.map((r) => [r.cycle, r.status])).toEqual([['2026–2027', 'planerad'], ['2024–2025', 'klar']]);
    const acts = rsas[1].activities;
    expect(acts.map((a) => [a.name, a.ownerOrg?.slug, a.planStatus])).toEqual([
      ['Kontakt Stockholm – kundmottagning', 'sf-kontaktcenter', 'under_arbete'],
      ['Kontakt Stockholm – ärendehantering', 'sf-kontaktcenter', 'faststalld'],
      ['Löneutbetalning', 'sf-ekonomi', 'faststalld'],
      ['Upphandling och avrop', 'sf-upphandling', 'saknas'],
    ]);
    expect(acts.filter((a) => ['system', 'el', 'personal'].every((x) => a.dependencies.some((d) => d.type === x))).length).toBeGreaterThan(1);
    expect(acts[0].objects.map((o) => o.name)).toEqual(['Telia ACE']);
  });

  it('has Artvise with a fastställd plan, the platform (Telia ACE) plan under work due Q1 2026, and plans per verksamhet in Hässelby-Vällingby', async () => {
    const sn = new Map((await listPlans(t.ctx, { org: 'servicenamnden' })).map((p) => [p.title, p]));
    expect(sn.get('Kontinuitetsplan Artvise')).toMatchObject({ status: 'faststalld', objects: [{ name: 'Artvise' }], lastExercised: '2025-12-09' });
    expect(sn.get('Kontinuitetsplan kontaktcenterplattformen')).toMatchObject({ status: 'under_arbete', nextReview: '2026-03-31', objects: [{ name: 'Telia ACE' }], lastExercised: '2025-12-09' });
    const hv = await listPlans(t.ctx, { org: 'hasselby-vallingby' });
    expect(hv.every((p) => p.status === 'faststalld' && p.lastReviewed?.startsWith('2025'))).toBe(true);
    expect(new Set(hv.map((p) => p.org.slug))).toEqual(new Set(['hasselby-vallingby', 'hv-hemtjanst', 'hv-aldre', 'hv-socialtjanst-barn']));
    const exercises = await listExercises(t.ctx, { org: 'servicenamnden', year: 2025 });
    expect(exercises.find((e) => e.title === 'Krisövning för chefsgruppen')).toMatchObject({ date: '2025-12-09', type: 'krisledningsovning', status: 'genomford' });
    // Seed 000: "Övningar är planerade på flera avdelningar": planned after the 2025 report, not left past their day in it.
    expect(exercises.filter((e) => e.status === 'planerad')).toEqual([]);
    const next = await listExercises(t.ctx, { org: 'servicenamnden', year: 2026 });
    expect(new Set(next.filter((e) => e.status === 'planerad').map((e) => e.org.slug))).toEqual(new Set(['sf-ekonomi', 'sf-upphandling']));
  });

  it("gives Servicenämnden's 2025 report the continuity section computed from the register, rendered in HTML, PDF and DOCX", async () => {
    const org = await findOrg(t.database.db, 'servicenamnden');
    const json = await buildReportJson(t.ctx, org, 2025, { asOf: '2025-12-31' });
    const c = json.continuity as ContinuityFigures;
    expect(c.rsa).toEqual([{ org: org.name, cycle: '2024–2025', status: 'klar', processes: 4, withPlan: 2 }]);
    expect(c.counts).toEqual({ processes: 4, processesWithPlan: 2, faststalld: 2, underArbete: 1, saknas: 1, reviewOverdue: 1, notExercised: 1, exercisesHeld: 2, exercisesPlanned: 0, exercisesPastDate: 0 });
    // Upphandling och avrop has no plan: the process table's Saknas is counted.
    expect(c.processes.filter((p) => p.planStatus === 'saknas').map((p) => p.name)).toEqual(['Upphandling och avrop']);
    expect(c.exercisesHeld.map((e) => [e.date, e.type])).toEqual([['2025-04-23', 'diskussionsovning'], ['2025-12-09', 'krisledningsovning']]);
    expect(json.outline.some((x) => x.provider === 'continuity')).toBe(true);
    const html = renderHtml(json);
    expect(html).toContain('Av 4 kritiska processer har 2 en fastställd kontinuitetsplan.');
    expect(html).toContain('Krisövning för chefsgruppen');
    expect(html).toContain('Av 4 kontinuitetsplaner är 2 fastställda, 1 under arbete och 1 saknas.');
    expect(html).not.toContain('passerat sitt datum');
    expect((await renderReport(json, 'pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await renderReport(json, 'docx')).subarray(0, 2).toString()).toBe('PK');
  });
});
