import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { renderReport } from './render/index';
import { headingToNextPage, type PageNode } from './render/pdf';
import { checkTemplate, renderTemplate } from './render/template';
import { sampleReportJson } from './sample';
import { htmlToDoc, docToHtml } from './richtext';
import { renderCharts, incidentsByStatusOption, riskMatrixCells } from './charts';
import { readZip } from './zip';
import { INCIDENT_STATUSES } from './chart-options';

const EVIL = '<p>Hej <b>fet</b> <img src=x onerror="alert(1)"><script>alert("x")</script><a href="javascript:alert(2)" onclick="steal()">länk</a> <a href="https://stockholm.se/lis">stadens sida</a></p><ul><li>ett</li><li onmouseover="x()">två</li></ul>';

function withEvilNarrative() {
  const json = sampleReportJson();
  json.outline[1].narrative = htmlToDoc(EVIL);
  return json;
}

const has = (cmd: string) => spawnSync('which', [cmd]).status === 0;

describe('narrative sanitization', () => {
  it('keeps text, bold, lists and safe links; drops script, event attributes and javascript: links from the model', () => {
    const d = htmlToDoc(EVIL);
    const text = JSON.stringify(d);
    expect(text).not.toMatch(/script|onerror|onclick|onmouseover|javascript|alert/i);
    expect(d.content[0]).toMatchObject({ t: 'p' });
    const runs = (d.content[0] as { c: { text: string; bold?: boolean; href?: string }[] }).c;
    expect(runs.find((r) => r.bold)?.text).toBe('fet');
    expect(runs.find((r) => r.href)?.href).toBe('https://stockholm.se/lis');
    expect(runs.find((r) => r.text.includes('länk'))?.href).toBeUndefined();
    expect(d.content[1]).toEqual({ t: 'ul', items: [[{ t: 'text', text: 'ett' }], [{ t: 'text', text: 'två' }]] });
    expect(docToHtml(d)).not.toMatch(/<script|onerror|javascript:/i);
  });

  it('never lets script or event attributes reach the HTML or DOCX output', async () => {
    const json = withEvilNarrative();
    const html = (await renderReport(json, 'html')).toString();
    expect(html).not.toMatch(/<script|onerror|onclick|onmouseover|javascript:/i);
    expect(html).toContain('stadens sida');
    const docx = await readZip(await renderReport(json, 'docx'));
    const all = [...docx.values()].map((b) => b.toString('utf8')).join('\n');
    expect(all).not.toMatch(/<script|onerror|onclick|javascript:|alert\(/i);
    expect(docx.get('word/document.xml')!.toString()).toContain('stadens sida');
    expect(docx.get('word/_rels/document.xml.rels')!.toString()).toContain('https://stockholm.se/lis');
  });
});

describe('DOCX', () => {
  it('is a valid zip with the headings in Word heading styles, numbered, and tables with repeating header rows', async () => {
    const json = sampleReportJson();
    const zip = await readZip(await renderReport(json, 'docx'));
    for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml']) expect(zip.has(part), part).toBe(true);
    const xml = zip.get('word/document.xml')!.toString();
    for (const s of json.outline.filter((x) => !x.hidden)) {
      expect(xml).toContain(s.title.replace(/&/g, '&amp;'));
    }
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(xml).toMatch(/<w:numPr>/);
    expect(xml).toMatch(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/);
    expect(xml).toMatch(/TOC \\h \\o &quot;1-3&quot;/);
    expect(xml).toContain('Under registrering');
    expect([...zip.keys()].some((k) => /^word\/media\/.+\.png$/.test(k))).toBe(true);
    const footer = [...zip.entries()].find(([k]) => /word\/footer\d*\.xml/.test(k));
    expect(footer?.[1].toString()).toContain('PAGE');
    // Swedish date on the cover.
    expect(xml).toContain('12 november 2025');
    // Document properties in the report's own words (the docx library would write "Un-named").
    const core = zip.get('docProps/core.xml')!.toString();
    expect(core).toContain('<cp:lastModifiedBy>Tillit</cp:lastModifiedBy>');
    expect(core).not.toContain('Un-named');
  });

  it('opens in LibreOffice and converts to PDF (skipped when LibreOffice is absent)', async (ctx) => {
    if (!has('soffice')) {
      ctx.skip(); // LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui to run this check
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'tillit-docx-'));
    const json = sampleReportJson();
    writeFileSync(join(dir, 'r.docx'), await renderReport(json, 'docx'));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'r.docx')], { timeout: 90_000, stdio: 'ignore' });
    expect(existsSync(join(dir, 'r.pdf'))).toBe(true);
    if (has('pdftotext')) {
      const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-']).toString();
      expect(text).toContain('Väsentlighets- och riskanalys');
      expect(text).toContain(String((json.incidents as { byStatus: Record<string, number> }).byStatus['Under registrering']));
    }
  }, 120_000);
});

describe('labels', () => {
  it('writes stored keys in the users\' words: a risk treatment "overfora" reads Överföra', async () => {
    const json = sampleReportJson();
    (json.risks as { register: { byTreatment: Record<string, number> } }).register.byTreatment = { reducera: 2, overfora: 1 };
    const html = (await renderReport(json, 'html')).toString();
    expect(html).toContain('Överföra');
    expect(html).not.toContain('Overfora');
  });
});

describe('PDF', () => {
  it('embeds DejaVu, carries Swedish text and the figures, and has bookmarks', async () => {
    const json = sampleReportJson();
    const pdf = await renderReport(json, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/\/Outlines/);
    if (!has('pdftotext')) return; // text extraction needs poppler-utils
    const dir = mkdtempSync(join(tmpdir(), 'tillit-pdf-'));
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-']).toString();
    expect(text).toContain('Förbättringsaktiviteter kommande tre år');
    expect(text).toContain('Under åtgärd');
    expect(text).toContain('Exempelförvaltningen');
    const total = (json.incidents as { total: number }).total;
    expect(text).toContain(String(total));
  });
  it('keeps a table whose rows together are taller than a page: no rows dropped (VoR follow-up, nine events)', async (ctx) => {
    if (!has('pdftotext')) {
      ctx.skip(); // text extraction needs poppler-utils
      return;
    }
    const json = sampleReportJson({ vorRows: 9 });
    const long = (i: number) => `Uppföljning ${i + 1}: ` + 'objektspecialisterna vänder sig i första hand till objektledare och objektägare, och ISAM kopplas in bara i särskilda fall. '.repeat(3);
    const risks = json.risks as { vor: Record<string, unknown>[] };
    risks.vor.forEach((r, i) => Object.assign(r, { status: long(i), atgarder: [`Påminn chefer om att kontakta ISAM tidigt inför inköp och upphandling (${i + 1}).`, 'Följ upp systematiskt.'] }));
    const dir = mkdtempSync(join(tmpdir(), 'tillit-pdf-'));
    writeFileSync(join(dir, 'r.pdf'), await renderReport(json, 'pdf'));
    const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain('Åtgärder samt status och uppföljning per oönskad händelse');
    for (let i = 0; i < 9; i++) expect(text).toContain(`Uppföljning ${i + 1}:`);
  });
});

describe('HTML', () => {
  it('compares kinds and categories year on year, every one of either year; a version without the year before shows this year', async () => {
    const json = sampleReportJson();
    const html = (await renderReport(json, 'html')).toString();
    expect(html).toContain('<caption>Incidenter per typ 2025 och 2024</caption>');
    expect(html).toMatch(/<tr><th scope="row">Arbetsmiljö<\/th><td class="num">7<\/td><td class="num">14<\/td><\/tr>/);
    expect(html).toContain('<caption>Incidenter per kategori 2025 och 2024</caption>');
    // Only last year: shown with 0 this year.
    expect(html).toMatch(/<tr><th scope="row">Borttappad dator<\/th><td class="num">0<\/td><td class="num">2<\/td><\/tr>/);
    const inc = json.incidents as Record<string, unknown>;
    const { byKindPreviousYear: _k, byCategoryPreviousYear: _c, ...older } = inc;
    const old = (await renderReport({ ...json, incidents: older } as typeof json, 'html')).toString();
    expect(old).toContain('<caption>Incidenter per kategori</caption>');
    expect(old).not.toContain('Borttappad dator');
  });

  it('is accessible and self-contained', async () => {
    const json = sampleReportJson();
    const html = (await renderReport(json, 'html')).toString();
    expect(html).toMatch(/<html lang="sv">/);
    expect(html).toMatch(/<h1>Ledningens genomgång 2025<\/h1>/);
    expect(html).toMatch(/<th scope="col">/);
    expect(html).toMatch(/<th scope="row">/);
    // An empty first cell (a goal's indicator rows) is a plain cell: an empty row header is none (axe, WCAG 1.3.1).
    const withGoals = { ...json, goals: [{ org: 'F', code: '3.5', title: 'Hög beredskap', status: 'pågår', comment: '', indicators: [{ text: 'Kontinuitetsplaner', status: 'uppfyllt', comment: 'Klart' }] }] };
    const goalsHtml = (await renderReport(withGoals as typeof json, 'html')).toString();
    expect(goalsHtml).toMatch(/<th scope="row">3\.5<\/th>/);
    expect(goalsHtml).toMatch(/<tr><td><\/td><td>Förväntat resultat: Kontinuitetsplaner<\/td>/);
    expect(goalsHtml).not.toMatch(/<th scope="row"><\/th>/);
    expect(html).toMatch(/<caption>/);
    const imgs = [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(imgs.length).toBeGreaterThan(0);
    for (const img of imgs) {
      expect(img).toMatch(/alt="[^"]{20,}"/);
      expect(img).toMatch(/src="data:image\/svg\+xml;base64,/);
    }
    // The status chart's alt text carries the figures.
    const by = (json.incidents as { byStatus: Record<string, number> }).byStatus;
    expect(html).toContain(`Under registrering ${by['Under registrering']}`);
    // The month chart names its two years, in its title and its text alternative.
    const year = Number(json.year);
    expect(html).toContain(`Incidenter per månad, ${year} och ${year - 1}`);
    expect(html).toMatch(new RegExp(`incidenter per månad ${year}: jan \\d+.*\\. ${year - 1}: jan \\d+`));
    expect(html).not.toMatch(/i år och föregående år|Föregående år:/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/<link |@import|url\(/i);
    // Heading hierarchy never skips a level.
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
  });
});

describe('JSON and charts', () => {
  it('JSON carries asOf, outline and provider keys', async () => {
    const json = sampleReportJson();
    const back = JSON.parse((await renderReport(json, 'json')).toString());
    expect(Object.keys(back)).toEqual(expect.arrayContaining(['org', 'year', 'asOf', 'generatedAt', 'outline', 'incidents', 'risks']));
    expect(back.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('renders SVG and PNG charts from the same option builders', () => {
    const json = sampleReportJson();
    const charts = renderCharts(json, { png: true });
    expect(charts.map((c) => c.id).sort()).toEqual(['incidentsByKind', 'incidentsByMonth', 'incidentsByStatus', 'riskMatrix']);
    for (const c of charts) {
      expect(c.svg.startsWith('<svg')).toBe(true);
      expect(c.png!.subarray(1, 4).toString()).toBe('PNG');
    }
    const opt = incidentsByStatusOption(json.incidents as Record<string, unknown>);
    expect(opt.series[0].data).toEqual(INCIDENT_STATUSES.map((s) => (json.incidents as { byStatus: Record<string, number> }).byStatus[s]));
    const vor = (json.risks as { vor: { sannolikhet: number; konsekvens: number }[] }).vor;
    const { cells } = riskMatrixCells(json.risks as Record<string, unknown>);
    expect(cells.reduce((n, [, , c]) => n + c, 0)).toBe(vor.length);
    const [k, s] = [vor[0].konsekvens - 1, vor[0].sannolikhet - 1];
    expect(cells.find(([x, y]) => x === k && y === s)![2]).toBe(vor.filter((v) => v.konsekvens - 1 === k && v.sannolikhet - 1 === s).length);
  });
});

async function templateDocx(lines: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  return Packer.toBuffer(doc);
}

describe('own DOCX template', () => {
  it('renders a valid template with loops and chart images', async () => {
    const json = sampleReportJson();
    const t = await templateDocx(['{org.name} {year} per {asOfText}', '{FOR s IN sections}', '{$s.heading}', '{END-FOR s}', 'Totalt {incidents.total}', '{IMAGE charts.incidentsByStatus}']);
    const check = await checkTemplate(t, json);
    expect(check.problems).toEqual([]);
    const out = await readZip(await renderTemplate(t, json));
    const xml = out.get('word/document.xml')!.toString().match(/<w:t[^>]*>[^<]*<\/w:t>/g)!.map((t) => t.replace(/<[^>]+>/g, '')).join('');
    expect(xml).toContain('Exempelförvaltningen 2025 per 12 november 2025');
    expect(xml).toContain(`${json.outline[0].number} ${json.outline[0].title}`);
    expect(xml).toContain(`Totalt ${(json.incidents as { total: number }).total}`);
    expect([...out.keys()].some((k) => k.startsWith('word/media/'))).toBe(true);
  });

  it('writes report data as text, never as Word XML (no field injected through "||…||")', async () => {
    const json = sampleReportJson();
    const evil = 'Text ||</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDEPICTURE "http://attacker.example/x.png" </w:instrText></w:r>||';
    (json.org as { name: string }).name = evil;
    const out = await readZip(await renderTemplate(await templateDocx(['{org.name}']), json));
    const xml = out.get('word/document.xml')!.toString();
    expect(xml).not.toContain('<w:fldChar');
    expect(xml).not.toContain('<w:instrText');
    expect(xml).toContain('INCLUDEPICTURE'); // as text, escaped
  });

  it('lists every broken placeholder', async () => {
    const t = await templateDocx(['{FOR s IN sections}', '{$s.heading}', '{EXEC require("fs")}', '{incidents.total + process.exit()}']);
    const { problems } = await checkTemplate(t, sampleReportJson());
    const placeholders = problems.map((p) => p.placeholder);
    expect(placeholders).toContain('{EXEC require("fs")}');
    expect(placeholders).toContain('{incidents.total + process.exit()}');
    expect(placeholders).toContain('{FOR s IN sections}');
    const unknown = await checkTemplate(await templateDocx(['{org.finnsInte}']), sampleReportJson());
    expect(unknown.problems.length).toBe(1);
    const notDocx = await checkTemplate(Buffer.from('hello'), sampleReportJson());
    expect(notDocx.problems[0].message_en).toMatch(/not a Word document/);
  });
});

// Keep the file self-checking: the seeds' status names are what the charts use.
it('uses the six IA statuses', () => {
  expect(INCIDENT_STATUSES).toHaveLength(6);
  expect(readFileSync(new URL('./chart-options.ts', import.meta.url), 'utf8')).toContain('Förfallen');
});

describe('PDF headings', () => {
  const at = (verticalRatio: number, more: Partial<PageNode> = {}): PageNode => ({ startPosition: { verticalRatio }, ...more });
  const page = (following: PageNode[], next: PageNode[]) => ({ getFollowingNodesOnPage: () => following, getNodesOnNextPage: () => next });
  const footer = at(0.9, { style: 'footer' });
  const text = at(0.2);
  it('move to the next page when nothing of their section follows them on theirs, or they start in its last seventh', () => {
    // Last on the page but for the footer and another heading: moves, with its text on the next page.
    expect(headingToNextPage(at(0.95, { headlineLevel: 2 }), page([at(0.97, { headlineLevel: 3 }), footer], [text]))).toBe(true);
    // Low on the page with a line of its text: moves.
    expect(headingToNextPage(at(0.9, { headlineLevel: 2 }), page([at(0.93), footer], [text]))).toBe(true);
    // Higher up with its text: stays.
    expect(headingToNextPage(at(0.5, { headlineLevel: 2 }), page([at(0.53), footer], [text]))).toBe(false);
    // A section without content before the next chapter (which starts a page): stays.
    expect(headingToNextPage(at(0.95, { headlineLevel: 2 }), page([footer], [at(0.05, { headlineLevel: 1, pageBreak: 'before' })]))).toBe(false);
    // Not a heading: never.
    expect(headingToNextPage(at(0.99), page([footer], [text]))).toBe(false);
  });
});
