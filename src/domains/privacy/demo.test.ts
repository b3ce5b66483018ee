import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNIT_ORGS, makeOrgs, startTestServer, type TestServer } from '../../test/harness';
import { demo as objectsDemo } from '../objects/demo';
import { findOrg } from '../org/service';
import { buildReportJson } from '../reports/build';
import { renderHtml } from '../reports/render/html';
import { renderReport } from '../reports/render';
import { demo } from './demo';
import type { PrivacyFigures } from './report';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, DEMO_UNIT_ORGS);
  await objectsDemo.run(t.ctx);
  expect(await demo.run(t.ctx)).toEqual([
    'privacy: 11 behandlingar i Hässelby-Vällingby, 9 i Servicenämnden / processing activities added',
    'privacy: 3 platser med kamerabevakning i Hässelby-Vällingby / camera surveillance sites added',
  ]);
  const again = await demo.run(t.ctx); // idempotent
  expect(again?.[0]).toMatch(/^privacy: 0 behandlingar i Hässelby-Vällingby, 0 i Servicenämnden/);
  expect(again?.[1]).toMatch(/^privacy: 0 platser med kamerabevakning/);
}, 60_000);
afterAll(() => t.close());

describe('demo registerförteckningar', () => {
  it("gives Hässelby-Vällingby's 2025 report JSON the register's figures", async () => {
    const org = await findOrg(t.database.db, 'hasselby-vallingby');
    const json = await buildReportJson(t.ctx, org, 2025, { asOf: '2025-12-31' });
    const p = json.privacy as PrivacyFigures;
    expect(p.counts).toEqual({ total: 11, approved: 6, notApproved: 5, awaitingReview: 2, thirdCountry: 1, specialCategories: 5, dpiaLikely: 7, dpiaLikelyNotDone: 3 });
    expect(p.attention.map((a) => [a.name, a.reasons]).sort()).toEqual([
      ['E-tjänster för invånare', ['ej_godkand']],
      ['Ekonomiskt bistånd', ['ej_godkand', 'dpia_saknas']],
      ['Kamerabevakning vid entrén till Vällingby vård- och omsorgsboende', ['ej_godkand', 'dpia_saknas']],
      ['Läkemedelshantering med dosdispensering', ['ej_godkand', 'dpia_saknas']],
      ['Videomöten i Zoom', ['ej_godkand', 'tia_saknas']],
    ]);
    expect(json.outline.some((s) => s.provider === 'privacy')).toBe(true);
    const html = renderHtml(json);
    expect(html).toContain('Registerförteckningen har 11 behandlingar, varav 6 är godkända av dataskyddsombudet och 2 väntar på granskning.');
    expect(html).toContain('Behandlingar som behöver åtgärdas');
    // Kamerabevakning: the care home's entrance (May 2025, with its intresseavvägning) and garage run, the förvaltningshus ended 2023.
    expect(p.camera.counts).toEqual({ running: 2, endedFiveYears: 1, withoutBalancing: 1, withoutSigns: 1 });
    expect(p.camera.sites.map((s) => [s.name, s.endedOn])).toEqual([
      ['Entré och reception i förvaltningshuset', '2023-08-31'], ['Entrén till Vällingby vård- och omsorgsboende', null], ['Garaget under Hässelby vård- och omsorgsboende', null],
    ]);
    expect(html).toContain('Kamerabevakning pågår på 2 platser, varav 1 saknar dokumenterad intresseavvägning och 1 saknar skyltning. Bevakningen har upphört på 1 plats under de senaste fem åren.');
    expect(html).toContain('Förteckning över kamerabevakning');
    const pdf = await renderReport(json, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await renderReport(json, 'docx');
    expect(docx.subarray(0, 2).toString()).toBe('PK');
  });

  it('links the activities to the objektlista: hemtjänstens dokumentation to Life Care SP, Zoom with SCC', async () => {
    const { listActivities } = await import('./service');
    const list = await listActivities(t.ctx, { org: 'hasselby-vallingby' });
    const by = new Map(list.map((a) => [a.name, a]));
    expect(by.get('Dokumentation i hemtjänsten')!.objects.map((o) => o.name)).toEqual(['Life Care SP']);
    expect(by.get('Videomöten i Zoom')).toMatchObject({ thirdCountryTransfer: true, transferTool: 'scc', objects: [{ name: 'Zoom' }] });
    expect(by.get('Kamerabevakning vid entrén till Vällingby vård- och omsorgsboende')!.legalBasisNote).toMatch(/Intresseavvägning dokumenterad/);
    const { listCameraSites } = await import('./camera');
    const entrance = (await listCameraSites(t.ctx, { org: 'hasselby-vallingby', asOf: '2025-12-31' })).find((c) => c.startedOn === '2025-05-19')!;
    expect(entrance).toMatchObject({ state: 'pagar', balancingDate: '2025-05-12', balancingMissing: false, activity: { name: 'Kamerabevakning vid entrén till Vällingby vård- och omsorgsboende' } });
    const sn = await listActivities(t.ctx, { org: 'servicenamnden' });
    expect(sn.find((a) => a.name === 'Kundtjänstärenden i Kontaktcenter Stockholm')!.objects.map((o) => o.name)).toEqual(['Artvise', 'Telia ACE']);
  });
});
