import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { INCIDENT_STATUSES } from './model';
import { sectionProviders } from './report';
import { endOfDay, stockholmDate } from '../../server/platform/time';

let t: TestServer;
let isam: Client;

interface Spec { org: string; reportedAt: string; kind?: string; category?: string; personalData?: string; risk?: string; imy?: boolean; csirt?: boolean; path?: string[] }

// Incidents the test creates; every expected figure below is computed from this list.
const specs: Spec[] = [
  // Closed: so assessed as no likely risk (an open duty to notify IMY would refuse Klar).
  { org: 'enh', reportedAt: '2025-01-01T00:30', kind: 'Personuppgiftsincident', category: 'Fel mottagare', risk: 'ingen_trolig_risk', path: ['Under registrering', 'Under utredning', 'Klar'] },
  { org: 'enh', reportedAt: '2025-03-15T12:00', kind: 'IT-säkerhet', category: 'Nätfiske', personalData: 'nej', path: ['Under registrering'] },
  { org: 'avd', reportedAt: '2025-03-30T03:30', kind: 'Informationssäkerhet', category: 'Dokument kvarlämnade', personalData: 'ja', imy: true },
  { org: 'avd', reportedAt: '2025-10-26T02:30', category: 'Spam', path: ['Förfallen'] },
  { org: 'forv', reportedAt: '2025-12-31T23:30', kind: 'IT-säkerhet', csirt: true, path: ['Under registrering', 'Under utredning', 'Under åtgärd'] },
  { org: 'forv', reportedAt: '2024-12-31T23:30', kind: 'Personuppgiftsincident' },
  { org: 'enh', reportedAt: '2024-06-01T10:00', personalData: 'ja' },
  { org: 'enh', reportedAt: '2024-06-02T10:00' },
  { org: 'annan', reportedAt: '2025-05-05T10:00', kind: 'Personuppgiftsincident' },
];

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv', 'forvaltning', 'stad'], ['avd', 'avdelning', 'forv'], ['enh', 'enhet', 'avd'], ['annan', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'stad');
  for (const s of specs) {
    const r = await isam.post('/api/incidents', { org: s.org, title: 't', reportedAt: s.reportedAt, kind: s.kind, category: s.category, personalData: s.personalData, riskAssessment: s.risk, assessmentText: s.risk ? 'Bedömd av handläggaren.' : undefined });
    expect(r.status).toBe(201);
    let cur = r.body;
    if (s.imy || s.csirt) {
      cur = (await isam.patch(`/api/incidents/${cur.id}`, { version: cur.version, ...(s.imy ? { imyReportedAt: '2025-04-01T10:00' } : {}), ...(s.csirt ? { reportedToCsirt: true } : {}) })).body;
    }
    for (const status of s.path ?? []) {
      const next = await isam.patch(`/api/incidents/${cur.id}`, { version: cur.version, status });
      expect(next.status, JSON.stringify(next.body)).toBe(200);
      cur = next.body;
    }
  }
});
afterAll(() => t.close());

const yearOf = (s: Spec) => Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date(s.reportedAt.slice(0, 10))));
const inTree = (s: Spec) => s.org !== 'annan';
const breach = (s: Spec) => s.personalData === 'ja' || s.kind === 'Personuppgiftsincident';
const finalStatus = (s: Spec) => (s.path ?? []).at(-1) ?? 'Rapporterad';
const count = <T extends string>(list: Spec[], key: (s: Spec) => T) => list.reduce<Record<string, number>>((m, s) => ({ ...m, [key(s)]: (m[key(s)] ?? 0) + 1 }), {});

describe('incident statistics', () => {
  it('counts the organisation and its subtree per Stockholm year, with every breakdown', async () => {
    // As of today: the statuses as they are now (the changes above were made today, after the year ended).
    const today = stockholmDate(new Date());
    const r = await isam.get(`/api/incidents/stats?org=forv&year=2025&asOf=${today}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const cur = specs.filter((s) => inTree(s) && yearOf(s) === 2025);
    const prev = specs.filter((s) => inTree(s) && yearOf(s) === 2024);
    expect(r.body.total).toBe(cur.length);
    expect(r.body.previousYearTotal).toBe(prev.length);
    expect(r.body.byStatus).toEqual({ ...Object.fromEntries(INCIDENT_STATUSES.map((s) => [s, 0])), ...count(cur, finalStatus) });
    expect(Object.fromEntries(Object.entries(r.body.byKind).filter(([, n]) => n !== 0))).toEqual(count(cur, (s) => s.kind ?? 'Ej angiven'));
    expect(r.body.byCategory).toEqual(count(cur, (s) => s.category ?? 'Ej angiven'));
    // Year on year: the same counts for the year before.
    expect(Object.fromEntries(Object.entries(r.body.byKindPreviousYear).filter(([, n]) => n !== 0))).toEqual(count(prev, (s) => s.kind ?? 'Ej angiven'));
    expect(r.body.byCategoryPreviousYear).toEqual(count(prev, (s) => s.category ?? 'Ej angiven'));
    expect(Object.keys(r.body.byCategoryPreviousYear).length).toBeGreaterThan(0);
    const months = (list: Spec[]) => Array.from({ length: 12 }, (_, m) => list.filter((s) => Number(s.reportedAt.slice(5, 7)) === m + 1).length);
    expect(r.body.byMonth.current).toEqual(months(cur));
    expect(r.body.byMonth.previous).toEqual(months(prev));
    expect(r.body.personalData).toBe(cur.filter(breach).length);
    expect(r.body.personalDataPreviousYear).toBe(prev.filter(breach).length);
    expect(r.body.reportedToIMY).toBe(cur.filter((s) => s.imy).length);
    expect(r.body.reportedToCSIRT).toBe(cur.filter((s) => s.csirt).length);
    expect(r.body.asOf).toBe(today);
  });

  it('without asOf, counts a past year as of its last day, as the management review does', async () => {
    const plain = (await isam.get('/api/incidents/stats?org=forv&year=2025')).body;
    expect(plain).toEqual((await isam.get('/api/incidents/stats?org=forv&year=2025&asOf=2025-12-31')).body);
    expect(plain.byStatus.Rapporterad).toBe(plain.total);
    const running = (await isam.get(`/api/incidents/stats?org=forv&year=${new Date().getFullYear()}`)).body;
    expect(running.asOf).toBe(stockholmDate(new Date()));
  });

  it('with asOf, counts only what was reported by then, each with the status it had then (from history)', async () => {
    // Every status change in this test happened "now" (after 2025), so as of 2025-12-31 all were Rapporterad.
    const r = await isam.get('/api/incidents/stats?org=forv&year=2025&asOf=2025-12-31');
    const cur = specs.filter((s) => inTree(s) && yearOf(s) === 2025);
    expect(r.body.byStatus.Rapporterad).toBe(cur.length);
    expect(r.body.asOf).toBe('2025-12-31');
    const mid = await isam.get('/api/incidents/stats?org=forv&year=2025&asOf=2025-03-30');
    expect(mid.body.total).toBe(cur.filter((s) => s.reportedAt < '2025-03-31').length);
    expect(mid.body.reportedToIMY).toBe(0); // the IMY report was made 2025-04-01
  });

  it('the report section provider gives exactly the stats figures', async () => {
    const stats = (await isam.get('/api/incidents/stats?org=forv&year=2025')).body;
    const [provider] = sectionProviders;
    const { org: _o, year: _y, ...figures } = stats;
    const forv = (await isam.get('/api/orgs/forv')).body;
    const section = await provider.figures({ ctx: t.ctx, org: forv, year: 2025, asOf: new Date(endOfDay('2025-12-31').getTime() - 1) });
    expect(provider.key).toBe('incidents');
    // The stats' keys unchanged (the report contract is stable), and the breaches' documentation beside them.
    const { breachDocumentation, ...rest } = section;
    expect(Object.keys(rest).sort()).toEqual(['asOf', 'byCategory', 'byCategoryPreviousYear', 'byKind', 'byKindPreviousYear', 'byMonth', 'byStatus', 'personalData', 'personalDataPreviousYear', 'previousYearTotal', 'reportedToCSIRT', 'reportedToCSIRTPreviousYear', 'reportedToIMY', 'reportedToIMYPreviousYear', 'total']);
    expect(rest).toEqual(figures);
    expect(Object.keys(breachDocumentation).sort()).toEqual(['breaches', 'documented', 'lateNotifications', 'withSpecialCategories']);
    expect(breachDocumentation.breaches).toBe(figures.personalData);
  });

  it('a reader below the organisation gets 404 for it', async () => {
    const reader = await userWithRole(t, 'las@test.se', 'lasare', 'enh');
    expect((await reader.get('/api/incidents/stats?org=forv&year=2025')).status).toBe(404);
    const own = await reader.get('/api/incidents/stats?org=enh&year=2025');
    expect(own.body.total).toBe(specs.filter((s) => s.org === 'enh' && yearOf(s) === 2025).length);
  });
});

describe('the years of the year filters', () => {
  it('are the years with incidents in the organisation subtree the caller reads, and this year, newest first', async () => {
    // Imported old incidents: 2016 in the subtree, 2012 in another förvaltning; 2010-12-31 23:30 UTC is 2011 in Stockholm,
    // and 2012-12-31 23:30 UTC is 2013 there (in the same organisation: the answer skips from year to year on its index).
    for (const [org, reportedAt] of [['enh', '2016-05-04T10:00'], ['annan', '2012-03-01T10:00'], ['avd', '2010-12-31T23:30Z'], ['avd', '2012-12-31T23:30Z']]) {
      expect((await isam.post('/api/incidents', { org, title: 'Importerad', reportedAt })).status).toBe(201);
    }
    const thisYear = Number(stockholmDate(new Date()).slice(0, 4));
    const expected = (orgs: string[], extra: number[]) =>
      [...new Set([thisYear, ...extra, ...specs.filter((s) => orgs.includes(s.org)).map(yearOf)])].sort((a, b) => b - a);
    const forv = await isam.get('/api/incidents/years?org=forv');
    expect(forv.status, JSON.stringify(forv.body)).toBe(200);
    expect(forv.body.years).toEqual(expected(['forv', 'avd', 'enh'], [2016, 2013, 2011]));
    expect((await isam.get('/api/incidents/years?org=stad')).body.years).toEqual(expected(['forv', 'avd', 'enh', 'annan'], [2016, 2013, 2012, 2011]));
    // Authorised as the list is: an organisation out of the reader's scope is unknown to them.
    const reader = await userWithRole(t, 'las-ar@test.se', 'lasare', 'enh');
    expect((await reader.get('/api/incidents/years?org=forv')).status).toBe(404);
    expect((await reader.get('/api/incidents/years?org=enh')).body.years).toEqual(expected(['enh'], [2016]));
    expect((await reader.get('/api/incidents/years')).body.years).toEqual(expected(['enh'], [2016]));
  });
});
