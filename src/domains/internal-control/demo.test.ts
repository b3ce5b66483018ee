import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNIT_ORGS, makeOrgs, startTestServer, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { sectionBlocks } from '../reports/blocks';
import { buildReportJson, type Rollup } from '../reports/build';
import { hvOutline, snOutline } from '../reports/demo-content';
import { renderReport } from '../reports/render';
import { renderHtml } from '../reports/render/html';
import { demo as risksDemo } from '../risks/demo';
import { demo } from './demo';
import type { InternalControlFigures } from './report';
import { listControls } from './service';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, DEMO_UNIT_ORGS);
  await risksDemo.run(t.ctx);
  expect((await demo.run(t.ctx))?.[0]).toBe('internal-control: SERVICENAMNDEN 2025: 4 kontrollmoment, 9 resultat; HASSELBY-VALLINGBY 2025: 6 kontrollmoment, 13 resultat');
  expect((await demo.run(t.ctx))?.[0]).toBe('internal-control: inget nytt / nothing new'); // idempotent
}, 60_000);
afterAll(() => t.close());

const report = async (slug: string, outline: typeof hvOutline) => {
  const org = await findOrg(t.database.db, slug);
  const json = await buildReportJson(t.ctx, org, 2025, { asOf: '2025-12-31', outline: outline() });
  const section = json.outline.find((s) => s.provider === 'internalControl')!;
  return { json, f: json.internalControl as InternalControlFigures, section, text: sectionBlocks(section, json)[0] };
};

describe('demo internkontroll', () => {
  it("runs after the risks' demo in tillit demo, since its controls belong to the VoR's IKP risks", () => {
    expect(demo.order).toBeGreaterThan(risksDemo.order);
  });

  it('gives Servicenämnden seed 000’s result: behörighetskontroller without deviation, a väsentlig avvikelse for the kontaktcenterplattform in T2', async () => {
    const { json, f, section, text } = await report('servicenamnden', snOutline);
    expect(f).toMatchObject({
      controls: 4, periodsPlanned: 9, periodsDue: 9, periodsReported: 9, periodsPerformed: 9, periodsMissing: 0,
      byResult: { utan_avvikelse: 7, avvikelse: 1, vasentlig_avvikelse: 1, ej_genomford: 0 }, notPerformed: [], risksWithoutControl: [],
    });
    expect(f.deviations.map((d) => [d.control, d.period, d.result])).toEqual([
      ['Objektförvaltning av kontaktcenterplattformen', 'T2', 'vasentlig_avvikelse'], ['Objektförvaltning av kontaktcenterplattformen', 'T3', 'avvikelse'],
    ]);
    expect(f.deviations[0].measures).toMatch(/ny central upphandling/);
    expect(section).toMatchObject({ id: 'ikp', number: '1.1.3', title: 'Resultatet från egen uppföljning (IKP)' });
    expect(text.kind === 'text' && text.text).toMatch(/^Intern kontroll har genomförts enligt plan för 9 av 9 kontrolltillfällen\. En väsentlig avvikelse: Objektförvaltning av kontaktcenterplattformen i T2 \(Leverantören uppfyller inte de avtalade kraven på leverans och funktionalitet\)\. En avvikelse av mindre omfattning: Objektförvaltning av kontaktcenterplattformen i T3 \(/);
    // The risks' figures stay in the report, in 1.1.1 where seed 000 tells of the VoR (1.1.2 holds the RSA's).
    expect(json.outline.find((s) => s.provider === 'risks')).toMatchObject({ id: 'budget', number: '1.1.1' });
    expect(json.outline.find((s) => s.provider === 'continuity')).toMatchObject({ id: 'rsa', number: '1.1.2' });
    const html = renderHtml(json);
    expect(html).toContain('Avvikelser i internkontrollen');
    expect(html).toContain('Förstärkt avtalsuppföljning, registervård och behörighetskontroller');
    expect((await renderReport(json, 'pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await renderReport(json, 'docx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('gives Hässelby-Vällingby a control for each IKP risk of its VoR 2025, one with an avvikelse', async () => {
    const { f, section, text } = await report('hasselby-vallingby', hvOutline);
    expect(f).toMatchObject({
      controls: 6, periodsPlanned: 13, periodsDue: 13, periodsPerformed: 13,
      byResult: { utan_avvikelse: 12, avvikelse: 1, vasentlig_avvikelse: 0, ej_genomford: 0 }, risksWithoutControl: [],
    });
    expect(f.deviations.map((d) => [d.risk, d.period])).toEqual([['Behörigheter avslutas inte i tid.', 'T3']]);
    expect(section.number).toBe('4.1.2');
    expect(text.kind === 'text' && text.text).toMatch(/^Intern kontroll har genomförts enligt plan för 13 av 13 kontrolltillfällen\. Inga väsentliga avvikelser har identifierats\. En avvikelse av mindre omfattning: Stickprov på avslutade behörigheter i T3 \(Två av tjugo/);
    const controls = await listControls(t.ctx, { org: 'hasselby-vallingby', year: 2025 });
    expect(controls.map((c) => c.risk?.riskvarde)).toEqual([16, 16, 12, 12, 12, 12]);
  });

  it("rolls each förvaltning's internkontroll up into the city's report, the same figures as the förvaltning's own", async () => {
    const city = await findOrg(t.database.db, 'stockholm');
    const json = await buildReportJson(t.ctx, city, 2025, { asOf: '2025-12-31', only: ['rollup'] });
    const rows = (json.rollup as Rollup).forvaltningar.filter((f) => f.internalControl?.controls);
    expect(rows.map((f) => f.slug).sort()).toEqual(['hasselby-vallingby', 'servicenamnden']);
    for (const row of rows) {
      const own = (await buildReportJson(t.ctx, await findOrg(t.database.db, row.slug), 2025, { asOf: '2025-12-31', only: ['internalControl'] })).internalControl as InternalControlFigures;
      expect(row.internalControl).toEqual({
        controls: own.controls, periodsDue: own.periodsDue, periodsReported: own.periodsReported,
        deviations: own.deviations.length, significant: own.deviations.filter((d) => d.result === 'vasentlig_avvikelse').length,
      });
    }
    const table = sectionBlocks(json.outline.find((s) => s.provider === 'rollup')!, json).find((b) => b.kind === 'table' && b.caption === 'Förvaltningarnas internkontroll');
    expect(table && table.kind === 'table' && table.rows.map((r) => r[0].text)).toEqual(rows.map((f) => f.name));
  });
});
