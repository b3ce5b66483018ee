/**
 * Every format of Ledningens genomgång shows the same tables, rows in the same order. An approved version's DOCX and
 * PDF are rendered at approval from the report JSON as built; its HTML (and JSON) later from the JSON as stored in
 * jsonb, which keeps no key order (shorter keys first). Tables whose rows followed the keys of an object (incidents
 * per kind and category, the risk register per level and treatment, the plan follow-up's two tables) came out in
 * another order in the HTML than in the frozen DOCX and PDF: "Arbetsmiljö 0" first, IT-säkerhet before
 * Informationssäkerhet, the categories in no clear order. The tables now keep one order whatever the keys' order, and
 * a version's JSON is stored as json (the text as approved), so its download is what was approved, hash and all.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../cli/demo';
import { resultRows } from '../../server/platform/db';
import { startTestServer, userWithRole, type Client, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { visibleSections } from './blocks';
import { buildReportJson, type ReportJson } from './build';
import { renderCharts } from './charts';
import { orgRef } from './service';
import { approveReport, submitReport } from './workflow';
import { readZip } from './zip';

type Table = { caption: string; rows: string[][] };

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const clean = (s: string) => unescape(s.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();

/** The HTML's figure tables (those with a caption): caption, then every row's cells, the header row first. */
function htmlTables(html: string): Table[] {
  return [...html.matchAll(/<table><caption>(.*?)<\/caption>(.*?)<\/table>/gs)].map(([, caption, body]) => ({
    caption: clean(caption),
    rows: [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map(([, r]) => [...r.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map(([, c]) => clean(c))),
  }));
}

/** The DOCX's figure tables: each table right after a paragraph in the Caption style. */
function docxTables(xml: string): Table[] {
  const text = (s: string) => clean([...s.matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/gs)].map(([, t]) => t).join(''));
  return [...xml.matchAll(/<w:p>((?:(?!<w:p>).)*?<w:pStyle w:val="Caption"\/>(?:(?!<w:p>).)*?)<\/w:p>(<w:tbl>.*?<\/w:tbl>)/gs)].map(([, caption, tbl]) => ({
    caption: text(caption),
    rows: [...tbl.matchAll(/<w:tr>(.*?)<\/w:tr>/gs)].map(([, r]) => [...r.matchAll(/<w:tc>(.*?)<\/w:tc>/gs)].map(([, c]) => text(c))),
  }));
}

const has = (cmd: string) => spawnSync('which', [cmd]).status === 0;
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'tillit-formats-'));
  writeFileSync(join(dir, 'r.pdf'), pdf);
  return execFileSync('pdftotext', ['-raw', join(dir, 'r.pdf'), '-']).toString();
}

/**
 * Where the PDF's text breaks the order of `tables`: every caption in turn, and between it and the next caption each
 * row's cells in order (compared without white space, which wrapping and the page's footers move, nor hyphens, which
 * a word too wide for its column gains where it parts: "Registerförteck- ning"). Empty when it keeps it.
 */
function pdfOrderProblems(text: string, tables: Table[]): string[] {
  const squash = (s: string) => s.replace(/[\s-]+/g, '');
  const all = squash(text);
  const problems: string[] = [];
  let from = 0;
  tables.forEach((t, i) => {
    const start = all.indexOf(squash(t.caption), from);
    if (start < 0) {
      problems.push(`caption "${t.caption}" missing or out of order`);
      return;
    }
    const next = tables[i + 1] ? all.indexOf(squash(tables[i + 1].caption), start + 1) : -1;
    const part = all.slice(start, next < 0 ? undefined : next);
    let at = squash(t.caption).length;
    for (const row of t.rows) {
      for (const c of row.map(squash).filter(Boolean)) {
        const j = part.indexOf(c, at);
        if (j < 0) {
          problems.push(`"${t.caption}": row ${JSON.stringify(row)} missing or out of order`);
          return;
        }
        at = j + c.length;
      }
    }
    from = start + 1;
  });
  return problems;
}

const rowsOf = (tables: Table[], caption: string) => tables.find((t) => t.caption === caption)?.rows.slice(1);

let t: TestServer;
let reader: Client;
let snReader: Client;
beforeAll(async () => {
  t = await startTestServer();
  await runDemo(t.ctx);
  reader = await userWithRole(t, 'ordning.hv@test.se', 'isam', 'hasselby-vallingby');
  snReader = await userWithRole(t, 'ordning.sf@test.se', 'isam', 'servicenamnden');
}, 240_000);
afterAll(() => t?.close());

async function download(id: string, format: string, as: Client = reader): Promise<Buffer> {
  const res = await fetch(`${as.base}/api/reports/${id}/render?format=${format}`, { headers: { cookie: as.cookie! } });
  expect(res.status, format).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('the approved Ledningens genomgång in every format', () => {
  it('HTML, DOCX and PDF show the same tables with the same rows in the same order (Hässelby-Vällingby 2025, as downloaded)', async () => {
    const found = await reader.get('/api/reports?org=hasselby-vallingby&year=2025');
    expect(found.body.status).toBe('godkand');
    const id = found.body.id as string;
    const html = htmlTables((await download(id, 'html')).toString());
    const docx = docxTables((await readZip(await download(id, 'docx'))).get('word/document.xml')!.toString());
    expect(html.length).toBeGreaterThan(30);
    expect(html.map((x) => x.caption)).toEqual(docx.map((x) => x.caption));
    for (const [i, x] of html.entries()) expect(x, x.caption).toEqual(docx[i]);

    // The order chosen: kinds in the register's order (INCIDENT_KINDS; DOMAIN.md and seed 000 name them so), the
    // categories by count, the commonest first (seed 002: "den vanligaste avvikelsen"), ties by name.
    expect(rowsOf(html, 'Incidenter per typ 2025 och 2024')!.map((r) => r[0])).toEqual(['Informationssäkerhet', 'IT-säkerhet', 'Personuppgiftsincident', 'Arbetsmiljö']);
    const cats = rowsOf(html, 'Incidenter per kategori 2025 och 2024')!;
    expect(cats[0][0]).toBe('Uppgifter i fel ärende');
    const counts = cats.map((r) => Number(r[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // The register per level in the scale's order, per treatment in the register's.
    expect(rowsOf(html, 'Riskregistret: öppna risker per risknivå')!.map((r) => r[0])).toEqual(['Låg', 'Medel', 'Hög', 'Mycket hög']);
    expect(rowsOf(html, 'Riskregistret: öppna risker per hantering')!.map((r) => r[0])).toEqual(['Reducera', 'Acceptera', 'Överföra', 'Undvika', 'Ej beslutad']);
    // The plan follow-up: the activities, then the state per area.
    const followUp = html.map((x) => x.caption).filter((c) => c.startsWith('Uppföljning av årets förbättringsaktiviteter'));
    expect(followUp).toEqual(['Uppföljning av årets förbättringsaktiviteter – Aktiviteter', 'Uppföljning av årets förbättringsaktiviteter – Läget per område']);

    if (!has('pdftotext')) return; // the PDF's text needs poppler-utils
    const text = pdfText(await download(id, 'pdf'));
    expect(pdfOrderProblems(text, html)).toEqual([]);
    // The check sees an order broken: the kinds upside down are not what the PDF says.
    const kinds = html.find((x) => x.caption === 'Incidenter per typ 2025 och 2024')!;
    expect(pdfOrderProblems(text, [{ ...kinds, rows: [kinds.rows[0], ...kinds.rows.slice(1).reverse()] }])).toHaveLength(1);
  }, 120_000);

  it('the JSON download of an approved version is the JSON as approved: keys in their order, its SHA-256 the one recorded', async () => {
    const found = await reader.get('/api/reports?org=hasselby-vallingby&year=2025');
    const id = found.body.id as string;
    const body = await download(id, 'json');
    const versions = (await reader.get(`/api/reports/${id}/versions`)).body as { jsonSha256: string }[];
    expect(createHash('sha256').update(body).digest('hex')).toBe(versions.at(-1)!.jsonSha256);
    // As built (the contract's order), not as jsonb keeps it (shorter keys first: total, byKind, byMonth …).
    expect(Object.keys(JSON.parse(body.toString()).incidents).slice(0, 3)).toEqual(['total', 'previousYearTotal', 'byStatus']);
  }, 60_000);

  it('the report JSON read back from jsonb gives the very same tables and charts as the JSON as built (every demo report)', async () => {
    for (const slug of ['hasselby-vallingby', 'servicenamnden', 'stockholm']) {
      const json = await buildReportJson(t.ctx, orgRef(await findOrg(t.ctx.db, slug)), 2025);
      const [row] = resultRows<{ j: unknown }>(await t.ctx.db.execute(sql`select ${JSON.stringify(json)}::jsonb as j`));
      const stored = (typeof row.j === 'string' ? JSON.parse(row.j) : row.j) as ReportJson;
      // The check has teeth: the keys did come back in another order.
      expect(JSON.stringify(stored.incidents), slug).not.toBe(JSON.stringify(json.incidents));
      expect(visibleSections(stored).map((s) => s.blocks), slug).toEqual(visibleSections(json).map((s) => s.blocks));
      // ECharts numbers its SVG ids per render: compared without them.
      const charts = (j: ReportJson) => renderCharts(j).map((c) => ({ ...c, svg: c.svg.replace(/zr\d+-[a-z]+-?\d+/g, 'zr') }));
      expect(charts(stored), slug).toEqual(charts(json));
    }
  }, 120_000);
});

type Decision = { kind: string; text: string; owner: string; dueDate: string | null };
type Iso93 = {
  meeting: { date: string | null; chair: string; attendees: string[]; signed: boolean } | null;
  outputs: { decisions: Decision[]; ismsChanges: string; conclusion: Record<string, { value: boolean | null; comment: string }> | null };
};

/** The approved 2025 report of an organisation as downloaded (JSON and HTML), and its id. */
async function approved(slug: string, as: Client) {
  const id = (await as.get(`/api/reports?org=${slug}&year=2025`)).body.id as string;
  const json = JSON.parse((await download(id, 'json', as)).toString()) as ReportJson & { iso93: Iso93; approval: { by: string; at: string } };
  return { id, json, html: (await download(id, 'html', as)).toString() };
}
const decisionMatching = (ds: Decision[], re: RegExp) => {
  const found = ds.filter((d) => re.test(d.text));
  expect(found, String(re)).toHaveLength(1);
  return found[0];
};

describe('the demo reviews’ meetings and decisions (ISO 27001 9.3.3), as the seeds state them', () => {
  it('Servicenämnden: presented on 4 November 2025, where the förvaltningschef let the PUB instruction stand (seed 000 1.1.4)', async () => {
    const { json, html } = await approved('servicenamnden', snReader);
    expect(json.iso93.meeting).toMatchObject({ date: '2025-11-04', chair: 'Eva Strand, förvaltningschef', signed: false });
    const ds = json.iso93.outputs.decisions;
    expect(ds.length).toBe(6);
    // What stays as it is (the PUB instruction, the city's information to employees, the NIS2 finding) is a stance, not a change.
    expect(ds.map((d) => d.kind)).toEqual(['stance', 'isms_change', 'isms_change', 'stance', 'isms_change', 'stance']);
    expect(decisionMatching(ds, /\(PUB\) gäller vidare/)).toMatchObject({ owner: 'Förvaltningschef', dueDate: null, kind: 'stance' });
    expect(rowsOf(htmlTables(html), 'Beslut vid ledningens genomgång (ISO 27001 9.3.3)')!.find((r) => r[1].includes('(PUB)'))![0]).toBe('Ställningstagande');
    // 1.1.2: principles for the shared risks of system, power and staff loss, decided in November 2025.
    expect(decisionMatching(ds, /system, el och personal/).text).toContain('november 2025');
    // 1.1.4 and 2.1.1: the local anvisning updated in December 2025.
    expect(decisionMatching(ds, /lokala anvisningen/)).toMatchObject({ owner: 'ISAM', dueDate: '2025-12-31' });
    // 2.1.2: the four NIS2 areas chosen for 2026, and the jurist's finding that the law applies.
    expect(decisionMatching(ds, /prioriterar/).text).toMatch(/riskhantering, incidenthantering, säkerhet i leveranskedjan samt utbildning/);
    expect(decisionMatching(ds, /omfattas av cybersäkerhetslagen/).text).toContain('underleverantörer');
    // 1.1.3: the one significant deviation in internal control, as the conclusion on adequacy; no verdict is given.
    expect(json.iso93.outputs.conclusion!.tillrackligt).toEqual({ value: null, comment: expect.stringContaining('Telia Ace') });
    expect(json.iso93.outputs.ismsChanges).toContain('incidenthanteringsrutin');
    // The document shows them, and the approval carries its fixed day, not the day the demo was loaded.
    const decisions = htmlTables(html).find((x) => x.caption === 'Beslut vid ledningens genomgång (ISO 27001 9.3.3)')!;
    expect(decisions.rows.slice(1).map((r) => r[0])).toEqual(['Ställningstagande', 'Ändring i ledningssystemet', 'Ändring i ledningssystemet', 'Ställningstagande', 'Ändring i ledningssystemet', 'Ställningstagande']);
    expect(decisions.rows.some((r) => /\(PUB\) gäller vidare/.test(r[1]))).toBe(true);
    expect(rowsOf(htmlTables(html), 'Ledningens genomgång – mötet')![0]).toEqual(['Mötesdatum', '2025-11-04']);
    expect(json.approval).toEqual({ by: 'Eva Strand (förvaltningschef)', at: '2025-12-16T09:00:00.000Z' });
    expect(html).toContain('Godkänd av Eva Strand (förvaltningschef) den 16 december 2025');
  }, 60_000);

  it('Hässelby-Vällingby: the förvaltningschef’s decision to start using Säkra meddelanden and the other stances of seed 002', async () => {
    const { json, html } = await approved('hasselby-vallingby', reader);
    // Seed 002 names no meeting day: the meeting is recorded without one.
    expect(json.iso93.meeting).toMatchObject({ date: null, chair: 'Karin Holm, förvaltningschef', signed: false });
    const ds = json.iso93.outputs.decisions;
    expect(ds.length).toBe(6);
    const sm = decisionMatching(ds, /Säkra meddelanden/);
    expect(sm.owner).toBe('Förvaltningschef');
    expect(sm.text).toMatch(/Två enheter prövar tjänsten i december/);
    expect(decisionMatching(ds, /tillämpningsanvisningarna från 2023/).text).toContain('dataskyddet');
    expect(decisionMatching(ds, /DraftIT/)).toMatchObject({ owner: 'ISAM och DSO' });
    expect(decisionMatching(ds, /Pm3/).text).toContain('under 2026');
    expect(decisionMatching(ds, /AI/).text).toContain('tredjelandsöverföring');
    expect(decisionMatching(ds, /kamerabevakning/).text).toContain('intresseavvägning');
    expect(json.iso93.outputs.conclusion!.verkningsfullt.comment).toContain('avdelningschef');
    expect(Object.values(json.iso93.outputs.conclusion!).map((c) => c.value)).toEqual([null, null, null]);
    const rows = rowsOf(htmlTables(html), 'Beslut vid ledningens genomgång (ISO 27001 9.3.3)')!;
    expect(rows.find((r) => r[1].includes('Säkra meddelanden'))).toEqual(['Ändring i ledningssystemet', sm.text, 'Förvaltningschef', '']);
    // No verdict recorded: the conclusions table has no verdict column, its comments say the view; no "Inte angiven".
    const conclusions = rowsOf(htmlTables(html), 'Slutsatser om ledningssystemet')!;
    expect(conclusions.map((r) => r.length)).toEqual([2, 2, 2]);
    expect(conclusions[2][1]).toContain('avdelningschef');
    // The meeting names no day and the minutes are not signed: the rows are left out, not said missing.
    expect(rowsOf(htmlTables(html), 'Ledningens genomgång – mötet')!.map((r) => r[0])).toEqual(['Ordförande', 'Deltagare']);
    // Approved on its fixed day, the figures frozen as of that day: still seed 002's statuses of 12 November.
    expect(json.approval.at).toBe('2025-12-17T13:00:00.000Z');
    expect(json.asOf).toBe('2025-12-17');
    expect(json.incidents).toMatchObject({ byStatus: { Rapporterad: 10, 'Under registrering': 16, 'Under utredning': 3, 'Under åtgärd': 2, Klar: 22, Förfallen: 2 } });
    // The recording went through the review's service: audited like any change.
    const audit = resultRows<{ action: string }>(await t.ctx.db.execute(sql`select a.action from audit_log a join management_reviews r on r.id::text = a.entity_id
      join orgs o on o.id = r.org_id where o.slug = 'hasselby-vallingby' and r.year = 2025 order by a.seq`));
    expect(audit.map((a) => a.action)).toEqual(['review.create', 'review.update', ...Array(6).fill('review.decision.add')]);
  }, 60_000);

  it('an approval dated by its caller lies within the report’s year and not in the future', async () => {
    const id = (await snReader.get('/api/reports?org=servicenamnden&year=2026')).body.id as string;
    const cur = (await snReader.get(`/api/reports/${id}`)).body;
    const sub = await submitReport(t.ctx, id, cur.version);
    await expect(approveReport(t.ctx, id, sub.version, new Date('2025-12-31T12:00:00+01:00'))).rejects.toMatchObject({ status: 400, code: 'invalid_approval_date' });
    await expect(approveReport(t.ctx, id, sub.version, new Date(Date.now() + 86_400_000))).rejects.toMatchObject({ status: 400, code: 'invalid_approval_date' });
    expect((await snReader.get(`/api/reports/${id}`)).body.status).toBe('under_granskning');
  }, 60_000);
});
