import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attentionProviders } from './attention';
import { auditCount, Client, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { stockholmDate } from '../../server/platform/time';
import { findOrg } from '../org/service';
import { sectionBlocks } from '../reports/blocks';
import { internalControlBlocks } from '../reports/blocks-internal-control';
import { buildReportJson } from '../reports/build';
import { createEvent, createVor, decideIkp } from '../risks/vor';
import type { InternalControl } from './contract';
import type { InternalControlFigures } from './report';
import { checkResult, periodEnded, periodRange, plannedPeriods } from './rules';

let t: TestServer;
let isam: Client;
let reader: Client;
let employee: Client;
let otherIsam: Client;
/** VoR 2025 of forv-a: 16 (proposed), 12 (decided in), 16 (decided out), 4 (below the threshold 12). */
const ev: Record<'high' | 'decidedIn' | 'decidedOut' | 'low', string> = { high: '', decidedIn: '', decidedOut: '', low: '' };
const URL = '/api/internal-control/controls';
const YEAR = 2025;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-a1', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
  employee = await userWithRole(t, 'medarbetare@test.se', 'medarbetare', 'forv-a');
  otherIsam = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  const vor = await createVor(t.ctx, { org: 'forv-a', year: YEAR });
  const arb = vor.processes[0].arbetssatt[0];
  const add = (title: string, s: number, k: number) => createEvent(t.ctx, vor.id, { arbetssattId: arb.id, title, sannolikhet: s, konsekvens: k });
  ev.high = (await add('Behörigheter avslutas inte i tid', 4, 4)).id;
  const a = await add('Loggar granskas inte', 3, 4);
  ev.decidedIn = (await decideIkp(t.ctx, a.id, { version: a.version, inIkp: true, comment: 'Till IKP' })).id;
  const b = await add('Lösenord delas', 4, 4);
  ev.decidedOut = (await decideIkp(t.ctx, b.id, { version: b.version, inIkp: false, comment: 'Endast VoR' })).id;
  ev.low = (await add('Skrivare står öppet', 2, 2)).id;
}, 60_000);
afterAll(() => t.close());

describe('periods from the frequency', () => {
  it('plans helår, H1–H2, T1–T3, Q1–Q4 and M01–M12, with their first and last days', () => {
    expect(plannedPeriods('arlig')).toEqual(['helar']);
    expect(plannedPeriods('halvar')).toEqual(['H1', 'H2']);
    expect(plannedPeriods('tertial')).toEqual(['T1', 'T2', 'T3']);
    expect(plannedPeriods('kvartal')).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(plannedPeriods('manad')).toHaveLength(12);
    expect(periodRange(2024, 'T1')).toEqual({ start: '2024-01-01', end: '2024-04-30' });
    expect(periodRange(2024, 'T2')).toEqual({ start: '2024-05-01', end: '2024-08-31' });
    expect(periodRange(2024, 'H2')).toEqual({ start: '2024-07-01', end: '2024-12-31' });
    expect(periodRange(2024, 'M02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodRange(2025, 'M02').end).toBe('2025-02-28');
    expect(periodRange(2025, 'helar')).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(periodEnded(2025, 'T1', '2025-04-30')).toBe(false);
    expect(periodEnded(2025, 'T1', '2025-05-01')).toBe(true);
  });

  it('asks a day of a performed control, a reason of one not performed and a comment of a deviation', () => {
    const base = { year: 2025, period: 'T2' as const, reason: '', comment: '' };
    expect(() => checkResult({ ...base, performedOn: null, result: 'utan_avvikelse' })).toThrow(/Give the day the control was performed/);
    expect(() => checkResult({ ...base, performedOn: null, result: 'ej_genomford' })).toThrow(/Give the reason/);
    expect(() => checkResult({ ...base, performedOn: null, result: 'ej_genomford', reason: 'Sjukdom' })).not.toThrow();
    expect(() => checkResult({ ...base, performedOn: '2025-06-01', result: 'avvikelse' })).toThrow(/Describe the deviation in the comment/);
    expect(() => checkResult({ ...base, performedOn: '2025-04-30', result: 'utan_avvikelse' })).toThrow(/before the period T2 2025 \(from 2025-05-01\)/);
    expect(() => checkResult({ ...base, performedOn: '2025-05-01', result: 'utan_avvikelse' })).not.toThrow();
    expect(() => checkResult({ ...base, performedOn: '2026-01-10', result: 'utan_avvikelse' })).not.toThrow(); // after the period
    expect(() => checkResult({ ...base, performedOn: '2999-01-01', result: 'utan_avvikelse' })).toThrow(/is after today/);
  });
});

describe('kontrollmoment and their results', () => {
  let control: InternalControl;

  it('lists the year’s IKP risks: proposed or decided in, not decided out or below the threshold', async () => {
    const r = await reader.get(`/api/internal-control/risks?org=forv-a&year=${YEAR}`);
    expect(r.status).toBe(200);
    expect(r.body.map((x: { id: string }) => x.id).sort()).toEqual([ev.high, ev.decidedIn].sort());
    expect(r.body[0]).toMatchObject({ title: 'Behörigheter avslutas inte i tid', riskvarde: 16, ikpDecision: null, controls: 0 });
  });

  it('plans a control for an IKP risk with tertial as the default frequency, audited', async () => {
    const r = await isam.post(URL, { org: 'forv-a', year: YEAR, vorEventId: ev.high, control: 'Stickprov av avslutade anställningar', method: 'Stickprov', responsible: 'Objektledare' });
    expect(r.status).toBe(201);
    control = r.body;
    expect(control).toMatchObject({
      year: YEAR, frequency: 'tertial', title: '', org: { slug: 'forv-a' },
      risk: { id: ev.high, title: 'Behörigheter avslutas inte i tid', riskvarde: 16 }, missing: 3, deviations: 0, version: 1,
    });
    expect(control.periods.map((p) => [p.period, p.start, p.end, p.ended, p.result])).toEqual([
      ['T1', '2025-01-01', '2025-04-30', true, null], ['T2', '2025-05-01', '2025-08-31', true, null], ['T3', '2025-09-01', '2025-12-31', true, null],
    ]);
    expect(await auditCount(t, 'internal_control.create')).toBe(1);
    expect((await reader.get(`/api/internal-control/risks?org=forv-a&year=${YEAR}`)).body.find((x: { id: string }) => x.id === ev.high).controls).toBe(1);
  });

  it('refuses a risk outside the IKP or the year’s VoR, and a control of its own without a title (422 at the field)', async () => {
    for (const id of [ev.decidedOut, ev.low]) {
      const r = await isam.post(URL, { org: 'forv-a', year: YEAR, vorEventId: id, control: 'x' });
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: 'risk_not_in_ikp', field: 'vorEventId' });
    }
    const other = await isam.post(URL, { org: 'forv-a', year: 2024, vorEventId: ev.high, control: 'x' });
    expect(other.body).toMatchObject({ status: 422, code: 'risk_not_in_vor', field: 'vorEventId' });
    const untitled = await isam.post(URL, { org: 'forv-a', year: YEAR, control: 'Genomgång av sändlistor' });
    expect(untitled.body).toMatchObject({ status: 422, code: 'title_required', field: 'title' });
    expect(untitled.body.detail_en).toMatch(/needs a title/);
    const bad = await isam.post(URL, { org: 'forv-a', year: YEAR, title: 'x', control: 'y', frequency: 'varje vecka' });
    expect(bad.status).toBe(400);
  });

  it('reports a result per period, one only (409 naming it), with the rules at their fields', async () => {
    const res = `${URL}/${control.id}/results`;
    const ok = await isam.post(res, { period: 'T1', performedOn: '2025-05-10', result: 'utan_avvikelse' });
    expect(ok.status).toBe(201);
    expect(ok.body.periods[0].result).toMatchObject({ period: 'T1', performedOn: '2025-05-10', result: 'utan_avvikelse', version: 1 });
    expect(ok.body.missing).toBe(2);
    const dup = await isam.post(res, { period: 'T1', performedOn: '2025-05-11', result: 'avvikelse', comment: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'duplicate_period', field: 'period', existingId: ok.body.periods[0].result.id });
    expect(dup.body.detail_sv).toBe('Kontrollen har redan ett resultat för T1 2025. Ändra det i stället.');
    expect((await isam.post(res, { period: 'H1', performedOn: '2025-07-01', result: 'utan_avvikelse' })).body).toMatchObject({ status: 422, code: 'period_not_planned', field: 'period' });
    expect((await isam.post(res, { period: 'T2', performedOn: '2025-09-01', result: 'avvikelse' })).body).toMatchObject({ status: 422, code: 'comment_required', field: 'comment' });
    expect((await isam.post(res, { period: 'T2', result: 'ej_genomford' })).body).toMatchObject({ status: 422, code: 'reason_required', field: 'reason' });
    expect((await isam.post(res, { period: 'T2', performedOn: '2999-01-01', result: 'utan_avvikelse' })).body).toMatchObject({ status: 422, code: 'performed_on_future', field: 'performedOn' });
    expect((await isam.post(res, { period: 'T2', performedOn: '2025-03-01', result: 'utan_avvikelse' })).body).toMatchObject({ status: 422, code: 'performed_before_period', field: 'performedOn' });
    const dev = await isam.post(res, { period: 'T2', performedOn: '2025-09-03', result: 'vasentlig_avvikelse', comment: 'Behörigheter kvar efter avslut', measures: 'Borttagna; chefer påminda' });
    expect(dev.status).toBe(201);
    expect(dev.body.deviations).toBe(1);
    const none = await isam.post(res, { period: 'T3', result: 'ej_genomford', reason: 'Objektledaren var föräldraledig' });
    expect(none.status).toBe(201);
    expect(none.body.missing).toBe(0);
    expect(await auditCount(t, 'internal_control.result_create')).toBe(3);
    control = none.body;
  });

  it('edits a result with optimistic locking (stale 409) and keeps the rules', async () => {
    const r = control.periods[2].result!;
    const u = await isam.patch(`/api/internal-control/results/${r.id}`, { version: r.version, reason: 'Objektledaren var föräldraledig hela tertialen' });
    expect(u.status).toBe(200);
    expect(u.body.periods[2].result).toMatchObject({ reason: 'Objektledaren var föräldraledig hela tertialen', version: 2 });
    const stale = await isam.patch(`/api/internal-control/results/${r.id}`, { version: r.version, reason: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.detail_sv).toMatch(/^Kontrollresultatet har ändrats av någon annan: du ändrade version 1, nu gäller version 2/);
    expect((await isam.patch(`/api/internal-control/results/${r.id}`, { version: 2, result: 'avvikelse' })).body).toMatchObject({ status: 422, code: 'performed_on_required' });
    expect(await auditCount(t, 'internal_control.result_update')).toBe(1);
    control = u.body;
  });

  it('changes a control (stale 409), refuses a frequency that leaves results outside the plan, archives and restores', async () => {
    const u = await isam.patch(`${URL}/${control.id}`, { version: control.version, method: 'Stickprov om 20 anställningar' });
    expect(u.body).toMatchObject({ method: 'Stickprov om 20 anställningar', version: 2 });
    expect((await isam.patch(`${URL}/${control.id}`, { version: 1, method: 'x' })).body).toMatchObject({ status: 409, code: 'stale_version' });
    const freq = await isam.patch(`${URL}/${control.id}`, { version: 2, frequency: 'halvar' });
    expect(freq.body).toMatchObject({ status: 422, code: 'frequency_has_results', field: 'frequency', periods: ['T1', 'T2', 'T3'] });
    const arch = await isam.patch(`${URL}/${control.id}`, { version: 2, archived: true });
    expect(arch.body.archived).toBe(true);
    expect((await reader.get(`${URL}?org=forv-a&year=${YEAR}`)).body).toEqual([]);
    expect((await isam.post(`${URL}/${control.id}/results`, { period: 'T1', performedOn: '2025-05-10', result: 'utan_avvikelse' })).body).toMatchObject({ status: 409, code: 'archived' });
    const back = await isam.patch(`${URL}/${control.id}`, { version: arch.body.version, archived: false });
    expect(back.body.archived).toBe(false);
    expect(await auditCount(t, 'internal_control.archive')).toBe(1);
    expect(await auditCount(t, 'internal_control.restore')).toBe(1);
  });

  it('filters deviations and missing results, and reads per role and scope', async () => {
    const own = await isam.post(URL, { org: 'avd-a1', year: YEAR, title: 'Behörighetskontroll av gruppdiskar', control: 'Åtkomst stäms av mot chefens underlag', frequency: 'halvar' });
    expect(own.status).toBe(201);
    expect(own.body.risk).toBeNull();
    const list = async (q: string) => (await reader.get(`${URL}?org=forv-a&year=${YEAR}${q}`)).body.map((c: InternalControl) => c.id);
    expect(await list('')).toEqual([control.id, own.body.id]); // the IKP risk first, then the förvaltning's own
    expect(await list('&deviations=true')).toEqual([control.id]);
    expect(await list('&missing=true')).toEqual([own.body.id]);
    expect((await reader.post(URL, { org: 'forv-a', year: YEAR, title: 'x', control: 'y' })).status).toBe(403);
    expect((await employee.get(`${URL}?org=forv-a&year=${YEAR}`)).status).toBe(403);
    expect((await otherIsam.get(`${URL}/${control.id}`)).status).toBe(404);
    expect((await otherIsam.get(`${URL}?org=forv-a&year=${YEAR}`)).status).toBe(404);
    expect((await otherIsam.patch(`/api/internal-control/results/${control.periods[0].result!.id}`, { version: 1, comment: 'x' })).status).toBe(404);
  });
});

describe('the report and the start page', () => {
  it('writes figures, the sentence and the tables from the data, also in the city’s report', async () => {
    const org = await findOrg(t.database.db, 'forv-a');
    // As of today every period of 2025 has ended, and every result is known.
    const json = await buildReportJson(t.ctx, org, YEAR, { asOf: stockholmDate() });
    const f = json.internalControl as InternalControlFigures;
    expect(f).toMatchObject({
      controls: 2, periodsPlanned: 5, periodsDue: 5, periodsReported: 3, periodsPerformed: 2, periodsMissing: 2,
      byResult: { utan_avvikelse: 1, avvikelse: 0, vasentlig_avvikelse: 1, ej_genomford: 1 },
      deviations: [{ control: 'Stickprov av avslutade anställningar', risk: 'Behörigheter avslutas inte i tid', period: 'T2', result: 'vasentlig_avvikelse', comment: 'Behörigheter kvar efter avslut', measures: 'Borttagna; chefer påminda' }],
      notPerformed: [{ period: 'T3', reason: 'Objektledaren var föräldraledig hela tertialen' }],
      risksWithoutControl: [{ risk: 'Loggar granskas inte', riskvarde: 12 }],
    });
    const section = json.outline.find((s) => s.provider === 'internalControl')!;
    expect(section).toMatchObject({ id: 'ikp', title: 'Resultatet från egen uppföljning (IKP)' });
    const [text, counts, deviations] = sectionBlocks(section, json);
    expect(text.kind === 'text' && text.text).toBe(
      'Intern kontroll har genomförts enligt plan för 2 av 5 kontrolltillfällen. En väsentlig avvikelse: Stickprov av avslutade anställningar i T2 (Behörigheter kvar efter avslut). '
      + 'Ett kontrolltillfälle genomfördes inte: Stickprov av avslutade anställningar T3 (Objektledaren var föräldraledig hela tertialen). '
      + '2 passerade kontrolltillfällen saknar rapporterat resultat. En av årets IKP-risker saknar kontrollmoment: Loggar granskas inte.',
    );
    expect(counts.kind === 'table' && counts.rows.map((r) => r.map((c) => c.text))).toContainEqual(['Väsentlig avvikelse', '1']);
    expect(deviations.kind === 'table' && deviations.caption).toBe('Avvikelser i internkontrollen');
    // As of mid-June only T1 and H1 are due (H1 not yet ended): fewer tillfällen, T2's deviation not yet known.
    const june = (await buildReportJson(t.ctx, org, YEAR, { asOf: '2025-06-15', only: ['internalControl'] })).internalControl as InternalControlFigures;
    expect(june).toMatchObject({ periodsDue: 1, periodsPerformed: 1, deviations: [], notPerformed: [] });
    const city = (await buildReportJson(t.ctx, await findOrg(t.database.db, 'stad'), YEAR, { asOf: stockholmDate(), only: ['internalControl'] })).internalControl as InternalControlFigures;
    expect(city).toMatchObject({ controls: 2, periodsPlanned: 5, byResult: f.byResult });
    expect(city.deviations[0].org).toBe('FORV-A');
    const other = (await buildReportJson(t.ctx, await findOrg(t.database.db, 'forv-b'), YEAR, { asOf: '2025-12-31', only: ['internalControl'] })).internalControl as InternalControlFigures;
    expect(other).toMatchObject({ controls: 0, periodsPlanned: 0, deviations: [], risksWithoutControl: [] });
  });

  it('tells risk.manage of controls whose period ended without a result, and of väsentliga avvikelser this year', async () => {
    const year = Number(stockholmDate().slice(0, 4));
    const items = async (c: Client) => (await c.get('/api/attention')).body.items as { key: string; count: number; title_sv: string; link: string }[];
    const before = (await items(isam)).find((i) => i.key === 'internal-control.missing-results')?.count ?? 0;
    const made = await isam.post(URL, { org: 'forv-a', year: year - 1, title: 'Kontroll av sändlistor', control: 'Medlemmar stäms av', frequency: 'arlig' });
    expect(made.status).toBe(201);
    const missing = (await items(isam)).find((i) => i.key === 'internal-control.missing-results')!;
    expect(missing).toMatchObject({ count: before + 1, link: `/internkontroll?year=${year - 1}&missing=true` });
    expect(missing.title_sv).toMatch(new RegExp(`^(En kontroll|${before + 1} kontroller) saknar resultat för .*helår ${year - 1}`));
    expect((await items(reader)).some((i) => i.key.startsWith('internal-control'))).toBe(false);
    expect((await items(otherIsam)).some((i) => i.key === 'internal-control.missing-results')).toBe(false);
    const own = await isam.post(URL, { org: 'forv-a', year, title: 'Kontroll av gruppdiskar', control: 'Åtkomst stäms av', frequency: 'arlig' });
    await isam.post(`${URL}/${own.body.id}/results`, { period: 'helar', performedOn: stockholmDate(), result: 'vasentlig_avvikelse', comment: 'Alla hade åtkomst' });
    const significant = (await items(isam)).find((i) => i.key === 'internal-control.significant')!;
    expect(significant).toMatchObject({ count: 1, title_sv: `En väsentlig avvikelse i internkontrollen ${year}` });
    expect(attentionProviders.map((p) => p.key)).toEqual(['internal-control']);
  });
});

describe('the report sentence in each state', () => {
  const cell = (v: unknown) => ({ text: String(v ?? '') });
  const sentence = (v: Record<string, unknown>) => {
    const [b] = internalControlBlocks(v, cell);
    return b.kind === 'text' ? b.text : '';
  };
  const none = { utan_avvikelse: 0, avvikelse: 0, vasentlig_avvikelse: 0, ej_genomford: 0 };

  it('says when the plan has no controls, naming the IKP risks without one', () => {
    expect(sentence({ controls: 0, periodsPlanned: 0, periodsDue: 0, byResult: none, deviations: [], notPerformed: [], risksWithoutControl: [{ risk: 'A', riskvarde: 16 }, { risk: 'B', riskvarde: 12 }] }))
      .toBe('Internkontrollplanen har inga kontrollmoment för året. 2 av årets IKP-risker saknar kontrollmoment: A och B.');
    expect(internalControlBlocks({ controls: 0, risksWithoutControl: [] }, cell)).toHaveLength(1);
  });

  it('says when no kontrolltillfälle has passed yet', () => {
    expect(sentence({ controls: 2, periodsPlanned: 5, periodsDue: 0, byResult: none, deviations: [], notPerformed: [], risksWithoutControl: [] }))
      .toBe('Internkontrollplanen har 2 kontrollmoment med 5 kontrolltillfällen under året; inget av dem har ännu passerat.');
  });

  it('writes seed 000’s sentence: performed as planned in 11 of 12, no or several significant deviations', () => {
    expect(sentence({ controls: 4, periodsDue: 12, periodsPerformed: 11, periodsMissing: 1, byResult: none, deviations: [], notPerformed: [], risksWithoutControl: [] }))
      .toBe('Intern kontroll har genomförts enligt plan för 11 av 12 kontrolltillfällen. Inga väsentliga avvikelser har identifierats. Ett passerat kontrolltillfälle saknar rapporterat resultat.');
    const deviations = [
      { control: 'KCP', period: 'T2', comment: 'Krav uppfylls inte', result: 'vasentlig_avvikelse' }, { control: 'Gruppdiskar', period: 'helår', comment: '', result: 'vasentlig_avvikelse' },
      { control: 'Sändlistor', comment: 'Två för många', result: 'avvikelse' },
    ];
    expect(sentence({ controls: 4, periodsDue: 12, periodsPerformed: 12, periodsMissing: 0, byResult: none, deviations, notPerformed: [], risksWithoutControl: [] }))
      .toBe('Intern kontroll har genomförts enligt plan för 12 av 12 kontrolltillfällen. 2 väsentliga avvikelser: KCP i T2 (Krav uppfylls inte) och Gruppdiskar. En avvikelse av mindre omfattning: Sändlistor (Två för många).');
  });
});
