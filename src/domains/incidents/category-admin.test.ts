import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, INCIDENT_ORGS, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { DEFAULT_CATEGORIES } from './categories';
import { CategoryTemplateDto } from './contract';

// Managing category lists: effective list per organisation, first own list as a copy, create, rename (incidents
// follow), deactivate; authorization by incident.manage on the list's organisation; nothing half-written.
let t: TestServer;
let admin: Client;
let isamStad: Client;
let isam: Client; // incident.manage on forv
let isamB: Client; // incident.manage on annan-forv
let reader: Client; // incident.read on forv
let staff: Client; // medarbetare on enh-a

type Cat = { id: string | null; name: string; active: boolean; version: number | null; kind: string | null; firstActions: string[] };
type List = { source: string; from: { slug: string } | null; items: Cat[] };
const DEFAULT_NAMES = DEFAULT_CATEGORIES.map((c) => c.name).sort((a, b) => a.localeCompare(b, 'sv'));
const names = (l: List) => l.items.map((c) => c.name).sort((a, b) => a.localeCompare(b, 'sv'));
const list = async (c: Client, org: string) => {
  const r = await c.get(`/api/incident-categories?org=${org}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as List;
};
const find = (l: List, name: string) => l.items.find((c) => c.name === name)!;

async function counts() {
  const [r] = await rawSql<{ c: number; a: number; i: number }>(t,
    'select (select count(*)::int from incident_categories) as c, (select count(*)::int from audit_log) as a, (select coalesce(sum(version), 0)::int from incidents) as i');
  return r;
}

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, INCIDENT_ORGS);
  admin = await userWithRole(t, 'admin@test.se', 'systemadministrator');
  isamStad = await userWithRole(t, 'isam-stad@test.se', 'isam', 'stad');
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv');
  isamB = await userWithRole(t, 'isam-b@test.se', 'isam', 'annan-forv');
  reader = await userWithRole(t, 'las@test.se', 'lasare', 'forv');
  staff = await userWithRole(t, 'staff@test.se', 'medarbetare', 'enh-a');
}, 60_000);
afterAll(() => t.close());

describe('the effective list and the first own list', () => {
  it('without any list the built-in defaults apply (no ids), for managing and for reporting alike', async () => {
    const l = await list(isam, 'enh-a');
    expect(l.source).toBe('default');
    expect(l.from).toBeNull();
    expect(names(l)).toEqual(DEFAULT_NAMES);
    expect(l.items.every((c) => c.id === null && c.version === null && c.active)).toBe(true);
    const report = await staff.get('/api/incidents/categories?org=enh-a');
    expect(report.body.map((c: { name: string }) => c.name).sort((a: string, b: string) => a.localeCompare(b, 'sv'))).toEqual(DEFAULT_NAMES);
    // A reader (incident.read, no incident.report) gets them too, to filter the list by category.
    const read = await reader.get('/api/incidents/categories?org=enh-a');
    expect(read.status).toBe(200);
    expect(read.body).toHaveLength(DEFAULT_NAMES.length);
    // The OpenAPI schema says exactly what is answered: no field more, none missing.
    for (const c of report.body) expect(CategoryTemplateDto.strict().safeParse(c).error).toBeUndefined();
  });

  it('adding the first category copies the defaults first, so nothing disappears; each copy is audited', async () => {
    const r = await isamStad.post('/api/incident-categories', {
      org: 'stad', name: 'Stöld av dator', kind: 'Informationssäkerhet', personalData: 'vet_ej', firstActions: ['Spärra datorn'],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ name: 'Stöld av dator', version: 1, active: true, firstActions: ['Spärra datorn'] });
    const stad = await list(isamStad, 'stad');
    expect(stad.source).toBe('own');
    expect(names(stad)).toEqual([...DEFAULT_NAMES, 'Stöld av dator'].sort((a, b) => a.localeCompare(b, 'sv')));
    const copies = await rawSql<{ n: number }>(t, "select count(*)::int as n from audit_log where action = 'incident.category.copy'");
    expect(Number(copies[0].n)).toBe(DEFAULT_CATEGORIES.length);
    // Below the city the city's list applies, inherited.
    const forv = await list(isam, 'enh-a');
    expect(forv.source).toBe('inherited');
    expect(forv.from?.slug).toBe('stad');
    expect(names(forv)).toEqual(names(stad));
    const quick = await staff.post('/api/incidents/quick', { org: 'enh-a', title: 'Datorn stulen', personalData: 'vet_ej', category: 'Stöld av dator' });
    expect(quick.status).toBe(201);
  });

  it('copy makes an own list for a förvaltning from the inherited one; a second copy is a 409', async () => {
    const r = await isam.post('/api/incident-categories/copy', { org: 'forv' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.source).toBe('own');
    expect(names(r.body)).toEqual(names(await list(isamStad, 'stad')));
    expect(r.body.items.every((c: Cat) => c.id && c.version === 1)).toBe(true);
    const again = await isam.post('/api/incident-categories/copy', { org: 'forv' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('own_list_exists');
    expect((await list(isam, 'enh-a')).from?.slug).toBe('forv');
  });
});

describe('changing categories', () => {
  it('renames a category and the incidents in the list’s scope follow in the same transaction (audited)', async () => {
    const forv = await list(isam, 'forv');
    const cat = find(forv, 'Nätfiske');
    const inForv = (await isam.post('/api/incidents', { org: 'avd-a', title: 'Klickade på länk', category: 'Nätfiske' })).body;
    const inB = (await isamB.post('/api/incidents', { org: 'annan-forv', title: 'Nätfiske där', category: 'Nätfiske' })).body;
    const r = await isam.patch(`/api/incident-categories/${cat.id}`, { version: cat.version, name: 'Nätfiske (phishing)', assessmentText: 'Ny text.' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ name: 'Nätfiske (phishing)', assessmentText: 'Ny text.', version: 2, renamedIncidents: 1 });
    const moved = (await isam.get(`/api/incidents/${inForv.id}`)).body;
    expect(moved.category).toBe('Nätfiske (phishing)');
    expect(moved.version).toBe(inForv.version + 1);
    // Another förvaltning inherits the city's list, where the old name still stands.
    expect((await isamB.get(`/api/incidents/${inB.id}`)).body.category).toBe('Nätfiske');
    expect((await isam.get('/api/incidents?org=forv&category=N%C3%A4tfiske%20(phishing)')).body.items.map((i: { id: string }) => i.id)).toEqual([inForv.id]);
    const [audit] = await rawSql<{ before: { name: string }; after: { name: string; renamedIncidents: number } }>(t,
      `select before, after from audit_log where action = 'incident.category.rename' and entity_id = '${cat.id}'`);
    expect(audit.before.name).toBe('Nätfiske');
    expect(audit.after).toMatchObject({ name: 'Nätfiske (phishing)', renamedIncidents: 1 });
  });

  it('a rename on the city leaves incidents under a förvaltning with its own list alone', async () => {
    const stad = await list(isamStad, 'stad');
    const spam = find(stad, 'Spam');
    const inForv = (await isam.post('/api/incidents', { org: 'avd-a', title: 'Reklam', category: 'Spam' })).body;
    const inB = (await isamB.post('/api/incidents', { org: 'annan-forv', title: 'Reklam där', category: 'Spam' })).body;
    const r = await isamStad.patch(`/api/incident-categories/${spam.id}`, { version: spam.version, name: 'Skräppost' });
    expect(r.body.renamedIncidents).toBe(1);
    expect((await isamB.get(`/api/incidents/${inB.id}`)).body.category).toBe('Skräppost');
    expect((await isam.get(`/api/incidents/${inForv.id}`)).body.category).toBe('Spam');
  });

  it('deactivates a category: kept in the managed list, gone from the report form, incidents keep the name', async () => {
    const forv = await list(isam, 'forv');
    const cat = find(forv, 'Förlorad internpost');
    const r = await isam.patch(`/api/incident-categories/${cat.id}`, { version: cat.version, active: false });
    expect(r.status).toBe(200);
    expect(r.body.active).toBe(false);
    expect(find(await list(isam, 'forv'), 'Förlorad internpost').active).toBe(false);
    const report = (await staff.get('/api/incidents/categories?org=enh-a')).body.map((c: { name: string }) => c.name);
    expect(report).not.toContain('Förlorad internpost');
    expect(report).toContain('Nätfiske (phishing)');
    const [a] = await rawSql<{ n: number }>(t, `select count(*)::int as n from audit_log where action = 'incident.category.deactivate' and entity_id = '${cat.id}'`);
    expect(Number(a.n)).toBe(1);
    const back = await isam.patch(`/api/incident-categories/${cat.id}`, { version: r.body.version, active: true, kind: 'Personuppgiftsincident', firstActions: ['Sök', 'Anmäl'] });
    expect(back.body).toMatchObject({ active: true, firstActions: ['Sök', 'Anmäl'], version: r.body.version + 1 });
  });
});

describe('bad input', () => {
  it('answers 400 with the field and writes nothing', async () => {
    const cat = find(await list(isam, 'forv'), 'Fel mottagare');
    const noRisk = find(await list(isam, 'forv'), 'Mottagare i Till i stället för Hemlig kopia');
    const before = await counts();
    const bad: [string, string, unknown, string][] = [
      ['POST', '/api/incident-categories', { org: 'forv', name: '' }, 'name'],
      ['POST', '/api/incident-categories', { org: 'forv', name: 'X', kind: 'Okänt' }, 'kind'],
      ['POST', '/api/incident-categories', { org: 'forv', name: 'X', firstActions: Array(21).fill('a') }, 'firstActions'],
      ['POST', '/api/incident-categories', { org: 'forv', name: 'X', color: 'red' }, 'color'],
      ['PATCH', `/api/incident-categories/${cat.id}`, { name: 'Utan version' }, 'version'],
      ['PATCH', `/api/incident-categories/${cat.id}`, { version: cat.version, riskAssessment: 'stor' }, 'riskAssessment'],
      ['PATCH', '/api/incident-categories/inte-ett-id', { version: 1 }, 'id'],
      ['GET', '/api/incident-categories', undefined, 'org'],
      // "Ingen trolig risk" needs its motivering, in a template as on an incident (GDPR art. 33.5).
      ['POST', '/api/incident-categories', { org: 'forv', name: 'X', riskAssessment: 'ingen_trolig_risk' }, 'assessmentText'],
      ['PATCH', `/api/incident-categories/${cat.id}`, { version: cat.version, riskAssessment: 'ingen_trolig_risk', assessmentText: ' ' }, 'assessmentText'],
      ['PATCH', `/api/incident-categories/${noRisk.id}`, { version: noRisk.version, assessmentText: '' }, 'assessmentText'],
    ];
    for (const [method, path, body, field] of bad) {
      const r = await isam.request(method, path, body);
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(r.body.field, JSON.stringify(r.body)).toBe(field);
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for an unknown organisation or category and 409 for a duplicate name or a stale version; writes nothing', async () => {
    const forv = await list(isam, 'forv');
    const cat = find(forv, 'Fel mottagare');
    const before = await counts();
    expect((await isam.get('/api/incident-categories?org=finns-inte')).status).toBe(404);
    expect((await isam.post('/api/incident-categories', { org: 'finns-inte', name: 'X' })).status).toBe(404);
    expect((await isam.patch('/api/incident-categories/00000000-0000-4000-8000-000000000000', { version: 1 })).status).toBe(404);
    const dup = await isam.post('/api/incident-categories', { org: 'forv', name: 'fel MOTTAGARE' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'category_exists', field: 'name' });
    const clash = await isam.patch(`/api/incident-categories/${cat.id}`, { version: cat.version, name: 'Spam' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('category_exists');
    const stale = await isam.patch(`/api/incident-categories/${cat.id}`, { version: cat.version! + 5, name: 'Annat' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect(await counts()).toEqual(before);
  });

  it('a rename that clashes leaves the incidents untouched (no partial write)', async () => {
    const forv = await list(isam, 'forv');
    const cat = find(forv, 'Dokument kvarlämnade');
    const inc = (await isam.post('/api/incidents', { org: 'avd-a', title: 'Papper på skrivaren', category: 'Dokument kvarlämnade' })).body;
    const r = await isam.patch(`/api/incident-categories/${cat.id}`, { version: cat.version, name: 'Spam' });
    expect(r.status).toBe(409);
    const after = (await isam.get(`/api/incidents/${inc.id}`)).body;
    expect(after.category).toBe('Dokument kvarlämnade');
    expect(after.version).toBe(inc.version);
  });
});

describe('who may manage a list', () => {
  it('needs incident.manage on the list’s organisation: 403 within read scope, 404 outside it; nothing written', async () => {
    const stad = await list(isamStad, 'stad');
    const forvCat = find(await list(isam, 'forv'), 'Fel mottagare');
    const before = await counts();
    // Readers and reporters do not pass the gate (no incident.manage anywhere).
    expect((await reader.get('/api/incident-categories?org=forv')).status).toBe(403);
    expect((await staff.post('/api/incident-categories', { org: 'enh-a', name: 'X' })).status).toBe(403);
    expect((await reader.patch(`/api/incident-categories/${forvCat.id}`, { version: 1, active: false })).status).toBe(403);
    // A förvaltning's ISAM: the city's list and another förvaltning's are out of scope.
    expect((await isamB.get('/api/incident-categories?org=forv')).status).toBe(404);
    expect((await isamB.post('/api/incident-categories', { org: 'forv', name: 'X' })).status).toBe(404);
    expect((await isamB.patch(`/api/incident-categories/${forvCat.id}`, { version: forvCat.version, active: false })).status).toBe(404);
    expect((await isam.patch(`/api/incident-categories/${find(stad, 'Fel mottagare').id}`, { version: 1, active: false })).status).toBe(404);
    expect((await isam.post('/api/incident-categories/copy', { org: 'annan-forv' })).status).toBe(404);
    expect(await counts()).toEqual(before);
    // The system administrator may manage anywhere.
    expect((await admin.get('/api/incident-categories?org=annan-forv')).body.from.slug).toBe('stad');
  });
});
