import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { sectionBlocks } from '../reports/blocks';
import type { ReportJson } from '../reports/build';
import type { Section } from '../reports/outline';
import { sectionProviders } from './report';
import { followUpOverdue } from './rules';

let t: TestServer;
let isam: Client;
let reader: Client;
let employee: Client;
let otherIsam: Client;
let objectOwner: Client;

/** Days far from any clock this test runs on: the rules and flags compare with today. */
const FUTURE = '2999-01-01';
const LONG_AGO = '2001-02-03';
const URL = '/api/suppliers';

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-a1', 'avdelning', 'forv-a'], ['avd-a2', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
  employee = await userWithRole(t, 'medarbetare@test.se', 'medarbetare', 'forv-a');
  otherIsam = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  objectOwner = await userWithRole(t, 'objektagare@test.se', 'objektagare', 'avd-a2');
});
afterAll(() => t.close());

const FULL = {
  orgNumber: '556677-8899', services: 'Drift av verksamhetssystem', contact: 'Kim Kund, kim@example.se', processesPersonalData: true,
  pubAgreement: 'ja', pubSignedDate: '2020-01-15', pubReviewDate: '2030-01-15', exitPlan: true, exitPlanNote: 'Export av data i öppet format',
  subSuppliers: [{ name: 'Datacenter AB', service: 'Hosting', country: 'Sverige', withoutContract: true }, { name: 'Support AB', service: 'Support' }],
};

describe('the leverantörsregister', () => {
  let id: string;
  let version: number;

  it('registers a supplier, lists, reads and changes it with optimistic locking, auditing each change', async () => {
    const r = await isam.post(URL, { org: 'avd-a1', name: 'Tieto Evry', ...FULL });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: 'Tieto Evry', org: { slug: 'avd-a1' }, orgNumber: '556677-8899', pubAgreement: 'ja', pubSignedDate: '2020-01-15', pubMissing: false,
      subSuppliers: [
        { name: 'Datacenter AB', service: 'Hosting', country: 'Sverige', withoutContract: true },
        { name: 'Support AB', service: 'Support', country: '', withoutContract: false },
      ],
      subSuppliersWithoutContract: 1, followUpOverdue: true, assessmentDate: null, objects: [], archived: false, version: 1,
    });
    ({ id, version } = r.body);
    expect((await reader.get(`${URL}?org=forv-a`)).body.map((s: { name: string }) => s.name)).toEqual(['Tieto Evry']);
    expect((await reader.get(`${URL}/${id}`)).body.services).toBe(FULL.services);
    const u = await isam.patch(`${URL}/${id}`, { version, assessmentDate: LONG_AGO, assessmentResult: 'brister', assessmentNote: 'Loggning saknas' });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ assessmentResult: 'brister', followUpOverdue: true, version: 2 });
    const stale = await isam.patch(`${URL}/${id}`, { version, contact: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect(stale.body.detail_sv).toMatch(/^Leverantören har ändrats av någon annan: du ändrade version 1, nu gäller version 2/);
    version = u.body.version;
    const arch = await isam.patch(`${URL}/${id}`, { version, archived: true });
    expect(arch.body.archived).toBe(true);
    expect((await reader.get(`${URL}?org=forv-a`)).body).toEqual([]);
    expect((await reader.get(`${URL}?org=forv-a&archived=true`)).body).toHaveLength(1);
    const back = await isam.patch(`${URL}/${id}`, { version: arch.body.version, archived: false });
    version = back.body.version;
    const audits = await rawSql<{ action: string; entity_type: string }>(t, `select action, entity_type from audit_log where entity_id = '${id}' order by seq`);
    expect(audits).toEqual(['supplier.create', 'supplier.update', 'supplier.archive', 'supplier.restore'].map((action) => ({ action, entity_type: 'supplier' })));
  });

  it('refuses a second supplier of the same name in the organisation, whatever the case (409 at name)', async () => {
    const dup = await isam.post(URL, { org: 'avd-a1', name: 'TIETO EVRY' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'duplicate_name', field: 'name' });
    expect((await isam.post(URL, { org: 'avd-a2', name: 'Tieto Evry' })).status).toBe(201);
  });

  it('answers 400 naming the field for bad input, the organisation number included', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ org: 'forv-a' }, 'name'], [{ org: 'forv-a', name: 'X', orgNumber: '5566778899' }, 'orgNumber'], [{ org: 'forv-a', name: 'X', orgNumber: '556677-8898' }, 'orgNumber'],
      [{ org: 'forv-a', name: 'X', pubAgreement: 'kanske' }, 'pubAgreement'], [{ org: 'forv-a', name: 'X', transferTool: 'avtal' }, 'transferTool'],
      [{ org: 'forv-a', name: 'X', assessmentResult: 'ok' }, 'assessmentResult'], [{ org: 'forv-a', name: 'X', subSuppliers: [{ service: 'utan namn' }] }, 'subSuppliers'],
      [{ org: 'forv-a', name: 'X', okänt: 1 }, 'okänt'],
    ];
    for (const [body, field] of cases) {
      const r = await isam.post(URL, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field).toMatch(new RegExp(`^${field}`));
    }
  });

  it('refuses each rule with 422 at the field, writing nothing', async () => {
    const post = (body: Record<string, unknown>) => isam.post(URL, { org: 'forv-a', name: 'Regel', ...body });
    expect((await post({ pubAgreement: 'ja' })).body).toMatchObject({ status: 422, code: 'pub_signed_date_missing', field: 'pubSignedDate' });
    expect((await post({ thirdCountryTransfer: true, thirdCountries: 'USA' })).body).toMatchObject({ status: 422, code: 'transfer_tool_missing', field: 'transferTool' });
    expect((await post({ pubAgreement: 'ja', pubSignedDate: FUTURE })).body).toMatchObject({ status: 422, code: 'pub_signed_date_future', field: 'pubSignedDate' });
    expect((await post({ thirdCountryTransfer: true, transferTool: 'scc', tiaDone: true, tiaDate: FUTURE })).body).toMatchObject({ status: 422, code: 'tia_date_future', field: 'tiaDate' });
    expect((await post({ assessmentDate: FUTURE, assessmentResult: 'godtagbar' })).body).toMatchObject({ status: 422, code: 'assessment_date_future', field: 'assessmentDate' });
    expect((await post({ assessmentResult: 'godtagbar' })).body).toMatchObject({ status: 422, code: 'assessment_date_missing', field: 'assessmentDate' });
    expect((await post({ pubAgreement: 'ja', pubSignedDate: '2020-05-01', pubReviewDate: '2020-05-01' })).body).toMatchObject({ status: 422, code: 'pub_review_before_signed', field: 'pubReviewDate' });
    expect((await post({ objectIds: ['00000000-0000-4000-8000-000000000000'] })).body).toMatchObject({ status: 422, code: 'object_not_found', field: 'objectIds' });
    const patch = await isam.patch(`${URL}/${id}`, { version, pubSignedDate: null });
    expect(patch.body).toMatchObject({ status: 422, code: 'pub_signed_date_missing', field: 'pubSignedDate' });
    expect((await isam.get(`${URL}?org=forv-a&q=Regel`)).body).toEqual([]);
    expect((await isam.get(`${URL}/${id}`)).body.version).toBe(version);
    const ok = await post({ thirdCountryTransfer: true, thirdCountries: 'USA', transferTool: 'scc', tiaDone: true, tiaDate: LONG_AGO, assessmentDate: LONG_AGO, assessmentResult: 'godtagbar' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ transferTool: 'scc', tiaDate: LONG_AGO, pubAgreement: 'nej', pubMissing: false });
  });

  it('computes the flags: PUB-avtal missing when processing personal data, follow-up overdue after twelve months', async () => {
    const add = async (name: string, body: Record<string, unknown>) => (await isam.post(URL, { org: 'avd-a1', name, ...body })).body;
    expect(await add('Flagga 1', { processesPersonalData: true, pubAgreement: 'nej' })).toMatchObject({ pubMissing: true, followUpOverdue: true });
    expect(await add('Flagga 2', { processesPersonalData: true, pubAgreement: 'ej_tillampligt' })).toMatchObject({ pubMissing: true });
    expect(await add('Flagga 3', { processesPersonalData: false, pubAgreement: 'nej' })).toMatchObject({ pubMissing: false });
    expect((await isam.get(`${URL}?org=forv-a&pubMissing=true`)).body.map((s: { name: string }) => s.name)).toEqual(['Flagga 1', 'Flagga 2']);
    expect((await isam.get(`${URL}?org=forv-a&followUpOverdue=false`)).body).toEqual([]);
    // The rule itself, on fixed days: a year to the day is in time, the day after is not; never assessed is overdue.
    expect(followUpOverdue('2024-03-01', '2025-03-01')).toBe(false);
    expect(followUpOverdue('2024-03-01', '2025-03-02')).toBe(true);
    expect(followUpOverdue('2024-02-29', '2025-02-28')).toBe(false);
    expect(followUpOverdue(null, '2025-01-01')).toBe(true);
  });

  it('links digital objects, showing only those the caller may read', async () => {
    const mine = await isam.post('/api/objects', { org: 'avd-a1', name: 'Life Care SP' });
    const theirs = await objectOwner.post('/api/objects', { org: 'avd-a2', name: 'Pascal' });
    const hidden = await otherIsam.post('/api/objects', { org: 'forv-b', name: 'B-systemet' });
    const linked = await isam.patch(`${URL}/${id}`, { version, objectIds: [theirs.body.id, mine.body.id] });
    expect(linked.status).toBe(200);
    expect(linked.body.objects.map((o: { name: string }) => o.name)).toEqual(['Life Care SP', 'Pascal']);
    const refused = await isam.patch(`${URL}/${id}`, { version: linked.body.version, objectIds: [hidden.body.id] });
    expect(refused.body).toMatchObject({ status: 422, code: 'object_not_found', field: 'objectIds' });
    const narrow = await userWithRole(t, 'lasare-a1@test.se', 'lasare', 'avd-a1');
    expect((await narrow.get(`${URL}/${id}`)).body.objects.map((o: { name: string }) => o.name)).toEqual(['Life Care SP']);
    // Changing the links as the narrow ISAM keeps the object they cannot see.
    const narrowIsam = await userWithRole(t, 'isam-a1@test.se', 'isam', 'avd-a1');
    const kept = await narrowIsam.patch(`${URL}/${id}`, { version: linked.body.version, objectIds: [] });
    expect(kept.body.objects).toEqual([]);
    expect((await isam.get(`${URL}/${id}`)).body.objects.map((o: { name: string }) => o.name)).toEqual(['Pascal']);
    version = kept.body.version;
  });

  it('scopes to the subtree: another förvaltning gets 404; roles without the permission get 403', async () => {
    expect((await otherIsam.get(`${URL}?org=forv-a`)).status).toBe(404);
    expect((await otherIsam.get(`${URL}/${id}`)).status).toBe(404);
    expect((await otherIsam.patch(`${URL}/${id}`, { version, contact: 'x' })).status).toBe(404);
    expect((await otherIsam.post(URL, { org: 'avd-a1', name: 'Intrång' })).status).toBe(404);
    expect((await employee.get(`${URL}?org=forv-a`)).status).toBe(403);
    expect((await reader.post(URL, { org: 'forv-a', name: 'Nej' })).status).toBe(403);
    expect((await reader.patch(`${URL}/${id}`, { version, contact: 'x' })).status).toBe(403);
    // The objektägare manages avd-a2's suppliers, not avd-a1's.
    expect((await objectOwner.post(URL, { org: 'avd-a2', name: 'Egen leverantör' })).status).toBe(201);
    expect((await objectOwner.get(`${URL}/${id}`)).status).toBe(404);
  });

  it('tells those who manage suppliers on the start page how many lack a PUB-avtal and are not followed up', async () => {
    const items = async (c: Client) => ((await c.get('/api/attention')).body.items as { key: string; count: number; title_sv: string; link: string }[])
      .filter((i) => i.key.startsWith('suppliers.'));
    const mine = await items(isam);
    expect(mine.find((i) => i.key === 'suppliers.pub-missing')).toMatchObject({ count: 2, title_sv: '2 leverantörer saknar PUB-avtal', link: '/leverantorer?pubMissing=true' });
    expect(mine.find((i) => i.key === 'suppliers.follow-up-overdue')).toMatchObject({ link: '/leverantorer?followUpOverdue=true' });
    expect(mine.find((i) => i.key === 'suppliers.follow-up-overdue')!.title_sv).toMatch(/leverantörer har inte följts upp på ett år$/);
    expect(await items(reader)).toEqual([]);
  });
});

describe('the report section', () => {
  it('counts the register of the subtree and lists those needing attention, in a sentence and tables', async () => {
    await makeOrgs(t.ctx, [['forv-r', 'forvaltning', 'stad'], ['avd-r', 'avdelning', 'forv-r']]);
    const rIsam = await userWithRole(t, 'isam-r@test.se', 'isam', 'forv-r');
    const add = async (body: Record<string, unknown>) => {
      const r = await rIsam.post(URL, { org: 'avd-r', ...body });
      expect(r.status).toBe(201);
      return r.body as { id: string; version: number };
    };
    await add({ name: 'Alfa', ...FULL, assessmentDate: '2025-03-01', assessmentResult: 'godtagbar' });
    await add({ name: 'Beta', processesPersonalData: true, assessmentDate: '2024-06-01', assessmentResult: 'brister' });
    await add({ name: 'Gamma', thirdCountryTransfer: true, transferTool: 'scc', thirdCountries: 'USA', assessmentDate: '2025-01-10', subSuppliers: [{ name: 'Moln Inc', withoutContract: true }] });
    await add({ name: 'Delta', thirdCountryTransfer: true, transferTool: 'adekvansbeslut', thirdCountries: 'Japan', assessmentDate: '2025-02-01' }); // no TIA needed
    const gone = await add({ name: 'Arkiverad', processesPersonalData: true });
    await rIsam.patch(`${URL}/${gone.id}`, { version: gone.version, archived: true });

    const org = await findOrg(t.database.db, 'forv-r');
    const fig = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025 });
    expect(fig.asOf).toBe('2025-12-31');
    expect(fig.counts).toEqual({ total: 4, personalData: 2, pubMissing: 1, thirdCountry: 2, tiaMissing: 1, followUpOverdue: 1, subSuppliersWithoutContract: 2 });
    expect(fig.attention).toEqual([
      { name: 'Beta', org: 'FORV-R', unit: 'AVD-R', services: '', assessed: '2024-06-01', reasons: ['pub_saknas', 'uppfoljning_forsenad', 'bedomning_brister'] },
      { name: 'Gamma', org: 'FORV-R', unit: 'AVD-R', services: '', assessed: '2025-01-10', reasons: ['tia_saknas'] },
    ]);
    // As of an earlier day, Beta was still in time.
    expect((await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025, asOf: new Date('2025-05-01T12:00:00Z') })).counts.followUpOverdue).toBe(0);
    const section = { id: 'leverantorer', level: 2, title: 'Leverantörer', provider: 'suppliers', hidden: false, narrative: { type: 'doc', content: [] }, tables: [] } as unknown as Section;
    const blocks = sectionBlocks(section, { year: 2025, asOf: '2025-12-31', outline: [], suppliers: fig } as unknown as ReportJson);
    expect(blocks[0]).toEqual({
      kind: 'text',
      text: 'Leverantörsregistret har 4 leverantörer, varav 2 behandlar personuppgifter för förvaltningens räkning. 1 leverantör saknar personuppgiftsbiträdesavtal. '
        + '1 leverantör har inte bedömts de senaste tolv månaderna. 2 leverantörer för över personuppgifter till tredjeland, 1 utan överföringsbedömning (TIA). '
        + '2 underleverantörer saknar avtal med förvaltningen.',
    });
    const tables = blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));
    expect(tables[0].rows.map((r) => r.map((c) => c.text))).toContainEqual(['Underleverantörer utan avtal', '2']);
    expect(tables[1].columns).toEqual(['Leverantör', 'Organisation', 'Senast bedömd', 'Behöver']);
    expect(tables[1].rows[0].map((c) => c.text)).toEqual(['Beta', 'AVD-R', '2024-06-01', 'Behandlar personuppgifter utan PUB-avtal; Inte bedömd de senaste tolv månaderna; Bedömningen visade brister']);
  });
});
