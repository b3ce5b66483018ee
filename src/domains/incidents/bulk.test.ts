import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, INCIDENT_ORGS, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { listAudit } from '../audit/service';

// Triage's optimistic locking: the list's rows carry the version they were read at, and a bulk change that gives them
// never overwrites what someone else saved since (the other bulk rules are tested in incidents.test.ts).
let t: TestServer;
let isam: Client;
let chef: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, INCIDENT_ORGS);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv');
  chef = await userWithRole(t, 'chef@test.se', 'isam', 'avd-a');
});
afterAll(() => t.close());

interface Row { id: string; number: string; version: number; kind: string | null; status: string }
const create = async (title: string): Promise<Row> => {
  const r = await isam.post('/api/incidents', { org: 'avd-a', title });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
};
const read = async (id: string): Promise<Row> => (await isam.get(`/api/incidents/${id}`)).body;
const bulkAudits = async (id: string) => (await listAudit(t.ctx, { entityId: id, action: 'incident.bulk_update', limit: 10 })).items.length;

describe('triage with the versions the list read', () => {
  it('refuses the whole step with 409 stale_version naming each incident changed since, and writes nothing', async () => {
    const a = await create('Låst A');
    const b = await create('Låst B');
    const c = await create('Låst C');
    // Someone else saves b after the list was loaded.
    const other = await chef.patch(`/api/incidents/${b.id}`, { version: b.version, kind: 'Arbetsmiljö' });
    expect(other.status, JSON.stringify(other.body)).toBe(200);

    const r = await isam.post('/api/incidents/bulk', {
      ids: [a.id, b.id, c.id], versions: { [a.id]: a.version, [b.id]: b.version, [c.id]: c.version }, set: { kind: 'IT-säkerhet', status: 'Förfallen' },
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'stale_version', field: 'versions' });
    expect(r.body.refused).toEqual([
      expect.objectContaining({ id: b.id, number: b.number, code: 'stale_version', yourVersion: b.version, currentVersion: b.version + 1 }),
    ]);
    expect(r.body.refused[0].reason_sv).toContain(`version ${b.version}, nu ${b.version + 1}`);
    expect(r.body.detail_sv).toBe(`1 av 3 incidenter har ändrats av någon annan sedan de lästes in: ${b.number}. Inget har ändrats. Ladda om listan och försök igen.`);
    expect(r.body.detail_en).toBe(`1 of 3 incidents were changed by someone else since they were loaded: ${b.number}. Nothing was changed. Reload the list and try again.`);
    // Nothing written: not the fresh ones either, and the other user's change stands.
    for (const x of [a, c]) expect(await read(x.id)).toMatchObject({ version: x.version, kind: null, status: 'Rapporterad' });
    expect(await read(b.id)).toMatchObject({ version: b.version + 1, kind: 'Arbetsmiljö', status: 'Rapporterad' });
    for (const x of [a, b, c]) expect(await bulkAudits(x.id)).toBe(0);
  });

  it('changes them when every version given is the current one (in either letter case), and without versions as before', async () => {
    const a = await create('Färsk A');
    const b = await create('Färsk B');
    const ok = await isam.post('/api/incidents/bulk', { ids: [a.id, b.id], versions: { [a.id.toUpperCase()]: a.version, [b.id]: b.version }, set: { kind: 'IT-säkerhet' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ updated: 2, ids: [a.id, b.id] });
    for (const x of [a, b]) expect(await read(x.id)).toMatchObject({ version: x.version + 1, kind: 'IT-säkerhet' });
    // Versions for some of the ids only: those are checked, the rest change as they are.
    const some = await isam.post('/api/incidents/bulk', { ids: [a.id, b.id], versions: { [a.id]: a.version + 1 }, set: { kind: 'Arbetsmiljö' } });
    expect(some.status, JSON.stringify(some.body)).toBe(200);
    // An API client that sends no versions is not locked out (the change applies to the incidents as they are now).
    const none = await isam.post('/api/incidents/bulk', { ids: [a.id, b.id], set: { kind: 'Informationssäkerhet' } });
    expect(none.status, JSON.stringify(none.body)).toBe(200);
    expect(none.body.updated).toBe(2);
  });

  it('checks the versions before the status rules: a changed incident is named first', async () => {
    const a = await create('Före regler A');
    const moved = await chef.patch(`/api/incidents/${a.id}`, { version: a.version, status: 'Under registrering' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // Rapporterad → Under utredning would be refused too, but against what the caller did not see.
    const r = await isam.post('/api/incidents/bulk', { ids: [a.id], versions: { [a.id]: a.version }, set: { status: 'Under utredning' } });
    expect([r.status, r.body.code]).toEqual([409, 'stale_version']);
    expect((await read(a.id)).status).toBe('Under registrering');
  });

  it('refuses a version of an incident that is not among the ids, and a version that is not a positive integer (400, by field)', async () => {
    const a = await create('Fel versioner');
    const stray = '0190a3c4-1111-7222-8333-444455556666';
    const r = await isam.post('/api/incidents/bulk', { ids: [a.id], versions: { [a.id]: a.version, [stray]: 1 }, set: { kind: 'IT-säkerhet' } });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe(`versions.${stray}`);
    expect(r.body.detail_sv).toContain('id:t finns inte bland ids');
    const zero = await isam.post('/api/incidents/bulk', { ids: [a.id], versions: { [a.id]: 0 }, set: { kind: 'IT-säkerhet' } });
    expect([zero.status, zero.body.field]).toEqual([400, `versions.${a.id}`]);
    const notId = await isam.post('/api/incidents/bulk', { ids: [a.id], versions: { 'AV-2026-0001': 1 }, set: { kind: 'IT-säkerhet' } });
    expect(notId.status).toBe(400);
    expect(notId.body.field).toMatch(/^versions/);
    expect((await read(a.id)).version).toBe(a.version);
  });
});
