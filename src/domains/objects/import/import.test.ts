/** The objektlista import against the real database: upload route, service, template; PGlite or PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { auditCount, Client, makeOrgs, semicolonCsv as csv, startTestServer, tableCounts, uploadFile, userWithRole, type TestServer } from '../../../test/harness';
import { expectDryRunThenSkip, expectNoSheetRefused } from '../../../test/sheet-refusals';
import { stockholmDate } from '../../../server/platform/time';
import { oneYearAfter } from '../classification';

let t: TestServer;
let isam: Client;
let isamB: Client;
let reader: Client;

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
});
afterAll(() => t.close());

const upload = (c: Client, query: string, body: string | Buffer, type?: string) => uploadFile(c, `/api/objects/import?${query}`, body, type);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** KLASSA's words as a förvaltning's own sheet writes them. */
const HEAD = ['System', 'Beskrivning', 'Enhet', 'Förvaltning', 'Objektägare', 'Objektförvaltare', 'Leverantör', 'NIS', 'PUB-avtal', 'Lokal klassning', 'Lokal klassning datum', 'Konfidentialitet', 'Riktighet', 'Tillgänglighet', 'Spårbarhet', 'Anteckning'];
const SHEET = [
  HEAD,
  ['Procapita', 'Verksamhetssystem för socialtjänsten', '', 'Lokal', 'Socialchef', 'Systemförvaltare', 'CGI', 'Ja', 'Ja', 'Klar', '2025-03-01', '3', '2', '2', '3', 'x'],
  ['Skolplattformen', '', 'ENHET-A', 'central', 'Utbildningsdirektör', '', 'Tieto', 'nej', 'Ej tillämpligt', 'Pågår', '', '2', '', '1', '', ''],
  ['Diariet', 'Ärendehantering', 'enhet-a', '', '', '', '', '', '', 'Saknas', '', '', '', '', '', ''],
];

const list = async (c: Client, org: string, extra = '') => (await c.get(`/api/objects?org=${org}${extra}`)).body as any[];
const byName = async (c: Client, org: string) => Object.fromEntries((await list(c, org, '&archived=all')).map((o) => [o.name, o]));

describe('objektlista import', () => {
  it('creates from a CSV with KLASSA words, in the row\'s organisation; a re-import changes nothing', async () => {
    const audits = await auditCount(t, 'object.import');
    const creates = await auditCount(t, 'object.create');
    const r = await upload(isam, 'org=forv-a', csv(SHEET));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(r.body.warnings.join('\n')).toContain('"Anteckning"');
    expect(await auditCount(t, 'object.import')).toBe(audits + 1);
    expect(await auditCount(t, 'object.create')).toBe(creates + 3);
    const o = await byName(isam, 'forv-a');
    expect(o.Procapita).toMatchObject({
      org: { slug: 'forv-a' }, description: 'Verksamhetssystem för socialtjänsten', management: 'lokal', owner: 'Socialchef', manager: 'Systemförvaltare',
      supplier: 'CGI', nis: true, pubAgreement: 'ja', lokalStatus: 'klar', lokalDate: '2025-03-01', konfidentialitet: 3, riktighet: 2, tillganglighet: 2, sparbarhet: 3,
      nextReclassification: oneYearAfter('2025-03-01'), normerandeStatus: 'saknas',
    });
    expect(o.Skolplattformen).toMatchObject({ org: { slug: 'enhet-a' }, management: 'central', nis: false, pubAgreement: 'ej_tillampligt', lokalStatus: 'pagar', konfidentialitet: 2, riktighet: null });
    expect(o.Diariet).toMatchObject({ org: { slug: 'enhet-a' }, management: 'lokal', nis: false, pubAgreement: 'nej', lokalStatus: 'saknas' });

    const before = await tableCounts(t);
    const again = await upload(isam, 'org=forv-a', csv(SHEET));
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    const after = await tableCounts(t);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect(after.audit_log).toBe(before.audit_log + 1); // only the import's own row
    expect(Object.values(await byName(isam, 'forv-a')).map((x: any) => x.version)).toEqual([1, 1, 1]);
  });

  it('updates an edited row through the service (classification level and date, an emptied text); an absent column leaves its field', async () => {
    const updates = await auditCount(t, 'object.update');
    const edited = [['Namn', 'Objektägare', 'Lokal klassning', 'Klassad', 'K'], ['Procapita', '', 'Klar', '2025-04-01', '4'], ['SKOLPLATTFORMEN', 'Utbildningsdirektör', 'Pågår', '', '2']];
    const dry = await upload(isam, 'org=forv-a&dryRun=true', csv(edited));
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ created: 0, updated: 2, unchanged: 0, rejected: 0 });
    // What the updates change, by the file's columns in the format's order, each with the objects it changes.
    const changes = [
      { column: 'Namn', count: 1, examples: ['SKOLPLATTFORMEN'] },
      { column: 'Objektägare', count: 1, examples: ['Procapita'] },
      { column: 'Klassad', count: 1, examples: ['Procapita'] },
      { column: 'K', count: 1, examples: ['Procapita'] },
    ];
    expect(dry.body.changes).toEqual(changes);
    expect((await byName(isam, 'forv-a')).Procapita.version).toBe(1);
    // With a bad row the import is refused: nothing is written, so nothing changes; a dry run still says what would.
    const withBad = [...edited, ['Diariet', '', 'Klar', 'i morgon', '']];
    const refused = await upload(isam, 'org=forv-a', csv(withBad));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(refused.body.changes).toBeUndefined();
    const dryBad = await upload(isam, 'org=forv-a&dryRun=true', csv(withBad));
    expect(dryBad.body).toMatchObject({ updated: 2, rejected: 1 });
    expect(dryBad.body.changes).toEqual(changes);
    const r = await upload(isam, 'org=forv-a', csv(edited));
    expect(r.body).toMatchObject({ created: 0, updated: 2, unchanged: 0, rejected: 0 });
    expect(r.body.changes).toEqual(changes);
    expect(await auditCount(t, 'object.update')).toBe(updates + 2);
    const o = await byName(isam, 'forv-a');
    expect(o.Procapita).toMatchObject({
      name: 'Procapita', owner: '', lokalDate: '2025-04-01', konfidentialitet: 4, securityProtection: true, nextReclassification: '2026-04-01',
      riktighet: 2, supplier: 'CGI', nis: true, version: 2,
    });
    // The name's spelling in the file is the name: SKOLPLATTFORMEN matched Skolplattformen and renamed it.
    expect(o.SKOLPLATTFORMEN).toMatchObject({ org: { slug: 'enhet-a' }, version: 2, tillganglighet: 1 });
  });

  it('imports an XLSX with date cells, yes/no booleans and the page export\'s K/R/T/S column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Objekt');
    ws.addRow(['Namn', 'Organisation', 'Normerande', 'Normerande klassning datum', 'NIS', 'K/R/T/S', 'Nästa omklassning']);
    ws.addRow(['Ekonomisystem', 'FORV-B', 'Klar', new Date(Date.UTC(2024, 10, 5)), true, '2/1/–/3', '2025-11-05']);
    const r = await upload(isamB, 'org=forv-b', Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 1, rejected: 0 });
    expect(r.body.warnings.join('\n')).toContain('"Nästa omklassning"');
    const [o] = await list(isamB, 'forv-b');
    expect(o).toMatchObject({ name: 'Ekonomisystem', normerandeStatus: 'klar', normerandeDate: '2024-11-05', nis: true, konfidentialitet: 2, riktighet: 1, tillganglighet: null, sparbarhet: 3 });
    // Levels read from the one K/R/T/S column are that column's change.
    ws.getCell('F2').value = '3/1/–/2';
    const again = await upload(isamB, 'org=forv-b', Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(again.body).toMatchObject({ updated: 1, rejected: 0 });
    expect(again.body.changes).toEqual([{ column: 'K/R/T/S', count: 1, examples: ['Ekonomisystem'] }]);
  });

  it('refuses each bad row at its line and column, all or nothing; skipInvalid writes the good rows', async () => {
    const future = oneYearAfter(stockholmDate());
    const bad = [
      ['Objekt', 'Organisation', 'Lokal klassning', 'Lokal klassning datum', 'Normerande klassning', 'K', 'PUB-avtal', 'NIS', 'Objektägare'],
      ['Nytt system', '', '', '', '', '', '', '', ''],
      ['', '', '', '', '', '', '', '', ''.padEnd(0)],
      ['Utan namn?', 'okänd-enhet', '', '', '', '', '', '', ''],
      ['Klar utan datum', '', 'Klar', '', '', '', '', '', ''],
      ['Framtida', '', 'Klar', future, '', '', '', '', ''],
      ['Datum utan klar', '', 'Pågår', '2025-01-01', '', '', '', '', ''],
      ['Fel nivå', '', '', '', '', '5', '', '', ''],
      ['Fel PUB', '', '', '', '', '', 'kanske', '', ''],
      ['Fel status', '', '', '', 'Halvklar', '', '', 'kanske', ''],
      ['Nytt system', '', '', '', '', '', '', '', ''],
      ['För lång ägare', '', '', '', '', '', '', '', 'x'.repeat(201)],
      [' ', '', '', '', '', '', '', '', 'Någon'],
    ];
    const before = await tableCounts(t);
    const r = await upload(isam, 'org=forv-a', csv(bad));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 10 });
    const at = (line: number): string[][] => r.body.errors.filter((e: any) => e.line === line).map((e: any) => [e.column, e.reason_en]);
    expect(at(4)).toEqual([['Organisation', expect.stringContaining('"okänd-enhet" is not FORV-A or one of its sub-organisations')]]);
    expect(at(5)).toEqual([['Lokal klassning datum', expect.stringContaining('marked klar (done) but has no date')]]);
    expect(at(6)).toEqual([['Lokal klassning datum', expect.stringContaining(`(${future}) is after today`)]]);
    expect(at(7)).toEqual([['Lokal klassning datum', expect.stringContaining('only once the classification is klar')]]);
    expect(at(8)).toEqual([['K', expect.stringContaining('"5" is not a KLASSA level')]]);
    expect(at(9)).toEqual([['PUB-avtal', expect.stringContaining('"kanske" is not recognised')]]);
    expect(at(10).map((e: string[]) => e[0])).toEqual(['NIS', 'Normerande klassning']);
    expect(at(11)).toEqual([['Objekt', 'The object "Nytt system" already occurs on line 2 of the file.']]);
    expect(at(12)).toEqual([['Objektägare', expect.stringContaining('at most 200 characters')]]);
    expect(at(13)).toEqual([['Objekt', 'The object\'s name is missing.']]);
    expect(r.body.errors[0].reason_sv).toBeTruthy();
    expect(await tableCounts(t)).toEqual(before);

    await expectDryRunThenSkip((params) => upload(isam, `org=forv-a&${params}`, csv(bad)), { created: 1, rejected: 10 }, () => tableCounts(t), before);
    expect((await byName(isam, 'forv-a'))['Nytt system']).toBeDefined();
  });

  it('refuses an archived object\'s row and a name found in two organisations without Organisation', async () => {
    const o = (await byName(isam, 'forv-a'))['Nytt system'];
    expect((await isam.patch(`/api/objects/${o.id}`, { version: o.version, archived: true })).status).toBe(200);
    expect((await isam.post('/api/objects', { org: 'enhet-a', name: 'Procapita' })).status).toBe(201);
    const r = await upload(isam, 'org=forv-a', csv([['Objekt', 'Leverantör'], ['Nytt system', 'X'], ['Procapita', 'Y']]));
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: any) => [e.line, e.column])).toEqual([[2, 'Objekt'], [3, 'Objekt']]);
    expect(r.body.errors[0].reason_sv).toContain('är arkiverat');
    expect(r.body.errors[1].reason_en).toContain('exists in several organisations (ENHET-A, FORV-A)');
    // With Organisation the row says which one.
    const ok = await upload(isam, 'org=forv-a', csv([['Objekt', 'Organisation', 'Leverantör'], ['Procapita', 'enhet-a', 'Y']]));
    expect(ok.body).toMatchObject({ updated: 1, rejected: 0 });
  });

  it('refuses a reader (403), another förvaltning (404), missing columns and a file that is no sheet', async () => {
    expect((await upload(reader, 'org=forv-a', csv(SHEET))).status).toBe(403);
    expect((await upload(isamB, 'org=forv-a', csv(SHEET))).status).toBe(404);
    const missing = await upload(isam, 'org=forv-a', csv([['Beskrivning'], ['x']]));
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toMatchObject([{ line: 1, column: 'Objekt' }]);
    await expectNoSheetRefused((body, type) => upload(isam, 'org=forv-a', body, type), 'Spara objektlistan som CSV eller XLSX');
  });

  it('gives a template with the active objects that imports as unchanged (export → import round-trips)', async () => {
    // Texts the export defuses with an apostrophe (a leading -, +, =) come back as they were.
    expect((await isam.post('/api/objects', { org: 'forv-a', name: 'Växel', description: '- Telefoni\n- Köer', owner: '+46 8 508 00 000' })).status).toBe(201);
    const exports = await auditCount(t, 'object.export');
    const tpl = await fetch(`${reader.base}/api/objects/template?org=forv-a`, { headers: { cookie: reader.cookie ?? '' } });
    expect(tpl.status).toBe(200);
    expect(tpl.headers.get('content-type')).toContain('spreadsheetml');
    expect(await auditCount(t, 'object.export')).toBe(exports + 1);
    const data = await tpl.arrayBuffer();
    const bytes = Buffer.from(data);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data);
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Objekt', 'Organisation', 'Beskrivning']);
    const active = await list(isam, 'forv-a');
    expect(sheet.rowCount).toBe(1 + active.length);
    const back = await upload(isam, 'org=forv-a', bytes, XLSX);
    expect(back.body).toMatchObject({ created: 0, updated: 0, unchanged: active.length, rejected: 0, warnings: [] });
  });
});
