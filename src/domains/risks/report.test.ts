import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrg } from '../org/service';
import { makeOrgs, startTestServer, tableCounts, userWithRole, type Client, type TestServer } from '../../test/harness';
import { demo } from './demo';
import { VOR_2025 } from './demo-data';
import { sectionProviders, type RiskFigures } from './report';
import type { ContinuityFigures } from './report-continuity';
import { sectionBlocks, type FigureBlock } from '../reports/blocks';
import type { ReportJson } from '../reports/build';
import type { Section } from '../reports/outline';

let t: TestServer;
let isam: Client;
let chef: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stockholm', 'stad'], ['hasselby-vallingby', 'forvaltning', 'stockholm'], ['servicenamnden', 'forvaltning', 'stockholm'], ['forv-x', 'forvaltning', 'stockholm'], ['avd-x', 'avdelning', 'forv-x']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-x');
  chef = await userWithRole(t, 'chef@test.se', 'forvaltningschef', 'forv-x');
});
afterAll(() => t.close());

async function figures(slug: string, year: number, asOf?: Date): Promise<RiskFigures> {
  const org = await findOrg(t.ctx.db, slug);
  const p = sectionProviders.find((s) => s.key === 'risks')!;
  return p.figures({ ctx: t.ctx, org: { id: org.id, slug: org.slug, name: org.name, type: org.type, path: org.path }, year, asOf });
}

describe('report figures', () => {
  it('gives each event of the year’s VoR in the subtree with proposal, decision, actions and follow-up', async () => {
    await isam.request('PUT', '/api/risks/thresholds/forv-x', { threshold: 9 });
    const v = (await isam.post('/api/risks/vor', { org: 'avd-x', year: 2025 })).body;
    const arb = v.processes[0].arbetssatt;
    const input = [
      { key: 'incidenthantering', title: 'A', s: 3, k: 3, decide: true, action: 'Utbilda', follow: 'Utbildning hölls' },
      { key: 'incidenthantering', title: 'B', s: 2, k: 4, decide: null, action: null, follow: '' },
      { key: 'behorighetshantering', title: 'C', s: 4, k: 4, decide: false, action: 'Kontrollera', follow: 'Klart' },
    ];
    for (const i of input) {
      const e = (await isam.post(`/api/risks/vor/${v.id}/events`, { arbetssattId: arb.find((a: { key: string }) => a.key === i.key).id, title: i.title, sannolikhet: i.s, konsekvens: i.k, followUp: i.follow })).body;
      if (i.action) await isam.post('/api/risks/actions', { parentType: 'vor_event', parentId: e.id, title: i.action, owner: 'ISAM', dueDate: '2025-12-31' });
      if (i.decide !== null) expect((await chef.post(`/api/risks/vor-events/${e.id}/ikp-decision`, { version: e.version, inIkp: i.decide })).status).toBe(200);
    }
    // Another year and another förvaltning stay out.
    await isam.post('/api/risks/vor', { org: 'forv-x', year: 2024 });
    const f = await figures('forv-x', 2025);
    // Arbetssätt in preset order (behörighetshantering before incidenthantering), events in entry order.
    const order = ['C', 'A', 'B'];
    expect(f.vor.map((r) => r.handelse)).toEqual(order);
    for (const r of f.vor) {
      const i = input.find((x) => x.title === r.handelse)!;
      expect(r).toMatchObject({ sannolikhet: i.s, konsekvens: i.k, riskvarde: i.s * i.k, ikp: i.s * i.k >= 9, ikpDecided: i.decide, status: i.follow });
      expect(r.atgarder.map((a) => a.title)).toEqual(i.action ? [i.action] : []);
      expect(r.arbetssatt).toBe(arb.find((a: { key: string }) => a.key === i.key).name);
    }
    expect(f.vorTotals).toMatchObject({ events: 3, ikpProposed: input.filter((i) => i.s * i.k >= 9).length, ikpDecidedIn: 1 });
    expect(f.scale).toMatchObject({ threshold: 9, likelihood: ['Osannolik', 'Mindre sannolik', 'Möjlig', 'Sannolik'] });
    expect((await figures('forv-x', 2023)).vor).toEqual([]);
  });

  it('shows a proposal management decided against as not in the IKP, in the report table and the city rollup', async () => {
    // From the test above: A proposed and decided in, B below the threshold, C proposed (16) and decided out.
    const f = await figures('forv-x', 2025);
    const section = { id: 'risks', level: 2, title: 'VoR', provider: 'risks', hidden: false, tables: [] } as unknown as Section;
    const table = sectionBlocks(section, { year: 2025, asOf: '2025-12-31', outline: [], risks: f } as unknown as ReportJson)[0] as Extract<FigureBlock, { kind: 'table' }>;
    const ikp = table.columns.indexOf('IKP');
    expect(Object.fromEntries(table.rows.map((r) => [r[1].text, r[ikp].text]))).toEqual({ A: 'Ja, beslutat', B: 'Endast VoR', C: 'Nej, beslutat' });
    const slk = await userWithRole(t, 'isam.stad@test.se', 'isam', 'stockholm');
    const r = await slk.post('/api/reports', { org: 'stockholm', year: 2025 });
    const json = (await slk.get(`/api/reports/${r.body.id}/render?format=json`)).body;
    expect(json.rollup.forvaltningar.find((x: { slug: string }) => x.slug === 'forv-x').risks).toEqual({ vor: 3, ikp: 1 });
    expect(json.rollup.ikpRisks.map((x: { handelse: string }) => x.handelse)).toEqual(['A']);
  });

  it('counts register risks by level and treatment', async () => {
    const specs = [
      { t: 'reducera', s: 4, k: 4 }, { t: 'reducera', s: 1, k: 2 }, { t: 'acceptera', s: 2, k: 2 }, { t: null, s: 3, k: 4 },
    ];
    for (const [i, s] of specs.entries()) {
      expect((await isam.post('/api/risks/register', { org: 'avd-x', title: `R${i}`, treatment: s.t, inherent: { sannolikhet: s.s, konsekvens: s.k } })).status).toBe(201);
    }
    const f = await figures('forv-x', 2025);
    expect(f.register.total).toBe(specs.length);
    expect(f.register.byTreatment).toMatchObject({ reducera: 2, acceptera: 1, ingen: 1, overfora: 0, undvika: 0 });
    const bands = f.scale.bands;
    const expected: Record<string, number> = Object.fromEntries(bands.map((b) => [b.label, 0]));
    for (const s of specs) {
      const label = bands.find((b) => s.s * s.k >= b.min && s.s * s.k <= b.max)!.label;
      expected[label] = (expected[label] ?? 0) + 1;
    }
    expect(f.register.byLevel).toEqual(expected);
    expect(Object.keys(f.register.byLevel)).toEqual(bands.map((b) => b.label)); // every level, in the scale's order
    // In the document, a risk without a treatment decision reads as the register page says it: not decided.
    const section = { id: 'risks', level: 2, title: 'Risker', provider: 'risks', hidden: false, tables: [] } as unknown as Section;
    const byTreatment = sectionBlocks(section, { year: 2025, asOf: '2025-12-31', outline: [], risks: { register: f.register } } as unknown as ReportJson)
      .find((b) => b.kind === 'table' && b.caption.endsWith('per hantering')) as Extract<FigureBlock, { kind: 'table' }>;
    expect(byTreatment.rows.map((r) => `${r[0].text} ${r[1].text}`)).toEqual(['Reducera 2', 'Acceptera 1', 'Överföra 0', 'Undvika 0', 'Ej beslutad 1']);
  });
});

describe('demo', () => {
  it('reproduces seed 002’s VoR 2025 (nine values, six to IKP) and is idempotent', async () => {
    const first = await demo.run(t.ctx);
    expect(first.join('\n')).toContain('VoR 2025');
    const f = await figures('hasselby-vallingby', 2025);
    const expected = VOR_2025.flatMap((g) => g.events.map((e) => e.s * e.k));
    expect(expected).toEqual([16, 6, 16, 12, 8, 12, 9, 12, 12]);
    expect(f.vor.map((r) => r.riskvarde)).toEqual(expected);
    expect(f.vor.filter((r) => r.ikp)).toHaveLength(6);
    expect(f.vor.map((r) => r.ikpDecided)).toEqual(expected.map((v) => v >= 12));
    expect(f.vor.map((r) => r.arbetssatt)).toEqual(VOR_2025.flatMap((g) => g.events.map(() => f.vor.find((x) => x.handelse === g.events[0].title)!.arbetssatt)));
    expect(new Set(f.vor.map((r) => r.arbetssatt)).size).toBe(3);
    expect(f.vor.every((r) => r.status.length > 0)).toBe(true);
    expect(f.vorTotals.approved).toBe(true);
    // Continuity is a section of its own (report-continuity.ts); the demo fills it for both förvaltningar.
    const continuity = sectionProviders.find((s) => s.key === 'continuity')!;
    const cont = async (slug: string, asOf?: Date) => {
      const o = await findOrg(t.ctx.db, slug);
      return (await continuity.figures({ ctx: t.ctx, org: { id: o.id, slug: o.slug, name: o.name, type: o.type, path: o.path }, year: 2025, asOf })) as unknown as ContinuityFigures;
    };
    const sf = await cont('servicenamnden');
    expect(sf.plans.map((p) => p.title)).toEqual(expect.arrayContaining(['Kontinuitetsplan Artvise', 'Kontinuitetsplan kontaktcenterplattformen']));
    // As of 12 November (seed 002's day), the crisis exercise held on 9 December has not happened yet.
    expect(sf.exercisesHeld.map((e) => e.date)).toContain('2025-12-09');
    expect((await cont('servicenamnden', new Date('2025-11-12T12:00:00Z'))).exercisesHeld.map((e) => e.date)).not.toContain('2025-12-09');
    expect(sf.rsa.map((r) => [r.cycle, r.status])).toEqual([['2024–2025', 'klar']]);
    expect((await cont('hasselby-vallingby')).plans.length).toBeGreaterThan(0);
    expect(f.register.total).toBeGreaterThan(0);
    const counts = await tableCounts(t);
    await demo.run(t.ctx);
    expect(await tableCounts(t)).toEqual(counts);
  });
});
