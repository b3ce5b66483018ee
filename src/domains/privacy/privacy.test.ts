import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, Client, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { sectionBlocks } from '../reports/blocks';
import type { ReportJson } from '../reports/build';
import type { Section } from '../reports/outline';
import { sectionProviders } from './report';

let t: TestServer;
let isam: Client;
let dso: Client;
let handler: Client;
let reader: Client;
let employee: Client;
let otherIsam: Client;
let objectOwner: Client;

/** A day after any clock this test runs on (the DPIA date rule compares with today). */
const FUTURE = '2999-01-01';

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-a1', 'avdelning', 'forv-a'], ['avd-a2', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  dso = await userWithRole(t, 'dso@test.se', 'dso', 'forv-a');
  handler = await userWithRole(t, 'dsh@test.se', 'dataskyddshandlaggare', 'forv-a');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
  employee = await userWithRole(t, 'medarbetare@test.se', 'medarbetare', 'forv-a');
  otherIsam = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  objectOwner = await userWithRole(t, 'objektagare@test.se', 'objektagare', 'avd-a2');
});
afterAll(() => t.close());

const FULL = {
  purposes: 'Dokumentera insatser i hemtjänsten', legalBasis: 'c', legalBasisNote: 'SoL', dataSubjects: ['Brukare', 'Anhöriga'], personalData: ['Personnummer', 'Insatser'],
  specialCategories: true, specialCategoriesNote: 'Hälsa', recipients: 'Biståndshandläggare', retention: 'Fem år', securityMeasures: 'Tvåfaktor', pubAgreement: 'ja', responsible: 'Lena Nord',
};

describe('the registerförteckning', () => {
  let id: string;
  let version: number;

  it('registers an activity, lists, reads and changes it with optimistic locking, auditing each change', async () => {
    const r = await handler.post('/api/privacy/activities', { org: 'avd-a1', name: 'Hemtjänst dokumentation', ...FULL });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: 'Hemtjänst dokumentation', org: { slug: 'avd-a1' }, legalBasis: 'c', dataSubjects: ['Brukare', 'Anhöriga'], status: 'utkast', approvedBy: null,
      dpiaCriteria: [], dpiaLikely: false, dpia: 'ej_gjord', dpiaMissing: false, objects: [], thirdCountryTransfer: false, transferTool: null, archived: false, version: 1,
    });
    ({ id, version } = r.body);
    expect((await reader.get('/api/privacy/activities?org=forv-a')).body.map((a: { name: string }) => a.name)).toEqual(['Hemtjänst dokumentation']);
    expect((await reader.get(`/api/privacy/activities/${id}`)).body.purposes).toBe(FULL.purposes);
    const u = await isam.patch(`/api/privacy/activities/${id}`, { version, recipients: 'Biståndshandläggare, IVO', status: 'granskas' });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ recipients: 'Biståndshandläggare, IVO', status: 'granskas', version: 2 });
    const stale = await handler.patch(`/api/privacy/activities/${id}`, { version, retention: 'Tio år' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect(stale.body.detail_sv).toMatch(/^Behandlingen har ändrats av någon annan: du ändrade version 1, nu gäller version 2/);
    version = u.body.version;
    const audits = await rawSql<{ action: string; entity_type: string }>(t, `select action, entity_type from audit_log where entity_id = '${id}' order by seq`);
    expect(audits).toEqual([{ action: 'privacy.create', entity_type: 'processing_activity' }, { action: 'privacy.update', entity_type: 'processing_activity' }]);
  });

  it('refuses a second activity of the same name in the organisation, whatever the case (409 at name)', async () => {
    const dup = await isam.post('/api/privacy/activities', { org: 'avd-a1', name: 'HEMTJÄNST DOKUMENTATION' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'duplicate_name', field: 'name' });
    expect((await isam.post('/api/privacy/activities', { org: 'avd-a2', name: 'Hemtjänst dokumentation' })).status).toBe(201);
  });

  it('answers 400 naming the field for bad input', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ org: 'forv-a' }, 'name'], [{ org: 'forv-a', name: 'X', legalBasis: 'g' }, 'legalBasis'], [{ org: 'forv-a', name: 'X', dpiaCriteria: ['gissning'] }, 'dpiaCriteria'],
      [{ org: 'forv-a', name: 'X', transferTool: 'avtal' }, 'transferTool'], [{ org: 'forv-a', name: 'X', status: 'godkand' }, 'status'], [{ org: 'forv-a', name: 'X', okänt: 1 }, 'okänt'],
    ];
    for (const [body, field] of cases) {
      const r = await isam.post('/api/privacy/activities', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field).toMatch(new RegExp(`^${field}`));
    }
  });

  it('refuses each rule with 422 at the field, writing nothing', async () => {
    const post = (body: Record<string, unknown>) => isam.post('/api/privacy/activities', { org: 'forv-a', name: 'Regel', ...body });
    expect((await post({ thirdCountryTransfer: true, thirdCountries: 'USA' })).body).toMatchObject({ status: 422, code: 'transfer_tool_missing', field: 'transferTool' });
    expect((await post({ dpia: 'gjord', dpiaDate: FUTURE })).body).toMatchObject({ status: 422, code: 'dpia_date_future', field: 'dpiaDate' });
    expect((await post({ dpia: 'gjord' })).body).toMatchObject({ status: 422, code: 'dpia_date_missing', field: 'dpiaDate' });
    expect((await post({ dpiaDate: '2020-01-01' })).body).toMatchObject({ status: 422, code: 'dpia_date_without_done', field: 'dpiaDate' });
    expect((await post({ dpia: 'behovs_ej' })).body).toMatchObject({ status: 422, code: 'dpia_reason_missing', field: 'dpiaReason' });
    expect((await post({ objectIds: ['00000000-0000-4000-8000-000000000000'] })).body).toMatchObject({ status: 422, code: 'object_not_found', field: 'objectIds' });
    const patch = await isam.patch(`/api/privacy/activities/${id}`, { version, thirdCountryTransfer: true });
    expect(patch.body).toMatchObject({ status: 422, code: 'transfer_tool_missing' });
    expect((await isam.get('/api/privacy/activities?org=forv-a&q=Regel')).body).toEqual([]);
    expect((await isam.get(`/api/privacy/activities/${id}`)).body.version).toBe(version);
    const ok = await post({ thirdCountryTransfer: true, thirdCountries: 'USA', transferTool: 'scc', dpia: 'gjord', dpiaDate: '2001-02-03' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ transferTool: 'scc', tiaDone: false, dpiaDate: '2001-02-03' });
  });

  it('computes the threshold analysis: two or more criteria make a DPIA likely; missing until done or reasoned not needed', async () => {
    const one = await isam.post('/api/privacy/activities', { org: 'forv-a', name: 'Ett kriterium', dpiaCriteria: ['ny_teknik'] });
    expect(one.body).toMatchObject({ dpiaLikely: false, dpiaMissing: false });
    const two = await isam.post('/api/privacy/activities', { org: 'forv-a', name: 'Två kriterier', dpiaCriteria: ['kansliga_uppgifter', 'sarbara_registrerade', 'kansliga_uppgifter'] });
    expect(two.body).toMatchObject({ dpiaCriteria: ['kansliga_uppgifter', 'sarbara_registrerade'], dpiaLikely: true, dpiaMissing: true });
    const listed = (await isam.get('/api/privacy/activities?org=forv-a&dpiaMissing=true')).body.map((a: { name: string }) => a.name);
    expect(listed).toEqual(['Två kriterier']);
    const reasoned = await isam.patch(`/api/privacy/activities/${two.body.id}`, { version: two.body.version, dpia: 'behovs_ej', dpiaReason: 'Liten omfattning' });
    expect(reasoned.body).toMatchObject({ dpiaLikely: true, dpiaMissing: false });
  });

  it('lets only the DSO approve (403 for ISAM and the handläggare), recording who and when; refuses empty purposes or legal basis and their own entry', async () => {
    expect((await isam.post(`/api/privacy/activities/${id}/approve`, { version })).status).toBe(403);
    expect((await handler.post(`/api/privacy/activities/${id}/approve`, { version })).status).toBe(403);
    const empty = await isam.post('/api/privacy/activities', { org: 'forv-a', name: 'Tom' });
    const noPurpose = await dso.post(`/api/privacy/activities/${empty.body.id}/approve`, { version: 1 });
    expect(noPurpose.body).toMatchObject({ status: 422, code: 'purposes_missing', field: 'purposes' });
    const p = await isam.patch(`/api/privacy/activities/${empty.body.id}`, { version: 1, purposes: 'Något' });
    expect((await dso.post(`/api/privacy/activities/${empty.body.id}/approve`, { version: p.body.version })).body).toMatchObject({ status: 422, code: 'legal_basis_missing', field: 'legalBasis' });
    const own = await dso.post('/api/privacy/activities', { org: 'forv-a', name: 'DSO:s egen', ...FULL });
    expect(own.status).toBe(201);
    expect((await dso.post(`/api/privacy/activities/${own.body.id}/approve`, { version: 1 })).body).toMatchObject({ status: 422, code: 'approve_own' });
    expect((await dso.post(`/api/privacy/activities/${id}/approve`, { version: version - 1 })).body).toMatchObject({ status: 409, code: 'stale_version' });

    const ok = await dso.post(`/api/privacy/activities/${id}/approve`, { version });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'godkand', approvedBy: { name: expect.any(String) }, version: version + 1 });
    expect(ok.body.approvedBy.name).toBeTruthy();
    expect(Date.now() - Date.parse(ok.body.approvedAt)).toBeLessThan(60_000);
    expect((await dso.post(`/api/privacy/activities/${id}/approve`, { version: ok.body.version })).body).toMatchObject({ status: 409, code: 'already_approved' });
    expect(await auditCount(t, 'privacy.approve')).toBe(1);
    version = ok.body.version;
  });

  it('returns an approved entry to utkast on any change of content, clearing the approval; archiving keeps it', async () => {
    const same = await handler.patch(`/api/privacy/activities/${id}`, { version, retention: FULL.retention });
    expect(same.body).toMatchObject({ status: 'godkand' }); // nothing changed
    const archived = await handler.patch(`/api/privacy/activities/${id}`, { version: same.body.version, archived: true });
    expect(archived.body).toMatchObject({ status: 'godkand', archived: true });
    const restored = await handler.patch(`/api/privacy/activities/${id}`, { version: archived.body.version, archived: false });
    expect(await auditCount(t, 'privacy.archive')).toBe(1);
    expect(await auditCount(t, 'privacy.restore')).toBe(1);
    const changed = await handler.patch(`/api/privacy/activities/${id}`, { version: restored.body.version, retention: 'Tio år' });
    expect(changed.body).toMatchObject({ status: 'utkast', approvedAt: null, approvedBy: null, retention: 'Tio år' });
    version = changed.body.version;
    expect((await handler.request('DELETE', `/api/privacy/activities/${id}?version=${version}`)).status).toBe(404);
  });

  it('links digital objects, showing only those the caller may read', async () => {
    const mine = await isam.post('/api/objects', { org: 'avd-a1', name: 'Life Care SP' });
    const theirs = await objectOwner.post('/api/objects', { org: 'avd-a2', name: 'Pascal' });
    const hidden = await otherIsam.post('/api/objects', { org: 'forv-b', name: 'B-systemet' });
    const linked = await isam.patch(`/api/privacy/activities/${id}`, { version, objectIds: [theirs.body.id, mine.body.id] });
    expect(linked.status).toBe(200);
    expect(linked.body.objects.map((o: { name: string }) => o.name)).toEqual(['Life Care SP', 'Pascal']);
    // Someone else's object is not linkable by id.
    const refused = await isam.patch(`/api/privacy/activities/${id}`, { version: linked.body.version, objectIds: [hidden.body.id] });
    expect(refused.body).toMatchObject({ status: 422, code: 'object_not_found', field: 'objectIds' });
    // The DSO holds object.read on the förvaltning (READ): both.
    const viaDso = await dso.get(`/api/privacy/activities/${id}`);
    expect(viaDso.body.objects).toHaveLength(2);
    // A reader on avd-a1 only sees avd-a1's object.
    const narrow = await userWithRole(t, 'lasare-a1@test.se', 'lasare', 'avd-a1');
    expect((await narrow.get(`/api/privacy/activities/${id}`)).body.objects.map((o: { name: string }) => o.name)).toEqual(['Life Care SP']);
    version = linked.body.version;
  });

  it('scopes to the subtree: another förvaltning gets 404; roles without the permission get 403', async () => {
    expect((await otherIsam.get('/api/privacy/activities?org=forv-a')).status).toBe(404);
    expect((await otherIsam.get(`/api/privacy/activities/${id}`)).status).toBe(404);
    expect((await otherIsam.patch(`/api/privacy/activities/${id}`, { version, retention: 'x' })).status).toBe(404);
    expect((await otherIsam.post('/api/privacy/activities', { org: 'avd-a1', name: 'Intrång' })).status).toBe(404);
    expect((await employee.get('/api/privacy/activities?org=forv-a')).status).toBe(403);
    expect((await objectOwner.get(`/api/privacy/activities/${id}`)).status).toBe(403);
    expect((await reader.post('/api/privacy/activities', { org: 'forv-a', name: 'Nej' })).status).toBe(403);
    expect((await reader.patch(`/api/privacy/activities/${id}`, { version, retention: 'x' })).status).toBe(403);
  });

  it('tells the DSO on the start page how many activities wait for review, not the ISAM', async () => {
    const items = async (c: Client) => ((await c.get('/api/attention')).body.items as { key: string; count: number; title_sv: string; link: string }[]).filter((i) => i.key === 'privacy.review');
    expect(await items(dso)).toEqual([]);
    await isam.patch(`/api/privacy/activities/${id}`, { version, status: 'granskas' });
    const mine = await items(dso);
    // All in one organisation: the link chooses it, so the DSO does not land in another one's empty list.
    expect(mine).toMatchObject([{ count: 1, title_sv: 'En behandling väntar på dataskyddsombudets granskning', link: '/registerforteckning?status=granskas&org=avd-a1' }]);
    expect(await items(isam)).toEqual([]);
    // In two organisations: the link leaves the choice as it is.
    const other = await isam.post('/api/privacy/activities', { org: 'forv-a', name: 'Väntar också', ...FULL });
    await isam.patch(`/api/privacy/activities/${other.body.id}`, { version: other.body.version, status: 'granskas' });
    expect(await items(dso)).toMatchObject([{ count: 2, link: '/registerforteckning?status=granskas' }]);
  });
});

describe('the report section', () => {
  it('counts the register of the subtree and lists those needing attention, in a sentence and tables', async () => {
    await makeOrgs(t.ctx, [['forv-r', 'forvaltning', 'stad'], ['avd-r', 'avdelning', 'forv-r']]);
    const rIsam = await userWithRole(t, 'isam-r@test.se', 'isam', 'forv-r');
    const rDso = await userWithRole(t, 'dso-r@test.se', 'dso', 'forv-r');
    const add = async (body: Record<string, unknown>) => {
      const r = await rIsam.post('/api/privacy/activities', { org: 'avd-r', ...body });
      expect(r.status).toBe(201);
      return r.body as { id: string; version: number };
    };
    const a = await add({ name: 'Alfa', ...FULL, dpiaCriteria: ['kansliga_uppgifter', 'sarbara_registrerade'], dpia: 'gjord', dpiaDate: '2020-01-01' });
    await rDso.post(`/api/privacy/activities/${a.id}/approve`, { version: a.version });
    await add({ name: 'Beta', ...FULL, status: 'granskas', dpiaCriteria: ['systematisk_overvakning', 'stor_omfattning'] });
    await add({ name: 'Gamma', thirdCountryTransfer: true, transferTool: 'scc', thirdCountries: 'USA' });
    const gone = await add({ name: 'Arkiverad' });
    await rIsam.patch(`/api/privacy/activities/${gone.id}`, { version: gone.version, archived: true });

    const org = await findOrg(t.database.db, 'forv-r');
    const fig = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025 });
    expect(fig.counts).toEqual({ total: 3, approved: 1, notApproved: 2, awaitingReview: 1, thirdCountry: 1, specialCategories: 2, dpiaLikely: 2, dpiaLikelyNotDone: 1 });
    expect(fig.attention).toEqual([
      { name: 'Beta', org: 'FORV-R', unit: 'AVD-R', status: 'granskas', reasons: ['ej_godkand', 'dpia_saknas'] },
      { name: 'Gamma', org: 'FORV-R', unit: 'AVD-R', status: 'utkast', reasons: ['ej_godkand', 'tia_saknas'] },
    ]);
    const section = { id: 'registerforteckning', level: 2, title: 'Registerförteckning', provider: 'privacy', hidden: false, narrative: { type: 'doc', content: [] }, tables: [] } as unknown as Section;
    const blocks = sectionBlocks(section, { year: 2025, asOf: '2025-12-31', outline: [], privacy: fig } as unknown as ReportJson);
    expect(blocks[0]).toEqual({
      kind: 'text',
      text: 'Registerförteckningen har 3 behandlingar, varav 1 är godkänd av dataskyddsombudet och 1 väntar på granskning. '
        + 'För 1 behandling visar tröskelanalysen att en konsekvensbedömning troligen krävs men inte är gjord. 1 behandling innebär överföring till tredjeland.',
    });
    const tables = blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));
    expect(tables[0].rows.map((r) => r.map((c) => c.text))).toContainEqual(['DPIA troligen krävs men är inte gjord', '1']);
    expect(tables[1].columns).toEqual(['Behandling', 'Organisation', 'Status', 'Behöver']);
    expect(tables[1].rows[1].map((c) => c.text)).toEqual(['Gamma', 'AVD-R', 'Utkast', 'Inte godkänd av dataskyddsombudet; Tredjelandsöverföring utan TIA']);
  });
});
