import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfDay } from '../../server/platform/time';
import { auditCount, Client, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { sectionBlocks } from '../reports/blocks';
import type { ReportJson } from '../reports/build';
import type { Section } from '../reports/outline';
import { fiveYearsBefore } from './camera';
import { sectionProviders } from './report';

// Kamerabevakning: the register of surveilled sites with their intresseavvägning, inside the registerförteckning.
let t: TestServer;
let isam: Client;
let reader: Client;
let employee: Client;
let otherIsam: Client;

/** A day after any clock this test runs on (start and balancing dates must have happened). */
const FUTURE = '2999-01-01';
const BALANCING = { balancing: 'Bevakningsintresset väger tyngre nattetid; kameran riktas bort från fönster.', balancingDate: '2025-04-20', balancingBy: 'Eva Lind (enhetschef)' };
const SITE = { purpose: 'Förebygga skadegörelse', area: 'Entré och cykelställ', location: 'Storgatan 1', cameras: 2, storageDays: 14, signs: true };

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-a1', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad'], ['forv-r', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
  employee = await userWithRole(t, 'medarbetare@test.se', 'medarbetare', 'forv-a');
  otherIsam = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
});
afterAll(() => t.close());

async function add(c: Client, body: Record<string, unknown>) {
  const r = await c.post('/api/privacy/camera-sites', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; version: number };
}
const names = async (c: Client, query: string) =>
  ((await c.get(`/api/privacy/camera-sites?${query}`)).body as { name: string }[]).map((s) => s.name);

describe('the camera surveillance register', () => {
  it('registers a site, reads and changes it with optimistic locking, auditing each change with words', async () => {
    const r = await isam.post('/api/privacy/camera-sites', { org: 'avd-a1', name: 'Garaget', ...SITE, startedOn: '2021-03-01' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: 'Garaget', org: { slug: 'avd-a1' }, cameras: 2, sound: false, storageDays: 14, startedOn: '2021-03-01', endedOn: null, state: 'pagar',
      balancing: '', balancingDate: null, balancingMissing: true, signs: true, activity: null, archived: false, version: 1,
    });
    const { id } = r.body;
    expect((await reader.get(`/api/privacy/camera-sites/${id}`)).body.name).toBe('Garaget');
    const changed = await isam.patch(`/api/privacy/camera-sites/${id}`, { version: 1, sound: true, endedOn: '2024-06-30' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ sound: true, endedOn: '2024-06-30', state: 'avslutad', version: 2 });
    const stale = await isam.patch(`/api/privacy/camera-sites/${id}`, { version: 1, sound: false });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/^Kamerabevakningen har ändrats av någon annan/);
    expect((await isam.post('/api/privacy/camera-sites', { org: 'avd-a1', name: 'garaget' })).status).toBe(409);
    const audits = await rawSql<{ action: string; entity_type: string }>(t, `select action, entity_type from audit_log where entity_id = '${id}' order by seq`);
    expect(audits.map((a) => [a.action, a.entity_type])).toEqual([['privacy.camera.create', 'camera_site'], ['privacy.camera.update', 'camera_site']]);
  });

  it('refuses with 422 at the field: storage time, end before start, dates after today', async () => {
    const body = { org: 'forv-a', name: 'Regel', ...SITE };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ storageDays: 0 }, 'storageDays', 'storage_days_invalid'],
      [{ storageDays: -3 }, 'storageDays', 'storage_days_invalid'],
      [{ startedOn: '2023-05-01', endedOn: '2023-04-30' }, 'endedOn', 'ended_before_started'],
      [{ endedOn: '2023-04-30' }, 'startedOn', 'ended_without_start'],
      [{ startedOn: FUTURE }, 'startedOn', 'camera_started_future'],
      [{ startedOn: '2023-05-01', endedOn: FUTURE }, 'endedOn', 'camera_ended_future'],
      [{ balancingDate: FUTURE, balancing: 'x' }, 'balancingDate', 'balancing_date_future'],
    ];
    const before = await auditCount(t, 'privacy.camera.create');
    for (const [extra, field, code] of cases) {
      const r = await isam.post('/api/privacy/camera-sites', { ...body, ...extra });
      expect(r.status, JSON.stringify(extra)).toBe(422);
      expect(r.body, JSON.stringify(extra)).toMatchObject({ code, field });
    }
    expect(await auditCount(t, 'privacy.camera.create')).toBe(before);
  });

  it('marks a site started on or after 2025-04-01 as running only with its intresseavvägning (text and date, by the start day)', async () => {
    const body = { org: 'forv-a', name: 'Entrén', ...SITE, startedOn: '2025-05-01' };
    const refuse = async (extra: Record<string, unknown>, field: string, code: string) => {
      const r = await isam.post('/api/privacy/camera-sites', { ...body, ...extra });
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code, field });
      expect(r.body.detail).toMatch(/intresseavvägning/i);
    };
    await refuse({}, 'balancing', 'balancing_missing');
    await refuse({ balancing: BALANCING.balancing }, 'balancingDate', 'balancing_date_missing');
    await refuse({ ...BALANCING, balancingDate: '2025-05-02' }, 'balancingDate', 'balancing_after_start');
    // Before the new rules a site needs none (it is flagged in the report instead).
    expect((await add(isam, { ...body, name: 'Gammal entré', startedOn: '2025-03-31' }))).toMatchObject({ balancingMissing: true });
    // Planned (no start date): saved without; marking it started asks for the intresseavvägning, then takes it.
    const planned = await add(isam, { org: 'forv-a', name: 'Entrén', ...SITE });
    expect(planned).toMatchObject({ state: 'planerad', balancingMissing: true });
    const missing = await isam.patch(`/api/privacy/camera-sites/${planned.id}`, { version: planned.version, startedOn: '2025-05-01' });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'balancing_missing', field: 'balancing' });
    const ok = await isam.patch(`/api/privacy/camera-sites/${planned.id}`, { version: planned.version, startedOn: '2025-05-01', ...BALANCING });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'pagar', balancingMissing: false, balancingBy: 'Eva Lind (enhetschef)', version: 2 });
    // Clearing it again while running is refused.
    const cleared = await isam.patch(`/api/privacy/camera-sites/${planned.id}`, { version: 2, balancingDate: null });
    expect(cleared.body).toMatchObject({ code: 'balancing_date_missing', field: 'balancingDate' });
  });

  it('links the processing activity of the same line of the tree that the caller may read', async () => {
    const act = (await isam.post('/api/privacy/activities', { org: 'avd-a1', name: 'Kamerabevakning vid entrén' })).body;
    const other = (await otherIsam.post('/api/privacy/activities', { org: 'forv-b', name: 'Kamerabevakning B' })).body;
    const site = await add(isam, { org: 'forv-a', name: 'Med behandling', ...SITE, activityId: act.id });
    expect((await isam.get(`/api/privacy/camera-sites/${site.id}`)).body.activity).toEqual({ id: act.id, name: 'Kamerabevakning vid entrén', archived: false });
    const bad = await isam.post('/api/privacy/camera-sites', { org: 'forv-a', name: 'Fel behandling', ...SITE, activityId: other.id });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'activity_not_found', field: 'activityId' });
  });

  it('answers 403 to those who may only read and 404 outside what the caller may see', async () => {
    const site = await add(isam, { org: 'forv-a', name: 'Behörighet', ...SITE });
    expect((await reader.post('/api/privacy/camera-sites', { org: 'forv-a', name: 'Nej' })).status).toBe(403);
    expect((await reader.patch(`/api/privacy/camera-sites/${site.id}`, { version: site.version, signs: false })).status).toBe(403);
    expect((await employee.get('/api/privacy/camera-sites?org=forv-a')).status).toBe(403);
    expect((await otherIsam.get(`/api/privacy/camera-sites/${site.id}`)).status).toBe(404);
    expect((await otherIsam.get('/api/privacy/camera-sites?org=forv-a')).status).toBe(404);
  });
});

describe('the five-year register and archiving', () => {
  it('lists running sites and those ended in the five years before the day asked, all with period=all', async () => {
    await makeOrgs(t.ctx, [['forv-f', 'forvaltning', 'stad']]);
    const fIsam = await userWithRole(t, 'isam-f@test.se', 'isam', 'forv-f');
    const site = (name: string, startedOn: string, endedOn?: string) => add(fIsam, { org: 'forv-f', name, ...SITE, startedOn, endedOn });
    await site('Pågår', '2018-01-01');
    await site('Slutade 2019', '2015-01-01', '2019-06-30');
    await site('Slutade på gränsen', '2016-01-01', '2021-12-06');
    await site('Slutade 2022', '2017-01-01', '2022-01-10');
    expect(fiveYearsBefore('2026-12-06')).toBe('2021-12-06');
    expect(fiveYearsBefore('2028-02-29')).toBe('2023-02-28');
    expect(await names(fIsam, 'org=forv-f&asOf=2026-12-06')).toEqual(['Pågår', 'Slutade 2022', 'Slutade på gränsen']);
    expect(await names(fIsam, 'org=forv-f&asOf=2026-12-07')).toEqual(['Pågår', 'Slutade 2022']);
    expect(await names(fIsam, 'org=forv-f&asOf=2027-01-11')).toEqual(['Pågår']);
    expect(await names(fIsam, 'org=forv-f&asOf=2026-12-06&period=all')).toEqual(['Pågår', 'Slutade 2019', 'Slutade 2022', 'Slutade på gränsen']);
  });

  it('archives and restores a site, never deleting it, with audit words', async () => {
    const s = await add(isam, { org: 'forv-a', name: 'Arkiveras', ...SITE });
    const a = await isam.patch(`/api/privacy/camera-sites/${s.id}`, { version: s.version, archived: true });
    expect(a.body).toMatchObject({ archived: true, version: 2 });
    expect(await names(isam, 'org=forv-a&period=all')).not.toContain('Arkiveras');
    expect(await names(isam, 'org=forv-a&period=all&archived=true')).toEqual(['Arkiveras']);
    expect((await isam.patch(`/api/privacy/camera-sites/${s.id}`, { version: 2, archived: false })).body.archived).toBe(false);
    const audits = await rawSql<{ action: string }>(t, `select action from audit_log where entity_id = '${s.id}' order by seq`);
    expect(audits.map((x) => x.action)).toEqual(['privacy.camera.create', 'privacy.camera.archive', 'privacy.camera.restore']);
    expect((await isam.delete(`/api/privacy/camera-sites/${s.id}`)).status).toBe(404);
  });
});

describe('the report section', () => {
  it("counts the camera register as of the report's day and renders a sentence and a table", async () => {
    const rIsam = await userWithRole(t, 'isam-r@test.se', 'isam', 'forv-r');
    const s = (name: string, extra: Record<string, unknown>) => add(rIsam, { org: 'forv-r', name, ...SITE, purpose: `Ändamål ${name}`, ...extra });
    await s('Garage', { startedOn: '2020-01-01', signs: false });
    await s('Entré', { startedOn: '2025-05-01', ...BALANCING });
    await s('Reception', { startedOn: '2019-02-01', endedOn: '2023-06-30', ...BALANCING, balancingDate: '2019-01-15' });
    await s('Gammal', { startedOn: '2012-01-01', endedOn: '2019-01-01' });
    await s('Planerad', {});
    const gone = await s('Arkiverad', { startedOn: '2020-01-01' });
    await rIsam.patch(`/api/privacy/camera-sites/${gone.id}`, { version: gone.version, archived: true });

    const org = await findOrg(t.database.db, 'forv-r');
    const fig = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025, asOf: endOfDay('2025-12-31') });
    expect(fig.camera.asOf).toBe('2025-12-31');
    expect(fig.camera.counts).toEqual({ running: 2, endedFiveYears: 1, withoutBalancing: 1, withoutSigns: 1 });
    expect(fig.camera.sites.map((x) => [x.name, x.startedOn, x.endedOn, x.balancingMissing, x.signs])).toEqual([
      ['Entré', '2025-05-01', null, false, true], ['Garage', '2020-01-01', null, true, false], ['Reception', '2019-02-01', '2023-06-30', false, true],
    ]);
    // As of 2023-03-31 the reception still ran and the entrance had not started.
    const early = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2023, asOf: endOfDay('2023-03-31') });
    expect(early.camera.counts).toEqual({ running: 2, endedFiveYears: 1, withoutBalancing: 1, withoutSigns: 1 });
    expect(early.camera.sites.map((x) => [x.name, x.endedOn])).toEqual([['Gammal', '2019-01-01'], ['Garage', null], ['Reception', null]]);

    const section = { id: 'registerforteckning', level: 2, title: 'Registerförteckning', provider: 'privacy', hidden: false, narrative: { type: 'doc', content: [] }, tables: [] } as unknown as Section;
    const blocks = sectionBlocks(section, { year: 2025, asOf: '2025-12-31', outline: [], privacy: fig } as unknown as ReportJson);
    expect(blocks).toContainEqual({
      kind: 'text',
      text: 'Kamerabevakning pågår på 2 platser, varav 1 saknar dokumenterad intresseavvägning och 1 saknar skyltning. Bevakningen har upphört på 1 plats under de senaste fem åren.',
    });
    const table = blocks.find((b) => b.kind === 'table' && b.caption.startsWith('Förteckning över kamerabevakning'));
    expect(table && table.kind === 'table' && table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Entré', 'FORV-R', 'Ändamål Entré', '2025-05-01', 'Pågår', '2025-04-20', 'Ja'],
      ['Garage', 'FORV-R', 'Ändamål Garage', '2020-01-01', 'Pågår', 'Saknas', 'Nej'],
      ['Reception', 'FORV-R', 'Ändamål Reception', '2019-02-01', '2023-06-30', '2019-01-15', 'Ja'],
    ]);
  });
});
