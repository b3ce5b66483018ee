import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, Client, INCIDENT_ORGS, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { listAudit } from '../audit/service';

// A closed (Klar) case's clocks warn nobody: it must not gain a legal duty while it stays closed.
let t: TestServer;
let isam: Client;
let sak: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, INCIDENT_ORGS);
  isam = await userWithRole(t, 'isam-closed@test.se', 'isam', 'forv');
  sak = await userWithRole(t, 'sak-closed@test.se', 'sakerhetsansvarig', 'forv');
});
afterAll(() => t.close());

type Body = Record<string, unknown>;
async function closedIncident(body: Body): Promise<Body & { id: string; version: number }> {
  const c = await isam.post('/api/incidents', { org: 'avd-a', title: 'Stängd incident', discoveredAt: '2026-03-02T10:00', ...body });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  let cur = c.body;
  for (const status of ['Under registrering', 'Under utredning', 'Klar']) {
    const r = await isam.patch(`/api/incidents/${cur.id}`, { version: cur.version, status });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    cur = r.body;
  }
  return cur;
}

/** A change to a Klar incident that must be refused: 409 legal_duty_open naming the duties, nothing written or audited. */
async function refused(cur: Body & { id: string; version: number }, change: Body, field: string, clocks: string[]) {
  const audits = (await listAudit(t.ctx, { entityId: cur.id, limit: 100 })).items.length;
  const r = await isam.patch(`/api/incidents/${cur.id}`, { version: cur.version, ...change });
  expect(r.status, JSON.stringify(r.body)).toBe(409);
  expect(r.body).toMatchObject({ code: 'legal_duty_open', field, clocks });
  expect(r.body.detail_sv).toContain('Öppna ärendet igen (status Under utredning) först');
  const after = (await isam.get(`/api/incidents/${cur.id}`)).body;
  expect(after.version).toBe(cur.version);
  expect(after.clocks).toEqual(cur.clocks);
  expect((await listAudit(t.ctx, { entityId: cur.id, limit: 100 })).items.length).toBe(audits);
}

describe('"ingen trolig risk" is documented (GDPR art. 33.5)', () => {
  it('is refused without its motivering, when created or changed, and the motivering cannot be emptied after; nothing written', async () => {
    const bare = await isam.post('/api/incidents', { org: 'avd-a', title: 'Utan motivering', personalData: 'ja', riskAssessment: 'ingen_trolig_risk' });
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ code: 'assessment_reason_missing', field: 'assessmentText' });
    expect(bare.body.detail_sv).toMatch(/art\. 33\.5/);
    const c = (await isam.post('/api/incidents', { org: 'avd-a', title: 'Bedöms senare', personalData: 'ja', riskAssessment: 'risk' })).body;
    const audits = await auditCount(t, 'incident.update');
    for (const change of [{ riskAssessment: 'ingen_trolig_risk' }, { riskAssessment: 'ingen_trolig_risk', assessmentText: '   ' }]) {
      const r = await isam.patch(`/api/incidents/${c.id}`, { version: c.version, ...change });
      expect(r.status, JSON.stringify(change)).toBe(400);
      expect(r.body.field).toBe('assessmentText');
    }
    expect(await auditCount(t, 'incident.update')).toBe(audits);
    const ok = await isam.patch(`/api/incidents/${c.id}`, { version: c.version, riskAssessment: 'ingen_trolig_risk', assessmentText: 'Mejlet raderades oläst.' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await isam.patch(`/api/incidents/${c.id}`, { version: ok.body.version, assessmentText: '' })).body.field).toBe('assessmentText');
    // On a protected record the motivering is protected text: one who may not read it may not judge "ingen trolig risk"
    // by it (403, whether it is empty or not, so the answer tells nothing of it); one who may, may.
    const prot = (await isam.post('/api/incidents', { org: 'avd-a', title: 'Skyddad', personalData: 'ja', riskAssessment: 'risk', protectedIdentity: true })).body;
    const filled = (await isam.post('/api/incidents', { org: 'avd-a', title: 'Skyddad, motiverad', personalData: 'ja', riskAssessment: 'risk', assessmentText: 'Skyddad text.', protectedIdentity: true })).body;
    for (const p of [prot, filled]) expect((await sak.patch(`/api/incidents/${p.id}`, { version: p.version, riskAssessment: 'ingen_trolig_risk' })).status).toBe(403);
    expect((await isam.patch(`/api/incidents/${filled.id}`, { version: filled.version, riskAssessment: 'ingen_trolig_risk' })).status).toBe(200);
    // Moving away from "ingen trolig risk" needs no motivering.
    expect((await isam.patch(`/api/incidents/${c.id}`, { version: ok.body.version, riskAssessment: 'risk', assessmentText: '' })).status).toBe(200);
  });
});

describe('a closed incident gains no legal duty nobody is warned of', () => {
  it('refuses a high risk set on a Klar breach assessed "no likely risk"; allowed with the duties met in the same change', async () => {
    const cur = await closedIncident({ kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'ingen_trolig_risk', assessmentText: 'Mottagaren har raderat uppgifterna.' });
    expect(cur.clocks).toEqual([]);
    await refused(cur, { riskAssessment: 'hog_risk' }, 'riskAssessment', ['gdpr33', 'gdpr34']);
    const met = await isam.patch(`/api/incidents/${cur.id}`, { version: cur.version, riskAssessment: 'hog_risk', imyReportedAt: '2026-03-03T09:00', subjectsInformedAt: '2026-03-04T09:00' });
    expect(met.status, JSON.stringify(met.body)).toBe(200);
    expect(met.body.clocks.map((c: { key: string; met: boolean }) => [c.key, c.met])).toEqual([['gdpr33', true], ['gdpr34', true]]);
  });

  it('refuses NIS2 significance on a Klar incident', async () => {
    const nis = await closedIncident({ kind: 'IT-säkerhet', personalData: 'nej' });
    await refused(nis, { nis2Significant: true }, 'nis2Significant', ['nis2_early', 'nis2_notification', 'nis2_final']);
  });

  it('refuses clearing the IMY report of a closed case', async () => {
    const c = await isam.post('/api/incidents', { org: 'avd-a', title: 'Anmäld', kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'risk', discoveredAt: '2026-03-02T10:00' });
    let cur = c.body;
    for (const change of [{ status: 'Under registrering' }, { status: 'Under utredning' }, { status: 'Klar', imyReportedAt: '2026-03-03T09:00' }]) {
      const r = await isam.patch(`/api/incidents/${cur.id}`, { version: cur.version, ...change });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      cur = r.body;
    }
    await refused(cur, { imyReportedAt: null, reportedToImy: false }, 'reportedToImy', ['gdpr33']);
  });

  it('lets an unrelated edit through on a closed case whose duty was already open (an IA import)', async () => {
    const cur = await closedIncident({ kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'ingen_trolig_risk', assessmentText: 'Mottagaren har raderat uppgifterna.' });
    await rawSql(t, `update incidents set risk_assessment = 'risk' where id = '${cur.id}'`);
    const r = await isam.patch(`/api/incidents/${cur.id}`, { version: cur.version, title: 'Ny rubrik' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // A change that opens a further duty is still refused.
    await refused(r.body, { riskAssessment: 'hog_risk' }, 'riskAssessment', ['gdpr34']);
  });

  it('refuses in bulk a kind that makes a closed incident a personal data breach; nothing is changed', async () => {
    const cur = await closedIncident({ kind: 'IT-säkerhet', personalData: 'vet_ej' });
    const r = await isam.post('/api/incidents/bulk', { ids: [cur.id], set: { kind: 'Personuppgiftsincident' } });
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body).toMatchObject({ code: 'legal_duty_open', field: 'set.kind' });
    expect(r.body.refused[0].reason_sv).toContain('Öppna ärendet igen');
    expect((await isam.get(`/api/incidents/${cur.id}`)).body).toMatchObject({ kind: 'IT-säkerhet', version: cur.version });
  });
});

describe('an art. 34.3 exemption ends the art. 34 duty', () => {
  const RECORD = {
    breachTypes: ['konfidentialitet'], subjectCategories: ['brukare'], subjectCategoriesOther: '', subjectCount: 2, subjectCountUnknown: false,
    dataCategories: ['identitet'], dataCategoriesOther: '', recordCount: 1, recordCountUnknown: false, likelyConsequences: 'Kan spridas.',
    measuresTaken: 'Handlingen är raderad.', cause: null, delayReason: '', notInformingText: 'Filen var krypterad.',
  };

  it('stops the clock (met, the reason shown), leaves the deadlines and overdue lists, and lets the case close', async () => {
    const c = await isam.post('/api/incidents', { org: 'avd-a', title: 'Krypterad fil till fel mottagare', kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'hog_risk', discoveredAt: '2026-03-02T10:00' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const id = c.body.id as string;
    const imy = await isam.patch(`/api/incidents/${id}`, { version: c.body.version, imyReportedAt: '2026-03-03T09:00' });
    expect(imy.body.clocks.find((x: { key: string }) => x.key === 'gdpr34')).toMatchObject({ state: 'overdue', met: false, exemption: null });
    expect(imy.body.overdue).toBe(true);

    const put = await isam.put(`/api/incidents/${id}/breach`, { version: 0, ...RECORD, notInformingReason: 'a', markDocumented: true });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const after = (await isam.get(`/api/incidents/${id}`)).body;
    expect(after.clocks.find((x: { key: string }) => x.key === 'gdpr34')).toMatchObject({ state: 'done', met: true, metAt: null, exemption: 'a', remainingMs: null });
    expect(after.overdue).toBe(false);
    const overdueList = await isam.get('/api/incidents?overdue=true&org=avd-a&limit=200');
    expect(overdueList.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const listed = (await isam.get('/api/incidents?org=avd-a&limit=200')).body.items.find((i: { id: string }) => i.id === id);
    expect(listed.clocks.find((x: { key: string }) => x.key === 'gdpr34')).toMatchObject({ state: 'done', exemption: 'a' });
    const deadlines = await isam.get('/api/incidents/deadlines?org=avd-a');
    expect(deadlines.body.items.filter((d: { incidentId: string }) => d.incidentId === id)).toEqual([]);

    let cur = after;
    for (const status of ['Under registrering', 'Under utredning', 'Klar']) {
      const r = await isam.patch(`/api/incidents/${id}`, { version: cur.version, status });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      cur = r.body;
    }
  });

  it('refuses clearing the reason on a closed case (the duty would open again unwarned); nothing is written', async () => {
    const c = await isam.post('/api/incidents', { org: 'avd-a', title: 'Undantag, sedan stängd', kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'hog_risk', discoveredAt: '2026-03-02T10:00' });
    const id = c.body.id as string;
    const put = await isam.put(`/api/incidents/${id}/breach`, { version: 0, ...RECORD, notInformingReason: 'b' });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    let cur = (await isam.get(`/api/incidents/${id}`)).body;
    for (const change of [{ status: 'Under registrering' }, { status: 'Under utredning' }, { status: 'Klar', imyReportedAt: '2026-03-03T09:00' }]) {
      const r = await isam.patch(`/api/incidents/${id}`, { version: cur.version, ...change });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      cur = r.body;
    }
    const cleared = await isam.put(`/api/incidents/${id}/breach`, { version: put.body.version, ...RECORD, notInformingReason: null });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(409);
    expect(cleared.body).toMatchObject({ code: 'legal_duty_open', field: 'notInformingReason', clocks: ['gdpr34'] });
    expect((await isam.get(`/api/incidents/${id}/breach`)).body).toMatchObject({ version: put.body.version, notInformingReason: 'b' });
  });

  it('names the art. 34.3 way out when closing is refused for art. 34', async () => {
    const c = await isam.post('/api/incidents', { org: 'avd-a', title: 'Hög risk', kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'hog_risk', discoveredAt: '2026-03-02T10:00' });
    let cur = c.body;
    for (const change of [{ status: 'Under registrering' }, { status: 'Under utredning' }]) cur = (await isam.patch(`/api/incidents/${cur.id}`, { version: cur.version, ...change })).body;
    const r = await isam.patch(`/api/incidents/${cur.id}`, { version: cur.version, status: 'Klar', imyReportedAt: '2026-03-03T09:00' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'legal_duty_open', clocks: ['gdpr34'] });
    expect(r.body.detail_sv).toContain('skäl enligt art. 34.3');
  });
});

describe('NIS2 clocks from cybersäkerhetslagen\'s first day (2026-01-15)', () => {
  it('gives an incident discovered in 2025 no CSIRT clocks and no overdue flag, however significant', async () => {
    const old = await isam.post('/api/incidents', { org: 'avd-a', title: 'Angrepp hösten 2025', kind: 'IT-säkerhet', personalData: 'nej', nis2Significant: true, discoveredAt: '2025-11-03T10:00' });
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    expect(old.body).toMatchObject({ nis2Significant: true, clocks: [], overdue: false });
    const overdue = await isam.get('/api/incidents?overdue=true&org=avd-a&limit=200');
    expect(overdue.body.items.map((i: { id: string }) => i.id)).not.toContain(old.body.id);
    // Closing needs no CSIRT report either.
    let cur = old.body;
    for (const status of ['Under registrering', 'Under utredning', 'Klar']) {
      const r = await isam.patch(`/api/incidents/${cur.id}`, { version: cur.version, status });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      cur = r.body;
    }
    // Discovered from the law's first day on: the clocks run (and are late).
    const now = await isam.post('/api/incidents', { org: 'avd-a', title: 'Angrepp januari 2026', kind: 'IT-säkerhet', personalData: 'nej', nis2Significant: true, discoveredAt: '2026-01-15T00:00' });
    expect(now.body.clocks.map((c: { key: string }) => c.key)).toEqual(['nis2_early', 'nis2_notification', 'nis2_final']);
    expect(now.body.overdue).toBe(true);
  });
});
