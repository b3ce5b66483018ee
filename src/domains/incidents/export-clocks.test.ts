import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportIncidents } from './export';
import { Client, INCIDENT_ORGS, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';

// The export is the register a DSO keeps of every breach (GDPR art. 33.5): it held when IMY was notified, but not
// when the data subjects were informed (art. 34) nor when the CSIRT reports were sent (NIS2 / cybersäkerhetslagen).
let t: TestServer;
let isam: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, INCIDENT_ORGS);
  isam = await userWithRole(t, 'isam-export@test.se', 'isam', 'forv');
});
afterAll(() => t.close());

describe('incident export', () => {
  it('holds the time the data subjects were informed and the times of the three CSIRT reports', async () => {
    const c = await isam.post('/api/incidents', { org: 'avd-a', title: 'Angrepp mot e-tjänst', kind: 'Personuppgiftsincident', personalData: 'ja', discoveredAt: '2025-03-03T08:00', reportedAt: '2025-03-03T09:00' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const r = await isam.patch(`/api/incidents/${c.body.id}`, {
      version: c.body.version, riskAssessment: 'hog_risk', imyReportedAt: '2025-03-04T10:00', subjectsInformedAt: '2025-03-05T11:00',
      nis2Significant: true, csirtEarlyWarningAt: '2025-03-03T20:00', csirtNotificationAt: '2025-03-05T12:00', csirtFinalReportAt: '2025-03-28T13:00',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    const csv = (await isam.get('/api/incidents/export?format=csv&org=avd-a')).body as string;
    const [head, row] = csv.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.split(';'));
    const cell = (name: string) => row[head.indexOf(name)];
    expect(cell('De registrerade informerade (tid)')).toBe('2025-03-05 11:00:00');
    expect(cell('Tidig varning till CSIRT (tid)')).toBe('2025-03-03 20:00:00');
    expect(cell('Incidentanmälan till CSIRT (tid)')).toBe('2025-03-05 12:00:00');
    expect(cell('Slutrapport till CSIRT (tid)')).toBe('2025-03-28 13:00:00');
    expect(cell('Anmäld till IMY (tid)')).toBe('2025-03-04 10:00:00');
  });

  it('is named for the day in Stockholm, also just after midnight there (23:30 UTC is the next day)', async () => {
    expect((await exportIncidents(t.ctx, { format: 'csv', org: 'forv' }, new Date('2025-03-01T23:30:00Z'))).filename).toBe('incidenter-2025-03-02');
    expect((await exportIncidents(t.ctx, { format: 'csv', org: 'forv' }, new Date('2025-07-01T21:59:00Z'))).filename).toBe('incidenter-2025-07-01');
    const r = await isam.get('/api/incidents/export?format=xlsx&org=forv');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="incidenter-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  });
});
