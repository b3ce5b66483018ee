import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmDate } from '../../server/platform/time';
import { auditCount, Client, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { buildReportJson } from '../reports/build';
import { sectionBlocks } from '../reports/blocks';
import { findOrg } from '../org/service';
import type { Rollup } from '../reports/build';
import type { Nis2Figures } from './report';

/**
 * Cybersäkerhetslagen's anmälan (registration with the supervisory authority): its rules, the start page's item for
 * organisations in scope without it, the report's sentence by the report's day; and how the city follows every
 * förvaltning's scope, registration, assessment and approval: the report's rollup and the page's overview.
 */
let t: TestServer;
let isam: Client;
let isamB: Client;
let cityIsam: Client;

const put = (c: Client, body: unknown) => c.request('PUT', '/api/nis2/scope', body);
const unregistered = async (c: Client) =>
  ((await c.get('/api/attention')).body.items as { key: string; count: number; title_sv: string }[]).find((x) => x.key === 'nis2.unregistered');

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['forv-b', 'forvaltning', 'stad'], ['forv-c', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  isamB = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  cityIsam = await userWithRole(t, 'isam.stad@test.se', 'isam', 'stad');
});
afterAll(() => t.close());

describe('NIS2 registration with the supervisory authority', () => {
  it('refuses a registration out of scope, a reference without a day and a day ahead (422 at the field); keeps it otherwise', async () => {
    const outOfScope = await put(isam, { org: 'forv-a', version: 0, inScope: false, registeredOn: '2026-02-01' });
    expect(outOfScope.status).toBe(422);
    expect(outOfScope.body).toMatchObject({ code: 'registration_not_in_scope', field: 'registeredOn' });
    const noDay = await put(isam, { org: 'forv-a', version: 0, inScope: true, entityType: 'viktig', registrationReference: 'Dnr 1' });
    expect(noDay.status).toBe(422);
    expect(noDay.body).toMatchObject({ code: 'registration_date_required', field: 'registeredOn' });
    const ahead = await put(isam, { org: 'forv-a', version: 0, inScope: true, entityType: 'viktig', registeredOn: '2999-01-01' });
    expect(ahead.status).toBe(422);
    expect(ahead.body).toMatchObject({ code: 'registration_date_future', field: 'registeredOn' });
    expect(ahead.body.detail_sv).toMatch(/^Dagen för anmälan \(2999-01-01\) ligger efter dagens datum/);
    const bad = await put(isam, { org: 'forv-a', version: 0, inScope: true, entityType: 'viktig', registeredOn: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('registeredOn');
    // Nothing of the refused attempts was kept.
    expect((await isam.get('/api/nis2/scope?org=forv-a')).body).toMatchObject({ inScope: false, registeredOn: null, version: 0 });
    expect(await auditCount(t, 'nis2.scope_update')).toBe(0);

    const ok = await put(isam, { org: 'forv-a', version: 0, inScope: true, entityType: 'vasentlig', registeredOn: '2026-02-16', registrationReference: 'MCF dnr 2026-1' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ inScope: true, registeredOn: '2026-02-16', registrationReference: 'MCF dnr 2026-1', version: 1 });
    // A change that does not name the registration keeps it.
    const kept = await put(isam, { org: 'forv-a', version: 1, inScope: true, sector: 'Hälso- och sjukvård' });
    expect(kept.body).toMatchObject({ registeredOn: '2026-02-16', registrationReference: 'MCF dnr 2026-1', sector: 'Hälso- och sjukvård', version: 2 });
    // Leaving the law's scope needs the registration removed too.
    expect((await put(isam, { org: 'forv-a', version: 2, inScope: false })).body.code).toBe('registration_not_in_scope');
    expect(await auditCount(t, 'nis2.scope_update')).toBe(2);
  });

  it('tells those who keep the measures how many organisations in scope lack their registration', async () => {
    expect(await unregistered(isamB)).toBeUndefined();
    expect((await put(isamB, { org: 'forv-b', version: 0, inScope: true, entityType: 'viktig' })).status).toBe(200);
    expect(await unregistered(isamB)).toMatchObject({ count: 1, title_sv: 'Anmälan enligt cybersäkerhetslagen saknas för 1 organisation som omfattas av lagen' });
    // forv-a is registered: its ISAM sees nothing; the city's ISAM sees forv-b only.
    expect(await unregistered(isam)).toBeUndefined();
    expect((await unregistered(cityIsam))?.count).toBe(1);
    expect((await put(isamB, { org: 'forv-b', version: 1, inScope: true, registeredOn: stockholmDate() })).status).toBe(200);
    expect(await unregistered(isamB)).toBeUndefined();
  });

  it('reports the registration by the report day, and says it is missing only once the law applies', async () => {
    const a = await findOrg(t.database.db, 'forv-a');
    const before = (await buildReportJson(t.ctx, a, 2026, { asOf: '2026-02-15', only: ['nis2'] })).nis2 as Nis2Figures;
    expect(before).toMatchObject({ inScope: true, registration: null, registrationDue: true });
    const after = (await buildReportJson(t.ctx, a, 2026, { asOf: '2026-02-16', only: ['nis2'] }));
    expect((after.nis2 as Nis2Figures).registration).toEqual({ date: '2026-02-16', reference: 'MCF dnr 2026-1' });
    // Before the law came into force nothing was due.
    const old = (await buildReportJson(t.ctx, a, 2025, { asOf: '2025-12-31', only: ['nis2'] }));
    expect(old.nis2).toMatchObject({ registration: null, registrationDue: false });

    const say = async (json: Awaited<ReturnType<typeof buildReportJson>>) => {
      const full = await buildReportJson(t.ctx, a, json.year as number, { asOf: json.asOf as string });
      const [text] = sectionBlocks(full.outline.find((s) => s.provider === 'nis2')!, full);
      return text.kind === 'text' ? text.text : '';
    };
    expect(await say(after)).toBe('Förvaltningen omfattas av cybersäkerhetslagen som väsentlig entitet inom sektorn hälso- och sjukvård. Anmälan till tillsynsmyndighetens register gjordes den 2026-02-16 (MCF dnr 2026-1). Årets säkerhetsåtgärder enligt lagens tio områden är ännu inte bedömda.');
    expect(await say(old)).toBe('Förvaltningen omfattas av cybersäkerhetslagen som väsentlig entitet inom sektorn hälso- och sjukvård. Årets säkerhetsåtgärder enligt lagens tio områden är ännu inte bedömda.');
  });

  it("rolls the förvaltningar's scope, registration, assessment and approval up to the city", async () => {
    const year = Number(stockholmDate().slice(0, 4));
    const started = await isam.post('/api/nis2/assessments', { org: 'forv-a', year });
    expect(started.status).toBe(201);
    const city = await findOrg(t.database.db, 'stad');
    const json = await buildReportJson(t.ctx, city, year, { only: ['rollup'] });
    const rows = Object.fromEntries((json.rollup as Rollup).forvaltningar.map((f) => [f.slug, f.nis2]));
    expect(rows['forv-a']).toEqual({
      inScope: true, entityType: 'vasentlig', registered: '2026-02-16', registrationDue: true, assessed: true, approved: null,
      counts: { genomford: 0, delvis: 0, ej_paborjad: 10, ej_tillamplig: 0 },
    });
    expect(rows['forv-b']).toMatchObject({ inScope: true, entityType: 'viktig', registered: stockholmDate(), assessed: false, approved: null });
    expect(rows['forv-c']).toMatchObject({ inScope: false, registered: null, assessed: false });
    const section = json.outline.find((s) => s.provider === 'rollup')!;
    const table = sectionBlocks(section, json).find((b) => b.kind === 'table' && b.caption === 'Förvaltningarna och cybersäkerhetslagen (NIS2)');
    expect(table && table.kind === 'table' && table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['FORV-A', 'Ja, väsentlig', '2026-02-16', 'Ja', '0', '0', '10', 'Nej'],
      ['FORV-B', 'Ja, viktig', stockholmDate(), 'Nej', '', '', '', 'Nej'],
      ['FORV-C', 'Nej', '', '', '', '', '', ''],
    ]);
    // Before the law came into force no anmälan was due: a dash, not "Nej".
    const y2025 = await buildReportJson(t.ctx, city, 2025, { asOf: '2025-12-31', only: ['rollup'] });
    const early = sectionBlocks(y2025.outline.find((s) => s.provider === 'rollup')!, y2025).find((b) => b.kind === 'table' && b.caption === 'Förvaltningarna och cybersäkerhetslagen (NIS2)');
    expect(early && early.kind === 'table' && early.rows.map((r) => r[2].text)).toEqual(['–', '–', '']);
  });

  it('gives the city an overview of the organisations under it: direct ones, and deeper ones in scope, each in brief', async () => {
    const year = Number(stockholmDate().slice(0, 4));
    await makeOrgs(t.ctx, [['avd-c1', 'avdelning', 'forv-c'], ['avd-c2', 'avdelning', 'forv-c']]);
    expect((await put(cityIsam, { org: 'avd-c1', version: 0, inScope: true, entityType: 'viktig' })).status).toBe(200);
    const r = await cityIsam.get(`/api/nis2/overview?org=stad&year=${year}`);
    expect(r.status).toBe(200);
    const rows = r.body as { org: { slug: string }; inScope: boolean; entityType: string | null; registeredOn: string | null; assessment: unknown }[];
    // avd-c2 is neither a direct child nor in scope.
    expect(rows.map((x) => x.org.slug)).toEqual(['avd-c1', 'forv-a', 'forv-b', 'forv-c']);
    const by = Object.fromEntries(rows.map((x) => [x.org.slug, x]));
    expect(by['forv-a']).toMatchObject({ inScope: true, entityType: 'vasentlig', registeredOn: '2026-02-16', assessment: { counts: { ej_paborjad: 10, delvis: 0, genomford: 0, ej_tillamplig: 0 }, blocking: 10, approvedOn: null } });
    expect(by['forv-b']).toMatchObject({ inScope: true, registeredOn: stockholmDate(), assessment: null });
    expect(by['forv-c']).toMatchObject({ inScope: false, entityType: null, registeredOn: null, assessment: null });
    expect(by['avd-c1']).toMatchObject({ inScope: true, entityType: 'viktig', registeredOn: null });
    // Another year: the same organisations, no assessments.
    const other = (await cityIsam.get(`/api/nis2/overview?org=stad&year=${year - 1}`)).body as { assessment: unknown }[];
    expect(other.every((x) => x.assessment === null)).toBe(true);
    // A förvaltning's ISAM sees its own subtree only: the city is not theirs (404), their förvaltning has no units.
    expect((await isamB.get(`/api/nis2/overview?org=stad&year=${year}`)).status).toBe(404);
    expect((await isamB.get(`/api/nis2/overview?org=forv-b&year=${year}`)).body).toEqual([]);
    expect((await cityIsam.get('/api/nis2/overview?org=stad&year=19')).status).toBe(400);
  });
});
