import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmDate } from '../../server/platform/time';
import { auditCount, Client, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { sectionBlocks } from '../reports/blocks';
import type { ReportJson } from '../reports/build';
import type { Section } from '../reports/outline';
import { oneYearAfter, reclassification } from './classification';
import { sectionProviders } from './report';

let t: TestServer;
let isam: Client;
let owner: Client;
let reader: Client;
let employee: Client;
let otherIsam: Client;

/** A day well after any clock this test runs on, and the test's "today" (the rules compare with it, not a fixed day). */
const FUTURE = '2999-01-01';
const today = stockholmDate();

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [
    ['stad', 'stad'],
    ['forv-a', 'forvaltning', 'stad'],
    ['avd-a1', 'avdelning', 'forv-a'],
    ['forv-b', 'forvaltning', 'stad'],
  ]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  owner = await userWithRole(t, 'objektagare@test.se', 'objektagare', 'avd-a1');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
  employee = await userWithRole(t, 'medarbetare@test.se', 'medarbetare', 'forv-a');
  otherIsam = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
});
afterAll(() => t.close());

describe('the objektlista', () => {
  let id: string;
  let version: number;

  it('registers an object with its classification, lists, reads and changes it with optimistic locking, auditing each change', async () => {
    const created = await auditCount(t, 'object.create');
    const r = await isam.post('/api/objects', {
      org: 'avd-a1', name: 'Pascal', description: 'Dosdispensering', management: 'central', owner: 'Anna Ek', supplier: 'E-hälsomyndigheten', nis: true,
      pubAgreement: 'ej_tillampligt', normerandeStatus: 'klar', normerandeDate: '2024-04-10', lokalStatus: 'klar', lokalDate: '2025-03-20',
      konfidentialitet: 3, riktighet: 3, tillganglighet: 2, sparbarhet: 2,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: 'Pascal', org: { slug: 'avd-a1' }, management: 'central', nis: true, pubAgreement: 'ej_tillampligt', lokalStatus: 'klar',
      nextReclassification: '2026-03-20', securityProtection: false, archived: false, version: 1, thirdCountryTransfer: false, manager: '',
    });
    expect(r.body.reclassificationOverdue).toBe('2026-03-20' < today);
    expect(await auditCount(t, 'object.create')).toBe(created + 1);
    ({ id, version } = r.body);

    const list = await reader.get('/api/objects?org=forv-a');
    expect(list.status).toBe(200);
    expect(list.body.map((o: { name: string }) => o.name)).toEqual(['Pascal']);
    expect((await owner.get(`/api/objects/${id}`)).body.name).toBe('Pascal');

    const u = await owner.patch(`/api/objects/${id}`, { version, specialist: 'Johan Berg', aiFunctions: true, aiNote: 'Påslagen vid uppgradering' });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ specialist: 'Johan Berg', aiFunctions: true, version: version + 1 });
    const stale = await isam.patch(`/api/objects/${id}`, { version, supplier: 'Någon annan' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect(stale.body.detail_sv).toMatch(/^Objektet har ändrats av någon annan: du ändrade version 1, nu gäller version 2/);
    version = u.body.version;
    const audits = await rawSql<{ action: string; entity_type: string }>(t, `select action, entity_type from audit_log where entity_id = '${id}' order by seq`);
    expect(audits).toEqual([{ action: 'object.create', entity_type: 'digital_object' }, { action: 'object.update', entity_type: 'digital_object' }]);
  });

  it('refuses a second object of the same name in the organisation, whatever the case (409 at name), but not in another', async () => {
    const dup = await isam.post('/api/objects', { org: 'avd-a1', name: 'PASCAL' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'duplicate_name', field: 'name' });
    expect((await isam.post('/api/objects', { org: 'forv-a', name: 'Pascal' })).status).toBe(201);
    const other = await isam.post('/api/objects', { org: 'avd-a1', name: 'Procedo' });
    const rename = await isam.patch(`/api/objects/${other.body.id}`, { version: other.body.version, name: 'pascal' });
    expect(rename.status).toBe(409);
    expect(rename.body.field).toBe('name');
  });

  it('answers 400 naming the field for bad input', async () => {
    const noName = await isam.post('/api/objects', { org: 'forv-a' });
    expect(noName.status).toBe(400);
    expect(noName.body.field).toBe('name');
    const badLevel = await isam.post('/api/objects', { org: 'forv-a', name: 'X', konfidentialitet: 5 });
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.field).toBe('konfidentialitet');
    const badStatus = await isam.patch(`/api/objects/${id}`, { version, lokalStatus: 'färdig' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.field).toBe('lokalStatus');
  });

  it('refuses each classification rule with 422 at the field: a date in the future, klar without a date, a date without klar', async () => {
    const future = await isam.post('/api/objects', { org: 'forv-a', name: 'Framtid', lokalStatus: 'klar', lokalDate: FUTURE });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ code: 'classification_date_future', field: 'lokalDate' });
    const futureN = await isam.patch(`/api/objects/${id}`, { version, normerandeDate: FUTURE });
    expect(futureN.status).toBe(422);
    expect(futureN.body).toMatchObject({ code: 'classification_date_future', field: 'normerandeDate' });
    const noDate = await isam.post('/api/objects', { org: 'forv-a', name: 'Utan datum', normerandeStatus: 'klar' });
    expect(noDate.status).toBe(422);
    expect(noDate.body).toMatchObject({ code: 'classification_date_missing', field: 'normerandeDate' });
    const clear = await isam.patch(`/api/objects/${id}`, { version, lokalDate: null });
    expect(clear.status).toBe(422);
    expect(clear.body).toMatchObject({ code: 'classification_date_missing', field: 'lokalDate' });
    const notKlar = await isam.post('/api/objects', { org: 'forv-a', name: 'Datum utan klar', lokalStatus: 'pagar', lokalDate: '2025-01-01' });
    expect(notKlar.status).toBe(422);
    expect(notKlar.body).toMatchObject({ code: 'classification_date_without_klar', field: 'lokalDate' });
    const reopened = await isam.patch(`/api/objects/${id}`, { version, lokalStatus: 'pagar' });
    expect(reopened.status).toBe(422);
    expect(reopened.body.field).toBe('lokalDate');
    // Reopening with the date cleared is allowed; nothing above was written.
    expect((await isam.get(`/api/objects/${id}`)).body.version).toBe(version);
    const names = (await isam.get('/api/objects?org=forv-a')).body.map((o: { name: string }) => o.name);
    expect(names).not.toContain('Framtid');
  });

  it('flags level 4 (säkerhetsskydd) for a separate security-protection analysis', async () => {
    const r = await isam.post('/api/objects', { org: 'forv-a', name: 'Skyddsobjekt', konfidentialitet: 4 });
    expect(r.body.securityProtection).toBe(true);
  });

  it('archives and restores instead of deleting, audited as such; archived objects leave the default list', async () => {
    const a = await isam.patch(`/api/objects/${id}`, { version, archived: true });
    expect(a.status).toBe(200);
    expect((await isam.get('/api/objects?org=avd-a1')).body.map((o: { name: string }) => o.name)).not.toContain('Pascal');
    expect((await isam.get('/api/objects?org=avd-a1&archived=true')).body.map((o: { name: string }) => o.name)).toEqual(['Pascal']);
    const back = await isam.patch(`/api/objects/${id}`, { version: a.body.version, archived: false });
    expect(back.body.archived).toBe(false);
    version = back.body.version;
    expect(await auditCount(t, 'object.archive')).toBe(1);
    expect(await auditCount(t, 'object.restore')).toBe(1);
    expect((await isam.request('DELETE', `/api/objects/${id}?version=${version}`)).status).toBe(404);
  });

  it('scopes to the subtree: another förvaltning gets 404 for the org and the object, and the list shows nothing of theirs', async () => {
    expect((await otherIsam.get('/api/objects?org=forv-a')).status).toBe(404);
    expect((await otherIsam.get(`/api/objects/${id}`)).status).toBe(404);
    expect((await otherIsam.patch(`/api/objects/${id}`, { version, supplier: 'x' })).status).toBe(404);
    expect((await otherIsam.post('/api/objects', { org: 'avd-a1', name: 'Intrång' })).status).toBe(404);
    expect((await isam.get('/api/objects?org=finns-inte')).status).toBe(404);
    const mine = await otherIsam.post('/api/objects', { org: 'forv-b', name: 'B-objekt' });
    expect(mine.status).toBe(201);
    expect((await isam.get(`/api/objects/${mine.body.id}`)).status).toBe(404);
    // An objektägare on an avdelning sees that subtree only.
    expect((await owner.get('/api/objects?org=forv-a')).status).toBe(404);
    expect((await owner.get('/api/objects?org=avd-a1')).body.every((o: { org: { slug: string } }) => o.org.slug === 'avd-a1')).toBe(true);
  });

  it('denies roles without the permission: medarbetare 403, a reader may not change', async () => {
    expect((await employee.get('/api/objects?org=forv-a')).status).toBe(403);
    expect((await employee.get(`/api/objects/${id}`)).status).toBe(403);
    expect((await employee.post('/api/objects', { org: 'forv-a', name: 'Nej' })).status).toBe(403);
    expect((await reader.post('/api/objects', { org: 'forv-a', name: 'Nej' })).status).toBe(403);
    expect((await reader.patch(`/api/objects/${id}`, { version, supplier: 'x' })).status).toBe(403);
  });

  it('filters by name, status, NIS and overdue reclassification', async () => {
    await isam.post('/api/objects', { org: 'forv-a', name: 'Gammal klassning', lokalStatus: 'klar', lokalDate: '2001-06-01', nis: true });
    await isam.post('/api/objects', { org: 'forv-a', name: 'Ny klassning', lokalStatus: 'klar', lokalDate: today });
    const names = async (q: string) => (await isam.get(`/api/objects?org=forv-a&${q}`)).body.map((o: { name: string }) => o.name);
    // Pascal (classified 2025-03-20) is overdue or not depending on today: only the two made for this are asserted.
    expect(await names('overdue=true')).toContain('Gammal klassning');
    expect(await names('overdue=true')).not.toContain('Ny klassning');
    expect(await names('overdue=false')).toContain('Ny klassning');
    expect(await names('overdue=false')).not.toContain('Gammal klassning');
    expect(await names('q=KLASS')).toEqual(['Gammal klassning', 'Ny klassning']);
    expect(await names('nis=true')).toEqual(['Gammal klassning', 'Pascal']);
    expect(await names('lokalStatus=saknas')).not.toContain('Ny klassning');
    const old = (await isam.get('/api/objects?org=forv-a&q=Gammal')).body[0];
    expect(old).toMatchObject({ nextReclassification: '2002-06-01', reclassificationOverdue: true });
    expect((await isam.get('/api/objects?org=forv-a&q=Ny')).body[0]).toMatchObject({ nextReclassification: oneYearAfter(today), reclassificationOverdue: false });
  });
});

describe('reclassification', () => {
  it('is due a year after the lokal classification, 29 February on 28 February; overdue the day after', () => {
    expect(reclassification('2024-02-29', '2025-02-28')).toEqual({ next: '2025-02-28', overdue: false });
    expect(reclassification('2024-02-29', '2025-03-01')).toEqual({ next: '2025-02-28', overdue: true });
    expect(reclassification(null, '2030-01-01')).toEqual({ next: null, overdue: false });
  });
});

describe('the report section', () => {
  it('gives the year\'s classified, waiting, in-progress and NIS objects of the subtree, and sentences that name them', async () => {
    await makeOrgs(t.ctx, [['forv-r', 'forvaltning', 'stad'], ['avd-r', 'avdelning', 'forv-r']]);
    const rIsam = await userWithRole(t, 'isam-r@test.se', 'isam', 'forv-r');
    const add = async (body: Record<string, unknown>) => expect((await rIsam.post('/api/objects', { org: 'avd-r', ...body })).status).toBe(201);
    await add({ name: 'Alfa', nis: true, normerandeStatus: 'klar', normerandeDate: '2024-01-10', lokalStatus: 'klar', lokalDate: '2025-02-01', konfidentialitet: 3 });
    await add({ name: 'Beta', lokalStatus: 'klar', lokalDate: '2025-11-30' });
    await add({ name: 'Gamma', lokalStatus: 'klar', lokalDate: '2024-05-05' });
    await add({ name: 'Delta' });
    await add({ name: 'Epsilon', nis: true });
    await add({ name: 'Zeta', normerandeStatus: 'pagar' });
    await add({ name: 'Eta', normerandeStatus: 'klar', normerandeDate: '2024-01-01', lokalStatus: 'pagar' });
    const gone = (await rIsam.post('/api/objects', { org: 'avd-r', name: 'Arkiverad', lokalStatus: 'klar', lokalDate: '2025-03-03' })).body;
    await rIsam.patch(`/api/objects/${gone.id}`, { version: gone.version, archived: true });

    const org = await findOrg(t.database.db, 'forv-r');
    const fig = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025, asOf: new Date('2025-12-31T12:00:00Z') });
    expect(fig.classified.map((o) => [o.name, o.date])).toEqual([['Alfa', '2025-02-01'], ['Beta', '2025-11-30']]);
    expect(fig.waitingForNormerande.map((o) => o.name)).toEqual(['Delta', 'Epsilon']);
    expect(fig.inProgress.map((o) => [o.name, o.kind])).toEqual([['Eta', 'lokal'], ['Zeta', 'normerande']]);
    expect(fig.nisNotClassified.map((o) => o.name)).toEqual(['Epsilon']);
    expect(fig.counts).toEqual({ total: 7, classifiedThisYear: 2, inProgress: 2, waitingForNormerande: 2, nisNotClassified: 1, reclassificationOverdue: 1 });
    // A report as of a day in the year counts only what was done by then.
    const early = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025, asOf: new Date('2025-06-30T12:00:00Z') });
    expect(early.classified.map((o) => o.name)).toEqual(['Alfa']);

    const section = { id: 'klassning', level: 2, title: 'Informationsklassning', provider: 'classification', hidden: false, narrative: { type: 'doc', content: [] }, tables: [] } as unknown as Section;
    const blocks = sectionBlocks(section, { year: 2025, asOf: '2025-12-31', outline: [], classification: fig } as unknown as ReportJson);
    expect(blocks[0]).toEqual({
      kind: 'text',
      text: 'Följande objekt har informationsklassats under året: Alfa och Beta. Följande objekt har inte klassats lokalt då normerande klassning saknas: Delta och Epsilon. '
        + 'För Zeta pågår normerande klassningsarbete. För Eta pågår lokal klassning. Objekt som omfattas av cybersäkerhetslagen (NIS) men ännu inte är klassade lokalt: Epsilon.',
    });
    const tables = blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));
    expect(tables[0].rows.map((r) => r.map((c) => c.text))).toContainEqual(['Klassade lokalt under året', '2']);
    expect(tables[1].columns).toEqual(['Objekt', 'Organisation', 'Klassad', 'NIS', 'K', 'R', 'T', 'S']);
    expect(tables[1].rows[0].map((c) => c.text)).toEqual(['Alfa', 'AVD-R', '2025-02-01', 'Ja', '3', '–', '–', '–']);
  });

  it('is refused to a caller without object.read on the org', async () => {
    const org = await findOrg(t.database.db, 'forv-a');
    const { Authz } = await import('../../server/platform/authz');
    await expect(sectionProviders[0].figures({ ctx: { ...t.ctx, authz: new Authz([{ role: 'medarbetare', paths: null }]) }, org, year: 2025 })).rejects.toMatchObject({ status: 403 });
  });
});

describe('the start page', () => {
  it('tells those who manage objects how many are past their yearly reclassification, counting only their own', async () => {
    const items = async (c: Client) => ((await c.get('/api/attention')).body.items as { key: string; count: number }[]).filter((i) => i.key === 'objects.reclassification-overdue');
    const mine = await items(isam);
    expect(mine).toHaveLength(1);
    expect(mine[0].count).toBeGreaterThanOrEqual(1); // "Gammal klassning" (2001) at least
    expect(await items(reader)).toEqual([]);
  });
});
