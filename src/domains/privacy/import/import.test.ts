/** The registerförteckning import against the real database: upload route, service, template; PGlite or PostgreSQL. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  auditCount, Client, makeOrgs, rawSql, semicolonCsv as csv, startTestServer, tableCounts, uploadFile, userWithRole, type TestServer,
} from '../../../test/harness';
import { expectDryRunThenSkip, expectNoSheetRefused } from '../../../test/sheet-refusals';
import { stockholmDate } from '../../../server/platform/time';
import { PRIVACY_IMPORT_MAX_BYTES } from './service';

let t: TestServer;
let isam: Client;
let handl: Client;
let dso: Client;
let reader: Client;
let isamB: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [
    ['stad', 'stad'],
    ['forv-a', 'forvaltning', 'stad'],
    ['enhet-a', 'enhet', 'forv-a'],
    ['forv-b', 'forvaltning', 'stad'],
  ]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'stad');
  handl = await userWithRole(t, 'handl@test.se', 'dataskyddshandlaggare', 'forv-a');
  dso = await userWithRole(t, 'dso@test.se', 'dso', 'forv-a');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
  isamB = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  // The objektlista the System column names: Procapita and Diariet in förvaltning A, an archived one, a name in two
  // organisations of A's subtree, and the city's e-mail system above it.
  for (const [org, name] of [['forv-a', 'Procapita'], ['enhet-a', 'Diariet'], ['forv-a', 'Skolplattform'], ['forv-a', 'Dubblett'], ['enhet-a', 'Dubblett'], ['stad', 'E-post']]) {
    const r = await isam.post('/api/objects', { org, name });
    expect(r.status).toBe(201);
    if (name === 'Skolplattform') expect((await isam.patch(`/api/objects/${r.body.id}`, { version: r.body.version, archived: true })).status).toBe(200);
  }
});
afterAll(() => t.close());

const upload = (c: Client, query: string, body: string | Buffer, type?: string) => uploadFile(c, `/api/privacy/activities/import?${query}`, body, type);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const list = async (c: Client, org: string) => (await c.get(`/api/privacy/activities?org=${org}&archived=all`)).body as any[];
const byName = async (c: Client, org: string) => Object.fromEntries((await list(c, org)).map((a) => [a.name, a]));
const lastAudit = async (action: string) => (await rawSql<{ after: any; entity_id: string }>(t, `select after, entity_id from audit_log where action = '${action}' order by seq desc limit 1`))[0];

/** A DraftIT export's words: other headers than Tillit's, letters and words for the legal basis, lists in one cell. */
const HEAD = [
  'Behandlingens namn', 'Förvaltning', 'Syfte', 'Laglig grund', 'Lagrum', 'Kategorier av registrerade', 'Personuppgifter', 'Särskilda kategorier', 'Mottagare',
  'Överföring till tredje land', 'Länder', 'Skyddsåtgärd', 'Lagringstid', 'Säkerhetsåtgärder', 'Biträdesavtal', 'Ansvarig', 'IT-stöd', 'Anteckning',
];
const SHEET = [
  HEAD,
  ['Elevhälsa', '', 'Elevhälsans journalföring', 'Art. 6.1 e', 'Skollagen 2 kap. 25 §', 'Elever; Vårdnadshavare', 'Namn\nPersonnummer\nHälsouppgifter', 'x', 'Skolverket', 'nej', '', '',
    'Gallras 10 år efter avslutad skolgång', '- Behörighetsstyrning\n- Loggning', 'Ja', 'Rektor', 'Procapita, Diariet', 'intern notering'],
  ['Bygglov', 'ENHET-A', 'Handläggning av bygglov', '6.1 c', '', 'Sökande, Grannar', 'Namn, Adress, Fastighetsbeteckning', 'nej', '', 'Ja', 'USA', 'SCC', '', '', 'Ej tillämpligt', '', '', ''],
  ['Nyhetsbrev', 'enhet-a', 'Utskick', 'samtycke', '', 'Prenumeranter', 'E-postadress', 'no', '', 'yes', 'USA', 'EU-US Data Privacy Framework', '2 år', '', 'nej', '', 'Diariet', ''],
  ['Synpunktshantering', '', 'Hantera synpunkter', 'Allmänt intresse / myndighetsutövning', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
];

describe('registerförteckning import', () => {
  it('creates from a DraftIT-style CSV in the row\'s organisation, linking the systems; a re-import changes nothing', async () => {
    const audits = await auditCount(t, 'privacy.import');
    const creates = await auditCount(t, 'privacy.create');
    const body = csv(SHEET);
    const r = await upload(handl, 'org=forv-a', body);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 4, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(r.body.warnings.join('\n')).toContain('"Anteckning"');
    expect(await auditCount(t, 'privacy.import')).toBe(audits + 1);
    expect(await auditCount(t, 'privacy.create')).toBe(creates + 4);
    const audit = await lastAudit('privacy.import');
    expect(audit.entity_id).toBe(createHash('sha256').update(body).digest('hex'));
    expect(audit.after).toMatchObject({ org: 'forv-a', created: 4, updated: 0, unchanged: 0, rejected: 0, format: 'csv', options: { skipInvalid: false, dryRun: false } });

    const a = await byName(handl, 'forv-a');
    expect(a['Elevhälsa']).toMatchObject({
      org: { slug: 'forv-a' }, purposes: 'Elevhälsans journalföring', legalBasis: 'e', legalBasisNote: 'Skollagen 2 kap. 25 §', dataSubjects: ['Elever', 'Vårdnadshavare'],
      personalData: ['Namn', 'Personnummer', 'Hälsouppgifter'], specialCategories: true, recipients: 'Skolverket', thirdCountryTransfer: false, transferTool: null,
      retention: 'Gallras 10 år efter avslutad skolgång', securityMeasures: '- Behörighetsstyrning\n- Loggning', pubAgreement: 'ja', responsible: 'Rektor', status: 'utkast',
    });
    expect(a['Elevhälsa'].objects.map((o: any) => o.name)).toEqual(['Diariet', 'Procapita']);
    expect(a['Bygglov']).toMatchObject({
      org: { slug: 'enhet-a' }, legalBasis: 'c', dataSubjects: ['Sökande', 'Grannar'], personalData: ['Namn', 'Adress', 'Fastighetsbeteckning'],
      thirdCountryTransfer: true, thirdCountries: 'USA', transferTool: 'scc', pubAgreement: 'ej_tillampligt', objects: [],
    });
    expect(a['Nyhetsbrev']).toMatchObject({ org: { slug: 'enhet-a' }, legalBasis: 'a', transferTool: 'adekvansbeslut', retention: '2 år', pubAgreement: 'nej' });
    expect(a['Synpunktshantering']).toMatchObject({ org: { slug: 'forv-a' }, legalBasis: 'e', dataSubjects: [], thirdCountryTransfer: false, pubAgreement: 'nej' });

    const before = await tableCounts(t);
    const again = await upload(handl, 'org=forv-a', csv(SHEET));
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 0 });
    const after = await tableCounts(t);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect(after.audit_log).toBe(before.audit_log + 1); // only the import's own row
    expect(Object.values(await byName(handl, 'forv-a')).map((x: any) => x.version)).toEqual([1, 1, 1, 1]);
  });

  it('imports IMY\'s template as XLSX: a title above the header, the page export\'s "Ja (SCC)" and an XLSX boolean; the computed threshold column is not read', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Registerförteckning');
    ws.addRow(['Registerförteckning – personuppgiftsansvarig: Förvaltning B']);
    ws.addRow([
      'Behandling', 'Ändamål med behandlingen', 'Rättslig grund', 'Kategorier av registrerade', 'Kategorier av personuppgifter', 'Kategorier av mottagare',
      'Överföring till tredjeland', 'Planerade tidsfrister för radering', 'Tekniska och organisatoriska säkerhetsåtgärder', 'Känsliga personuppgifter', 'Tröskelanalys',
    ]);
    ws.addRow(['Löneadministration', 'Lön och anställning', 'b) Avtal', 'Anställda', 'Namn; Personnummer; Kontonummer', 'Skatteverket; Försäkringskassan',
      'Ja (Standardavtalsklausuler (SCC))', 'Enligt dokumenthanteringsplanen', 'Behörighetsstyrning', true, 'DPIA trolig']);
    const r = await upload(isamB, 'org=forv-b', Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 1, rejected: 0 });
    expect(r.body.warnings.join('\n')).toContain('"Tröskelanalys"');
    const [a] = await list(isamB, 'forv-b');
    expect(a).toMatchObject({
      name: 'Löneadministration', purposes: 'Lön och anställning', legalBasis: 'b', dataSubjects: ['Anställda'], personalData: ['Namn', 'Personnummer', 'Kontonummer'],
      recipients: 'Skatteverket; Försäkringskassan', thirdCountryTransfer: true, transferTool: 'scc', retention: 'Enligt dokumenthanteringsplanen', specialCategories: true,
    });
  });

  it('refuses each bad row at its line and column, all or nothing; skipInvalid writes the good rows and a dry run nothing', async () => {
    const future = `${Number(stockholmDate().slice(0, 4)) + 1}-01-01`;
    const cols = ['Behandling', 'Organisation', 'Rättslig grund', 'Känsliga personuppgifter', 'PUB-avtal', 'Överföring till tredjeland', 'Konsekvensbedömning',
      'Konsekvensbedömning datum', 'Kriterier (WP248)', 'Status', 'System', 'Kategorier av registrerade', 'Ansvarig'];
    const row = (name: string, set: Record<string, string> = {}) => cols.map((c, i) => (i === 0 ? name : (set[c] ?? '')));
    const bad = [
      cols,
      row('Ny behandling'),
      row(''),
      row('Okänd enhet', { Organisation: 'okänd-enhet' }),
      row('Fel grund', { 'Rättslig grund': 'g' }),
      row('Fel ja/nej', { 'Känsliga personuppgifter': 'kanske' }),
      row('Fel PUB', { 'PUB-avtal': 'kanske' }),
      row('Utan verktyg', { 'Överföring till tredjeland': 'Ja' }),
      row('Gjord utan datum', { Konsekvensbedömning: 'Gjord' }),
      row('Framtida DPIA', { Konsekvensbedömning: 'Gjord', 'Konsekvensbedömning datum': future }),
      row('Behövs ej', { Konsekvensbedömning: 'Behövs inte' }),
      row('Fel kriterium', { 'Kriterier (WP248)': '12' }),
      row('Fel status', { Status: 'Klar' }),
      row('Okänt system', { System: 'Procapita; Excel' }),
      row('Ny behandling'),
      row('För lång ansvarig', { Ansvarig: 'x'.repeat(201) }),
      row('För långt värde', { 'Kategorier av registrerade': `${'y'.repeat(301)}; Elever` }),
      row(' ', { Ansvarig: 'Någon' }),
      row('Fel datum', { Konsekvensbedömning: 'Gjord', 'Konsekvensbedömning datum': '2025-13-01' }),
      row('Arkiverat system', { System: 'Skolplattform' }),
      row('Två system', { System: 'Dubblett' }),
    ];
    const before = await tableCounts(t);
    const r = await upload(handl, 'org=forv-a', csv(bad));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 18 });
    const at = (line: number): string[][] => r.body.errors.filter((e: any) => e.line === line).map((e: any) => [e.column, e.reason_en]);
    expect(at(4)).toEqual([['Organisation', expect.stringContaining('"okänd-enhet" is not FORV-A or one of its sub-organisations')]]);
    expect(at(5)).toEqual([['Rättslig grund', expect.stringContaining('The legal basis "g" is not recognised')]]);
    expect(at(6)).toEqual([['Känsliga personuppgifter', expect.stringContaining('"kanske" is not recognised')]]);
    expect(at(7)).toEqual([['PUB-avtal', expect.stringContaining('"kanske" is not recognised')]]);
    expect(at(8)).toEqual([['Överföring till tredjeland', expect.stringContaining('needs a transfer tool')]]);
    expect(at(9)).toEqual([['Konsekvensbedömning datum', expect.stringContaining('marked done but has no date')]]);
    expect(at(10)).toEqual([['Konsekvensbedömning datum', expect.stringContaining(`(${future}) is after today`)]]);
    expect(at(11)).toEqual([['Konsekvensbedömning', 'Give the reason a DPIA is not needed.']]);
    expect(at(12)).toEqual([['Kriterier (WP248)', expect.stringContaining('The criterion "12" is not recognised')]]);
    expect(at(13)).toEqual([['Status', expect.stringContaining('The status "Klar" is not recognised')]]);
    expect(at(14)).toEqual([['System', expect.stringContaining('The system "Excel" is not on the object list of FORV-A')]]);
    expect(at(15)).toEqual([['Behandling', 'The processing activity "Ny behandling" already occurs on line 2 of the file.']]);
    expect(at(16)).toEqual([['Ansvarig', expect.stringContaining('at most 200 characters')]]);
    expect(at(17)).toEqual([['Kategorier av registrerade', 'Item 1: Too long: at most 300 characters.']]);
    expect(at(18)).toEqual([['Behandling', 'The processing activity\'s name is missing.']]);
    expect(at(19)).toEqual([['Konsekvensbedömning datum', '2025-13-01 is not a date.']]);
    expect(at(20)).toEqual([['System', expect.stringContaining('The object "Skolplattform" in FORV-A is archived')]]);
    expect(at(21)).toEqual([['System', expect.stringContaining('Several objects of the object list are named "Dubblett" (ENHET-A, FORV-A)')]]);
    expect(r.body.errors.every((e: any) => e.reason_sv && e.reason_sv !== e.reason_en)).toBe(true);
    expect(await tableCounts(t)).toEqual(before);

    await expectDryRunThenSkip((params) => upload(handl, `org=forv-a&${params}`, csv(bad)), { created: 1, rejected: 18 }, () => tableCounts(t), before);
    expect((await byName(handl, 'forv-a'))['Ny behandling']).toMatchObject({ status: 'utkast', legalBasis: null });
    expect((await lastAudit('privacy.import')).after).toMatchObject({ created: 1, rejected: 18, options: { skipInvalid: true } });
  });

  it('returns a changed approved activity to utkast with a warning, never imports Godkänd, and refuses an archived activity and a name in two organisations', async () => {
    const a = await byName(handl, 'forv-a');
    const approved = await dso.post(`/api/privacy/activities/${a['Elevhälsa'].id}/approve`, { version: a['Elevhälsa'].version });
    expect(approved.status).toBe(200);
    expect((await handl.patch(`/api/privacy/activities/${a['Synpunktshantering'].id}`, { version: a['Synpunktshantering'].version, archived: true })).status).toBe(200);
    expect((await handl.post('/api/privacy/activities', { org: 'forv-a', name: 'Nyhetsbrev' })).status).toBe(201);

    const file = csv([
      ['Behandling', 'Ändamål', 'Status'],
      ['Elevhälsa', 'Elevhälsans journalföring och uppföljning', 'Godkänd'],
      ['Synpunktshantering', 'Hantera synpunkter', ''],
      ['Bygglov', 'Handläggning av bygglov', 'Godkänd'],
      ['Nyhetsbrev', 'Utskick', ''],
    ]);
    const refused = await upload(handl, 'org=forv-a', file);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: any) => [e.line, e.column])).toEqual([[3, 'Behandling'], [5, 'Behandling']]);
    expect(refused.body.errors[0].reason_sv).toContain('är arkiverad');
    expect(refused.body.errors[1].reason_en).toContain('exists in several organisations (ENHET-A, FORV-A)');
    expect(refused.body.changes).toBeUndefined(); // refused: nothing written, nothing changed
    expect((await byName(handl, 'forv-a'))['Elevhälsa'].status).toBe('godkand');

    const updates = await auditCount(t, 'privacy.update');
    const r = await upload(handl, 'org=forv-a&skipInvalid=true', file);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 0, updated: 1, unchanged: 1, rejected: 2 });
    // The purpose is the change; the status an import does not set, and a return to utkast is the rule's, not the file's.
    expect(r.body.changes).toEqual([{ column: 'Ändamål', count: 1, examples: ['Elevhälsa'] }]);
    expect(r.body.warnings_en).toEqual([
      expect.stringContaining('1 approved processing activities change and return to utkast (draft; or granskas when the file says so); the DSO must approve them again: Elevhälsa (2)'),
      expect.stringContaining('The status Godkänd (approved) is not imported: the DSO approves in Tillit. These activities are not approved in Tillit and keep their status (new ones become utkast): Bygglov (4)'),
    ]);
    expect(await auditCount(t, 'privacy.update')).toBe(updates + 1);
    const after = await byName(handl, 'forv-a');
    expect(after['Elevhälsa']).toMatchObject({ purposes: 'Elevhälsans journalföring och uppföljning', status: 'utkast', approvedAt: null, approvedBy: null });
    expect(after['Bygglov']).toMatchObject({ status: 'utkast', version: 1 });
    expect(after['Synpunktshantering']).toMatchObject({ archived: true, purposes: 'Hantera synpunkter' });
  });

  it('sends to granskas as the file says, links the city\'s system above the förvaltning, and warns a DSO that what they create is their own', async () => {
    const r = await upload(isam, 'org=forv-a', csv([['Behandling', 'Organisation', 'Status', 'System'], ['Bygglov', 'enhet-a', 'Granskas', 'E-post; Diariet']]));
    expect(r.body).toMatchObject({ updated: 1, rejected: 0, warnings: [] });
    expect((await list(isam, 'enhet-a')).find((a) => a.name === 'Bygglov')).toMatchObject({ status: 'granskas', objects: [{ name: 'Diariet' }, { name: 'E-post' }] });

    const own = await upload(dso, 'org=forv-a', csv([['Behandling', 'Ändamål', 'Rättslig grund'], ['Tillsyn', 'Tillsyn enligt miljöbalken', 'e']]));
    expect(own.status).toBe(200);
    expect(own.body.warnings_en).toEqual([expect.stringContaining('count as registered by you, and the DSO does not approve their own entries')]);
    const tillsyn = (await byName(dso, 'forv-a'))['Tillsyn'];
    expect((await dso.post(`/api/privacy/activities/${tillsyn.id}/approve`, { version: tillsyn.version })).status).toBe(422);
  });

  it('refuses a reader (403), another förvaltning (404), missing columns, a file that is no sheet (415) and one too large (413)', async () => {
    expect((await upload(reader, 'org=forv-a', csv(SHEET))).status).toBe(403);
    expect((await upload(isamB, 'org=forv-a', csv(SHEET))).status).toBe(404);
    expect((await upload(handl, 'org=finns-inte', csv(SHEET))).status).toBe(404);
    const missing = await upload(handl, 'org=forv-a', csv([['Ändamål'], ['x']]));
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toMatchObject([{ line: 1, column: 'Behandling' }]);
    await expectNoSheetRefused((body, type) => upload(handl, 'org=forv-a', body, type), 'Spara registerförteckningen som CSV eller XLSX');
    const big = await upload(handl, 'org=forv-a', Buffer.alloc(PRIVACY_IMPORT_MAX_BYTES + 1, 65));
    expect(big.status).toBe(413);
  });

  it('gives a template with the active activities that imports as unchanged (export → import round-trips)', async () => {
    const objects = (await isam.get('/api/objects?org=forv-a')).body as any[];
    const id = (name: string) => objects.find((o) => o.name === name).id;
    const made = await handl.post('/api/privacy/activities', {
      org: 'forv-a', name: 'Försörjningsstöd', purposes: '- Utreda rätt till bistånd\n- Betala ut', legalBasis: 'e', legalBasisNote: 'SoL 4 kap. 1 §',
      dataSubjects: ['Sökande, medsökande', 'Barn'], personalData: ['Namn, adress'], specialCategories: true, specialCategoriesNote: 'Hälsa',
      recipients: '+46 8 508 00 000 (Försäkringskassan)', thirdCountryTransfer: true, thirdCountries: 'USA', transferTool: 'bcr', tiaDone: true,
      retention: '5 år', securityMeasures: '=Loggning', pubAgreement: 'ja', responsible: 'Enhetschef',
      dpiaCriteria: ['sarbara_registrerade', 'kansliga_uppgifter'], dpia: 'gjord', dpiaDate: '2024-05-02', objectIds: [id('Procapita'), id('Dubblett')],
    });
    expect(made.status).toBe(201);
    expect((await dso.post(`/api/privacy/activities/${made.body.id}/approve`, { version: made.body.version })).status).toBe(200);

    const exports = await auditCount(t, 'privacy.export');
    const tpl = await fetch(`${reader.base}/api/privacy/activities/template?org=forv-a`, { headers: { cookie: reader.cookie ?? '' } });
    expect(tpl.status).toBe(200);
    expect(tpl.headers.get('content-type')).toContain('spreadsheetml');
    expect(await auditCount(t, 'privacy.export')).toBe(exports + 1);
    const data = await tpl.arrayBuffer();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data);
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['Behandling', 'Organisation', 'Ändamål', 'Rättslig grund']);
    const active = (await list(handl, 'forv-a')).filter((a) => !a.archived);
    expect(sheet.rowCount).toBe(1 + active.length);
    const back = await upload(handl, 'org=forv-a', Buffer.from(data), XLSX);
    expect(back.body).toMatchObject({ created: 0, updated: 0, unchanged: active.length, rejected: 0, warnings: [] });
    expect((await byName(handl, 'forv-a'))['Försörjningsstöd']).toMatchObject({ status: 'godkand', version: made.body.version + 1 });
  });
});
