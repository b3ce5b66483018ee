import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, INCIDENT_ORGS, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { listAudit } from '../audit/service';

let t: TestServer;
let isam: Client;
let chefA: Client;
let staff: Client;
let secNoProtected: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [...INCIDENT_ORGS, ['avd-b', 'avdelning', 'forv']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv');
  chefA = await userWithRole(t, 'chef@test.se', 'chef', 'avd-a');
  staff = await userWithRole(t, 'staff@test.se', 'medarbetare', 'enh-a');
  secNoProtected = await userWithRole(t, 'sak@test.se', 'sakerhetsansvarig', 'forv');
});
afterAll(() => t.close());

const create = (c: Client, body: Record<string, unknown>) => c.post('/api/incidents', { title: 'Incident', ...body });

async function advance(c: Client, id: string, ...statuses: string[]) {
  let cur = (await c.get(`/api/incidents/${id}`)).body;
  for (const status of statuses) {
    const r = await c.patch(`/api/incidents/${id}`, { version: cur.version, status });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    cur = r.body;
  }
  return cur;
}

describe('incident record and status flow', () => {
  it('registers an incident with the full form and records the first status in the history', async () => {
    const r = await create(isam, { org: 'enh-a', title: 'Mejl till fel mottagare', kind: 'Personuppgiftsincident', personalData: 'ja', discoveredAt: '2025-03-29T10:00' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.number).toMatch(/^AV-\d{4}-\d{4}$/);
    expect(r.body.status).toBe('Rapporterad');
    expect(r.body.history).toHaveLength(1);
    expect(r.body.allowedStatuses).toEqual(['Under registrering', 'Förfallen']);
    expect(r.body.clocks[0].key).toBe('gdpr33');
    expect(r.body.clocks[0].deadlineLocal).toBe('2025-04-01 11:00');
  });

  it('walks the allowed transitions, records each in the history, and reopens Klar', async () => {
    const { body } = await create(isam, { org: 'avd-a' });
    const done = await advance(isam, body.id, 'Under registrering', 'Under utredning', 'Under åtgärd', 'Klar', 'Under utredning');
    expect(done.status).toBe('Under utredning');
    expect(done.history.map((h: { to: string }) => h.to)).toEqual(['Rapporterad', 'Under registrering', 'Under utredning', 'Under åtgärd', 'Klar', 'Under utredning']);
    const audit = await listAudit(t.ctx, { entityId: body.id, limit: 100 });
    expect(audit.items.filter((a) => a.action === 'incident.status')).toHaveLength(5);
  });

  it('refuses an illegal transition with 409 naming from, to and what is allowed, and writes nothing', async () => {
    const { body } = await create(isam, { org: 'avd-a' });
    const r = await isam.patch(`/api/incidents/${body.id}`, { version: body.version, status: 'Klar' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('illegal_transition');
    expect(r.body.field).toBe('status');
    expect(r.body.detail_sv).toContain('"Rapporterad" till "Klar"');
    expect(r.body.allowed).toEqual(['Under registrering', 'Förfallen']);
    const after = await isam.get(`/api/incidents/${body.id}`);
    expect(after.body.status).toBe('Rapporterad');
    expect(after.body.version).toBe(body.version);
    expect(after.body.history).toHaveLength(1);
  });

  it('answers a stale version with 409 and keeps the first write', async () => {
    const { body } = await create(isam, { org: 'avd-a' });
    expect((await isam.patch(`/api/incidents/${body.id}`, { version: body.version, title: 'Först' })).status).toBe(200);
    const stale = await isam.patch(`/api/incidents/${body.id}`, { version: body.version, title: 'Sedan' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect(stale.body.currentVersion).toBe(body.version + 1);
    expect((await isam.get(`/api/incidents/${body.id}`)).body.title).toBe('Först');
    // Saving what the record already says changes nothing: no new version (others' copies stay current), no audit row.
    const audits = async () => (await rawSql<{ n: number }>(t, `select count(*)::int as n from audit_log where entity_id = '${body.id}'`))[0].n;
    const before = await audits();
    const same = await isam.patch(`/api/incidents/${body.id}`, { version: body.version + 1, title: 'Först', status: 'Rapporterad' });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(body.version + 1);
    expect(await audits()).toBe(before);
    // Bulk takes ids in either letter case, as the single routes do.
    const upper = await isam.post('/api/incidents/bulk', { ids: [body.id.toUpperCase()], set: { kind: 'Arbetsmiljö' } });
    expect(upper.body, JSON.stringify(upper.body)).toMatchObject({ updated: 1 });
  });

  it('refuses to close while a legal duty is open (409 naming it), alone or in bulk; closes once it is met', async () => {
    const { body } = await create(isam, { org: 'avd-a', kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'risk', discoveredAt: '2025-03-01T10:00' });
    const cur = await advance(isam, body.id, 'Under registrering', 'Under utredning');
    const r = await isam.patch(`/api/incidents/${body.id}`, { version: cur.version, status: 'Klar' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'legal_duty_open', field: 'status', clocks: ['gdpr33'] });
    expect(r.body.detail_sv).toContain('Anmälan till IMY (art. 33, 72 h)');
    const bulk = await isam.post('/api/incidents/bulk', { ids: [body.id], set: { status: 'Klar' } });
    expect(bulk.status).toBe(409);
    expect(bulk.body.code).toBe('legal_duty_open');
    expect((await isam.get(`/api/incidents/${body.id}`)).body).toMatchObject({ status: 'Under utredning', overdue: true });
    // Reporting to IMY in the same change meets the duty.
    const closed = await isam.patch(`/api/incidents/${body.id}`, { version: cur.version, status: 'Klar', imyReportedAt: '2025-03-03T09:00' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.clocks[0]).toMatchObject({ key: 'gdpr33', state: 'done' });
  });

  it('flags a significant incident whose NIS2 final report is a month late as overdue', async () => {
    const { body } = await create(isam, { org: 'avd-a', kind: 'IT-säkerhet', nis2Significant: true, discoveredAt: '2026-05-01T10:00' });
    const sent = await isam.patch(`/api/incidents/${body.id}`, { version: body.version, csirtEarlyWarningAt: '2026-05-01T20:00', csirtNotificationAt: '2026-05-03T09:00' });
    expect(sent.body.clocks.find((c: { key: string }) => c.key === 'nis2_final')).toMatchObject({ state: 'overdue', deadlineLocal: '2026-06-03 09:00' });
    expect(sent.body.overdue).toBe(true);
    const list = await isam.get('/api/incidents?overdue=true&limit=200');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(body.id);
    const done = await isam.patch(`/api/incidents/${body.id}`, { version: sent.body.version, csirtFinalReportAt: '2026-06-02T12:00' });
    expect(done.body.overdue).toBe(false);
  });

  it('sets IMY and CSIRT report times, which imply the flags', async () => {
    const { body } = await create(isam, { org: 'avd-a', personalData: 'ja', nis2Significant: true });
    const r = await isam.patch(`/api/incidents/${body.id}`, { version: body.version, imyReportedAt: '2025-05-02T09:30', imyReference: 'IMY-2025-123', csirtEarlyWarningAt: '2025-05-01T20:00' });
    expect(r.status).toBe(200);
    expect(r.body.reportedToImy).toBe(true);
    expect(r.body.reportedToCsirt).toBe(true);
    expect(r.body.imyReportedAt).toBe('2025-05-02T07:30:00.000Z');
    expect(r.body.clocks.find((c: { key: string }) => c.key === 'gdpr33')).toMatchObject({ state: 'done', met: true, metAt: '2025-05-02T07:30:00.000Z' });
  });

  it('refuses ticking "reported to IMY" by hand without the time, since the 72-hour clock is judged by it', async () => {
    const { body } = await create(isam, { org: 'avd-a', personalData: 'ja' });
    const r = await isam.patch(`/api/incidents/${body.id}`, { version: body.version, reportedToImy: true });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'imy_time_missing', field: 'imyReportedAt' });
    const after = (await isam.get(`/api/incidents/${body.id}`)).body;
    expect(after).toMatchObject({ reportedToImy: false, version: body.version });
    expect(after.clocks.find((c: { key: string }) => c.key === 'gdpr33')).toMatchObject({ met: false, metAt: null });
  });

  it('rejects bad input with 400 and the field, unknown org 404, unknown handler 422', async () => {
    const bad = await create(isam, { org: 'avd-a', occurredAt: 'igår' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('occurredAt');
    // Years no time can have: refused at the field, not by the database (year 0) nor as a daylight-saving gap (year 50).
    for (const occurredAt of ['0000-01-01T00:00Z', '0050-06-01T10:00', '0001-01-01T00:00+01:00']) {
      const r = await create(isam, { org: 'avd-a', occurredAt });
      expect(r.body, occurredAt).toMatchObject({ status: 400, field: 'occurredAt' });
      expect(r.body.detail_sv, occurredAt).toMatch(/året 00\d\d är orimligt: det ska ligga mellan 1900 och 9999/);
    }
    const made0 = (await create(isam, { org: 'avd-a' })).body;
    const due = await isam.post(`/api/incidents/${made0.id}/actions`, { title: 'Radera', dueDate: '0000-01-01' });
    expect(due.body).toMatchObject({ status: 400, field: 'dueDate' });
    const audit = await isam.get('/api/audit?from=0000-01-01');
    expect(audit.body).toMatchObject({ status: 400, field: 'from' });
    expect((await isam.get('/api/audit?to=9999-12-31T23:59:59-23:59')).body).toMatchObject({ status: 400, field: 'to' });
    // A discovery time ahead would push the legal clocks out: every incident time is something that happened.
    const future = await create(isam, { org: 'avd-a', personalData: 'ja', discoveredAt: '2099-06-01T10:00' });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ code: 'in_future', field: 'discoveredAt' });
    // The reported time decides the year counted in: before the first year the lists and figures show, refused.
    const old = await create(isam, { org: 'avd-a', reportedAt: '1999-12-31T23:30' });
    expect(old.status).toBe(422);
    expect(old.body).toMatchObject({ code: 'before_first_year', field: 'reportedAt' });
    expect(old.body.detail_sv).toBe('Tidpunkten 1999-12-31 23:30 ligger före år 2000, det första år Tillit räknar incidenter för.');
    expect((await create(isam, { org: 'avd-a', reportedAt: '2000-01-01T00:00' })).status).toBe(201);
    const made = (await create(isam, { org: 'avd-a' })).body;
    const later = await isam.patch(`/api/incidents/${made.id}`, { version: made.version, imyReportedAt: '2099-01-01T00:00' });
    expect(later.body).toMatchObject({ code: 'in_future', field: 'imyReportedAt' });
    expect((await isam.get(`/api/incidents/${made.id}`)).body.version).toBe(made.version);
    // Times out of order: a notification before the discovery would mark a legal duty as met by a typo.
    const early = await create(isam, { org: 'avd-a', occurredAt: '2025-04-02T10:00', discoveredAt: '2025-04-01T10:00' });
    expect(early.body).toMatchObject({ status: 422, code: 'time_order', field: 'discoveredAt' });
    const ahead = await create(isam, { org: 'avd-a', reportedAt: '2025-04-01T10:00', occurredAt: '2025-04-02T10:00' });
    expect(ahead.body).toMatchObject({ status: 422, code: 'time_order', field: 'occurredAt' });
    expect(ahead.body.detail_sv).toBe('Tidpunkten 2025-04-02 10:00 ligger efter rapporteringen (2025-04-01 10:00); ange när händelsen inträffade.');
    const reportedFirst = (await create(isam, { org: 'avd-a', reportedAt: '2025-04-01T10:00', occurredAt: '2025-03-30T10:00' })).body;
    const moved = await isam.patch(`/api/incidents/${reportedFirst.id}`, { version: reportedFirst.version, occurredAt: '2025-04-03T08:00' });
    expect(moved.body).toMatchObject({ code: 'time_order', field: 'occurredAt' });
    // Aware only once the report was looked into: a discovery after the report stands.
    const aware = await isam.patch(`/api/incidents/${reportedFirst.id}`, { version: reportedFirst.version, discoveredAt: '2025-04-02T09:00' });
    expect(aware.status, JSON.stringify(aware.body)).toBe(200);
    const known = (await create(isam, { org: 'avd-a', personalData: 'ja', discoveredAt: '2025-04-01T10:00' })).body;
    const before = await isam.patch(`/api/incidents/${known.id}`, { version: known.version, imyReportedAt: '2025-03-31T09:00' });
    expect(before.body).toMatchObject({ code: 'time_order', field: 'imyReportedAt' });
    expect(before.body.detail_sv).toBe('Tidpunkten 2025-03-31 09:00 ligger före upptäckten (2025-04-01 10:00).');
    const extra = await create(isam, { org: 'avd-a', hacker: true });
    expect(extra.status).toBe(400);
    expect(extra.body.field).toBe('hacker');
    const unknown = await create(isam, { org: 'finns-inte' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.field).toBe('org');
    expect((await isam.get('/api/incidents?org=finns-inte')).status).toBe(404);
    expect((await isam.get('/api/incidents/stats?org=finns-inte&year=2025')).status).toBe(404);
    // A handler or action owner must be able to read the incident (an employee reads only their own reports).
    const staffId = (await staff.get('/api/me')).body.id;
    const blind = await create(isam, { org: 'avd-a', handlerId: staffId });
    expect(blind.status).toBe(422);
    expect(blind.body).toMatchObject({ code: 'user_cannot_read', field: 'handlerId' });
    const open = (await create(isam, { org: 'avd-a' })).body;
    expect((await isam.post('/api/incidents/bulk', { ids: [open.id], set: { handlerId: staffId } })).body.code).toBe('user_cannot_read');
    expect((await isam.post(`/api/incidents/${open.id}/actions`, { title: 'Ring', ownerId: staffId })).body.code).toBe('user_cannot_read');
    const chefId = (await chefA.get('/api/me')).body.id;
    const readable = await create(isam, { org: 'enh-a', handlerId: chefId });
    expect(readable.status, JSON.stringify(readable.body)).toBe(201);
    const handler = await create(isam, { org: 'avd-a', handlerId: '00000000-0000-4000-8000-000000000000' });
    expect(handler.status).toBe(422);
    expect(handler.body.field).toBe('handlerId');
  });
});

describe('who may be named handler', () => {
  it('names everyone who may read the organisation\'s incidents, from the förvaltning down to the unit, to a DSO without user.read too', async () => {
    await makeOrgs(t.ctx, [['forv-h', 'forvaltning', 'stad'], ['enh-h', 'enhet', 'forv-h'], ['enh-h2', 'enhet', 'forv-h']]);
    const isamH = await userWithRole(t, 'isam-h@test.se', 'isam', 'forv-h');
    const dsoH = await userWithRole(t, 'dso-h@test.se', 'dso', 'forv-h');
    await userWithRole(t, 'chef-h@test.se', 'chef', 'enh-h');
    await userWithRole(t, 'chef-h2@test.se', 'chef', 'enh-h2');
    const staffH = await userWithRole(t, 'staff-h@test.se', 'medarbetare', 'enh-h');
    const names = async (c: Client, org: string) => {
      const r = await c.get(`/api/incidents/handlers?org=${org}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body as { name: string }[]).map((p) => p.name);
    };
    // The unit's own chef and the förvaltning's ISAM and DSO; not the other unit's chef, nor an employee (reads own reports only).
    expect(await names(isamH, 'enh-h')).toEqual(['chef-h@test.se', 'dso-h@test.se', 'isam-h@test.se']);
    expect(await names(dsoH, 'enh-h')).toEqual(['chef-h@test.se', 'dso-h@test.se', 'isam-h@test.se']);
    expect(await names(isamH, 'forv-h')).toEqual(['dso-h@test.se', 'isam-h@test.se']);
    // Only for one who manages incidents there: an employee, or another förvaltning's ISAM, is told no (404, as the list).
    expect((await staffH.get('/api/incidents/handlers?org=enh-h')).status).toBe(403);
    expect((await isam.get('/api/incidents/handlers?org=enh-h')).status).toBe(404);
    expect((await isamH.get('/api/incidents/handlers?org=finns-inte')).status).toBe(404);
    // Each one named is accepted as handler.
    const dsoId = (await dsoH.get('/api/me')).body.id;
    expect((await create(isamH, { org: 'enh-h', handlerId: dsoId })).status).toBe(201);
    // For incidents of two units (triage): those who read both; the förvaltning's, not either unit's chef.
    expect(await names(dsoH, 'enh-h,enh-h2')).toEqual(['dso-h@test.se', 'isam-h@test.se']);
    // A protected record is handled only by one who reads its protected texts: the chef is neither offered nor accepted.
    expect(await names(isamH, 'enh-h&protected=true')).toEqual(['dso-h@test.se', 'isam-h@test.se']);
    const chefId = (await (await userWithRole(t, 'chef-h3@test.se', 'chef', 'enh-h')).get('/api/me')).body.id;
    const refused = await create(isamH, { org: 'enh-h', protectedIdentity: true, handlerId: chefId });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'user_cannot_read_protected', field: 'handlerId' });
    const open = (await create(isamH, { org: 'enh-h', handlerId: chefId })).body;
    expect(open.handler.id).toBe(chefId);
    // Making the record protected while the chef handles it is refused, and changes nothing; with a permitted handler it goes through.
    const raise = await isamH.patch(`/api/incidents/${open.id}`, { version: open.version, protectedIdentity: true });
    expect(raise.status).toBe(422);
    expect(raise.body.code).toBe('user_cannot_read_protected');
    expect((await isamH.get(`/api/incidents/${open.id}`)).body.protectedIdentity).toBe(false);
    const raised = await isamH.patch(`/api/incidents/${open.id}`, { version: open.version, protectedIdentity: true, handlerId: dsoId });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    const bulk = await isamH.post('/api/incidents/bulk', { ids: [open.id], set: { handlerId: chefId } });
    expect(bulk.status).toBe(422);
    expect(bulk.body.code).toBe('user_cannot_read_protected');
  });
});

describe('scope', () => {
  it('a chef on one avdelning sees only its subtree; other records answer 404', async () => {
    const inA = (await create(isam, { org: 'enh-a', title: 'I enhet A' })).body;
    const inB = (await create(isam, { org: 'avd-b', title: 'I avdelning B' })).body;
    const list = await chefA.get('/api/incidents?limit=200');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(inA.id);
    expect(ids).not.toContain(inB.id);
    expect(list.body.items.every((i: { org: { slug: string } }) => ['avd-a', 'enh-a'].includes(i.org.slug))).toBe(true);
    expect((await chefA.get(`/api/incidents/${inB.id}`)).status).toBe(404);
    expect((await chefA.get('/api/incidents?org=avd-b')).status).toBe(404);
    // Reading is not managing: the chef may not change the record.
    expect((await chefA.patch(`/api/incidents/${inA.id}`, { version: inA.version, title: 'x' })).status).toBe(403);
  });

  it('pages with a keyset cursor without gaps or repeats, filtered by org subtree', async () => {
    for (let i = 0; i < 5; i++) await create(isam, { org: 'avd-b', title: `Sida ${i}`, reportedAt: `2024-02-0${i + 1}T10:00` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: { id: string }[]; nextCursor: string | null } } = await isam.get(`/api/incidents?org=avd-b&year=2024&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.body.items.map((i) => i.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect((await isam.get('/api/incidents?cursor=trasig')).status).toBe(400);
  });

  it('refuses a made-up cursor or org id with a 4xx, never a 500', async () => {
    const cursor = (r: string, id: string) => Buffer.from(JSON.stringify([r, id])).toString('base64url');
    const uuid = '00000000-0000-4000-8000-000000000000';
    // Text Date.parse reads but PostgreSQL does not, a day that does not exist, and 36 dashes as the id.
    for (const c of [cursor('1', uuid), cursor('x 2025', uuid), cursor('2025-02-30T00:00:00.000Z', uuid), cursor('2025-01-01T00:00:00.000Z', '-'.repeat(36))]) {
      const r = await isam.get(`/api/incidents?cursor=${c}`);
      expect(r.status, c).toBe(400);
      expect(r.body.code).toBe('invalid_cursor');
    }
    // An org "id" of 36 dashes or hex digits without the uuid's shape is an unknown organisation, everywhere an org is named.
    for (const org of ['-'.repeat(36), 'a'.repeat(36)]) {
      for (const path of [`/api/incidents?org=${org}`, `/api/incidents?org=${org}&q=brev`, `/api/incidents/stats?org=${org}&year=2025`,
        `/api/incidents/export?format=csv&org=${org}`, `/api/incidents/deadlines?org=${org}`, `/api/incident-categories?org=${org}`]) {
        expect((await isam.get(path)).status, path).toBe(404);
      }
    }
  });

  it('finds incidents by Swedish full-text search on title and description', async () => {
    await create(isam, { org: 'avd-b', title: 'Papper vid skrivaren', description: 'Sekretesshandlingar låg kvar vid skrivarna.' });
    const r = await isam.get(`/api/incidents?q=${encodeURIComponent('skrivare')}`);
    expect(r.body.items.map((i: { title: string }) => i.title)).toContain('Papper vid skrivaren');
    const none = await isam.get(`/api/incidents?q=${encodeURIComponent('flygplan')}`);
    expect(none.body.items).toHaveLength(0);
    // A word finds the compounds it begins (the stemmer keeps "Nätfiskeförsök" whole).
    await create(isam, { org: 'avd-a', title: 'Nätfiskeförsök mot förvaltningen' });
    const compound = await isam.get(`/api/incidents?q=${encodeURIComponent('nätfiske')}`);
    expect(compound.body.items.map((i: { title: string }) => i.title)).toContain('Nätfiskeförsök mot förvaltningen');
    // Definite forms the stemmer keeps ("ärendet", "bilagan", "datorn") find the word without its ending, in title
    // and description; a short word is not cut into a prefix of every word it begins ("paket" is not "pak…").
    const made = (await create(isam, { org: 'avd-b', title: 'Ärende om mejl', description: 'En bilaga skickades från fel dator.' })).body;
    await create(isam, { org: 'avd-b', title: 'Pakistanresa med dator' });
    const titles = async (q: string) => (await isam.get(`/api/incidents?q=${encodeURIComponent(q)}`)).body.items.map((i: { id: string }) => i.id);
    for (const q of ['ärendet', 'mejlet', 'mejlets', 'bilagan', 'datorn mejlet', 'Ärendet']) expect(await titles(q), q).toContain(made.id);
    expect(await titles('paket')).toEqual([]);
    expect((await isam.get(`/api/incidents/count?q=${encodeURIComponent('ärendet')}`)).body.count).toBeGreaterThanOrEqual(1);
  });

  it('finds an incident by its number or its IA Ärende-ID (any letter case), within the org asked for', async () => {
    const made = (await create(isam, { org: 'avd-b', title: 'Borttappat USB-minne', externalId: 'IA-Sök-77', reportedAt: '2025-05-05T10:00' })).body;
    const ids = async (q: string, org = 'forv') => (await isam.get(`/api/incidents?org=${org}&q=${encodeURIComponent(q)}`)).body.items.map((i: { id: string }) => i.id);
    expect(await ids(made.number)).toEqual([made.id]);
    expect(await ids(made.number.toLowerCase())).toEqual([made.id]);
    expect(await ids('ia-sök-77')).toEqual([made.id]);
    expect(await ids('IA-SÖK-77', 'avd-a')).toEqual([]);
    // Numbers count per year: the same count in another year is another incident (or none).
    expect(made.number).toMatch(/^AV-2025-\d{4}$/);
    expect(await ids(made.number.replace('AV-2025-', 'AV-2024-'))).not.toContain(made.id);
  });
});

describe('report in under a minute', () => {
  it('gives an employee a receipt with a number and prefills from the category template', async () => {
    const r = await staff.post('/api/incidents/quick', { title: 'Skickade brev till fel adress', occurredAt: '2025-09-01T14:00', org: 'enh-a', personalData: 'vet_ej', category: 'Fel mottagare' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const year = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date());
    expect(r.body.number).toMatch(new RegExp(`^AV-${year}-\\d{4}$`));
    const mine = await staff.get(`/api/incidents/${r.body.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.kind).toBe('Personuppgiftsincident');
    expect(mine.body.personalData).toBe('ja');
    expect(mine.body.category).toBe('Fel mottagare');
    // The template's first actions are the handlers' work: they see them, the reporter sees their report only.
    const handled = await isam.get(`/api/incidents/${r.body.id}`);
    expect(handled.body.actions.length).toBeGreaterThan(0);
    expect(handled.body.reporterView).toBe(false);
    await isam.post(`/api/incidents/${r.body.id}/comments`, { body: 'Internt: samma avsändare tredje gången.' });
    const again = (await staff.get(`/api/incidents/${r.body.id}`)).body;
    // Of the comments and attachments, only what the reporter added themselves (none yet): not the handler's note.
    expect(again).toMatchObject({ reporterView: true, actions: [], comments: [], attachments: [], links: [], riskAssessment: null, assessmentText: null });
    // The legal clocks follow from the handlers' assessment: theirs to see, not the reporter's.
    expect(handled.body.clocks.map((c: { key: string }) => c.key)).toContain('gdpr33');
    expect(again.clocks).toEqual([]);
    expect(again.history.length).toBeGreaterThan(0);
    // NIS2 significance, the CSIRT reports and the data subjects informed: the handlers' judgement and work, null for
    // the reporter, as their page leaves them out.
    const at = handled.body.reportedAt;
    const marked = await isam.patch(`/api/incidents/${r.body.id}`, {
      version: (await isam.get(`/api/incidents/${r.body.id}`)).body.version,
      nis2Significant: true, reportedToCsirt: true, csirtEarlyWarningAt: at, csirtNotificationAt: at, csirtFinalReportAt: at, subjectsInformedAt: at,
      discoveredAt: '2025-09-01T15:00',
    });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    const handlersOnly = ['nis2Significant', 'reportedToCsirt', 'csirtEarlyWarningAt', 'csirtNotificationAt', 'csirtFinalReportAt', 'subjectsInformedAt'];
    const staffSees = (await isam.get(`/api/incidents/${r.body.id}`)).body;
    const reporterSees = (await staff.get(`/api/incidents/${r.body.id}`)).body;
    for (const k of handlersOnly) {
      expect(staffSees[k], k).toBeTruthy();
      expect(reporterSees[k], k).toBeNull();
    }
    // The employee sees their own report in the list, and nothing else.
    const list = await staff.get('/api/incidents');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([r.body.id]);
    // Their list row carries no clocks either (nor the overdue flag that follows from them); the handler's does.
    expect(list.body.items[0]).toMatchObject({ clocks: [], overdue: false });
    const handlersRow = (await isam.get('/api/incidents?org=enh-a&limit=200')).body.items.find((i: { id: string }) => i.id === r.body.id);
    expect(handlersRow.clocks.map((c: { key: string }) => c.key)).toContain('gdpr33');
    // Nor does the overdue filter answer for them what the flag does not show (the handler's row is overdue: its
    // 72 hours from the discovery in September 2025 have run out).
    expect(handlersRow.overdue).toBe(true);
    for (const path of ['/api/incidents?overdue=true', '/api/incidents/count?overdue=true']) {
      const seen = (await staff.get(path)).body;
      expect(seen.items ?? seen.count, path).toEqual(seen.items ? [] : 0);
    }
    expect((await staff.get('/api/incidents?overdue=false')).body.items.map((i: { id: string }) => i.id)).toEqual([r.body.id]);
    // Their export leaves the handlers' judgement out too, as their page does; the handler's carries it.
    const risk = await isam.patch(`/api/incidents/${r.body.id}`, { version: staffSees.version, riskAssessment: 'hog_risk' });
    expect(risk.status, JSON.stringify(risk.body)).toBe(200);
    const exported = (await staff.get('/api/incidents/export?format=csv&reporter=me')).body as string;
    expect(exported).toContain('Skickade brev till fel adress');
    expect(exported).not.toContain('Hög risk');
    expect((await isam.get(`/api/incidents/export?format=csv&org=enh-a`)).body).toContain('Hög risk');
    // A handler who reports too finds their own reports with reporter=me (Mina rapporter), not everyone's.
    const own = await isam.post('/api/incidents/quick', { title: 'Tappade passerkort', org: 'enh-a', personalData: 'nej' });
    const reportedByMe = (await isam.get('/api/incidents?reporter=me')).body.items.map((i: { id: string }) => i.id);
    expect(reportedByMe).toContain(own.body.id);
    expect(reportedByMe).not.toContain(r.body.id);
    expect((await isam.get('/api/incidents')).body.items.map((i: { id: string }) => i.id)).toContain(r.body.id);
    // A template whose personal data is "nej" (Nätfiske) does not overwrite the reporter's "vet ej".
    const phish = await staff.post('/api/incidents/quick', { title: 'Konstigt mejl', org: 'enh-a', personalData: 'vet_ej', category: 'Nätfiske' });
    expect((await staff.get(`/api/incidents/${phish.body.id}`)).body.personalData).toBe('vet_ej');
  });

  it('refuses a unit outside the reporter\'s scope (404) and an unknown category (422)', async () => {
    expect((await staff.post('/api/incidents/quick', { title: 'x', org: 'avd-b', personalData: 'nej' })).status).toBe(404);
    const cat = await staff.post('/api/incidents/quick', { title: 'x', org: 'enh-a', personalData: 'nej', category: 'Påhittad' });
    expect(cat.status).toBe(422);
    expect(cat.body.field).toBe('category');
  });
});

describe('triage in bulk', () => {
  it('changes all or nothing, listing each refused id and why', async () => {
    const a = (await create(isam, { org: 'avd-a', title: 'Bulk A' })).body;
    const b = (await create(isam, { org: 'avd-a', title: 'Bulk B' })).body;
    await advance(isam, b.id, 'Under registrering');
    const refused = await isam.post('/api/incidents/bulk', { ids: [a.id, b.id], set: { status: 'Under utredning' } });
    expect(refused.status).toBe(409);
    expect(refused.body.refused.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect((await isam.get(`/api/incidents/${b.id}`)).body.status).toBe('Under registrering');
    const ok = await isam.post('/api/incidents/bulk', { ids: [a.id, b.id], set: { status: 'Förfallen', category: 'Spam' } });
    expect(ok.status).toBe(200);
    for (const id of [a.id, b.id]) {
      const r = (await isam.get(`/api/incidents/${id}`)).body;
      expect(r.status).toBe('Förfallen');
      expect(r.category).toBe('Spam');
      expect(r.overdue).toBe(true);
      const audit = await listAudit(t.ctx, { entityId: id, action: 'incident.bulk_update', limit: 10 });
      expect(audit.items).toHaveLength(1);
    }
    const overdue = await isam.get('/api/incidents?overdue=true&limit=200');
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('leaves the status of those that already have it and sets the rest: "select all, Förfallen" is not refused', async () => {
    const a = (await create(isam, { org: 'avd-a', title: 'Redan förfallen' })).body;
    const b = (await create(isam, { org: 'avd-a', title: 'Ska förfalla' })).body;
    expect((await isam.post('/api/incidents/bulk', { ids: [a.id], set: { status: 'Förfallen' } })).status).toBe(200);
    const historyOf = async (id: string) => (await isam.get(`/api/incidents/${id}`)).body.history.length;
    const [ha, va] = [await historyOf(a.id), (await isam.get(`/api/incidents/${a.id}`)).body.version];
    const r = await isam.post('/api/incidents/bulk', { ids: [a.id, b.id], set: { status: 'Förfallen', category: 'Spam' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ updated: 2, ids: [a.id, b.id] });
    for (const id of [a.id, b.id]) expect((await isam.get(`/api/incidents/${id}`)).body).toMatchObject({ status: 'Förfallen', category: 'Spam' });
    // a kept its status: no second history row; its category changed, so its version moved once.
    expect(await historyOf(a.id)).toBe(ha);
    expect((await isam.get(`/api/incidents/${a.id}`)).body.version).toBe(va + 1);
    // Nothing left to change: nothing written, nothing audited.
    const auditBefore = (await listAudit(t.ctx, { entityId: a.id, action: 'incident.bulk_update', limit: 10 })).items.length;
    expect((await isam.post('/api/incidents/bulk', { ids: [a.id], set: { status: 'Förfallen', category: 'Spam' } })).body).toEqual({ updated: 0, ids: [] });
    expect((await listAudit(t.ctx, { entityId: a.id, action: 'incident.bulk_update', limit: 10 })).items).toHaveLength(auditBefore);
    // A transition that is illegal for some row is still refused as a whole.
    expect((await isam.post('/api/incidents/bulk', { ids: [a.id, b.id], set: { status: 'Rapporterad' } })).status).toBe(409);
  });

  it('refuses ids outside the caller\'s scope as unknown', async () => {
    const other = await userWithRole(t, 'isam.annan@test.se', 'isam', 'annan-forv');
    const a = (await create(isam, { org: 'avd-a', title: 'Inte din' })).body;
    const r = await other.post('/api/incidents/bulk', { ids: [a.id], set: { kind: 'IT-säkerhet' } });
    expect(r.status).toBe(404);
    expect(r.body.field).toBe('ids');
  });
});

describe('protected identity', () => {
  it('hides description, comments and attachments from those without incident.protected; audits each read', async () => {
    const p = (await create(isam, { org: 'avd-a', title: 'Brev med skyddad adress', description: 'Adressen Hemligvägen 1 röjdes.', assessmentText: 'Mottagaren bor granne med Hemligvägen.', protectedIdentity: true })).body;
    const c = await isam.post(`/api/incidents/${p.id}/comments`, { body: 'Kontaktat Skatteverket.' });
    expect(c.status).toBe(201);
    expect((await isam.post(`/api/incidents/${p.id}/actions`, { title: 'Kontakta Hemligvägen 1 om felutskicket' })).status).toBe(201);
    const before = (await listAudit(t.ctx, { entityId: p.id, action: 'incident.read_protected', limit: 50 })).items.length;
    const seen = await isam.get(`/api/incidents/${p.id}`);
    expect(seen.body.description).toContain('Hemligvägen');
    expect(seen.body.comments).toHaveLength(1);
    expect(seen.body.protected).toBe(false);
    expect((await listAudit(t.ctx, { entityId: p.id, action: 'incident.read_protected', limit: 50 })).items.length).toBe(before + 1);

    for (const who of [chefA, secNoProtected]) {
      const r = await who.get(`/api/incidents/${p.id}`);
      expect(r.status).toBe(200);
      expect(r.body.protected).toBe(true);
      expect(r.body.description).toBeNull();
      // The written assessment is free text about the case too.
      expect(r.body.assessmentText).toBeNull();
      expect(r.body.comments).toBeNull();
      expect(r.body.attachments).toBeNull();
      // An action's title may name the person too: the action is shown (owner, due, status), its title is not.
      expect(r.body.actions.map((a: { title: string | null; status: string }) => [a.title, a.status])).toEqual([[null, 'planerad']]);
      expect(r.body.title).toBe('Brev med skyddad adress');
    }
    // Not readable content means no audit of a content read, and search does not match the hidden text.
    expect((await listAudit(t.ctx, { entityId: p.id, action: 'incident.read_protected', limit: 50 })).items.length).toBe(before + 1);
    expect((await chefA.get('/api/incidents?q=Hemligvägen')).body.items).toHaveLength(0);
    // Nor can a negated word or a phrase test the hidden text: a protected record matches on its title alone.
    const ids = async (c: Client, q: string) => (await c.get(`/api/incidents?q=${encodeURIComponent(q)}`)).body.items.map((i: { id: string }) => i.id);
    for (const q of ['skyddad adress -Hemligvägen', 'skyddad adress -Kattgatan', 'brev -"Hemligvägen 1"']) expect(await ids(chefA, q)).toContain(p.id);
    expect(await ids(chefA, 'skyddad "Hemligvägen 1"')).not.toContain(p.id);
    expect(await ids(isam, 'skyddad adress -Hemligvägen')).not.toContain(p.id);
    expect(await ids(isam, 'skyddad adress -Kattgatan')).toContain(p.id);
    // The list shows that a protected record exists, and never carries descriptions at all.
    const row = (await chefA.get('/api/incidents?limit=200')).body.items.find((i: { id: string }) => i.id === p.id);
    expect(row).toMatchObject({ title: 'Brev med skyddad adress', protectedIdentity: true });
    expect(row).not.toHaveProperty('description');
    expect((await secNoProtected.post(`/api/incidents/${p.id}/comments`, { body: 'x' })).status).toBe(403);
    expect(seen.body.assessmentText).toContain('Hemligvägen');
    // Nor may they overwrite it, and the audit log keeps it out as it keeps the description out.
    const cur = (await isam.get(`/api/incidents/${p.id}`)).body;
    expect((await secNoProtected.patch(`/api/incidents/${p.id}`, { version: cur.version, assessmentText: 'Skrivet över' })).status).toBe(403);
    const created = (await listAudit(t.ctx, { entityId: p.id, action: 'incident.create', limit: 5 })).items[0];
    expect(JSON.stringify(created)).not.toContain('Hemligvägen');
  });

  it('exports leave protected text out unless the exporter may read it, and such an export is audited', async () => {
    await create(isam, { org: 'avd-a', title: 'Exportskyddad', description: 'Hemlig text X-4711', protectedIdentity: true });
    await create(isam, { org: 'avd-a', title: 'Exportöppen', description: 'Öppen text Y-0815' });
    const withoutPerm = await secNoProtected.get('/api/incidents/export?format=csv&org=avd-a');
    expect(withoutPerm.status).toBe(200);
    expect(withoutPerm.headers.get('content-type')).toContain('text/csv');
    expect(withoutPerm.body).toContain('Exportskyddad');
    expect(withoutPerm.body).toContain('Y-0815');
    expect(withoutPerm.body).not.toContain('X-4711');
    // Even one who may read it gets protected text only on asking (never by a routine export); asking is audited.
    expect((await isam.get('/api/incidents/export?format=csv&org=avd-a')).body).not.toContain('X-4711');
    expect((await secNoProtected.get('/api/incidents/export?format=csv&org=avd-a&includeProtected=true')).body).not.toContain('X-4711');
    const withPerm = await isam.get('/api/incidents/export?format=csv&org=avd-a&includeProtected=true');
    expect(withPerm.body).toContain('X-4711');
    // Named as holding protected text, unlike the routine export.
    expect(withPerm.headers.get('content-disposition')).toMatch(/^attachment; filename="incidenter-med-skyddade-uppgifter-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect((await isam.get('/api/incidents/export?format=csv&org=avd-a')).headers.get('content-disposition')).toMatch(/^attachment; filename="incidenter-\d{4}-\d{2}-\d{2}\.csv"$/);
    const audit = await listAudit(t.ctx, { action: 'incident.export_protected', limit: 10 });
    expect(audit.items.length).toBe(1);
    expect(audit.items[0].actorLabel).toBe('isam@test.se');
    // Logged on the protected record's own organisation, so its audit readers (not only system admins) see it.
    expect(audit.items[0].orgSlug).toBe('avd-a');
    const chefAudit = await userWithRole(t, 'chef-audit@test.se', 'forvaltningschef', 'forv');
    const seen = await chefAudit.get('/api/audit?action=incident.export_protected&limit=10');
    expect(seen.status).toBe(200);
    expect(seen.body.items).toHaveLength(1);
    const xlsx = await fetch(`${t.url}/api/incidents/export?format=xlsx&org=avd-a`, { headers: { cookie: isam.cookie! } });
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('protected identity: searches', () => {
  it('a search by one who may read protected records is audited for the protected records it found, on their own organisation', async () => {
    const p = (await create(isam, { org: 'avd-a', title: 'Brev till fel adress', description: 'Namnet Tova Sökesson och hennes adress röjdes.', protectedIdentity: true })).body;
    await create(isam, { org: 'avd-a', title: 'Öppen om Sökesson', description: 'Inget skyddat.' });
    const entries = async () => (await listAudit(t.ctx, { action: 'incident.search_protected', limit: 50 })).items;
    const before = (await entries()).length;
    const found = async (c: Client, q: string) => (await c.get(`/api/incidents?q=${encodeURIComponent(q)}`)).body.items.map((i: { id: string }) => i.id);
    // One who may not read it searches its title alone: nothing of the protected text was read, nothing audited.
    expect(await found(chefA, 'Sökesson')).not.toContain(p.id);
    expect(await found(secNoProtected, 'Sökesson')).not.toContain(p.id);
    expect(await found(secNoProtected, 'brev adress')).toContain(p.id);
    // A search that finds no protected record is not audited either.
    expect(await found(isam, 'Inget skyddat')).not.toContain(p.id);
    expect(await entries()).toHaveLength(before);
    // The ISAM's search looked into the description and found it: audited, with the words and the record.
    expect(await found(isam, 'Sökesson')).toContain(p.id);
    const after = await entries();
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({ actorLabel: 'isam@test.se', entityId: p.id, orgSlug: 'avd-a', after: { q: 'Sökesson', found: [p.id] } });
  });
});

describe('attachments', () => {
  const upload = (c: Client, id: string, filename: string, data: Buffer) =>
    fetch(`${t.url}/api/incidents/${id}/attachments?filename=${encodeURIComponent(filename)}`, {
      method: 'POST', body: new Uint8Array(data), headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': 'application/octet-stream' },
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 32), Buffer.from('%%EOF')]);

  it('stores an allowed file and serves it back byte for byte', async () => {
    const inc = (await create(isam, { org: 'avd-a', title: 'Med bilaga' })).body;
    const r = await upload(isam, inc.id, 'rapport.pdf', pdf);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.contentType).toBe('application/pdf');
    const back = await fetch(`${t.url}/api/incidents/${inc.id}/attachments/${r.body.id}`, { headers: { cookie: isam.cookie! } });
    expect(Buffer.from(await back.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await isam.get(`/api/incidents/${inc.id}`)).body.attachments).toHaveLength(1);
  });

  it('rejects too large (413), wrong type (415) and content not matching the name (422), with the field', async () => {
    const inc = (await create(isam, { org: 'avd-a', title: 'Fel bilagor' })).body;
    const big = await upload(isam, inc.id, 'stor.pdf', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    const exe = await upload(isam, inc.id, 'program.exe', Buffer.from('MZ\x90\x00'));
    expect(exe.status).toBe(415);
    expect(exe.body.field).toBe('file');
    const binaryTxt = await upload(isam, inc.id, 'notes.txt', Buffer.from([0x4d, 0x5a, 0x00, 0x01, 0xff]));
    expect(binaryTxt.status).toBe(415);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const mismatch = await upload(isam, inc.id, 'faktura.pdf', png);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.field).toBe('filename');
    expect(mismatch.body.detail_sv).toBe('Filen heter .pdf men är inte en PDF: innehållet är en PNG-bild. Kontrollera att det är rätt fil, eller ge den rätt filändelse.');
    // A right-to-left override would show "faktura\u202Efdp.txt" as "fakturatxt.pdf"; a line break has no place in a name.
    for (const name of ['faktura\u202Efdp.txt', 'två\nrader.txt', 'del\u007f.txt']) {
      const r = await upload(isam, inc.id, name, Buffer.from('text\n'));
      expect(r.body, JSON.stringify(name)).toMatchObject({ status: 422, field: 'filename', code: 'bad_filename' });
    }
    expect((await isam.get(`/api/incidents/${inc.id}`)).body.attachments).toHaveLength(0);
  });
});

describe('actions and links', () => {
  it('adds an åtgärd, updates it with optimistic locking, links a record', async () => {
    const inc = (await create(isam, { org: 'avd-a', title: 'Med åtgärd' })).body;
    const a = await isam.post(`/api/incidents/${inc.id}/actions`, { title: 'Radera mejlet', dueDate: '2020-01-01' });
    expect(a.status).toBe(201);
    const detail = (await isam.get(`/api/incidents/${inc.id}`)).body;
    expect(detail.actions[0].overdue).toBe(true);
    expect(detail.overdue).toBe(true);
    const u = await isam.patch(`/api/incidents/${inc.id}/actions/${a.body.id}`, { version: 1, status: 'klar' });
    expect(u.status).toBe(200);
    expect((await isam.patch(`/api/incidents/${inc.id}/actions/${a.body.id}`, { version: 1, status: 'pagar' })).status).toBe(409);
    const url = 'https://www.imy.se/arenden/miljodata';
    const l = await isam.post(`/api/incidents/${inc.id}/links`, { targetType: 'url', targetId: url });
    expect(l.status).toBe(201);
    expect((await isam.post(`/api/incidents/${inc.id}/links`, { targetType: 'url', targetId: url })).status).toBe(409);
    expect((await isam.request('DELETE', `/api/incidents/${inc.id}/links/${l.body.id}`)).status).toBe(204);
  });
});
