import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, INCIDENT_ORGS, makeOrgs, startTestServer, userWithRole, userWithRoles, type TestServer } from '../../test/harness';
import { listAudit } from '../audit/service';
import { removeRole } from '../users/service';

// Komplettera rapporten: the reporter (incident.report, no incident.read) adds a comment or a file to their own
// report afterwards and sees what they added, and nothing the handlers wrote or uploaded. Staff see it all.
let t: TestServer;
let isam: Client;
let chefA: Client;
let reporter: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, INCIDENT_ORGS);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv');
  chefA = await userWithRole(t, 'chef@test.se', 'chef', 'avd-a');
  reporter = await userWithRole(t, 'rapportor@test.se', 'medarbetare', 'enh-a');
});
afterAll(() => t.close());

const upload = (c: Client, id: string, filename: string, text: string) =>
  fetch(`${t.url}/api/incidents/${id}/attachments?filename=${encodeURIComponent(filename)}`, {
    method: 'POST', body: new Uint8Array(Buffer.from(text, 'utf8')),
    headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': 'application/octet-stream' },
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
const download = (c: Client, id: string, attachmentId: string) =>
  fetch(`${t.url}/api/incidents/${id}/attachments/${attachmentId}`, { headers: { cookie: c.cookie! } })
    .then(async (r) => ({ status: r.status, text: await r.text() }));
const report = async (c: Client, title: string) => {
  const r = await c.post('/api/incidents/quick', { title, org: 'enh-a', personalData: 'nej' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
};
const bodies = (items: { body: string }[]) => items.map((c) => c.body);
const names = (items: { filename: string }[]) => items.map((a) => a.filename);

describe('the reporter supplements their own report', () => {
  it('sees only the comments and files they added; the handlers see all of them', async () => {
    const id = await report(reporter, 'Skärmbild saknades i rapporten');
    expect((await isam.post(`/api/incidents/${id}/comments`, { body: 'Internt: samma avsändare som förra veckan.' })).status).toBe(201);
    const handlersFile = await upload(isam, id, 'utredning.txt', 'Handläggarens anteckningar.\n');
    expect(handlersFile.status, JSON.stringify(handlersFile.body)).toBe(201);

    const mine = await reporter.post(`/api/incidents/${id}/comments`, { body: 'Jag glömde: mejlet kom också till min kollega.' });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    const myFile = await upload(reporter, id, 'skarmbild.txt', 'Avsändare: okand@example.com\n');
    expect(myFile.status, JSON.stringify(myFile.body)).toBe(201);

    const seen = (await reporter.get(`/api/incidents/${id}`)).body;
    expect(seen.reporterView).toBe(true);
    expect(bodies(seen.comments)).toEqual(['Jag glömde: mejlet kom också till min kollega.']);
    expect(seen.comments[0].author).toBe('rapportor@test.se');
    expect(names(seen.attachments)).toEqual(['skarmbild.txt']);
    expect(seen.attachments[0].id).toBe(myFile.body.id);
    // The rest of the handlers' work stays out of the reporter's view, as before.
    expect(seen).toMatchObject({ actions: [], links: [], riskAssessment: null, assessmentText: null });

    // Staff: unchanged, everything, in the order written.
    const staff = (await isam.get(`/api/incidents/${id}`)).body;
    expect(staff.reporterView).toBe(false);
    expect(bodies(staff.comments)).toEqual(['Internt: samma avsändare som förra veckan.', 'Jag glömde: mejlet kom också till min kollega.']);
    expect(names(staff.attachments)).toEqual(['utredning.txt', 'skarmbild.txt']);
    const reader = (await chefA.get(`/api/incidents/${id}`)).body;
    expect(reader.reporterView).toBe(false);
    expect(reader.comments).toHaveLength(2);
    expect(reader.attachments).toHaveLength(2);

    // Each addition is audited with its author, as every mutation is.
    const comments = await listAudit(t.ctx, { entityId: mine.body.id, action: 'incident.comment.create', limit: 5 });
    expect(comments.items.map((a) => a.actorLabel)).toEqual(['rapportor@test.se']);
    const files = await listAudit(t.ctx, { entityId: myFile.body.id, action: 'incident.attachment.create', limit: 5 });
    expect(files.items.map((a) => a.actorLabel)).toEqual(['rapportor@test.se']);
  });

  it('downloads the files they uploaded (200) and no other (404, as an unknown id); staff download both', async () => {
    const id = await report(reporter, 'Usb-minne hittat i receptionen');
    const handlersFile = (await upload(isam, id, 'intern.txt', 'Endast för handläggare.\n')).body;
    const myFile = (await upload(reporter, id, 'foto.txt', 'Minnet låg under disken.\n')).body;

    const own = await download(reporter, id, myFile.id);
    expect(own.status).toBe(200);
    expect(own.text).toBe('Minnet låg under disken.\n');
    const theirs = await download(reporter, id, handlersFile.id);
    const unknown = await download(reporter, id, randomUUID());
    expect(theirs.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(theirs.text).not.toContain('Endast för handläggare');
    // The same answer as for an id that does not exist: nothing tells the file is there.
    const problem = (text: string) => {
      const { code, field, status } = JSON.parse(text);
      return { code, field, status };
    };
    expect(problem(theirs.text)).toEqual(problem(unknown.text));
    expect(problem(theirs.text).field).toBe('attachmentId');

    for (const a of [handlersFile, myFile]) expect((await download(isam, id, a.id)).status).toBe(200);
    expect((await download(chefA, id, handlersFile.id)).status).toBe(200);
    // Another employee cannot reach the report at all, their own upload included.
    const other = await userWithRole(t, 'kollega@test.se', 'medarbetare', 'enh-a');
    expect((await download(other, id, myFile.id)).status).toBe(404);
    expect((await other.get(`/api/incidents/${id}`)).status).toBe(404);
  });

  it('a staff member who reported it reads it as staff: everything, not only their own', async () => {
    const id = await report(isam, 'Handläggaren rapporterar själv');
    const dso = await userWithRole(t, 'dso@test.se', 'dso', 'forv');
    expect((await dso.post(`/api/incidents/${id}/comments`, { body: 'Dataskyddsombudet: noterat.' })).status).toBe(201);
    await isam.post(`/api/incidents/${id}/comments`, { body: 'Eget tillägg.' });
    const seen = (await isam.get(`/api/incidents/${id}`)).body;
    expect(seen.reporterView).toBe(false);
    expect(bodies(seen.comments)).toEqual(['Dataskyddsombudet: noterat.', 'Eget tillägg.']);
  });
});

describe('a protected report', () => {
  it('gives the reporter their own additions and files (that read audited), nothing else; staff rules unchanged', async () => {
    const id = await report(reporter, 'Brev till fel adress');
    const early = (await reporter.post(`/api/incidents/${id}/comments`, { body: 'Brevet gällde Hemligvägen 3.' })).body;
    const cur = (await isam.get(`/api/incidents/${id}`)).body;
    expect((await isam.patch(`/api/incidents/${id}`, { version: cur.version, protectedIdentity: true, description: 'Mottagaren har skyddad identitet.' })).status).toBe(200);
    await isam.post(`/api/incidents/${id}/comments`, { body: 'Kontaktat Skatteverket om Hemligvägen 3.' });
    const handlersFile = (await upload(isam, id, 'skatteverket.txt', 'Svar från Skatteverket.\n')).body;

    // The reporter adds after it was protected: adding shows them nothing.
    const later = await reporter.post(`/api/incidents/${id}/comments`, { body: 'Det fanns ett brev till.' });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    const myFile = await upload(reporter, id, 'kuvert.txt', 'Kuvertet var grönt.\n');
    expect(myFile.status, JSON.stringify(myFile.body)).toBe(201);

    const readsBefore = (await listAudit(t.ctx, { action: 'incident.read_protected', limit: 200 })).items.length;
    const seen = (await reporter.get(`/api/incidents/${id}`)).body;
    expect(seen).toMatchObject({ reporterView: true, protected: true, description: null });
    expect(bodies(seen.comments)).toEqual(['Brevet gällde Hemligvägen 3.', 'Det fanns ett brev till.']);
    expect(names(seen.attachments)).toEqual(['kuvert.txt']);
    expect(JSON.stringify(seen)).not.toContain('Skatteverket');
    // Reading back one's own words is no read of the protected content: not logged as one.
    expect((await listAudit(t.ctx, { action: 'incident.read_protected', limit: 200 })).items.length).toBe(readsBefore);

    // A protected record's file read is logged whoever reads it, the reporter's own file too.
    expect((await download(reporter, id, myFile.body.id)).status).toBe(200);
    const fileReads = await listAudit(t.ctx, { entityId: myFile.body.id, action: 'incident.read_protected', limit: 5 });
    expect(fileReads.items.map((a) => a.actorLabel)).toEqual(['rapportor@test.se']);
    expect((await download(reporter, id, handlersFile.id)).status).toBe(404);

    // The additions' audit keeps the protected text out, as for the handlers' comments.
    const added = await listAudit(t.ctx, { entityId: later.body.id, action: 'incident.comment.create', limit: 5 });
    expect(JSON.stringify(added.items)).not.toContain('ett brev till');

    // Staff without incident.protected: as before, nothing of it, and no adding.
    const chefView = (await chefA.get(`/api/incidents/${id}`)).body;
    expect(chefView).toMatchObject({ reporterView: false, protected: true, comments: null, attachments: null });
    expect((await download(chefA, id, myFile.body.id)).status).toBe(403);
    expect((await chefA.post(`/api/incidents/${id}/comments`, { body: 'x' })).status).toBe(403);
    // The ISAM (incident.protected) sees all of it, audited.
    const all = (await isam.get(`/api/incidents/${id}`)).body;
    expect(all.comments.map((c: { id: string }) => c.id)).toContain(early.id);
    expect(all.comments).toHaveLength(3);
    expect(all.attachments).toHaveLength(2);
    expect((await listAudit(t.ctx, { entityId: id, action: 'incident.read_protected', limit: 200 })).items.length).toBeGreaterThan(0);
  });
});

describe('a reporter who no longer holds incident.report', () => {
  it('still reads the report with their additions, but adds nothing (403, as the route policy says)', async () => {
    const { client, userId, assignmentIds } = await userWithRoles(t, 'flyttad@test.se', [{ role: 'medarbetare', org: 'enh-a' }]);
    const id = await report(client, 'Dörren till arkivet stod öppen');
    expect((await client.post(`/api/incidents/${id}/comments`, { body: 'Larmet var avstängt.' })).status).toBe(201);
    const file = (await upload(client, id, 'larm.txt', 'Larmloggen.\n')).body;
    await removeRole(t.ctx, userId, assignmentIds[0]);

    expect((await client.post(`/api/incidents/${id}/comments`, { body: 'En sak till.' })).status).toBe(403);
    expect((await upload(client, id, 'mer.txt', 'Mer.\n')).status).toBe(403);
    const seen = await client.get(`/api/incidents/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.reporterView).toBe(true);
    expect(bodies(seen.body.comments)).toEqual(['Larmet var avstängt.']);
    expect((await download(client, id, file.id)).status).toBe(200);
  });
});
