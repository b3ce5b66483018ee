import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer, auditCount } from '../../test/harness';
import { findOrg } from '../org/service';
import { sectionBlocks } from '../reports/blocks';
import type { ReportJson } from '../reports/build';
import { defaultOutline, type Section } from '../reports/outline';
import { sectionProviders, type TrainingFigures } from './report';

let t: TestServer;
let isam: Client;
let reader: Client;
let outsider: Client;
let employee: Client;

const INFO = 'Informationssäkerhet (e-utbildning)';
const DATA = 'Dataskydd (e-utbildning)';
const NBSP = '\u00a0';

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [
    ['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-a1', 'avdelning', 'forv-a'], ['enh-a1', 'enhet', 'avd-a1'],
    ['avd-a2', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad'],
  ]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  reader = await userWithRole(t, 'chef@test.se', 'chef', 'forv-a');
  outsider = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  employee = await userWithRole(t, 'med@test.se', 'medarbetare', 'forv-a');
});
afterAll(() => t.close());


const session = (over: Record<string, unknown> = {}) => ({
  org: 'forv-a', heldOn: '2025-03-12', title: 'Riskbaserat arbetssätt och AI-risker', kind: 'riktad', audience: 'Förvaltningsledningen', givenBy: 'ISAM', participants: 11, ...over,
});

describe('trainings held (genomförda utbildningar)', () => {
  it('records, lists by year and subtree, edits by version, deletes, audits and keeps others out', async () => {
    const first = await isam.post('/api/training/sessions', session());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ heldOn: '2025-03-12', kind: 'riktad', participants: 11, comment: '', version: 1, org: { slug: 'forv-a' } });

    // Bad input: the field is named, nothing is written.
    for (const [bad, field] of [
      [{ kind: 'föreläsning' }, 'kind'], [{ heldOn: '2025-02-30' }, 'heldOn'], [{ heldOn: '12/3/2025' }, 'heldOn'],
      [{ participants: -1 }, 'participants'], [{ title: '  ' }, 'title'],
    ] as const) {
      const r = await isam.post('/api/training/sessions', session(bad));
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.field).toBe(field);
    }
    expect((await isam.post('/api/training/sessions', session({ org: 'finns-inte' }))).status).toBe(404);
    // A session is registered once held: a date after today is refused on create and on edit.
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    const future = await isam.post('/api/training/sessions', session({ heldOn: tomorrow }));
    expect([future.status, future.body.code, future.body.field]).toEqual([422, 'held_in_future', 'heldOn']);
    expect(future.body.detail_sv).toContain('Registrera utbildningen när den har hållits');
    const moved = await isam.patch(`/api/training/sessions/${first.body.id}`, { version: first.body.version, heldOn: tomorrow });
    expect([moved.status, moved.body.field]).toEqual([422, 'heldOn']);
    expect((await isam.get(`/api/training/sessions/${first.body.id}`)).body).toMatchObject({ heldOn: '2025-03-12', version: first.body.version });

    const workshop = await isam.post('/api/training/sessions', session({
      org: 'avd-a1', heldOn: '2025-09-09', title: 'NIS2 för ledningsgruppen', kind: 'workshop', audience: 'Avdelningens ledningsgrupp', participants: null,
    }));
    expect(workshop.status).toBe(201);
    expect(workshop.body.participants).toBeNull();
    const old = await isam.post('/api/training/sessions', session({ heldOn: '2024-11-05', title: 'Behörighetshantering', givenBy: 'DSO' }));
    expect(old.status).toBe(201);

    const titles = async (q: string) => ((await reader.get(`/api/training/sessions?${q}`)).body as { title: string }[]).map((s) => s.title);
    expect(await titles('org=forv-a&year=2025')).toEqual(['Riskbaserat arbetssätt och AI-risker', 'NIS2 för ledningsgruppen']);
    expect(await titles('org=forv-a&year=2025&subtree=false')).toEqual(['Riskbaserat arbetssätt och AI-risker']);
    expect(await titles('org=forv-a')).toEqual(['Behörighetshantering', 'Riskbaserat arbetssätt och AI-risker', 'NIS2 för ledningsgruppen']);
    expect(await titles('org=avd-a1&year=2025')).toEqual(['NIS2 för ledningsgruppen']);

    const id = first.body.id as string;
    const edited = await isam.patch(`/api/training/sessions/${id}`, { version: 1, participants: 12, comment: 'Uppföljning i höst' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ participants: 12, comment: 'Uppföljning i höst', version: 2 });
    const stale = await isam.patch(`/api/training/sessions/${id}`, { version: 1, title: 'gammal' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect((await isam.patch(`/api/training/sessions/${id}`, { version: 2, kind: 'föreläsning' })).body.field).toBe('kind');

    expect((await reader.patch(`/api/training/sessions/${id}`, { version: 2, title: 'x' })).status).toBe(403);
    expect((await reader.post('/api/training/sessions', session())).status).toBe(403);
    expect((await outsider.get(`/api/training/sessions/${id}`)).status).toBe(404);
    expect((await outsider.patch(`/api/training/sessions/${id}`, { version: 2, title: 'x' })).status).toBe(404);
    expect((await outsider.get('/api/training/sessions?org=forv-a')).status).toBe(404);
    expect((await outsider.post('/api/training/sessions', session())).status).toBe(404);
    expect((await employee.get('/api/training/sessions?org=forv-a')).status).toBe(403);

    expect((await isam.request('DELETE', `/api/training/sessions/${old.body.id}?version=2`)).status).toBe(409);
    expect((await isam.request('DELETE', `/api/training/sessions/${old.body.id}?version=1`)).status).toBe(204);
    expect((await isam.get(`/api/training/sessions/${old.body.id}`)).status).toBe(404);
    expect(await auditCount(t, 'training.session.create')).toBe(3);
    expect(await auditCount(t, 'training.session.update')).toBe(1);
    expect(await auditCount(t, 'training.session.delete')).toBe(1);
  });
});

describe('e-course completion (genomförandegrad)', () => {
  it('records completion per unit, year and course with its share, refuses more completed than employees and duplicates', async () => {
    const post = (org: string, course: string, employees: number, completed: number) =>
      isam.post('/api/training/completions', { org, year: 2025, course, employees, completed });
    const a1 = await post('enh-a1', INFO, 40, 35);
    expect(a1.status).toBe(201);
    // 35 of 40
    expect(a1.body).toMatchObject({ org: { slug: 'enh-a1' }, year: 2025, course: INFO, employees: 40, completed: 35, percent: 87.5, version: 1 });

    const over = await post('enh-a1', DATA, 40, 41);
    expect(over.status).toBe(400);
    expect(over.body.field).toBe('completed');
    expect(over.body.detail_sv).toContain('fler än antalet anställda (40)');
    expect((await post('enh-a1', DATA, 40, -1)).body.field).toBe('completed');
    expect((await post('enh-a1', DATA, 0, 0)).body.field).toBe('employees');

    const dup = await post('enh-a1', INFO.toUpperCase(), 30, 20);
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ field: 'course', code: 'duplicate_course' });
    expect(dup.body.detail_sv).toContain('har redan');
    expect(dup.body.detail_en).toContain('already has');
    // Nor above or below a unit that has the course: the report's total would count the same employees twice.
    for (const org of ['avd-a1', 'forv-a']) {
      const over = await post(org, INFO, 120, 100);
      expect([over.status, over.body.code, over.body.field]).toEqual([409, 'overlapping_course', 'course']);
      expect(over.body.detail_sv).toContain('ENH-A1 har redan ett genomförande');
    }
    expect(await auditCount(t, 'training.completion.create')).toBe(1);

    expect((await post('enh-a1', DATA, 40, 30)).status).toBe(201);
    expect((await post('avd-a2', INFO, 24, 19)).body.percent).toBe(79.2); // 19 of 24 = 79.17 %
    const a2 = await post('avd-a2', DATA, 24, 22);
    expect(a2.body.percent).toBe(91.7); // 22 of 24 = 91.67 %
    await isam.post('/api/training/completions', { org: 'enh-a1', year: 2024, course: INFO, employees: 38, completed: 20 });

    // An edit is checked against the other number as stored: both ways of making completed exceed employees.
    const path = `/api/training/completions/${a2.body.id}`;
    expect((await isam.patch(path, { version: 1, completed: 25 })).body.field).toBe('completed');
    expect((await isam.patch(path, { version: 1, employees: 20 })).body.field).toBe('completed');
    const edited = await isam.patch(path, { version: 1, completed: 23 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ completed: 23, employees: 24, percent: 95.8, version: 2 }); // 23 of 24 = 95.83 %
    expect((await isam.patch(path, { version: 1, completed: 20 })).body.code).toBe('stale_version');
    expect((await isam.patch(path, { version: 2, course: INFO })).status).toBe(409);

    const list = (await reader.get('/api/training/completions?org=forv-a&year=2025')).body as { org: { slug: string }; course: string }[];
    expect(list.map((c) => `${c.org.slug} ${c.course}`)).toEqual([`avd-a2 ${INFO}`, `avd-a2 ${DATA}`, `enh-a1 ${INFO}`, `enh-a1 ${DATA}`]);
    expect((await reader.get('/api/training/completions?org=forv-a&subtree=false')).body).toEqual([]);
    expect((await reader.get('/api/training/completions?org=enh-a1')).body).toHaveLength(3);

    expect((await reader.patch(path, { version: 2, completed: 1 })).status).toBe(403);
    expect((await outsider.get(path)).status).toBe(404);
    expect((await outsider.get('/api/training/completions?org=enh-a1')).status).toBe(404);
    expect((await employee.get('/api/training/completions?org=forv-a')).status).toBe(403);

    const y2024 = ((await isam.get('/api/training/completions?org=enh-a1&year=2024')).body as { id: string; version: number }[])[0];
    expect((await isam.request('DELETE', `/api/training/completions/${y2024.id}?version=2`)).status).toBe(409);
    expect((await isam.request('DELETE', `/api/training/completions/${y2024.id}?version=1`)).status).toBe(204);
    expect(await auditCount(t, 'training.completion.create')).toBe(5);
    expect(await auditCount(t, 'training.completion.update')).toBe(1);
    expect(await auditCount(t, 'training.completion.delete')).toBe(1);
  });
});

describe('the report\'s training section', () => {
  const section = { id: 'utbildning', level: 2, title: 'Utbildning och kompetens', provider: 'training', hidden: false, narrative: { type: 'doc', content: [] }, tables: [] } as unknown as Section;
  const tables = (fig: TrainingFigures) => sectionBlocks(section, { year: 2025, asOf: '2025-12-31', outline: [], training: fig } as unknown as ReportJson)
    .flatMap((b) => (b.kind === 'table' ? [{ caption: b.caption, columns: b.columns, rows: b.rows.map((r) => r.map((c) => c.text)) }] : []));

  it('follows the maturity section in the default outline', () => {
    const ids = defaultOutline('forvaltning').map((s) => s.id);
    expect(ids.indexOf('utbildning')).toBe(ids.indexOf('mognad') + 1);
    expect(defaultOutline('forvaltning').find((s) => s.id === 'utbildning')).toMatchObject({ level: 2, title: 'Utbildning och kompetens', provider: 'training' });
  });

  it('gives the year\'s trainings in date order and the completion per unit, with shares and totals per course', async () => {
    const org = await findOrg(t.database.db, 'forv-a');
    const fig = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025 });
    expect(fig.sessions.map((s) => [s.date, s.title, s.unit, s.participants])).toEqual([
      ['2025-03-12', 'Riskbaserat arbetssätt och AI-risker', 'FORV-A', 12],
      ['2025-09-09', 'NIS2 för ledningsgruppen', 'AVD-A1', null],
    ]);
    // Tree order by name (AVD-A1 › ENH-A1 before AVD-A2), the city's courses in their order.
    expect(fig.completions.map((c) => [c.unit, c.course, c.employees, c.completed, c.percent])).toEqual([
      ['ENH-A1', INFO, 40, 35, 87.5],
      ['ENH-A1', DATA, 40, 30, 75],
      ['AVD-A2', INFO, 24, 19, 79.2],
      ['AVD-A2', DATA, 24, 23, 95.8],
    ]);
    expect(fig.totals).toEqual([
      { course: INFO, employees: 64, completed: 54, percent: 84.4 }, // (35 + 19) of (40 + 24) = 84.38 %
      { course: DATA, employees: 64, completed: 53, percent: 82.8 }, // (30 + 23) of (40 + 24) = 82.81 %
    ]);
    expect(new Set(fig.completions.map((c) => c.org))).toEqual(new Set(['FORV-A']));
    // As of a day in the year: the trainings held by then, no later one.
    const june = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025, asOf: new Date('2025-06-30T12:00:00Z') });
    expect(june.sessions.map((s) => s.date)).toEqual(['2025-03-12']);
    // Another year: nothing, and no table.
    const empty = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2023 });
    expect(empty).toEqual({ sessions: [], completions: [], totals: [] });
    expect(tables(empty)).toEqual([]);

    const [held, done] = tables(fig);
    expect(held).toEqual({
      caption: 'Genomförda utbildningar 2025',
      columns: ['Datum', 'Utbildning', 'Målgrupp', 'Hålls av', 'Deltagare'],
      rows: [
        ['2025-03-12', 'Riskbaserat arbetssätt och AI-risker', 'Förvaltningsledningen', 'ISAM', '12'],
        ['2025-09-09', 'NIS2 för ledningsgruppen', 'Avdelningens ledningsgrupp', 'ISAM', ''],
      ],
    });
    expect(done.caption).toBe('Genomförda e-utbildningar 2025');
    expect(done.columns).toEqual(['Enhet', 'Kurs', 'Anställda', 'Genomfört', 'Andel']);
    expect(done.rows).toEqual([
      ['ENH-A1', INFO, '40', '35', `87,5${NBSP}%`],
      ['ENH-A1', DATA, '40', '30', `75,0${NBSP}%`],
      ['AVD-A2', INFO, '24', '19', `79,2${NBSP}%`],
      ['AVD-A2', DATA, '24', '23', `95,8${NBSP}%`],
      ['Totalt', INFO, '64', '54', `84,4${NBSP}%`],
      ['Totalt', DATA, '64', '53', `82,8${NBSP}%`],
    ]);
  });

  it('names each row\'s förvaltning in a city\'s report', async () => {
    expect((await outsider.post('/api/training/sessions', session({ org: 'forv-b', heldOn: '2025-01-20', title: 'Dataskydd för chefer', givenBy: 'DSO' }))).status).toBe(201);
    expect((await outsider.post('/api/training/completions', { org: 'forv-b', year: 2025, course: INFO, employees: 10, completed: 9 })).status).toBe(201);
    const city = await findOrg(t.database.db, 'stad');
    const fig = await sectionProviders[0].figures({ ctx: t.ctx, org: city, year: 2025 });
    expect(fig.sessions.map((s) => [s.org, s.unit, s.title])).toEqual([
      ['FORV-B', 'FORV-B', 'Dataskydd för chefer'],
      ['FORV-A', 'FORV-A', 'Riskbaserat arbetssätt och AI-risker'],
      ['FORV-A', 'AVD-A1', 'NIS2 för ledningsgruppen'],
    ]);
    // (35 + 19 + 9) of (40 + 24 + 10) = 85.14 %
    expect(fig.totals[0]).toEqual({ course: INFO, employees: 74, completed: 63, percent: 85.1 });
    const [held, done] = tables(fig);
    expect(held.columns).toEqual(['Förvaltning', 'Datum', 'Utbildning', 'Målgrupp', 'Hålls av', 'Deltagare']);
    expect(held.rows[0]).toEqual(['FORV-B', '2025-01-20', 'Dataskydd för chefer', 'Förvaltningsledningen', 'DSO', '11']);
    expect(done.columns).toEqual(['Förvaltning', 'Enhet', 'Kurs', 'Anställda', 'Genomfört', 'Andel']);
    expect(done.rows[0]).toEqual(['FORV-A', 'ENH-A1', INFO, '40', '35', `87,5${NBSP}%`]);
    expect(done.rows.at(-2)).toEqual(['Totalt', '', INFO, '74', '63', `85,1${NBSP}%`]);
    // A förvaltning's own report does not see the other's.
    expect((await sectionProviders[0].figures({ ctx: t.ctx, org: await findOrg(t.database.db, 'forv-b'), year: 2025 })).totals)
      .toEqual([{ course: INFO, employees: 10, completed: 9, percent: 90 }]);
  });
});
