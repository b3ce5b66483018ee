import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer, auditCount } from '../../test/harness';
import { findOrg } from '../org/service';
import { sectionProviders } from './report';

let t: TestServer;
let isam: Client;
let dso: Client;
let otherDso: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['forv-b', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  dso = await userWithRole(t, 'dso@test.se', 'dso', 'forv-a');
  otherDso = await userWithRole(t, 'dso-b@test.se', 'dso', 'forv-b');
});
afterAll(() => t.close());


describe('DSO report follow-up', () => {
  it('records a recommendation and the response; only the DSO approves or reopens, audited', async () => {
    const r = await dso.post('/api/dso/recommendations', { org: 'forv-a', reportYear: 2024, area: 'Tredjelandsöverföringar', recommendation: 'Ta fram exit-plan', riskLevel: 'hög' });
    expect(r.status).toBe(201);
    const id = r.body.id;
    // Nothing to approve before the förvaltning has responded.
    const empty = await dso.post(`/api/dso/recommendations/${id}/approve`, { version: r.body.version });
    expect([empty.status, empty.body.code, empty.body.field]).toEqual([409, 'response_missing', 'response']);
    expect((await isam.get(`/api/dso/recommendations/${id}`)).body).toMatchObject({ approved: false, version: r.body.version });
    const resp = await isam.patch(`/api/dso/recommendations/${id}`, { version: r.body.version, response: 'Exit-plan tas fram 2026', responsible: 'ISAM', status: 'pågår' });
    expect(resp.status).toBe(200);
    const fu = await isam.request('PUT', `/api/dso/recommendations/${id}/follow-ups`, { year: 2025, text: 'Ej påbörjad på grund av resursbrist' });
    expect(fu.status).toBe(200);
    expect(fu.body.followUps).toEqual([expect.objectContaining({ year: 2025, text: 'Ej påbörjad på grund av resursbrist' })]);
    // Not before the report the recommendation comes from; an existing one is changed with its version.
    const early = await isam.request('PUT', `/api/dso/recommendations/${id}/follow-ups`, { year: 2020, text: 'För tidigt' });
    expect([early.status, early.body.code, early.body.field]).toEqual([422, 'follow_up_before_report', 'year']);
    const noVersion = await isam.request('PUT', `/api/dso/recommendations/${id}/follow-ups`, { year: 2025, text: 'Utan version' });
    expect([noVersion.status, noVersion.body.code, noVersion.body.field]).toEqual([400, 'version_required', 'version']);
    expect((await isam.get(`/api/dso/recommendations/${id}`)).body.followUps.map((f: { year: number; text: string }) => [f.year, f.text])).toEqual([[2025, 'Ej påbörjad på grund av resursbrist']]);

    expect((await isam.post(`/api/dso/recommendations/${id}/approve`, { version: resp.body.version })).status).toBe(403);
    expect((await otherDso.post(`/api/dso/recommendations/${id}/approve`, { version: resp.body.version })).status).toBe(404);
    const ok = await dso.post(`/api/dso/recommendations/${id}/approve`, { version: resp.body.version });
    expect(ok.status).toBe(200);
    expect(ok.body.approved).toBe(true);
    expect(ok.body.approvedByName).toBe('dso@test.se'); // who approved, by name (the harness names people by their address)
    expect(await auditCount(t, 'dso.response.approve')).toBe(1);
    const locked = await isam.patch(`/api/dso/recommendations/${id}`, { version: ok.body.version, response: 'Ändrat' });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('approved');
    const stale = await dso.post(`/api/dso/recommendations/${id}/reopen`, { version: resp.body.version });
    expect(stale.status).toBe(409);
    const reopened = await dso.post(`/api/dso/recommendations/${id}/reopen`, { version: ok.body.version, comment: 'Komplettera' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.approved).toBe(false);
    expect(reopened.body.approvedByName).toBeNull();
    expect(await auditCount(t, 'dso.response.reopen')).toBe(1);
    expect((await isam.patch(`/api/dso/recommendations/${id}`, { version: reopened.body.version, response: 'Ändrat' })).status).toBe(200);

    const org = await findOrg(t.database.db, 'forv-a');
    const fig = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025 });
    expect(fig).toEqual([{
      org: 'FORV-A', reportYear: 2024, area: 'Tredjelandsöverföringar', recommendation: 'Ta fram exit-plan', riskLevel: 'hög', response: 'Ändrat',
      responsible: 'ISAM', status: 'pågår', approved: false, followUp: 'Ej påbörjad på grund av resursbrist',
    }]);
  });

  it('rejects bad input with the field and keeps other orgs out', async () => {
    const future = await isam.post('/api/dso/recommendations', { org: 'forv-a', reportYear: new Date().getFullYear() + 1, area: 'X', recommendation: 'Y' });
    expect([future.status, future.body.code, future.body.field]).toEqual([422, 'report_year_in_future', 'reportYear']);
    const bad = await isam.post('/api/dso/recommendations', { org: 'forv-a', reportYear: 2024, area: 'X', recommendation: 'Y', riskLevel: 'extrem' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('riskLevel');
    expect((await otherDso.get('/api/dso/recommendations?org=forv-a')).status).toBe(404);
    expect((await otherDso.post('/api/dso/recommendations', { org: 'forv-a', reportYear: 2024, area: 'X', recommendation: 'Y' })).status).toBe(404);
  });
});
