import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { loadConfig } from '../../server/platform/config';
import { lastYear } from '../../server/platform/time';
import { Client, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { providers } from './build';
import { approvedFile } from './workflow';
import { readZip } from './zip';

let t: TestServer;
let isam: Client;
let chef: Client;
let reader: Client;
let otherIsam: Client;
let reportId: string;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const EVIL = '<h2>Rubrik</h2><p>Text <img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:x()">klick</a></p>';

async function bytes(c: Client, path: string) {
  const res = await fetch(c.base + path, { headers: { cookie: c.cookie! } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}
async function upload(c: Client, path: string, body: Buffer, type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') {
  const res = await fetch(c.base + path, { method: 'POST', body: new Uint8Array(body), headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': type } });
  return { status: res.status, body: await res.json() };
}
const template = async (lines: string[]) => Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] }));

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['forv-b', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam.a@test.se', 'isam', 'forv-a');
  chef = await userWithRole(t, 'chef.a@test.se', 'forvaltningschef', 'forv-a');
  reader = await userWithRole(t, 'lasare.a@test.se', 'lasare', 'forv-a');
  otherIsam = await userWithRole(t, 'isam.b@test.se', 'isam', 'forv-b');
}, 120_000);
afterAll(() => t?.close());

describe('report model and outline', () => {
  it('creates one report per org and year from the default outline', async () => {
    const r = await isam.post('/api/reports', { org: 'forv-a', year: 2025 });
    expect(r.status).toBe(201);
    reportId = r.body.id;
    expect(r.body.status).toBe('utkast');
    const titles = r.body.outline.filter((s: { level: number }) => s.level === 1).map((s: { title: string }) => s.title);
    expect(titles[0]).toMatch(/Sammanfattning/);
    expect(titles.at(-1)).toBe('Förkortningar och begrepp');
    expect(r.body.outline.find((s: { provider?: string }) => s.provider === 'incidents')?.number).toMatch(/^4\.\d$/);
    expect((await isam.post('/api/reports', { org: 'forv-a', year: 2025 })).status).toBe(409);
    expect((await chef.post('/api/reports', { org: 'forv-a', year: 2024 })).status).toBe(403);
    expect((await isam.post('/api/reports', { org: 'finns-inte', year: 2025 })).status).toBe(404);
    const bad = await isam.post('/api/reports', { org: 'forv-a', year: 1999 });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('year');
  });

  it('lists the years that have a report, without a 404 for those that do not', async () => {
    const years = await reader.get('/api/report-years?org=forv-a');
    expect(years.status).toBe(200);
    expect(years.body).toEqual([{ year: 2025, id: reportId, status: 'utkast' }]);
    expect((await reader.get('/api/report-years?org=forv-b')).status).toBe(404);
    expect((await isam.get('/api/report-years?org=finns-inte')).status).toBe(404);
  });

  it('hides the report from other förvaltningar (404)', async () => {
    expect((await otherIsam.get(`/api/reports/${reportId}`)).status).toBe(404);
    expect((await otherIsam.get('/api/reports?org=forv-a&year=2025')).status).toBe(404);
    expect((await otherIsam.get('/api/report-years?org=forv-a')).status).toBe(404);
    expect((await reader.get(`/api/reports/${reportId}`)).status).toBe(200);
  });

  it('reorders, renames, adds and hides sections; sanitizes narrative; refuses a stale version', async () => {
    const cur = (await isam.get(`/api/reports/${reportId}`)).body;
    const outline = cur.outline.map(({ number: _n, ...s }: Record<string, unknown>) => s);
    const [first, second, ...rest] = outline;
    const next = [
      { ...second, title: 'Omvärld och hot' },
      { ...first, narrativeHtml: EVIL, narrative: undefined },
      { id: 'ny-sektion', level: 2, title: 'Ny underrubrik', tables: [{ id: 't1', caption: 'Manuell tabell', columns: ['Område', 'Nivå'], rows: [['Kompetens', '3']] }] },
      ...rest.map((s: { id: string }) => (s.id === 'omvarld' ? s : s.id === 'mognad' ? { ...s, hidden: true } : s)),
    ];
    const r = await isam.patch(`/api/reports/${reportId}`, { version: cur.version, outline: next });
    expect(r.status).toBe(200);
    expect(r.body.outline[0]).toMatchObject({ title: 'Omvärld och hot', number: '1' });
    expect(r.body.outline[1].number).toBe('2');
    expect(r.body.outline[2]).toMatchObject({ id: 'ny-sektion', number: '2.1' });
    expect(r.body.outline.find((s: { id: string }) => s.id === 'mognad')).toMatchObject({ hidden: true, number: null });
    const stored = JSON.stringify(r.body.outline[1].narrative);
    expect(stored).toContain('Rubrik');
    expect(stored).not.toMatch(/script|onerror|javascript|alert/);
    const stale = await isam.patch(`/api/reports/${reportId}`, { version: cur.version, outline: next });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    const jump = await isam.patch(`/api/reports/${reportId}`, { version: r.body.version, outline: [{ level: 1, title: 'A' }, { level: 3, title: 'B' }] });
    expect(jump.status).toBe(400);
    expect(jump.body.field).toBe('outline.1.level');
  });

  it('edits one section and keeps sanitized HTML out of the HTML and DOCX outputs', async () => {
    const cur = (await isam.get(`/api/reports/${reportId}`)).body;
    const r = await isam.patch(`/api/reports/${reportId}/sections/sammanfattning`, { version: cur.version, narrativeHtml: '<p>Förvaltningen har en <strong>lokal anvisning</strong> fastställd 2023-03-24.</p>' + EVIL });
    expect(r.status).toBe(200);
    const html = await bytes(isam, `/api/reports/${reportId}/render?format=html`);
    expect(html.status).toBe(200);
    const text = html.body.toString();
    expect(text).toContain('lokal anvisning');
    expect(text).not.toMatch(/<script|onerror|javascript:/i);
    // Opened from Tillit it is styled: its own policy names its one inline style by hash, and allows no script.
    const csp = html.headers.get('content-security-policy') ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(text)![1];
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    const docx = await bytes(isam, `/api/reports/${reportId}/render?format=docx`);
    const xml = (await readZip(docx.body)).get('word/document.xml')!.toString();
    expect(xml).toContain('lokal anvisning');
    expect(xml).not.toMatch(/script|onerror|javascript/i);
    expect((await reader.patch(`/api/reports/${reportId}/sections/sammanfattning`, { version: r.body.version, title: 'X' })).status).toBe(403);
    expect((await isam.patch(`/api/reports/${reportId}/sections/finns-ej`, { version: r.body.version, title: 'X' })).status).toBe(404);
  });

  it('refuses a section over 20,000 characters and a report over 100,000, naming the section, and keeps what was there', async () => {
    const cur = (await isam.get(`/api/reports/${reportId}`)).body;
    const para = (n: number) => ({ t: 'p', c: [{ t: 'text', text: 'x'.repeat(n) }] });
    const long = await isam.patch(`/api/reports/${reportId}/sections/sammanfattning`, { version: cur.version, narrative: { type: 'doc', content: [para(15_000), para(6_000)] } });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'text_too_long', field: 'narrative' });
    expect(long.body.detail_sv).toMatch(/^Avsnittet ".+" har 21\u00a0001 tecken text; ett avsnitt rymmer högst 20\u00a0000\./);
    const after = (await isam.get(`/api/reports/${reportId}`)).body;
    expect(after.version).toBe(cur.version);
    expect(JSON.stringify(after.outline)).toContain('lokal anvisning');
    // Twenty sections may each hold less, but not more than 100,000 together.
    const outline = cur.outline.map((s: { id: string; level: number; title: string; provider?: string | null; hidden: boolean }, i: number) => ({
      id: s.id, level: s.level, title: s.title, provider: s.provider ?? null, hidden: s.hidden,
      ...(i < 6 ? { narrative: { type: 'doc', content: [para(18_000)] } } : {}),
    }));
    expect(cur.outline.length).toBeGreaterThanOrEqual(6);
    const total = await isam.patch(`/api/reports/${reportId}`, { version: cur.version, outline });
    expect(total.status).toBe(400);
    expect(total.body.detail_sv).toMatch(/^Rapportens text blir 10[89]\u00a0\d{3} tecken; en rapport rymmer högst 100\u00a0000/);
    expect((await isam.get(`/api/reports/${reportId}`)).body.version).toBe(cur.version);
  });

  it('JSON render has asOf and one key per registered provider', async () => {
    const r = await isam.get(`/api/reports/${reportId}/render?format=json&asOf=2025-11-12`);
    expect(r.status).toBe(200);
    expect(r.body.asOf).toBe('2025-11-12');
    for (const p of await providers()) expect(r.body).toHaveProperty(p.key);
    expect((await isam.get(`/api/reports/${reportId}/render?format=json&asOf=2025-13-40`)).status).toBe(400);
    const early = await isam.get(`/api/reports/${reportId}/render?format=json&asOf=2024-12-31`);
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ code: 'as_of_before_year', field: 'asOf' });
  });

  it('takes comments from reviewers, per section', async () => {
    expect((await chef.post(`/api/reports/${reportId}/comments`, { sectionId: 'sammanfattning', body: 'Lägg till budgeten.' })).status).toBe(201);
    expect((await reader.post(`/api/reports/${reportId}/comments`, { sectionId: 'sammanfattning', body: 'Hej' })).status).toBe(403);
    const bad = await chef.post(`/api/reports/${reportId}/comments`, { sectionId: 'finns-ej', body: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('sectionId');
    const list = await isam.get(`/api/reports/${reportId}/comments`);
    expect(list.body).toEqual([expect.objectContaining({ sectionId: 'sammanfattning', body: 'Lägg till budgeten.', author: 'chef.a@test.se' })]);
  });
});

describe('workflow and frozen versions', () => {
  let approved: { docxSha256: string; pdfSha256: string; revision: number };

  it('Utkast → Under granskning → Godkänd, only by the förvaltningschef, once', async () => {
    let cur = (await isam.get(`/api/reports/${reportId}`)).body;
    const early = await chef.post(`/api/reports/${reportId}/approve`, { version: cur.version });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('invalid_transition');
    const sub = await isam.post(`/api/reports/${reportId}/submit`, { version: cur.version });
    expect(sub.status).toBe(200);
    expect(sub.body.status).toBe('under_granskning');
    cur = sub.body;
    expect((await isam.post(`/api/reports/${reportId}/approve`, { version: cur.version })).status).toBe(403);
    expect((await reader.post(`/api/reports/${reportId}/approve`, { version: cur.version })).status).toBe(403);
    // ISO 27001 9.3.2: (a) has no activities and (b) omvärld and (c) budget have no text yet (mognad under budget is hidden).
    const iso = await reader.get(`/api/reports/${reportId}/iso93`);
    expect(iso.status).toBe(200);
    expect(iso.body.uncovered).toEqual(expect.arrayContaining(['a', 'b', 'c']));
    const refused = await chef.post(`/api/reports/${reportId}/approve`, { version: cur.version });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('iso93_uncovered');
    expect(refused.body.uncovered).toEqual(iso.body.uncovered);
    for (const k of iso.body.uncovered) expect(refused.body.detail_sv).toContain(`(${k})`);
    expect((await chef.get(`/api/reports/${reportId}`)).body.status).toBe('under_granskning');
    // Text in omvärld covers (b); the rest is marked not applicable, with a reason, in the year's review record.
    const back = await isam.post(`/api/reports/${reportId}/return`, { version: cur.version });
    const txt = await isam.patch(`/api/reports/${reportId}/sections/omvarld`, { version: back.body.version, narrativeHtml: '<p>Cybersäkerhetslagen träder i kraft.</p>' });
    const afterText = (await reader.get(`/api/reports/${reportId}/iso93`)).body;
    expect(afterText.uncovered).not.toContain('b');
    expect(afterText.inputs.find((i: { key: string }) => i.key === 'b').coveredBy).toEqual(['omvarld']);
    expect(afterText.uncovered).toEqual(iso.body.uncovered.filter((k: string) => k !== 'b'));
    const review = await isam.post('/api/reviews', { org: 'forv-a', year: 2025 });
    const marks = Object.fromEntries(afterText.uncovered.map((k: string) => [k, { notApplicable: true, reason: `Inget underlag för (${k}) i år` }]));
    expect((await isam.patch(`/api/reviews/${review.body.id}`, { version: review.body.version, inputs: marks })).status).toBe(200);
    expect((await reader.get(`/api/reports/${reportId}/iso93`)).body).toMatchObject({ uncovered: [], complete: true });
    cur = (await isam.post(`/api/reports/${reportId}/submit`, { version: txt.body.version })).body;
    const ok = await chef.post(`/api/reports/${reportId}/approve`, { version: cur.version });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('godkand');
    expect(ok.body.approvedVersion.approvedBy).toBe('chef.a@test.se');
    approved = ok.body.approvedVersion;
    const twice = await chef.post(`/api/reports/${reportId}/approve`, { version: ok.body.version });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already_approved');
    const edit = await isam.patch(`/api/reports/${reportId}/sections/sammanfattning`, { version: ok.body.version, title: 'Ändrad' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('report_frozen');
    const audit = await rawSql<{ action: string }>(t, `select action from audit_log where entity_type = 'report' and entity_id = '${reportId}' order by seq`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['report.create', 'report.update', 'report.section.update', 'report.comment', 'report.submit', 'report.approve']));
  });

  it('stores DOCX and PDF immutably with SHA-256 matching the bytes', async () => {
    const versions = await reader.get(`/api/reports/${reportId}/versions`);
    expect(versions.body).toHaveLength(1);
    expect(versions.body[0]).toMatchObject({ revision: 1, docxSha256: approved.docxSha256, pdfSha256: approved.pdfSha256 });
    const docx = await bytes(reader, `/api/reports/${reportId}/versions/1/file?format=docx`);
    expect(sha(docx.body)).toBe(approved.docxSha256);
    const pdf = await bytes(reader, `/api/reports/${reportId}/render?format=pdf`);
    expect(sha(pdf.body)).toBe(approved.pdfSha256);
    expect(pdf.headers.get('x-content-sha256')).toBe(approved.pdfSha256);
    const xml = (await readZip(docx.body)).get('word/document.xml')!.toString();
    expect(xml).toContain('Godkänd av chef.a@test.se');
    // The frozen JSON's iso93 section shows the report's own coverage: (b) by the omvärld chapter, the rest N/A.
    // Today's figures of an approved report (an as-of date asked for) are not the approved version and do not say so.
    expect((await reader.get(`/api/reports/${reportId}/render?format=json`)).body.status).toBe('godkand');
    const live = await reader.get(`/api/reports/${reportId}/render?format=json&asOf=2025-11-12`);
    expect(live.body.status).toBe('aktuell');
    expect(live.body.approval ?? null).toBeNull();
    const liveHtml = await bytes(reader, `/api/reports/${reportId}/render?format=html&asOf=2025-11-12`);
    expect(liveHtml.body.toString()).toContain('Status: <span class="status">Aktuella siffror, inte den godkända versionen</span>');
    const frozen = await reader.get(`/api/reports/${reportId}/versions/1/file?format=json`);
    expect(frozen.body.iso93.uncovered).toEqual([]);
    expect(frozen.body.iso93.inputs.b.sections).toEqual([expect.stringContaining('Omvärld')]);
    await expect(rawSql(t, `update report_versions set docx_sha256 = 'x' where report_id = '${reportId}'`)).rejects.toThrow();
    await expect(rawSql(t, `delete from report_versions where report_id = '${reportId}'`)).rejects.toThrow();
    const again = await bytes(reader, `/api/reports/${reportId}/versions/1/file?format=docx`);
    expect(sha(again.body)).toBe(approved.docxSha256);
  });

  it('a new draft is revision 2; versions compare side by side', async () => {
    const cur = (await isam.get(`/api/reports/${reportId}`)).body;
    const d = await isam.post(`/api/reports/${reportId}/new-draft`, { version: cur.version });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ status: 'utkast', revision: 2 });
    const e = await isam.patch(`/api/reports/${reportId}/sections/sammanfattning`, { version: d.body.version, narrativeHtml: '<p>Helt ny sammanfattning.</p>' });
    expect(e.status).toBe(200);
    const cmp = await reader.get(`/api/reports/${reportId}/compare?a=1&b=current`);
    expect(cmp.status).toBe(200);
    const s = cmp.body.sections.find((x: { id: string }) => x.id === 'sammanfattning');
    expect(s.changed).toBe(true);
    expect(s.diff).toEqual(expect.arrayContaining([{ op: '+', text: 'Helt ny sammanfattning.' }, expect.objectContaining({ op: '-' })]));
    expect(cmp.body.sections.find((x: { id: string }) => x.id === 'plan').changed).toBe(false);
    expect(Array.isArray(cmp.body.figures)).toBe(true);
    expect((await reader.get(`/api/reports/${reportId}/compare?a=9&b=current`)).status).toBe(404);
    // With revision 2 a draft, the approved file (tillit report management-review --approved) is still revision 1's, byte for byte.
    const file = await approvedFile(t.ctx, 'forv-a', 2025, 'pdf');
    expect(file.version).toMatchObject({ revision: 1, approvedBy: 'chef.a@test.se' });
    expect(sha(file.body)).toBe(approved.pdfSha256);
    // Another förvaltning's report for the year exists but is not approved: said, with its status.
    expect((await otherIsam.post('/api/reports', { org: 'forv-b', year: 2025 })).status).toBe(201);
    await expect(approvedFile(t.ctx, 'forv-b', 2025, 'docx')).rejects.toMatchObject({
      status: 404,
      msg: { sv: 'Rapporten för FORV-B år 2025 har ingen godkänd version än (status: Utkast).', en: 'The report for FORV-B for 2025 has no approved version yet (status: draft).' },
    });
  });

  it('carries last year’s approved report forward into next year', async () => {
    const r = await isam.post('/api/reports', { org: 'forv-a', year: 2026 });
    expect(r.status).toBe(201);
    const versions = await reader.get(`/api/reports/${reportId}/versions`);
    expect(r.body.carriedFromVersionId).toBe(versions.body[0].id);
    expect(r.body.outline.map((s: { id: string }) => s.id)).toContain('ny-sektion');
    expect(JSON.stringify(r.body.outline.find((s: { id: string }) => s.id === 'sammanfattning').narrative)).toContain('lokal anvisning');
    const fresh = await otherIsam.post('/api/reports', { org: 'forv-b', year: 2026 });
    expect(fresh.body.carriedFromVersionId).toBeNull();
  });
});

describe('own templates', () => {
  it('rejects broken placeholders with 422 listing each, accepts a valid one, checks type and permission', async () => {
    const broken = await upload(isam, '/api/report-templates?org=forv-a&name=Trasig', await template(['{FOR r IN sections}', '{org.finnsInte}', '{EXEC process.exit()}']));
    expect(broken.status).toBe(422);
    const fields = broken.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['{FOR r IN sections}', '{EXEC process.exit()}']));
    expect(broken.body.problems.length).toBeGreaterThanOrEqual(2);
    const good = await upload(isam, '/api/report-templates?org=forv-a&name=Stadens%20mall', await template(['{org.name} {year}', '{FOR s IN sections}', '{$s.heading}', '{END-FOR s}', '{IMAGE charts.riskMatrix}']));
    expect(good.status).toBe(201);
    expect((await upload(isam, '/api/report-templates?org=forv-a&name=X', Buffer.from('hej'), 'text/plain')).status).toBe(415);
    expect((await upload(chef, '/api/report-templates?org=forv-a&name=X', await template(['{year}']))).status).toBe(403);
    // Outside one's scope an organisation's templates answer as if it did not exist.
    for (const org of ['forv-a', 'finns-inte']) {
      expect((await otherIsam.get(`/api/report-templates?org=${org}`)).status).toBe(404);
      expect((await upload(otherIsam, `/api/report-templates?org=${org}&name=X`, await template(['{year}']))).status).toBe(404);
    }
    const docx = await bytes(isam, `/api/reports/${reportId}/render?format=docx&template=${good.body.id}`);
    expect(docx.status).toBe(200);
    const texts = (await readZip(docx.body)).get('word/document.xml')!.toString().match(/<w:t[^>]*>[^<]*<\/w:t>/g)!.map((x) => x.replace(/<[^>]+>/g, '')).join('');
    expect(texts).toContain('FORV-A 2025');
  });
});

describe('city rollup', () => {
  it('lists the förvaltningar under the city with totals', async () => {
    const admin = await userWithRole(t, 'slk@test.se', 'lasare', 'stad');
    const editor = await userWithRole(t, 'isam.stad@test.se', 'isam', 'stad');
    const r = await editor.post('/api/reports', { org: 'stad', year: 2025 });
    expect(r.status).toBe(201);
    expect(r.body.outline.some((s: { provider?: string }) => s.provider === 'rollup')).toBe(true);
    const json = await admin.get(`/api/reports/${r.body.id}/render?format=json`);
    expect(json.body.rollup.forvaltningar.map((f: { slug: string }) => f.slug).sort()).toEqual(['forv-a', 'forv-b']);
    const sum = json.body.rollup.forvaltningar.reduce((n: number, f: { incidents: { total: number } | null }) => n + (f.incidents?.total ?? 0), 0);
    expect(json.body.rollup.totals.incidents).toBe(sum);
  });

  it('gives incidents registered on the city itself their own row, so the rollup total is the city total', async () => {
    const editor = await userWithRole(t, 'isam.stad2@test.se', 'isam', 'stad');
    const made = await editor.post('/api/incidents', { org: 'stad', title: 'Stadsövergripande', reportedAt: '2025-06-10T10:00', kind: 'Personuppgiftsincident', personalData: 'ja' });
    expect(made.status).toBe(201);
    const r = await editor.post('/api/reports', { org: 'stad', year: 2025 });
    const json = (await editor.get(`/api/reports/${r.body.id ?? r.body.report?.id}/render?format=json`)).body;
    const own = json.rollup.forvaltningar.find((f: { slug: string }) => f.slug === 'stad');
    expect(own.incidents).toMatchObject({ total: 1, personalData: 1 });
    expect(json.rollup.totals.incidents).toBe(json.incidents.total);
    expect(json.rollup.totals.personalData).toBe(json.incidents.personalData);
    expect(json.rollup.totals.previousYearTotal).toBe(json.incidents.previousYearTotal);
  });
});

describe('CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tillit-cli-'));
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const config = { ...loadConfig({ NODE_ENV: 'test' }), dataDir: join(dir, 'data'), databaseUrl: undefined };
    const code = await main(args, { config, log: pino({ level: 'silent' }), out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('names an unknown organisation and an invalid year in Swedish and English', async () => {
    const unknown = await run(['report', 'management-review', '--org', 'finns-inte', '--year', '2025', '--format', 'json', '--out', join(dir, 'x.json')]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('fel: organisationen "finns-inte" finns inte');
    expect(unknown.err).toContain('error: organisation "finns-inte" does not exist');
    const year = await run(['report', 'management-review', '--org', 'forv-a', '--year', '20x5', '--format', 'json', '--out', join(dir, 'x.json')]);
    expect(year.code).toBe(2);
    expect(year.err).toContain('fel: Ogiltigt år för --year: "20x5" är inget årtal (ÅÅÅÅ)');
    expect(year.err).toContain('error: Invalid year for --year: "20x5" is not a year (YYYY)');
    // A year beyond next year (Stockholm) or before 2000 is refused before the database opens: what, where, the range.
    const next = lastYear();
    for (const y of ['2099', String(next + 1), '1999']) {
      const r = await run(['report', 'management-review', '--org', 'forv-a', '--year', y, '--format', 'json', '--out', join(dir, 'x.json')]);
      expect(r.code, y).toBe(2);
      expect(r.err.split('\n')).toEqual([
        `fel: Ogiltigt år för --year: år ${y} ligger utanför de tillåtna åren 2000–${next} (tidigast 2000, senast nästa år). (fält/field: --year)`,
        `error: Invalid year for --year: the year ${y} is outside the years allowed, 2000–${next} (2000 at the earliest, next year at the latest).`,
      ]);
    }
    const early = await run(['report', 'management-review', '--org', 'forv-a', '--year', '2025', '--format', 'json', '--out', join(dir, 'x.json'), '--as-of', '2024-01-01']);
    expect(early.code).toBe(2);
    expect(early.err).toContain('fel: Rapportdagen 2024-01-01 ligger före år 2025: ange ett datum från 2025-01-01.');
    expect(early.err).toContain('error: The report date 2024-01-01 is before the year 2025: give a date from 2025-01-01 on.');
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
    // --approved takes the stored version as it was approved: no as-of date beside it.
    const both = await run(['report', 'management-review', '--org', 'forv-a', '--year', '2025', '--format', 'pdf', '--out', join(dir, 'x.pdf'), '--approved', '--as-of', '2025-11-12']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('fel: --approved och --as-of går inte ihop');
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    const fmt = await run(['report', 'management-review', '--org', 'forv-a', '--year', '2025', '--format', 'odt', '--out', join(dir, 'x')]);
    expect(fmt.code).not.toBe(0);
    expect(fmt.err).toContain('odt');
  }, 180_000);

  it('writes the report for an existing org', async () => {
    expect((await run(['org', 'add', 'cli-forv', 'CLI-förvaltningen', '--type', 'forvaltning'])).code).toBe(0);
    const r = await run(['report', 'management-review', '--org', 'cli-forv', '--year', '2025', '--format', 'json', '--out', join(dir, 'r.json'), '--as-of', '2025-11-12']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(json).toMatchObject({ year: 2025, asOf: '2025-11-12', org: { slug: 'cli-forv', name: 'CLI-förvaltningen' } });
    // Next year, the latest allowed, is written too (figures as of today: none yet).
    const next = await run(['report', 'management-review', '--org', 'cli-forv', '--year', String(lastYear()), '--format', 'json', '--out', join(dir, 'next.json')]);
    expect(next.err).toBe('');
    expect(next.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'next.json'), 'utf8'))).toMatchObject({ year: lastYear() });
    // The approved version of a year without a report: said, and nothing written.
    const none = await run(['report', 'management-review', '--org', 'cli-forv', '--year', '2025', '--format', 'docx', '--out', join(dir, 'g.docx'), '--approved']);
    expect(none.code).not.toBe(0);
    expect(none.err).toContain('Det finns ingen rapport för CLI-förvaltningen år 2025.');
    expect(existsSync(join(dir, 'g.docx'))).toBe(false);
  }, 180_000);
});
