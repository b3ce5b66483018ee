import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, INCIDENT_ORGS, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { listAudit } from '../audit/service';

// "Anmäld till IMY/CSIRT: Nej" beside a report time made the pages disagree: the clock read the time (met), the
// statistics the flag (not counted), the facts said "Nej" with a time. Such a change is refused and writes nothing.
let t: TestServer;
let dso: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, INCIDENT_ORGS);
  dso = await userWithRole(t, 'isam-flags@test.se', 'isam', 'forv');
});
afterAll(() => t.close());

async function reported(body: Record<string, unknown>) {
  const c = await dso.post('/api/incidents', { org: 'avd-a', title: 'Mejl till fel mottagare', kind: 'Personuppgiftsincident', personalData: 'ja', discoveredAt: '2025-03-03T08:00', reportedAt: '2025-03-03T09:00' });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  const r = await dso.patch(`/api/incidents/${c.body.id}`, { version: c.body.version, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

describe('a report time and its "reported" flag agree', () => {
  it('refuses unticking Anmäld till IMY while its time is set: 422 on reportedToImy, nothing written, the year still counts it', async () => {
    const i = await reported({ imyReportedAt: '2025-03-04T10:00' });
    expect(i.reportedToImy).toBe(true);
    const before = (await dso.get('/api/incidents/stats?org=forv&year=2025')).body.reportedToIMY;
    const audits = (await listAudit(t.ctx, { entityId: i.id, limit: 100 })).items.length;

    const r = await dso.patch(`/api/incidents/${i.id}`, { version: i.version, reportedToImy: false });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'report_time_without_report', field: 'reportedToImy' });
    expect(r.body.detail_sv).toContain('Anmäld till IMY kan inte vara Nej när tiden för anmälan (2025-03-04 10:00) är ifylld');
    expect(r.body.detail_en).toContain('Reported to IMY cannot be No');
    const after = (await dso.get(`/api/incidents/${i.id}`)).body;
    expect(after).toMatchObject({ reportedToImy: true, version: i.version });
    expect((await dso.get('/api/incidents/stats?org=forv&year=2025')).body.reportedToIMY).toBe(before);
    expect((await listAudit(t.ctx, { entityId: i.id, limit: 100 })).items).toHaveLength(audits);

    // Emptying the time with it is the way to say no report was made: then the clock runs again.
    const ok = await dso.patch(`/api/incidents/${i.id}`, { version: i.version, reportedToImy: false, imyReportedAt: null });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ reportedToImy: false, imyReportedAt: null });
    expect(ok.body.clocks.find((c: { key: string }) => c.key === 'gdpr33')).toMatchObject({ met: false });
    expect((await dso.get('/api/incidents/stats?org=forv&year=2025')).body.reportedToIMY).toBe(before - 1);
  });

  it('refuses unticking Anmäld till CSIRT while a CSIRT report time is set: 422 on reportedToCsirt', async () => {
    const i = await reported({ nis2Significant: true, csirtEarlyWarningAt: '2025-03-03T20:00' });
    expect(i.reportedToCsirt).toBe(true);
    const r = await dso.patch(`/api/incidents/${i.id}`, { version: i.version, reportedToCsirt: false });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'report_time_without_report', field: 'reportedToCsirt' });
    expect(r.body.detail_sv).toContain('Anmäld till CSIRT kan inte vara Nej');
    expect((await dso.get(`/api/incidents/${i.id}`)).body).toMatchObject({ reportedToCsirt: true, version: i.version });
    // An unrelated edit of the same incident is not held up.
    const title = await dso.patch(`/api/incidents/${i.id}`, { version: i.version, title: 'Mejl till fel mottagare (utrett)' });
    expect(title.status, JSON.stringify(title.body)).toBe(200);
  });
});
