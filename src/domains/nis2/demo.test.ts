import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { buildReportJson } from '../reports/build';
import { sectionBlocks } from '../reports/blocks';
import { renderReport } from '../reports/render';
import { renderHtml } from '../reports/render/html';
import { demo } from './demo';
import type { Nis2Figures } from './report';
import { listAssessments } from './service';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stockholm', 'stad'], ['hasselby-vallingby', 'forvaltning', 'stockholm'], ['servicenamnden', 'forvaltning', 'stockholm']]);
  await userWithRole(t, 'chef.hv@demo.stockholm', 'forvaltningschef', 'hasselby-vallingby');
  await demo.run(t.ctx);
  expect((await demo.run(t.ctx))?.[0]).toBe('nis2: inget nytt / nothing new'); // idempotent
}, 60_000);
afterAll(() => t.close());

describe('demo NIS2 measures', () => {
  it("gives Hässelby-Vällingby's 2025 report JSON its nis2 figures, approved by the förvaltningschef, in the text of every format", async () => {
    const org = await findOrg(t.database.db, 'hasselby-vallingby');
    const json = await buildReportJson(t.ctx, org, 2025, { asOf: '2025-12-31' });
    const f = json.nis2 as Nis2Figures;
    expect(f).toMatchObject({
      inScope: true, entityType: 'vasentlig', sector: 'Hälso- och sjukvård', assessed: true, carriedFrom: null,
      counts: { genomford: 1, delvis: 7, ej_paborjad: 2, ej_tillamplig: 0 },
      approved: { date: '2025-11-20', by: 'chef.hv@demo.stockholm' },
      suppliers: { total: 3, assessed: 2, withoutContract: 1, withSubSuppliers: 2 },
    });
    expect(f.areas.map((a) => a.status)).toEqual(['delvis', 'delvis', 'delvis', 'delvis', 'ej_paborjad', 'ej_paborjad', 'delvis', 'genomford', 'delvis', 'delvis']);
    // Seed 002 4.1: "Ingen riktad utbildning har hållits för chefer".
    expect(f.training).toEqual([]);
    expect(f.supplierList.map((s) => s.supplier)).toEqual(['E-hälsomyndigheten', 'Procedo AB', 'Tieto Evry']);
    const section = json.outline.find((s) => s.provider === 'nis2')!;
    const [text] = sectionBlocks(section, json);
    expect(text.kind === 'text' && text.text).toMatch(/^Förvaltningen omfattas av cybersäkerhetslagen som väsentlig entitet inom sektorn hälso- och sjukvård\. Av lagens tio åtgärdsområden är 1 genomfört, 7 delvis genomförda och 2 ej påbörjade\. Ledningen godkände årets säkerhetsåtgärder den 2025-11-20 genom chef\.hv@demo\.stockholm\. Ingen utbildning för förvaltningsledningen har registrerats\./);
    const html = renderHtml(json);
    expect(html).toContain('Säkerhetsåtgärder per område (artikel 21.2 i NIS2-direktivet)');
    expect(html).toContain('Leverantörer i leveranskedjan');
    expect(html).toContain('Driftleverantör för datacenter (inget eget avtal med förvaltningen)');
    expect((await renderReport(json, 'pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await renderReport(json, 'docx')).subarray(0, 2).toString()).toBe('PK');
    // Before the approval's day the report says it is not yet approved.
    const early = (await buildReportJson(t.ctx, org, 2025, { asOf: '2025-10-31', only: ['nis2'] })).nis2 as Nis2Figures;
    expect(early.approved).toBeNull();
    // The anmälan under cybersäkerhetslagen (in force 2026-01-15) shows from its day on.
    expect(f).toMatchObject({ registration: null, registrationDue: false });
    const y2026 = (await buildReportJson(t.ctx, org, 2026, { asOf: '2026-06-30', only: ['nis2'] })).nis2 as Nis2Figures;
    expect(y2026.registration).toEqual({ date: '2026-02-16', reference: 'MCF dnr 2026-01887' });
  });

  it('gives Servicenämnden 2025 approved and 2026 started from it', async () => {
    const list = await listAssessments(t.ctx, { org: 'servicenamnden' });
    expect(list.map((a) => [a.year, a.carriedFrom, a.approved !== null])).toEqual([[2026, 2025, false], [2025, null, true]]);
    const [y2026, y2025] = list;
    expect(y2026.areas.map((a) => a.status)).toEqual(y2025.areas.map((a) => a.status));
    expect(y2026.suppliers.every((s) => !s.assessed)).toBe(true);
  });
});
