/** The leverantörsregister import against the real database: upload route, service, template; PGlite or PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { auditCount, Client, makeOrgs, rawSql, semicolonCsv as csv, startTestServer, tableCounts, uploadFile, userWithRole, type TestServer } from '../../../test/harness';
import { expectDryRunThenSkip, expectNoSheetRefused } from '../../../test/sheet-refusals';
import { stockholmDate } from '../../../server/platform/time';

let t: TestServer;
let isam: Client;
let isamB: Client;
let reader: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [
    ['stad', 'stad'],
    ['forv-a', 'forvaltning', 'stad'],
    ['enhet-a', 'enhet', 'forv-a'],
    ['forv-b', 'forvaltning', 'stad'],
  ]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  isamB = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
  for (const [org, name] of [['forv-a', 'Procapita'], ['enhet-a', 'Lifecare, mobil'], ['forv-a', 'Diariet'], ['forv-b', 'Ekonomisystem']]) {
    const r = await (org === 'forv-b' ? isamB : isam).post('/api/objects', { org, name });
    expect(r.status).toBe(201);
    ids[name] = r.body.id;
  }
});
afterAll(() => t.close());

const upload = (c: Client, query: string, body: string | Buffer, type?: string) => uploadFile(c, `/api/suppliers/import?${query}`, body, type);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const list = async (c: Client, org: string, extra = '') => (await c.get(`/api/suppliers?org=${org}${extra}`)).body as any[];
const byName = async (c: Client, org: string) => Object.fromEntries((await list(c, org, '&archived=all')).map((s) => [s.name, s]));

/** A förvaltning's own sheet: Swedish variants of the headers, an unknown column. */
const HEAD = ['Namn', 'Org.nr', 'Tjänst', 'Kontakt', 'Behandlar personuppgifter', 'Biträdesavtal', 'PUB-avtal tecknat', 'PUB-avtal ses över', 'Överföring till tredje land',
  'Land', 'Skyddsåtgärd', 'TIA gjord', 'TIA datum', 'Exitplan', 'Exitplan kommentar', 'Underleverantörer', 'Leverantörsbedömning', 'Bedömningsdatum', 'Bedömning kommentar',
  'Uppföljning', 'System', 'Förvaltning', 'Anteckning'];
const SHEET = [
  HEAD,
  ['CGI Sverige AB', '5560360793', 'Drift av Procapita', 'Kim Kund', 'ja', 'Ja', '2023-01-15', '2027-01-15', 'x', 'USA', 'Standardavtalsklausuler', 'yes', '2023-02-01', 'Ja', 'Export i öppet format',
    'Datacenter AB: Hosting (Sverige, utan avtal); Support Ltd (Indien)\nMolnbolaget', 'Brister', '2024-05-01', 'Loggning saknas', '2025-05-01', 'Procapita, Diariet', '', 'x'],
  ['Tieto Evry', '556677-1233', 'Skolplattform', '', 'nej', 'ej tillämpligt', '', '', 'nej', '', '', 'no', '', 'nej', '', '', '', '', '', '', 'Lifecare, mobil', 'ENHET-A', ''],
  ['Städbolaget', '', '', '', 'false', '-', '', '', 'false', '', '', 'false', '', 'false', '', '', 'Godtagbar', '2024-09-09', '', '', '', '', ''],
];

describe('leverantörsregister import', () => {
  it('creates from a CSV with Swedish header variants, in the row\'s organisation, with sub-suppliers and systems; a re-import changes nothing', async () => {
    const audits = await auditCount(t, 'supplier.import');
    const creates = await auditCount(t, 'supplier.create');
    const r = await upload(isam, 'org=forv-a', csv(SHEET));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(r.body.warnings.join('\n')).toContain('"Anteckning"');
    expect(await auditCount(t, 'supplier.import')).toBe(audits + 1);
    expect(await auditCount(t, 'supplier.create')).toBe(creates + 3);
    const s = await byName(isam, 'forv-a');
    expect(s['CGI Sverige AB']).toMatchObject({
      org: { slug: 'forv-a' }, orgNumber: '556036-0793', services: 'Drift av Procapita', contact: 'Kim Kund', processesPersonalData: true, pubAgreement: 'ja',
      pubSignedDate: '2023-01-15', pubReviewDate: '2027-01-15', thirdCountryTransfer: true, thirdCountries: 'USA', transferTool: 'scc', tiaDone: true, tiaDate: '2023-02-01',
      exitPlan: true, exitPlanNote: 'Export i öppet format', assessmentResult: 'brister', assessmentDate: '2024-05-01', assessmentNote: 'Loggning saknas', followUpDate: '2025-05-01',
      subSuppliers: [
        { name: 'Datacenter AB', service: 'Hosting', country: 'Sverige', withoutContract: true },
        { name: 'Support Ltd', service: '', country: 'Indien', withoutContract: false },
        { name: 'Molnbolaget', service: '', country: '', withoutContract: false },
      ],
      subSuppliersWithoutContract: 1, pubMissing: false,
    });
    expect(s['CGI Sverige AB'].objects.map((o: any) => o.name)).toEqual(['Diariet', 'Procapita']);
    // "Lifecare, mobil" is one object's name, comma and all; the row's Förvaltning is the unit.
    expect(s['Tieto Evry']).toMatchObject({ org: { slug: 'enhet-a' }, pubAgreement: 'ej_tillampligt', processesPersonalData: false, objects: [{ id: ids['Lifecare, mobil'] }] });
    expect(s['Städbolaget']).toMatchObject({ orgNumber: null, pubAgreement: 'ej_tillampligt', assessmentResult: 'godtagbar', subSuppliers: [], objects: [] });

    const audit = await rawSql<{ entity_id: string; after: any }>(t, `select entity_id, after from audit_log where action = 'supplier.import' order by seq desc limit 1`);
    expect(audit[0].after).toMatchObject({ org: 'forv-a', format: 'csv', created: 3, updated: 0, unchanged: 0, rejected: 0, options: { skipInvalid: false, dryRun: false } });
    expect(audit[0].entity_id).toMatch(/^[0-9a-f]{64}$/);
    expect(audit[0].after.sha256).toBe(audit[0].entity_id);

    const before = await tableCounts(t);
    const again = await upload(isam, 'org=forv-a', csv(SHEET));
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    const after = await tableCounts(t);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect(after.audit_log).toBe(before.audit_log + 1); // only the import's own row
    expect(Object.values(await byName(isam, 'forv-a')).map((x: any) => x.version)).toEqual([1, 1, 1]);
  });

  it('updates from an XLSX with English headers, date cells and booleans; an absent column leaves its field; the case of a name matches', async () => {
    const updates = await auditCount(t, 'supplier.update');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Suppliers');
    ws.addRow(['Supplier', 'Organisation number', 'Assessment', 'Assessment date', 'Exit plan', 'Third country transfer', 'Third countries', 'Transfer tool', 'Systems']);
    ws.addRow(['cgi sverige ab', 5560360793, 'Acceptable', new Date(Date.UTC(2025, 0, 20)), false, true, 'USA, Indien', 'Binding corporate rules (BCR)', 'Procapita']);
    ws.addRow(['Städbolaget', null, null, null, true, false, null, null, null]);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = await upload(isam, 'org=forv-a&dryRun=true', body, XLSX);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ created: 0, updated: 2, unchanged: 0, rejected: 0 });
    // By the file's English column names, in the format's order; the systems as the System column's change.
    const both = ['cgi sverige ab', 'Städbolaget'];
    expect(dry.body.changes).toEqual([
      { column: 'Supplier', count: 1, examples: ['cgi sverige ab'] },
      { column: 'Third countries', count: 1, examples: ['cgi sverige ab'] },
      { column: 'Transfer tool', count: 1, examples: ['cgi sverige ab'] },
      { column: 'Exit plan', count: 2, examples: both },
      { column: 'Assessment', count: 2, examples: both },
      { column: 'Assessment date', count: 2, examples: both },
      { column: 'Systems', count: 1, examples: ['cgi sverige ab'] },
    ]);
    expect((await byName(isam, 'forv-a'))['CGI Sverige AB'].version).toBe(1);
    const r = await upload(isam, 'org=forv-a', body, XLSX);
    expect(r.body).toMatchObject({ created: 0, updated: 2, rejected: 0 });
    expect(await auditCount(t, 'supplier.update')).toBe(updates + 2);
    const s = await byName(isam, 'forv-a');
    expect(s['cgi sverige ab']).toMatchObject({
      assessmentResult: 'godtagbar', assessmentDate: '2025-01-20', exitPlan: false, thirdCountries: 'USA, Indien', transferTool: 'bcr',
      contact: 'Kim Kund', pubAgreement: 'ja', subSuppliersWithoutContract: 1, version: 2, objects: [{ name: 'Procapita' }],
    });
    // Städbolaget's emptied cells clear the assessment; an empty System cell links no system.
    expect(s['Städbolaget']).toMatchObject({ exitPlan: true, assessmentResult: null, assessmentDate: null, version: 2 });
  });

  it('refuses each bad row at its line and column, all or nothing; a dry run and skipInvalid', async () => {
    const future = `${Number(stockholmDate().slice(0, 4)) + 1}-01-01`;
    const bad = [
      ['Leverantör', 'Organisationsnummer', 'Organisation', 'PUB-avtal', 'PUB-avtal tecknat', 'Överföring till tredje land', 'Överföringsverktyg', 'Bedömning', 'Bedömningsdatum', 'Exitplan', 'Underleverantörer', 'System', 'Kontaktperson'],
      ['Ny leverantör', '', '', '', '', '', '', '', '', '', '', '', ''],
      ['Fel kontrollsiffra', '556036-0794', '', '', '', '', '', '', '', '', '', '', ''],
      ['Fel format', '12345', '', '', '', '', '', '', '', '', '', '', ''],
      ['Okänd enhet', '', 'okänd-enhet', '', '', '', '', '', '', '', '', '', ''],
      ['Okänt system', '', '', '', '', '', '', '', '', '', '', 'Procapita; Finns inte', ''],
      ['PUB utan datum', '', '', 'Ja', '', '', '', '', '', '', '', '', ''],
      ['Tredjeland utan verktyg', '', '', '', '', 'Ja', '', '', '', '', '', '', ''],
      ['Framtida bedömning', '', '', '', '', '', '', 'Godtagbar', future, '', '', '', ''],
      ['Fel ord', '', '', 'kanske', '', '', 'avtal', 'bra', '', 'kanske', '', '', ''],
      ['Fel underleverantör', '', '', '', '', '', '', '', '', '', 'Bra AB (Sverige', '', ''],
      ['Ny leverantör', '', '', '', '', '', '', '', '', '', '', '', ''],
      ['För lång kontakt', '', '', '', '', '', '', '', '', '', '', '', 'x'.repeat(401)],
      [' ', '', '', '', '', '', '', '', '', '', '', '', 'Någon'],
      ['Fel datum', '', '', 'Ja', '15/1 2024', '', '', '', '', '', '', '', ''],
    ];
    const before = await tableCounts(t);
    const r = await upload(isam, 'org=forv-a', csv(bad));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 13 });
    const at = (line: number): string[][] => r.body.errors.filter((e: any) => e.line === line).map((e: any) => [e.column, e.reason_en]);
    expect(at(3)).toEqual([['Organisationsnummer', expect.stringContaining('556036-0794 has a wrong check digit: by the Luhn algorithm the last digit should be 3, not 4')]]);
    expect(at(4)).toEqual([['Organisationsnummer', expect.stringContaining('"12345" is not an organisation number')]]);
    expect(at(5)).toEqual([['Organisation', expect.stringContaining('"okänd-enhet" is not FORV-A or one of its sub-organisations')]]);
    expect(at(6)).toEqual([['System', expect.stringContaining('The system "Finns inte" is not on the object list')]]);
    expect(at(7)).toEqual([['PUB-avtal tecknat', expect.stringContaining('A signed data processing agreement has a date')]]);
    expect(at(8)).toEqual([['Överföringsverktyg', expect.stringContaining('needs a transfer tool')]]);
    expect(at(9)).toEqual([['Bedömningsdatum', expect.stringContaining(future)]]);
    expect(at(10).map((e) => e[0]).sort()).toEqual(['Bedömning', 'Exitplan', 'PUB-avtal', 'Överföringsverktyg']);
    expect(at(10).find((e) => e[0] === 'Överföringsverktyg')![1]).toContain('The transfer tool "avtal" is not recognised');
    expect(at(11)).toEqual([['Underleverantörer', expect.stringContaining('parenthesis that is not closed')]]);
    expect(at(12)).toEqual([['Leverantör', 'The supplier "Ny leverantör" already occurs on line 2 of the file.']]);
    expect(at(13)).toEqual([['Kontaktperson', expect.stringContaining('at most 400 characters')]]);
    expect(at(14)).toEqual([['Leverantör', 'The supplier\'s name is missing.']]);
    expect(at(15)).toEqual([['PUB-avtal tecknat', expect.stringContaining('"15/1 2024" is not a date; write YYYY-MM-DD')]]);
    expect(r.body.errors.every((e: any) => e.reason_sv && e.reason_en)).toBe(true);
    expect(await tableCounts(t)).toEqual(before);

    await expectDryRunThenSkip((params) => upload(isam, `org=forv-a&${params}`, csv(bad)), { created: 1, rejected: 13 }, () => tableCounts(t), before);
    expect((await byName(isam, 'forv-a'))['Ny leverantör']).toBeDefined();
  });

  it('refuses an archived supplier\'s row (restore first) and matches by name only in the row\'s organisation', async () => {
    const s = (await byName(isam, 'forv-a'))['Ny leverantör'];
    expect((await isam.patch(`/api/suppliers/${s.id}`, { version: s.version, archived: true })).status).toBe(200);
    const r = await upload(isam, 'org=forv-a', csv([['Leverantör', 'Tjänster'], ['NY LEVERANTÖR', 'X']]));
    expect(r.status).toBe(422);
    expect(r.body.errors).toMatchObject([{ line: 2, column: 'Leverantör', reason_sv: expect.stringContaining('är arkiverad') }]);
    // Tieto Evry lives in enhet-a: a row without Organisation means forv-a, where it is new.
    const dry = await upload(isam, 'org=forv-a&dryRun=true', csv([['Leverantör', 'Organisation'], ['Tieto Evry', ''], ['Tieto Evry', 'enhet-a']]));
    expect(dry.body).toMatchObject({ created: 1, unchanged: 1, rejected: 0 });
  });

  it('refuses a reader (403), another förvaltning (404), a body over 10 MB (413), missing columns and a file that is no sheet', async () => {
    expect((await upload(reader, 'org=forv-a', csv(SHEET))).status).toBe(403);
    expect((await upload(isamB, 'org=forv-a', csv(SHEET))).status).toBe(404);
    expect((await upload(isam, 'org=finns-inte', csv(SHEET))).status).toBe(404);
    expect((await upload(isam, 'org=forv-a', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61))).status).toBe(413);
    const missing = await upload(isam, 'org=forv-a', csv([['Tjänster'], ['x']]));
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toMatchObject([{ line: 1, column: 'Leverantör' }]);
    await expectNoSheetRefused((body, type) => upload(isam, 'org=forv-a', body, type), 'Spara leverantörsregistret som CSV eller XLSX');
    const tpl = await fetch(`${reader.base}/api/suppliers/template?org=forv-a`, { headers: { cookie: reader.cookie ?? '' } });
    expect(tpl.status).toBe(403);
  });

  it('gives a template with the active suppliers that imports as unchanged, and reads the page export\'s columns back unchanged', async () => {
    const exports = await auditCount(t, 'supplier.export');
    const tpl = await fetch(`${isam.base}/api/suppliers/template?org=forv-a`, { headers: { cookie: isam.cookie ?? '' } });
    expect(tpl.status).toBe(200);
    expect(tpl.headers.get('content-type')).toContain('spreadsheetml');
    expect(await auditCount(t, 'supplier.export')).toBe(exports + 1);
    const data = await tpl.arrayBuffer();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data);
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Leverantör', 'Organisation', 'Organisationsnummer']);
    const active = await list(isam, 'forv-a');
    expect(sheet.rowCount).toBe(1 + active.length);
    const back = await upload(isam, 'org=forv-a', Buffer.from(data), XLSX);
    expect(back.body).toMatchObject({ created: 0, updated: 0, unchanged: active.length, rejected: 0, warnings: [] });

    // The Leverantörer page's export (its visible and hidden columns, in its words), as the web app writes it.
    const pub = (s: any) => (s.processesPersonalData ? { ja: 'Ja, tecknat', nej: 'Nej', ej_tillampligt: 'Ej tillämpligt' }[s.pubAgreement as string] : 'Inga personuppgifter');
    const tool = { adekvansbeslut: 'Adekvansbeslut', scc: 'Standardavtalsklausuler (SCC)', bcr: 'Bindande företagsbestämmelser (BCR)', annat: 'Annat stöd i kapitel V' } as Record<string, string>;
    const third = (s: any) => (s.thirdCountryTransfer ? `${s.thirdCountries || 'Ja'}${s.transferTool ? ` (${tool[s.transferTool]})` : ''}` : 'Nej');
    const result = { godtagbar: 'Godtagbar', brister: 'Brister', ej_godtagbar: 'Ej godtagbar' } as Record<string, string>;
    const exported = [
      ['Leverantör', 'Organisation', 'Tjänster', 'PUB-avtal', 'Tredjeland', 'Senast bedömd', 'Underleverantörer utan avtal', 'System', 'Bedömning', 'Nästa uppföljning'],
      ...active.map((s) => [s.name, s.org.name, s.services, pub(s), third(s), s.assessmentDate ?? '', String(s.subSuppliersWithoutContract),
        s.objects.map((o: any) => o.name).join(', '), s.assessmentResult ? result[s.assessmentResult] : '', s.followUpDate ?? '']),
    ];
    const round = await upload(isam, 'org=forv-a', csv(exported));
    expect(round.body).toMatchObject({ created: 0, updated: 0, unchanged: active.length, rejected: 0 });
    expect(round.body.warnings_en).toEqual([expect.stringContaining('"Underleverantörer utan avtal" is not read')]);
  });

  it('in a 1904 workbook (Excel for Mac) reads a date given as a plain number as a day from 1904', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('Suppliers');
    ws.addRow(['Supplier', 'Assessment', 'Assessment date']);
    // 44215 days after 1904-01-01 is 2025-01-20 (45677 in the 1900 system, which would read it as 2021-01-19).
    ws.addRow(['Mac-leverantören AB', 'Acceptable', 44215]);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(isam, 'org=forv-a', body, XLSX);
    expect(r.body, JSON.stringify(r.body)).toMatchObject({ created: 1, rejected: 0 });
    expect((await byName(isam, 'forv-a'))['Mac-leverantören AB']).toMatchObject({ assessmentDate: '2025-01-20' });
  });
});
