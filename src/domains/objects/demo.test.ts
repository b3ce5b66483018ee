import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNIT_ORGS, makeOrgs, startTestServer, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { buildReportJson } from '../reports/build';
import { sectionBlocks } from '../reports/blocks';
import { renderHtml } from '../reports/render/html';
import { renderReport } from '../reports/render';
import { readZip } from '../reports/zip';
import type { ClassificationFigures } from './report';
import { demo } from './demo';
import { HV_OBJECTS } from './demo-data';
import { HV_FOLLOW_UPS, SN_FOLLOW_UPS } from './followup-demo-data';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, DEMO_UNIT_ORGS);
  await demo.run(t.ctx);
  expect((await demo.run(t.ctx))?.[0]).toMatch(/^objects: 0 objekt i Hässelby-Vällingby, 0 i Servicenämnden, 0 objektuppföljningar/); // idempotent
}, 60_000);
afterAll(() => t.close());

const names = (list: { name: string }[]) => list.map((o) => o.name);

describe('demo objektlistor', () => {
  it("gives Hässelby-Vällingby's 2025 report JSON the classification figures of seed 002", async () => {
    const org = await findOrg(t.database.db, 'hasselby-vallingby');
    const json = await buildReportJson(t.ctx, org, 2025, { asOf: '2025-12-31' });
    const c = json.classification as ClassificationFigures;
    expect(names(c.classified)).toEqual(['Pascal', 'Procedo', 'Life Care SP']);
    expect(c.classified.every((o) => o.nis)).toBe(true);
    expect(names(c.waitingForNormerande).sort()).toEqual(['E-hälsa (APO ex)', 'NPÖ', 'Para Inn', 'Para Sol', 'VODOK'].sort());
    expect(c.inProgress).toEqual([{ name: 'DEBI', org: 'HASSELBY-VALLINGBY', unit: 'HV-IFO', kind: 'normerande' }]);
    expect(c.nisNotClassified).toEqual([]); // "Verksamhetssystem som omfattas av NIS har informationsklassats på lokal nivå."
    expect(c.counts).toMatchObject({ classifiedThisYear: 3, inProgress: 1, waitingForNormerande: 5, nisNotClassified: 0 });
    const section = json.outline.find((s) => s.provider === 'classification')!;
    const text = sectionBlocks(section, json)[0];
    // Every format draws the same sentence and counts from the JSON.
    const html = renderHtml(json);
    expect(html).toContain('Följande objekt har informationsklassats under året: Pascal, Procedo och Life Care SP.');
    expect(html).toContain('Informationsklassning i siffror');
    const pdf = await renderReport(json, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text.kind === 'text' && text.text).toMatch(/^Följande objekt har informationsklassats under året: Pascal, Procedo och Life Care SP\. Följande objekt har inte klassats lokalt då normerande klassning saknas: .+ och .+\. För DEBI pågår normerande klassningsarbete\./);
  });

  it("gives Hässelby-Vällingby's 2025 report the object follow-ups with access review, NPÖ and VODOK without, deviations remaining in two", async () => {
    const org = await findOrg(t.database.db, 'hasselby-vallingby');
    const json = await buildReportJson(t.ctx, org, 2025, { asOf: '2025-12-31', only: ['classification'] });
    const f = (json.classification as ClassificationFigures).followUp;
    expect(f.inScope).toBe(HV_OBJECTS.length);
    expect(f.held).toBe(HV_FOLLOW_UPS.length);
    expect(f.accessReviewsDone).toBe(HV_FOLLOW_UPS.filter((x) => x.followUp.accessReview === 'ja').length);
    expect(f.accountsChanged).toBe(HV_FOLLOW_UPS.reduce((n, x) => n + (x.followUp.accountsChanged ?? 0), 0));
    expect(names(f.missing)).toEqual(['NPÖ', 'VODOK']);
    expect(names(f.deviationsRemaining)).toEqual(['Para Sol', 'Treserva']);
    const html = renderHtml(json);
    expect(html).toContain(`Årlig objektuppföljning har genomförts för ${f.held} av ${f.inScope} objekt; behörighetsgenomgång har gjorts för ${f.accessReviewsDone}. Uppföljning saknas för NPÖ och VODOK.`);
    expect(html).toContain('Efter behörighetsgenomgången kvarstår avvikelser för Para Sol och Treserva.');
    const docx = (await readZip(await renderReport(json, 'docx'))).get('word/document.xml')!.toString();
    const words = docx.match(/<w:t[^>]*>[^<]*<\/w:t>/g)!.map((x) => x.replace(/<[^>]+>/g, '')).join('');
    expect(words).toContain('Uppföljning saknas för NPÖ och VODOK.');
    expect(words).toContain('Objektuppföljningar 2025');
  });

  it('gives Servicenämnden about 40 classifications done or in progress, Artvise with a continuity plan and Telia ACE', async () => {
    const org = await findOrg(t.database.db, 'servicenamnden');
    const c = (await buildReportJson(t.ctx, org, 2025, { asOf: '2025-12-31', only: ['classification'] })).classification as ClassificationFigures;
    expect(c.counts.total).toBe(40);
    // Seed 000: "Genomfört/pågående omkring 40 klassningar": 27 classified in 2025, 6 in progress, 5 in 2024 (of 40).
    expect(c.counts.classifiedThisYear + c.counts.inProgress).toBeGreaterThanOrEqual(33);
    // One state per object: listed once in progress, never both in progress locally and waiting or NIS without one.
    expect(c.inProgress.length).toBe(c.counts.inProgress);
    const lokal = new Set(c.inProgress.filter((x) => x.kind === 'lokal').map((x) => x.name));
    expect([...c.waitingForNormerande, ...c.nisNotClassified].filter((x) => lokal.has(x.name))).toEqual([]);
    expect(names(c.classified)).toContain('Artvise');
    expect(names(c.inProgress)).toContain('Telia ACE');
    expect(c.followUp).toMatchObject({ inScope: 40, held: SN_FOLLOW_UPS.length });
    expect(names(c.followUp.deviationsRemaining)).toEqual(['Skyddade personuppgifter i lön']);
  });
});
