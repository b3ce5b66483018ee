import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrgs, startTestServer, type TestServer } from '../../test/harness';
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
  await makeOrgs(t.ctx, [
    ['stockholm', 'stad'],
    ['hasselby-vallingby', 'forvaltning', 'stockholm'], ['hv-aldre', 'avdelning', 'hasselby-vallingby'], ['hv-hemtjanst', 'enhet', 'hv-aldre'],
    ['hv-ifo', 'avdelning', 'hasselby-vallingby'], ['hv-socialtjanst-barn', 'enhet', 'hv-ifo'], ['hv-administration', 'avdelning', 'hasselby-vallingby'],
    ['hv-it', 'enhet', 'hv-administration'],
    ['servicenamnden', 'forvaltning', 'stockholm'], ['sf-kontaktcenter', 'avdelning', 'servicenamnden'], ['sf-upphandling', 'avdelning', 'servicenamnden'],
    ['sf-ekonomi', 'avdelning', 'servicenamnden'], ['sf-bestallarenheten', 'enhet', 'sf-upphandling'],
  ]);
  await objectsDemo.run(t.ctx);
  expect((await demo.run(t.ctx))?.[0]).toBe('privacy: 11 behandlingar i Hässelby-Vällingby, 9 i Servicenämnden / processing activities added');
  expect((await demo.run(t.ctx))?.[0]).toMatch(/^privacy: 0 behandlingar i Hässelby-Vällingby, 0 i Servicenämnden/); // idempotent
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
    const sn = await listActivities(t.ctx, { org: 'servicenamnden' });
    expect(sn.find((a) => a.name === 'Kundtjänstärenden i Kontaktcenter Stockholm')!.objects.map((o) => o.name)).toEqual(['Artvise', 'Telia ACE']);
  });
});
