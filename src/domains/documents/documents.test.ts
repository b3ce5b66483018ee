import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Document as Docx, Packer, Paragraph } from 'docx';
import { sql } from 'drizzle-orm';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { MAX_DOCUMENT_BYTES } from './filetype';
import { findOrg } from '../org/service';
import { sectionBlocks, type FigureBlock } from '../reports/blocks';
import type { ReportJson } from '../reports/build';
import type { Section } from '../reports/outline';
import { sectionProviders } from './report';

let t: TestServer;
let isam: Client;
let employee: Client;
let outsider: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [
    ['stad', 'stad'],
    ['forv-a', 'forvaltning', 'stad'],
    ['enh-a1', 'enhet', 'forv-a'],
    ['forv-b', 'forvaltning', 'stad'],
  ]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  employee = await userWithRole(t, 'medarbetare@test.se', 'medarbetare', 'enh-a1');
  outsider = await userWithRole(t, 'medarbetare-b@test.se', 'medarbetare', 'forv-b');
});
afterAll(() => t.close());

async function upload(c: Client, id: string, version: number, name: string, data: Buffer | Uint8Array) {
  const res = await fetch(`${t.url}/api/documents/${id}/file?name=${encodeURIComponent(name)}&version=${version}`, {
    method: 'PUT',
    headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(data),
  });
  return { status: res.status, body: await res.json() };
}
const create = async (body: Record<string, unknown>) => (await isam.post('/api/documents', { org: 'forv-a', ...body })).body;
const auditCount = async (action: string) => {
  const r = await t.database.db.execute(sql`select count(*)::int as n from audit_log where action = ${action}`);
  return Number(((r as { rows?: { n: number }[] }).rows ?? (r as unknown as { n: number }[]))[0].n);
};

describe('styrdokument', () => {
  it('registers a lokal anvisning with adoption date and decision, updates it with a version, audits', async () => {
    const d = await create({ type: 'lokal anvisning', title: 'Lokal anvisning för informationssäkerhet', adoptedOn: '2023-03-24', decisionRef: 'Beslut av direktör', nextReviewOn: '2099-01-01', owner: 'ISAM', docVersion: '2.0' });
    expect(d.adoptedOn).toBe('2023-03-24');
    expect(d.reviewOverdue).toBe(false);
    const u = await isam.patch(`/api/documents/${d.id}`, { version: d.version, docVersion: '2.1' });
    expect(u.status).toBe(200);
    expect((await isam.patch(`/api/documents/${d.id}`, { version: d.version, docVersion: '2.2' })).status).toBe(409);
    expect(await auditCount('document.update')).toBe(1);
    expect((await employee.post('/api/documents', { org: 'forv-a', type: 'rutin', title: 'x' })).status).toBe(403);
  });

  it('refuses an adoption date after today and a next review not after the adoption, naming the field, writing nothing', async () => {
    const created = await auditCount('document.create');
    let r = await isam.post('/api/documents', { org: 'forv-a', type: 'lokal anvisning', title: 'Framtida anvisning', adoptedOn: '2999-01-01' });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'adopted_in_future', field: 'adoptedOn' });
    expect(JSON.stringify(r.body)).toContain('Fastställd (2999-01-01)');
    r = await isam.post('/api/documents', { org: 'forv-a', type: 'rutin', title: 'Baklänges', adoptedOn: '2024-05-01', nextReviewOn: '2024-05-01' });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'next_review_not_after_adopted', field: 'nextReviewOn' });
    expect(await auditCount('document.create')).toBe(created);

    const d = await create({ type: 'rutin', title: 'Rutin med datum', adoptedOn: '2024-05-01', nextReviewOn: '2099-05-01' });
    const updated = await auditCount('document.update');
    r = await isam.patch(`/api/documents/${d.id}`, { version: d.version, nextReviewOn: '2023-01-01' });
    expect(r.status).toBe(422);
    expect(r.body.field).toBe('nextReviewOn');
    r = await isam.patch(`/api/documents/${d.id}`, { version: d.version, adoptedOn: '2999-01-01', nextReviewOn: null });
    expect(r.status).toBe(422);
    expect(r.body.field).toBe('adoptedOn');
    expect(await auditCount('document.update')).toBe(updated);
    expect((await isam.get(`/api/documents/${d.id}`)).body).toMatchObject({ adoptedOn: '2024-05-01', nextReviewOn: '2099-05-01', version: d.version });
    // Other fields of a record stay editable, and a date that is in order is taken.
    expect((await isam.patch(`/api/documents/${d.id}`, { version: d.version, title: 'Rutin med datum, rev' })).status).toBe(200);
  });

  it('stores pdf, docx, xlsx and txt judged by their bytes, and gives the file back', async () => {
    const d = await create({ type: 'rutin', title: 'Rutin för filer' });
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    let r = await upload(isam, d.id, d.version, 'rutin.pdf', pdf);
    expect(r.status).toBe(200);
    expect(r.body.file).toMatchObject({ kind: 'pdf', size: pdf.length, name: 'rutin.pdf' });
    const docx = await Packer.toBuffer(new Docx({ sections: [{ children: [new Paragraph('Hej')] }] }));
    r = await upload(isam, d.id, r.body.version, 'rutin.docx', docx);
    expect(r.status).toBe(200);
    expect(r.body.file.kind).toBe('docx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').addRow(['x']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    r = await upload(isam, d.id, r.body.version, 'mall.xlsx', xlsx);
    expect(r.status).toBe(200);
    expect(r.body.file.kind).toBe('xlsx');
    const back = await fetch(`${t.url}/api/documents/${d.id}/file`, { headers: { cookie: employee.cookie! } });
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer()).equals(xlsx)).toBe(true);
  });

  it('refuses a wrong type with 415 and an oversized file with 413, naming the file, writing nothing', async () => {
    const d = await create({ type: 'mall', title: 'Mall som inte får fil' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const wrong = await upload(isam, d.id, d.version, 'bild.pdf', png);
    expect(wrong.status).toBe(415);
    expect(wrong.body.field).toBe('file');
    const mismatch = await upload(isam, d.id, d.version, 'text.pdf', Buffer.from('bara text'));
    expect(mismatch.status).toBe(415);
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x61);
    const tooBig = await upload(isam, d.id, d.version, 'stor.txt', big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.field).toBe('file');
    const after = (await isam.get(`/api/documents/${d.id}`)).body;
    expect(after.file).toBeNull();
    expect(after.version).toBe(d.version);
  });

  it('lets every employee find documents by a Swedish word, inflected forms and compound prefixes included', async () => {
    const d = await create({ type: 'rutin', title: 'Rutin för incidentrapportering', description: 'Hur en avvikelse rapporteras i IA' });
    await create({ type: 'hanteringsanvisning', title: 'Hanteringsanvisning för kamerabevakning' });
    const txt = await create({ type: 'guide', title: 'Guide utan ord i titeln' });
    const body = Buffer.from('Säkra meddelanden används när personuppgifter skickas till externa mottagare.', 'utf8');
    expect((await upload(isam, txt.id, txt.version, 'guide.txt', body)).status).toBe(200);

    const plural = await employee.get(`/api/documents?q=${encodeURIComponent('rutiner')}`);
    expect(plural.status).toBe(200);
    expect(plural.body.map((x: { id: string }) => x.id)).toContain(d.id);
    const prefix = await employee.get(`/api/documents?q=${encodeURIComponent('incident')}`);
    expect(prefix.body.map((x: { id: string }) => x.id)).toContain(d.id);
    const inFile = await employee.get(`/api/documents?q=${encodeURIComponent('meddelande')}`);
    expect(inFile.body.map((x: { id: string }) => x.id)).toEqual([txt.id]);
    const none = await employee.get(`/api/documents?q=${encodeURIComponent('trädgårdsskötsel')}`);
    expect(none.body).toHaveLength(0);
    // Another förvaltning's staff do not see forv-a's documents.
    expect((await outsider.get(`/api/documents?q=rutin`)).body).toHaveLength(0);
    expect((await outsider.get(`/api/documents/${d.id}`)).status).toBe(404);
  });

  it('shows overdue reviews on the start page of those who maintain documents', async () => {
    const before = (await isam.get('/api/attention')).body.items.find((i: { key: string }) => i.key === 'documents.review-overdue')?.count ?? 0;
    await create({ type: 'rutin', title: 'Gammal rutin', nextReviewOn: '2020-01-01' });
    const items = (await isam.get('/api/attention')).body.items;
    expect(items.find((i: { key: string }) => i.key === 'documents.review-overdue').count).toBe(before + 1);
    expect((await employee.get('/api/attention')).body.items.some((i: { key: string }) => i.key === 'documents.review-overdue')).toBe(false);
    const overdue = await isam.get('/api/documents?overdue=true');
    expect(overdue.body.map((x: { title: string }) => x.title)).toEqual(['Gammal rutin']);
  });

  // Last: the server closes the connection after refusing a large body, which upsets fetch's connection reuse.
  it('marks in the report a next review that has passed by the report\'s day, for documents and continuity plans', async () => {
    await create({ type: 'riktlinje', title: 'Gammal riktlinje', adoptedOn: '2019-01-01', nextReviewOn: '2020-06-30' });
    const org = await findOrg(t.database.db, 'forv-a');
    const figures = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025, asOf: new Date('2025-12-31T12:00:00Z') });
    const json = {
      year: 2025, asOf: '2025-12-31', outline: [], documents: figures,
      continuity: { counts: {}, plans: [{ title: 'Plan', status: 'faststalld', nextReview: '2025-01-31', reviewOverdue: true }, { title: 'Ny plan', status: 'faststalld', nextReview: '2026-05-01', reviewOverdue: false }] },
    } as unknown as ReportJson;
    const table = (provider: string, caption: string) => {
      const section = { id: provider, level: 2, title: caption, provider, hidden: false, tables: [] } as unknown as Section;
      const b = sectionBlocks(section, json).find((x) => x.kind === 'table' && x.caption.includes(caption)) as Extract<FigureBlock, { kind: 'table' }>;
      const col = b.columns.indexOf('Nästa översyn');
      return Object.fromEntries(b.rows.map((r) => [r[0].text, r[col].text]));
    };
    expect(table('documents', 'Styrdokument')['Gammal riktlinje']).toBe('2020-06-30 (försenad)');
    expect(table('documents', 'Styrdokument')['Lokal anvisning för informationssäkerhet']).toBe('2099-01-01');
    expect(table('continuity', 'Kontinuitetsplaner')).toEqual({ Plan: '2025-01-31 (försenad)', 'Ny plan': '2026-05-01' });
  });

  it('keeps the global 1 MB limit on the JSON routes', async () => {
    const hugeJson = await isam.post('/api/documents', { org: 'forv-a', type: 'rutin', title: 'x', description: 'y'.repeat(2 * 1024 * 1024) });
    expect(hugeJson.status).toBe(413);
  });
});
