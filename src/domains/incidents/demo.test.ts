import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../test/harness';
import { runDemo } from '../../cli/demo';
import { findOrg } from '../org/service';
import { BREACH_RECORDS_MORE, HV_2024, HV_2025, SF_2025 } from './demo-data';
import { demo } from './demo';
import { incidentFigures } from './stats';
import { breachDocumentation, imyBasis } from './breach';
import { listDeadlines } from './deadlines';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await runDemo(t.ctx);
});
afterAll(() => t.close());

const sum = (o: Record<string, [number, number, number]>, k: 0 | 1 | 2) => Object.values(o).reduce((s, v) => s + v[k], 0);

describe('demo incidents', () => {
  it('reproduces seed 002\'s table for Hässelby-Vällingby as of 2025-11-12', async () => {
    const hv = await findOrg(t.ctx.db, 'hasselby-vallingby');
    const f = await incidentFigures(t.ctx.db, hv.path, 2025, '2025-11-12');
    // Seed 002, 4.3: Rapporterad 10, Under registrering 16, Under utredning 3, Under åtgärd 2, Klar 22, Förfallen 2.
    expect(f.byStatus).toEqual({ Rapporterad: 10, 'Under registrering': 16, 'Under utredning': 3, 'Under åtgärd': 2, Klar: 22, Förfallen: 2 });
    expect(f.total).toBe(55);
    expect(f.previousYearTotal).toBe(90);
    expect(f.personalData).toBe(20);
    expect(f.personalDataPreviousYear).toBe(16);
    expect(f.reportedToIMY).toBe(3);
    expect(f.reportedToCSIRT).toBe(0);
    expect(f.byCategory).toEqual(Object.fromEntries(Object.entries(HV_2025.categories).map(([c, v]) => [c, v[0]])));
    expect(Object.keys(f.byCategory)[0]).toBe('Uppgifter i fel ärende');
    // Without asOf the current statuses are the same (nothing in the demo changes after that day).
    expect((await incidentFigures(t.ctx.db, hv.path, 2025)).byStatus).toEqual(f.byStatus);
    // Several Under registrering were reported in the first quarter.
    const q1 = await t.ctx.db.execute(sql`select count(*)::int as n from incidents where status = 'Under registrering' and external_id like 'DEMO-HV-2025-%' and reported_at < '2025-04-01'`);
    expect(Number((q1 as unknown as { rows: { n: number }[] }).rows[0].n)).toBeGreaterThanOrEqual(5);
    expect(HV_2024.categories && sum(HV_2024.categories, 0)).toBe(90);
  });

  it('leaves only the live incidents with running legal clocks, not a backlog of year-old alarms', async () => {
    const { items } = await listDeadlines(t.ctx, {});
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((d) => d.number)).size).toBeLessThanOrEqual(4);
    const oldest = Math.min(...items.map((d) => Date.parse(d.deadline)));
    expect(Date.now() - oldest).toBeLessThan(45 * 86_400_000);
  });

  it('gives Servicenämnden about 100 incidents in 2025, mostly personal data, one to IMY', async () => {
    const sf = await findOrg(t.ctx.db, 'servicenamnden');
    const f = await incidentFigures(t.ctx.db, sf.path, 2025);
    expect(f.total).toBe(sum(SF_2025.categories, 0));
    expect(f.personalData).toBe(sum(SF_2025.categories, 1));
    expect(f.personalData / f.total).toBeGreaterThan(0.5);
    expect(f.reportedToIMY).toBe(1);
    expect(f.byCategory['Cyberangrepp hos leverantör']).toBe(1);
  });

  it('documents some of Hässelby-Vällingby\'s 2025 breaches, the three reported to IMY among them, before the report\'s day', async () => {
    const hv = await findOrg(t.ctx.db, 'hasselby-vallingby');
    const d = await breachDocumentation(t.ctx.db, hv.path, 2025, '2025-11-12');
    expect(d.breaches).toBe(sum(HV_2025.categories, 1));
    expect(d.documented).toBe(sum(HV_2025.categories, 2) + BREACH_RECORDS_MORE);
    expect(d.lateNotifications).toBe(0);
    const imy = await t.ctx.db.execute(sql`select count(*)::int as n from incidents i join incident_breaches b on b.incident_id = i.id
      where i.reported_to_imy and i.external_id like 'DEMO-HV-2025-%' and b.documented_at is not null`);
    expect(Number((imy as unknown as { rows: { n: number }[] }).rows[0].n)).toBe(3);
  });

  it('documents Servicenämnden\'s handled breaches and the one reported to IMY, leaving the open ones', async () => {
    const sf = await findOrg(t.ctx.db, 'servicenamnden');
    const d = await breachDocumentation(t.ctx.db, sf.path, 2025);
    expect(d.breaches).toBe(sum(SF_2025.categories, 1));
    const q = await t.ctx.db.execute(sql`select count(*) filter (where i.status = 'Klar' and not i.protected_identity)::int as klar,
      count(*) filter (where i.status <> 'Klar' and b.documented_at is not null)::int as open_documented,
      count(*) filter (where i.reported_to_imy and b.documented_at is not null)::int as imy
      from incidents i left join incident_breaches b on b.incident_id = i.id where i.external_id like 'DEMO-SF-2025-%' and i.personal_data = 'ja'`);
    const r = (q as unknown as { rows: { klar: number; open_documented: number; imy: number }[] }).rows[0];
    expect(r.imy).toBe(1);
    expect(r.open_documented).toBe(0);
    expect(d.documented).toBe(Number(r.klar));
    expect(d.documented).toBeGreaterThan(d.breaches / 2);
    expect(d.documented).toBeLessThan(d.breaches);
  });

  it('names each stadsdelsnämnd and Stockholms stad\'s organisationsnummer as personuppgiftsansvarig in the IMY basis', async () => {
    const reported = async (prefix: string) => {
      const q = await t.ctx.db.execute(sql`select id from incidents where reported_to_imy and external_id like ${prefix + '%'} order by external_id limit 1`);
      return (q as unknown as { rows: { id: string }[] }).rows[0].id;
    };
    expect((await imyBasis(t.ctx, await reported('DEMO-HV-2025-'))).organisation)
      .toMatchObject({ controller: 'Hässelby-Vällingby stadsdelsnämnd', orgNumber: '212000-0142', register: 'Hässelby-Vällingby stadsdelsförvaltning' });
    expect((await imyBasis(t.ctx, await reported('DEMO-SF-2025-'))).organisation).toMatchObject({ controller: 'Servicenämnden', orgNumber: '212000-0142' });
  });

  it('is idempotent', async () => {
    const count = async () => Number(((await t.ctx.db.execute(sql`select count(*)::int as n from incidents`)) as unknown as { rows: { n: number }[] }).rows[0].n);
    const records = async () => Number(((await t.ctx.db.execute(sql`select count(*)::int as n from incident_breaches`)) as unknown as { rows: { n: number }[] }).rows[0].n);
    const before = await count();
    const recordsBefore = await records();
    await demo.run(t.ctx);
    expect(await count()).toBe(before);
    expect(await records()).toBe(recordsBefore);
  });
});
