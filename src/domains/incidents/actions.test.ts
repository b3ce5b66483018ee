import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, Client, INCIDENT_ORGS, makeOrgs, rawSql, startTestServer, userWithRole, userWithRoles, type TestServer } from '../../test/harness';
import { listAudit } from '../audit/service';

// PATCH /api/incidents/{id}/actions/{actionId}: what the incident page's "Ändra" sends. A handler corrects an
// action's title, moves its due date, changes its owner and reopens one marked klar by mistake; bad input is refused
// with the field named and nothing written.
let t: TestServer;
let isam: Client;
let sak: Client;
let chefId: string;
let staffId: string;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, INCIDENT_ORGS);
  isam = await userWithRole(t, 'isam-atg@test.se', 'isam', 'forv');
  // Manages incidents but may not see protected content.
  sak = await userWithRole(t, 'sak-atg@test.se', 'sakerhetsansvarig', 'forv');
  chefId = (await userWithRoles(t, 'chef-atg@test.se', [{ role: 'chef', org: 'avd-a' }])).userId;
  staffId = (await userWithRoles(t, 'staff-atg@test.se', [{ role: 'medarbetare', org: 'enh-a' }])).userId;
});
afterAll(() => t.close());

async function withAction(body: Record<string, unknown> = {}, action: Record<string, unknown> = {}) {
  const inc = (await isam.post('/api/incidents', { org: 'avd-a', title: 'Med åtgärd', ...body })).body;
  const a = await isam.post(`/api/incidents/${inc.id}/actions`, { title: 'Radera mejlet', dueDate: '2030-01-15', ...action });
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  return { inc, a: a.body as { id: string; version: number }, url: `/api/incidents/${inc.id}/actions/${a.body.id}` };
}
const stored = async (id: string) => (await rawSql<Record<string, unknown>>(t, `select title, owner_id, due_date::text as due_date, status, version from incident_actions where id = '${id}'`))[0];

describe('changing an action', () => {
  it('corrects the title, moves the due date, changes the owner, and reopens one marked klar; each change audited', async () => {
    const { inc, a, url } = await withAction();
    const audits = await auditCount(t, 'incident.action.update');
    const edit = await isam.patch(url, { version: a.version, title: 'Be mottagaren radera mejlet', dueDate: '2030-02-01', ownerId: chefId });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body).toMatchObject({ title: 'Be mottagaren radera mejlet', dueDate: '2030-02-01', owner: { id: chefId }, status: 'planerad', version: a.version + 1 });
    const done = await isam.patch(url, { version: edit.body.version, status: 'klar' });
    expect(done.body.status).toBe('klar');
    const reopened = await isam.patch(url, { version: done.body.version, status: 'pagar', ownerId: null, dueDate: null });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    const shown = (await isam.get(`/api/incidents/${inc.id}`)).body.actions[0];
    expect(shown).toMatchObject({ title: 'Be mottagaren radera mejlet', owner: null, dueDate: null, status: 'pagar', overdue: false, version: a.version + 3 });
    expect(await auditCount(t, 'incident.action.update')).toBe(audits + 3);
    const [last] = (await listAudit(t.ctx, { entityId: a.id, action: 'incident.action.update', limit: 1 })).items;
    expect(last.before).toMatchObject({ status: 'klar', ownerId: chefId, dueDate: '2030-02-01' });
    expect(last.after).toMatchObject({ status: 'pagar', ownerId: null, dueDate: null });
  });

  it('answers a new or changed action as its page will show it: overdue when its due date has passed and it is not klar', async () => {
    const { a, url } = await withAction({}, { dueDate: '2024-01-15' });
    expect(a).toMatchObject({ dueDate: '2024-01-15', overdue: true });
    const done = await isam.patch(url, { version: a.version, status: 'klar' });
    expect(done.body).toMatchObject({ status: 'klar', overdue: false });
    const later = await isam.patch(url, { version: done.body.version, status: 'pagar', dueDate: '2030-01-15' });
    expect(later.body).toMatchObject({ overdue: false });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const { a, url } = await withAction();
    const before = await stored(a.id);
    const audits = await auditCount(t, 'incident.action.update');
    const bad: [Record<string, unknown>, number, string, string?][] = [
      [{ title: '' }, 400, 'title'],
      [{ title: '   ' }, 400, 'title'],
      [{ title: null }, 400, 'title'],
      [{ title: 'x'.repeat(301) }, 400, 'title'],
      [{ dueDate: '2030-02-30' }, 400, 'dueDate'],
      [{ dueDate: '15/1/2030' }, 400, 'dueDate'],
      [{ dueDate: '2030-01-15T10:00' }, 400, 'dueDate'],
      [{ status: 'stangd' }, 400, 'status'],
      [{ ownerId: 'inte-ett-id' }, 400, 'ownerId'],
      [{ ownerId: staffId }, 422, 'ownerId', 'user_cannot_read'],
      [{ ownerId: '00000000-0000-4000-8000-000000000000' }, 422, 'ownerId', 'unknown_user'],
      [{ priority: 'hög' }, 400, 'priority'],
    ];
    for (const [body, status, field, code] of bad) {
      const r = await isam.patch(url, { version: a.version, ...body });
      expect(r.status, `${JSON.stringify(body)} → ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.body.field ?? r.body.errors?.[0]?.field, JSON.stringify(r.body)).toBe(field);
      if (code) expect(r.body.code).toBe(code);
      expect(r.body.detail_sv, JSON.stringify(r.body)).toBeTruthy();
    }
    const cannot = await isam.patch(url, { version: a.version, ownerId: staffId });
    expect(cannot.body.detail_sv).toContain('har ingen behörighet att läsa incidenten');
    expect(await stored(a.id)).toEqual(before);
    expect(await auditCount(t, 'incident.action.update')).toBe(audits);
  });

  it('refuses a stale version with 409 and the server\'s message; the other change stays', async () => {
    const { a, url } = await withAction();
    expect((await isam.patch(url, { version: a.version, dueDate: '2030-03-01' })).status).toBe(200);
    const stale = await isam.patch(url, { version: a.version, status: 'klar' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version', field: 'version', currentVersion: a.version + 1 });
    expect(stale.body.detail_sv).toBe(`Åtgärden har ändrats av någon annan: du ändrade version ${a.version}, nu gäller version ${a.version + 1}. Ladda om och försök igen.`);
    expect(await stored(a.id)).toMatchObject({ status: 'planerad', due_date: '2030-03-01', version: a.version + 1 });
  });

  it('an unknown action, or one of another incident, is 404', async () => {
    const one = await withAction();
    const two = await withAction();
    expect((await isam.patch(`/api/incidents/${one.inc.id}/actions/${two.a.id}`, { version: 1, status: 'klar' })).status).toBe(404);
    expect((await isam.patch(`/api/incidents/${one.inc.id}/actions/00000000-0000-4000-8000-000000000000`, { version: 1 })).status).toBe(404);
  });
});

describe('an action of a protected record', () => {
  it('one without incident.protected may move its due date and reopen it, but neither change nor learn its title', async () => {
    const { a, url } = await withAction({ protectedIdentity: true, title: 'Skyddad' }, { title: 'Ring Hemligvägen 1', status: 'klar' });
    const moved = await sak.patch(url, { version: a.version, dueDate: '2030-04-01', status: 'planerad' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ title: null, dueDate: '2030-04-01', status: 'planerad' });
    const title = await sak.patch(url, { version: moved.body.version, title: 'Annat' });
    expect(title.status).toBe(403);
    const stale = await sak.patch(url, { version: a.version, status: 'klar' });
    expect(stale.status).toBe(409);
    expect(JSON.stringify(stale.body)).not.toContain('Hemligvägen');
    expect(await stored(a.id)).toMatchObject({ title: 'Ring Hemligvägen 1', status: 'planerad' });
    // The handler with access sees and changes it.
    expect((await isam.patch(url, { version: moved.body.version, title: 'Ring den berörda' })).body.title).toBe('Ring den berörda');
    // The audit log, read by people who may not read the record's content, holds no title of it.
    const logged = (await listAudit(t.ctx, { entityId: a.id, limit: 10 })).items;
    expect(logged.map((e) => e.action).sort()).toEqual(['incident.action.create', 'incident.action.update', 'incident.action.update']);
    expect(JSON.stringify(logged)).not.toMatch(/Hemligvägen|Ring den berörda/);
    expect(logged.find((e) => e.action === 'incident.action.create')!.after).toMatchObject({ title: '[skyddad / protected]', status: 'klar' });
  });

  it("keeps a protected record's attachment name out of the audit log", async () => {
    const inc = (await isam.post('/api/incidents', { org: 'avd-a', title: 'Skyddad bilaga', protectedIdentity: true })).body;
    const file = await fetch(`${t.url}/api/incidents/${inc.id}/attachments?filename=${encodeURIComponent('Hemligvägen 1.txt')}`, {
      method: 'POST', body: 'Adress: Hemligvägen 1', headers: { cookie: isam.cookie!, 'x-csrf-token': isam.csrf!, 'content-type': 'application/octet-stream' },
    });
    expect(file.status).toBe(201);
    const { id } = (await file.json()) as { id: string };
    const [created] = (await listAudit(t.ctx, { entityId: id, action: 'incident.attachment.create', limit: 1 })).items;
    expect(created.after).toMatchObject({ incidentId: inc.id, filename: '[skyddad / protected]' });
  });
});
