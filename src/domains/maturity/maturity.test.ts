import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer, auditCount } from '../../test/harness';
import { findOrg } from '../org/service';
import { sectionBlocks } from '../reports/blocks';
import type { ReportJson } from '../reports/build';
import type { Section } from '../reports/outline';
import { sectionProviders } from './report';

let t: TestServer;
let isam: Client;
let reader: Client;
let outsider: Client;
let employee: Client;

const scores = (levels: [string, number, number?][]) => levels.map(([area, level, targetLevel]) => ({ area, level, targetLevel, comment: `${area} ${level}` }));

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['forv-b', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  reader = await userWithRole(t, 'chef@test.se', 'chef', 'forv-a');
  outsider = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  employee = await userWithRole(t, 'med@test.se', 'medarbetare', 'forv-a');
});
afterAll(() => t.close());


describe('maturity measurements (mognadsmätning)', () => {
  it('records one measurement per year with levels 1–4, edits it by version, audits, and keeps others out', async () => {
    const first = await isam.post('/api/maturity', {
      org: 'forv-a', year: 2024, assessedOn: '2024-10-01', method: 'MSB:s mall', scores: scores([['Kompetens', 2], ['Riskhantering', 1], ['Uppföljning', 2]]),
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ year: 2024, average: 1.7, org: { slug: 'forv-a' } });
    expect((await isam.post('/api/maturity', { org: 'forv-a', year: 2024, scores: scores([['Kompetens', 3]]) })).status).toBe(409);

    // Bad input: the field is named, nothing is written.
    const bad = await isam.post('/api/maturity', { org: 'forv-a', year: 2025, scores: scores([['Kompetens', 5]]) });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('scores.0.level');
    // The measurement has been made, in the year it measures: a later or an earlier date is refused by field.
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    for (const [body, code] of [
      [{ year: 2025, assessedOn: tomorrow }, 'assessed_in_future'], [{ year: 2025, assessedOn: '2024-12-31' }, 'assessed_before_year'],
    ] as const) {
      const r = await isam.post('/api/maturity', { org: 'forv-a', ...body, scores: scores([['Kompetens', 2]]) });
      expect([r.status, r.body.code, r.body.field]).toEqual([422, code, 'assessedOn']);
    }
    const moved = await isam.patch(`/api/maturity/${first.body.id}`, { version: first.body.version, assessedOn: '2023-06-01' });
    expect([moved.status, moved.body.code]).toEqual([422, 'assessed_before_year']);
    expect(await auditCount(t, 'maturity.create')).toBe(1);
    expect(await auditCount(t, 'maturity.update')).toBe(0);
    const twice = await isam.post('/api/maturity', { org: 'forv-a', year: 2025, scores: scores([['Kompetens', 3], ['kompetens', 2]]) });
    expect(twice.status).toBe(400);
    expect(twice.body.field).toBe('scores.1.area');
    expect((await isam.post('/api/maturity', { org: 'forv-a', year: 2025, assessedOn: '2025-02-30', scores: scores([['Kompetens', 3]]) })).body.field).toBe('assessedOn');
    expect((await isam.post('/api/maturity', { org: 'finns-inte', year: 2025, scores: scores([['Kompetens', 3]]) })).status).toBe(404);
    expect((await isam.get('/api/maturity?org=forv-a')).body).toHaveLength(1);

    const second = await isam.post('/api/maturity', {
      org: 'forv-a', year: 2025, scores: scores([['Kompetens', 3, 4], ['Riskhantering', 2, 3], ['Incidenthantering', 2]]),
    });
    expect(second.status).toBe(201);
    const edited = await isam.patch(`/api/maturity/${second.body.id}`, { version: 1, assessedOn: '2025-10-15', scores: scores([['Kompetens', 3, 4], ['Riskhantering', 3, 3], ['Incidenthantering', 2]]) });
    expect(edited.status).toBe(200);
    expect(edited.body.scores.map((s: { level: number }) => s.level)).toEqual([3, 3, 2]);
    expect((await isam.patch(`/api/maturity/${second.body.id}`, { version: 1, summary: 'gammal' })).status).toBe(409);

    expect((await reader.get('/api/maturity?org=forv-a')).body.map((m: { year: number }) => m.year)).toEqual([2025, 2024]);
    expect((await reader.patch(`/api/maturity/${second.body.id}`, { version: 2, summary: 'x' })).status).toBe(403);
    expect((await outsider.get(`/api/maturity/${second.body.id}`)).status).toBe(404);
    expect((await outsider.get('/api/maturity?org=forv-a')).status).toBe(404);
    expect((await employee.get('/api/maturity?org=forv-a')).status).toBe(403);
    expect(await auditCount(t, 'maturity.create')).toBe(2);
    expect(await auditCount(t, 'maturity.update')).toBe(1);
  });

  it('gives the report the year\'s levels beside the measurement before, and a table with the trend and the mean', async () => {
    const org = await findOrg(t.database.db, 'forv-a');
    const [fig] = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025 });
    expect(fig).toMatchObject({ org: 'FORV-A', year: 2025, previousYear: 2024, average: 2.7, previousAverage: 1.7, assessedOn: '2025-10-15' });
    expect(fig.areas).toEqual([
      { area: 'Kompetens', level: 3, previousLevel: 2, targetLevel: 4, comment: 'Kompetens 3' },
      { area: 'Riskhantering', level: 3, previousLevel: 1, targetLevel: 3, comment: 'Riskhantering 3' },
      { area: 'Incidenthantering', level: 2, previousLevel: null, targetLevel: null, comment: 'Incidenthantering 2' },
    ]);
    // As of a day before the 2025 measurement was made (15 October), the report shows the one before it.
    const [before] = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025, asOf: new Date('2025-10-01T12:00:00Z') });
    expect(before).toMatchObject({ year: 2024, assessedOn: '2024-10-01' });
    // A report for 2024 sees only 2024's measurement, as the first.
    const [y2024] = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2024 });
    expect(y2024).toMatchObject({ year: 2024, previousYear: null, previousAverage: null });
    expect(await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2023 })).toEqual([]);

    const section = { id: 'mognad', level: 2, title: 'Mognadsmätning', provider: 'maturity', hidden: false, narrative: { type: 'doc', content: [] }, tables: [] } as unknown as Section;
    const blocks = sectionBlocks(section, { year: 2025, asOf: '2025-12-31', outline: [], maturity: [fig] } as unknown as ReportJson);
    const table = blocks.find((b) => b.kind === 'table');
    expect(table).toMatchObject({ columns: ['Område', 'Nivå 2025', 'Nivå 2024', 'Mål', 'Kommentar'] });
    const rows = (table as { rows: { text: string }[][] }).rows.map((r) => r.map((c) => c.text));
    expect(rows[0]).toEqual(['Kompetens', '3', '2', '4', 'Kompetens 3']);
    expect(rows[2]).toEqual(['Incidenthantering', '2', '–', '', 'Incidenthantering 2']);
    expect(rows.at(-1)).toEqual(['Medel', '2,7', '1,7', '', '']);
  });

  it('deletes a measurement only with its current version', async () => {
    const list = (await isam.get('/api/maturity?org=forv-a')).body as { id: string; year: number; version: number }[];
    const m = list.find((x) => x.year === 2024)!;
    expect((await isam.request('DELETE', `/api/maturity/${m.id}?version=${m.version + 1}`)).status).toBe(409);
    expect((await isam.request('DELETE', `/api/maturity/${m.id}?version=${m.version}`)).status).toBe(204);
    expect((await isam.get(`/api/maturity/${m.id}`)).status).toBe(404);
    expect(await auditCount(t, 'maturity.delete')).toBe(1);
  });
});
