import { and, eq, ilike } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNIT_ORGS, makeOrgs, startTestServer, type TestServer } from '../../test/harness';
import { demo as incidentsDemo } from '../incidents/demo';
import { listLinks } from '../incidents/links';
import { incidents } from '../incidents/table';
import { demo as objectsDemo } from '../objects/demo';
import { findOrg } from '../org/service';
import { buildReportJson } from '../reports/build';
import { renderHtml } from '../reports/render/html';
import { renderReport } from '../reports/render';
import { demo } from './demo';
import type { SupplierFigures } from './report';
import { listSuppliers } from './service';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, DEMO_UNIT_ORGS);
  await incidentsDemo.run(t.ctx);
  await objectsDemo.run(t.ctx);
  expect((await demo.run(t.ctx))?.[0]).toBe('suppliers: 6 leverantörer i Hässelby-Vällingby, 6 i Servicenämnden, 1 incident kopplad till Miljödata / suppliers added, incidents linked');
  expect((await demo.run(t.ctx))?.[0]).toMatch(/^suppliers: 0 leverantörer i Hässelby-Vällingby, 0 i Servicenämnden, 0 incident/); // idempotent
}, 60_000);
afterAll(() => t.close());

describe('demo leverantörsregister', () => {
  it("gives Hässelby-Vällingby's 2025 report JSON the register's figures, rendered in HTML, PDF and DOCX", async () => {
    const org = await findOrg(t.database.db, 'hasselby-vallingby');
    const json = await buildReportJson(t.ctx, org, 2025, { asOf: '2025-12-31' });
    const s = json.suppliers as SupplierFigures;
    expect(s.counts).toEqual({ total: 6, personalData: 5, pubMissing: 1, thirdCountry: 1, tiaMissing: 1, followUpOverdue: 3, subSuppliersWithoutContract: 2 });
    expect(s.attention.map((a) => [a.name, a.reasons])).toEqual([
      ['CGI', ['uppfoljning_forsenad', 'bedomning_brister']],
      ['Procedo AB', ['uppfoljning_forsenad']],
      ['Språkservice Tolk AB', ['pub_saknas', 'uppfoljning_forsenad']],
      ['Zoom Video Communications', ['tia_saknas', 'bedomning_brister']],
    ]);
    expect(json.outline.some((x) => x.provider === 'suppliers')).toBe(true);
    const html = renderHtml(json);
    expect(html).toContain('Leverantörsregistret har 6 leverantörer, varav 5 behandlar personuppgifter för förvaltningens räkning.');
    expect(html).toContain('2 underleverantörer saknar avtal med förvaltningen.');
    expect(html).toContain('Leverantörer som behöver åtgärdas');
    const pdf = await renderReport(json, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await renderReport(json, 'docx');
    expect(docx.subarray(0, 2).toString()).toBe('PK');
  });

  it('links the suppliers to the objektlista and keeps the names of the NIS2 supply chain', async () => {
    const hv = new Map((await listSuppliers(t.ctx, { org: 'hasselby-vallingby' })).map((s) => [s.name, s]));
    expect(hv.get('Tieto Evry')).toMatchObject({ objects: [{ name: 'Life Care SP' }], subSuppliersWithoutContract: 1 });
    expect(hv.get('Zoom Video Communications')).toMatchObject({ thirdCountryTransfer: true, transferTool: 'scc', tiaDone: false, objects: [{ name: 'Zoom' }] });
    const sn = new Map((await listSuppliers(t.ctx, { org: 'servicenamnden' })).map((s) => [s.name, s]));
    expect(sn.get('Telia Sverige AB')!.objects.map((o) => o.name)).toEqual(['Telia ACE']);
    expect(sn.get('Miljödata')).toMatchObject({ assessmentResult: 'ej_godtagbar' });
    expect(sn.get('Miljödata')!.assessmentNote).toMatch(/anmält till IMY/);
    // Servicenämnden's incident reported to IMY, the attack on Miljödata, links to the supplier.
    const imy = await t.database.db.select({ id: incidents.id, title: incidents.title }).from(incidents).where(and(eq(incidents.reportedToImy, true), ilike(incidents.title, '%personalsystem%')));
    const links = (await Promise.all(imy.map((i) => listLinks(t.ctx, i.id)))).flat().filter((l) => l.targetType === 'supplier');
    expect(links).toEqual([expect.objectContaining({ targetId: sn.get('Miljödata')!.id, title: 'Miljödata', href: '/leverantorer' })]);
    expect(sn.get('Lönedata Sverige AB')!.objects.map((o) => o.name)).toEqual(['Lönesystemet', 'Skyddade personuppgifter i lön']);
  });
});
