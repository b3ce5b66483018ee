/** The genomförandegrad import against the real database: upload route, service, template; PGlite or PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { auditCount, Client, makeOrgs, rawSql, semicolonCsv as csv, startTestServer, tableCounts, uploadFile, userWithRole, type TestServer } from '../../../test/harness';
import { expectDryRunThenSkip, expectNoSheetRefused } from '../../../test/sheet-refusals';

let t: TestServer;
let isam: Client;
let reader: Client;
let outsider: Client;

const INFO = 'Informationssäkerhet (e-utbildning)';
const DATA = 'Dataskydd (e-utbildning)';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [
    ['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-a1', 'avdelning', 'forv-a'], ['enh-a1', 'enhet', 'avd-a1'], ['enh-a2', 'enhet', 'avd-a1'],
    ['avd-a2', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad'],
  ]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  reader = await userWithRole(t, 'chef@test.se', 'chef', 'forv-a');
  outsider = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
});
afterAll(() => t.close());

const upload = (c: Client, query: string, body: string | Buffer, type?: string) => uploadFile(c, `/api/training/completions/import?${query}`, body, type);
/** The completions of forv-a's subtree as "slug|year|course" → "completed/employees comment". */
async function figures(): Promise<Record<string, string>> {
  const list = (await isam.get('/api/training/completions?org=forv-a')).body as any[];
  return Object.fromEntries(list.map((c) => [`${c.org.slug}|${c.year}|${c.course}`, `${c.completed}/${c.employees}${c.comment ? ` ${c.comment}` : ''}`]));
}
const xlsx = async (rows: unknown[][]) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Rapport');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

/** An aggregated sheet: the years in its År column, a unit by name and one by short name, a percentage that disagrees. */
const AGGREGATED = [
  ['Enhet', 'Utbildning', 'År', 'Antal anställda', 'Antal genomförda', 'Genomförandegrad', 'Kommentar'],
  ['ENH-A1', INFO, '2025', '40', '35', '87,5 %', ''],
  ['enh-a2', INFO, '2025', '20', '10', '80 %', 'Sjukskrivningar'],
  ['enh-a2', DATA, '2025', '20', '20', '100', ''],
  ['', 'Phishing (e-utbildning)', '2024', '120', '60', '', ''],
];

describe('genomförandegrad import', () => {
  it('imports an aggregated sheet with its År column (no year given), checks the percentage only, audits once; a re-import changes nothing', async () => {
    const audits = await auditCount(t, 'training.completion.import');
    const creates = await auditCount(t, 'training.completion.create');
    const r = await upload(isam, 'org=forv-a', csv(AGGREGATED));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 4, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(r.body.warnings_en).toEqual([
      expect.stringContaining('read as a summary: one row per unit and course'),
      'Line 3: Genomförandegrad 80 % does not agree with completed/employees (10/20 = 50 %). Tillit computes the share from the counts.',
    ]);
    expect(await figures()).toEqual({
      [`enh-a1|2025|${INFO}`]: '35/40', [`enh-a2|2025|${INFO}`]: '10/20 Sjukskrivningar', [`enh-a2|2025|${DATA}`]: '20/20', 'forv-a|2024|Phishing (e-utbildning)': '60/120',
    });
    expect(await auditCount(t, 'training.completion.import')).toBe(audits + 1);
    expect(await auditCount(t, 'training.completion.create')).toBe(creates + 4);
    const [audit] = await rawSql<{ entity_id: string; entity_type: string; after: any }>(t, `select entity_id, entity_type, after from audit_log where action = 'training.completion.import' order by seq desc limit 1`);
    expect(audit.entity_type).toBe('training_completion_import');
    expect(audit.entity_id).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.after).toMatchObject({ org: 'forv-a', year: null, shape: 'aggregated', sha256: audit.entity_id, format: 'csv', created: 4, updated: 0, unchanged: 0, rejected: 0, options: { skipInvalid: false, dryRun: false } });

    const before = await tableCounts(t);
    const again = await upload(isam, 'org=forv-a', csv(AGGREGATED));
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 0 });
    const after = await tableCounts(t);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect(after.audit_log).toBe(before.audit_log + 1);

    // With the year given, the År column must agree; the course matches whatever its case; a dry run writes nothing.
    const next = csv([['Enhet', 'Kurs', 'År', 'Anställda', 'Genomförda'], ['enh-a1', INFO.toUpperCase(), '2025', '41', '38']]);
    const dry = await upload(isam, 'org=forv-a&year=2025&dryRun=true', next);
    expect(dry.body).toMatchObject({ created: 0, updated: 1, rejected: 0 });
    const changed = [`${INFO.toUpperCase()} (ENH-A1, 2025)`];
    expect(dry.body.changes).toEqual([{ column: 'Anställda', count: 1, examples: changed }, { column: 'Genomförda', count: 1, examples: changed }]);
    expect((await figures())[`enh-a1|2025|${INFO}`]).toBe('35/40');
    expect((await upload(isam, 'org=forv-a&year=2025', next)).body).toMatchObject({ updated: 1 });
    expect((await figures())[`enh-a1|2025|${INFO}`]).toBe('38/41');
    const wrongYear = await upload(isam, 'org=forv-a&year=2024', next);
    expect(wrongYear.status).toBe(422);
    expect(wrongYear.body.errors).toMatchObject([{ line: 2, column: 'År', reason_en: expect.stringContaining('The row is for 2025, but the import is for 2024') }]);
    const noYear = await upload(isam, 'org=forv-a', csv([['Enhet', 'Kurs', 'Anställda', 'Genomförda'], ['enh-a1', INFO, '41', '38']]));
    expect(noYear.status).toBe(422);
    expect(noYear.body.errors).toMatchObject([{ line: 1, column: null, reason_en: expect.stringContaining('Give the year of the import') }]);
  });

  it('counts a per-person report per unit and course in the year, and stores and echoes nothing of the persons', async () => {
    const PERSONS = [
      ['Förnamn', 'Efternamn', 'E-post', 'Personnummer', 'Enhet', 'Kurs', 'Status', 'Klar datum'],
      ['Anna', 'Andersson', 'anna.andersson@example.se', '19800101-1234', 'enh-a1', INFO, 'Klar', new Date(Date.UTC(2025, 2, 14))],
      ['Bo', 'Berg', 'bo.berg@example.se', '19790202-2345', 'enh-a1', INFO, 'Klar', new Date(Date.UTC(2024, 11, 30))],
      ['Cecilia', 'Ceder', 'cecilia@example.se', '19900303-3456', 'ENH-A1', INFO, 'Pågår', null],
      ['Anna', 'Andersson', 'anna.andersson@example.se', '19800101-1234', 'enh-a1', 'Säker AI', 'Ej påbörjad', null],
      ['David', 'Dahl', 'david@example.se', '19850404-4567', 'avd-a2', DATA, 'ja', null],
      ['Eva', 'Ek', 'eva@example.se', '19850505-5678', 'avd-a2', DATA, 'Genomförd', '2026-01-05'],
    ];
    const r = await upload(isam, 'org=forv-a&year=2025', await xlsx(PERSONS), XLSX);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 2, updated: 1, unchanged: 0, rejected: 0 });
    // The counts made from the persons' rows change, named as the register's columns (the file has none of that name).
    const changed = [`${INFO} (ENH-A1, 2025)`];
    expect(r.body.changes).toEqual([{ column: 'Anställda', count: 1, examples: changed }, { column: 'Genomförda', count: 1, examples: changed }]);
    expect(r.body.warnings_en).toEqual([
      'The columns about persons are not read and not stored (Tillit keeps only the counts): "Förnamn", "Efternamn", "E-post", "Personnummer".',
      expect.stringContaining('read as a report per person'),
    ]);
    const f = await figures();
    // Anna completed in 2025; Bo's completion is 2024's; Cecilia's is under way. Eva's is next year's.
    expect(f[`enh-a1|2025|${INFO}`]).toBe('1/3');
    expect(f['enh-a1|2025|Säker AI']).toBe('0/1');
    expect(f[`avd-a2|2025|${DATA}`]).toBe('1/2');
    const [audit] = await rawSql<{ after: any }>(t, `select after from audit_log where action = 'training.completion.import' order by seq desc limit 1`);
    expect(audit.after).toMatchObject({ year: 2025, shape: 'person', format: 'xlsx', created: 2, updated: 1 });
    const dump = JSON.stringify(await rawSql(t, 'select * from audit_log')) + JSON.stringify(await rawSql(t, 'select * from training_completions'));
    for (const secret of ['Andersson', 'anna.andersson', '19800101', '800101', 'Cecilia']) expect(dump).not.toContain(secret);

    // A personnummer where a unit should be is refused without being shown; an unreadable status keeps its group out.
    const bad = csv([
      ['Namn', 'Enhet', 'Kurs', 'Genomförd'],
      ['Anna Andersson', '19800101-1234', INFO, 'ja'],
      ['Bo Berg', 'avd-a2', 'Säker AI', 'kanske'],
      ['Cecilia Ceder', 'avd-a2', 'Säker AI', 'ja'],
      ['David Dahl', 'avd-a2', 'Kryptering', 'ja'],
    ]);
    const refused = await upload(isam, 'org=forv-a&year=2025', bad);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: any) => [e.line, e.column])).toEqual([[2, 'Enhet'], [3, 'Genomförd']]);
    expect(refused.body.errors[0].reason_en).toContain('looks like it holds a personnummer');
    expect(JSON.stringify(refused.body)).not.toMatch(/1234|Andersson|Cecilia/);
    const skipped = await upload(isam, 'org=forv-a&year=2025&skipInvalid=true', bad);
    expect(skipped.body).toMatchObject({ created: 1, rejected: 2 });
    expect(skipped.body.warnings_en).toContain('AVD-A2 – Säker AI: not imported, since line 3 could not be read (the counts would be wrong).');
    expect((await figures())['avd-a2|2025|Kryptering']).toBe('1/1');
    expect((await figures())['avd-a2|2025|Säker AI']).toBeUndefined();

    const noYear = await upload(isam, 'org=forv-a', bad);
    expect(noYear.status).toBe(422);
    expect(noYear.body.errors[0].reason_en).toContain('a report per person is counted for one year');
    const neither = await upload(isam, 'org=forv-a&year=2025', csv([['Enhet', 'Kurs'], ['enh-a1', INFO]]));
    expect(neither.body.errors[0].reason_en).toContain('neither counts nor completion per person');
    const half = await upload(isam, 'org=forv-a&year=2025', csv([['Kurs', 'Anställda'], [INFO, '3']]));
    expect(half.body.errors).toMatchObject([{ line: 1, column: 'Genomförda' }]);
  });

  it('reads an English per-person report, whose "Completed" holds Yes/No or a date, as one; beside Employees it is the count', async () => {
    const english = csv([
      ['User', 'Department', 'Course', 'Completed'],
      ['Anna Andersson', 'enh-a2', 'Phishing awareness', 'Yes'],
      ['Bo Berg', 'enh-a2', 'Phishing awareness', 'No'],
      ['Cecilia Ceder', 'enh-a2', 'Phishing awareness', '2025-05-02'],
      ['David Dahl', 'enh-a2', 'Phishing awareness', '2024-12-31'],
    ]);
    const r = await upload(isam, 'org=forv-a&year=2025', english);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 1, rejected: 0 });
    expect(r.body.warnings_en).toContain('The columns about persons are not read and not stored (Tillit keeps only the counts): "User".');
    expect(r.body.warnings_en).toEqual(expect.arrayContaining([expect.stringContaining('read as a report per person')]));
    // Anna said yes and Cecilia's date is in 2025; Bo did not, and David's completion is 2024's.
    expect((await figures())['enh-a2|2025|Phishing awareness']).toBe('2/4');

    const counts = await upload(isam, 'org=forv-a&year=2025', csv([['Unit', 'Course', 'Employees', 'Completed'], ['enh-a2', 'Phishing awareness', '10', '7']]));
    expect(counts.status, JSON.stringify(counts.body)).toBe(200);
    expect(counts.body).toMatchObject({ updated: 1 });
    expect((await figures())['enh-a2|2025|Phishing awareness']).toBe('7/10');
    // Without Employees the English word is the person's status, so a count there is no yes/no or date.
    const lonely = await upload(isam, 'org=forv-a&year=2025', csv([['Unit', 'Course', 'Completed'], ['enh-a2', 'Phishing awareness', '7']]));
    expect(lonely.status).toBe(422);
    expect(lonely.body.errors).toMatchObject([{ line: 2, column: 'Completed', reason_en: expect.stringContaining('7 is neither yes/no nor a date') }]);
  });

  it('refuses each bad row at its line and column, all or nothing; a dry run and skipInvalid', async () => {
    const bad = [
      ['Enhet', 'Kurs', 'Anställda', 'Genomförda', 'Kommentar'],
      ['avd-a2', 'Ny kurs', '10', '5', ''],
      ['finns-inte', INFO, '10', '5', ''],
      ['enh-a2', '', '10', '5', ''],
      ['enh-a2', 'Kurs A', '10', '11', ''],
      ['enh-a2', 'Kurs B', '0', '0', ''],
      ['enh-a2', 'Kurs C', '10', '', ''],
      ['enh-a2', 'Kurs D', 'tio', '5', ''],
      ['AVD-A2', 'ny kurs', '10', '5', ''],
      ['avd-a1', INFO, '60', '50', ''],
      ['enh-a2', 'x'.repeat(201), '10', '5', ''],
      ['enh-a2', 'Kurs E', '10', '5', 'y'.repeat(4001)],
      ['enh-a2', 'Kurs F', '', '', ''],
    ];
    const before = await tableCounts(t);
    const r = await upload(isam, 'org=forv-a&year=2025', csv(bad));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 10 });
    const at = (line: number): string[][] => r.body.errors.filter((e: any) => e.line === line).map((e: any) => [e.column, e.reason_en]);
    expect(at(3)).toEqual([['Enhet', expect.stringContaining('"finns-inte" is not FORV-A or one of its sub-organisations')]]);
    expect(at(4)).toEqual([['Kurs', 'The course name is missing.']]);
    expect(at(5)).toEqual([['Genomförda', expect.stringContaining('(11) cannot exceed the number of employees (10)')]]);
    expect(at(6)).toEqual([['Anställda', expect.any(String)]]);
    expect(at(7)).toEqual([['Genomförda', 'The number completed is missing.']]);
    expect(at(8)).toEqual([['Anställda', expect.stringContaining('"tio" is not a count')]]);
    expect(at(9)).toEqual([['Kurs', 'AVD-A2 already has ny kurs for 2025 on line 2 of the file.']]);
    expect(at(10)).toEqual([['Enhet', expect.stringContaining('ENH-A1 already has Informationssäkerhet (e-utbildning) for 2025, covering AVD-A1 or part of it')]]);
    expect(at(11)).toEqual([['Kurs', expect.stringContaining('200')]]);
    expect(at(12)).toEqual([['Kommentar', expect.stringContaining('4000')]]);
    expect(r.body.errors.every((e: any) => e.reason_sv && e.reason_en)).toBe(true);
    expect(r.body.warnings_en).toContain('1 rows without Anställda and Genomförda were left (line 13).');
    expect(await tableCounts(t)).toEqual(before);

    await expectDryRunThenSkip((params) => upload(isam, `org=forv-a&year=2025&${params}`, csv(bad)), { created: 1, rejected: 10 }, () => tableCounts(t), before);
    expect((await figures())['avd-a2|2025|Ny kurs']).toBe('5/10');
  });

  it('refuses a reader (403), another förvaltning (404), an unknown org (404), a body over 20 MB (413) and a file that is no sheet', async () => {
    const sheet = csv(AGGREGATED);
    expect((await upload(reader, 'org=forv-a', sheet)).status).toBe(403);
    expect((await upload(outsider, 'org=forv-a', sheet)).status).toBe(404);
    expect((await upload(isam, 'org=finns-inte', sheet)).status).toBe(404);
    expect((await upload(isam, 'org=forv-a&year=1999', sheet)).status).toBe(400);
    expect((await upload(isam, 'org=forv-a', Buffer.alloc(20 * 1024 * 1024 + 1, 0x61))).status).toBe(413);
    await expectNoSheetRefused((body, type) => upload(isam, 'org=forv-a&year=2025', body, type), 'Spara rapporten från lärplattformen som CSV eller XLSX');
    const tpl = await fetch(`${reader.base}/api/training/completions/template?org=forv-a&year=2025`, { headers: { cookie: reader.cookie ?? '' } });
    expect(tpl.status).toBe(403);
  });

  it('gives a template per unit and course with the year\'s figures that imports back unchanged', async () => {
    const exports = await auditCount(t, 'training.completion.export');
    const tpl = await fetch(`${isam.base}/api/training/completions/template?org=forv-a&year=2025`, { headers: { cookie: isam.cookie ?? '' } });
    expect(tpl.status).toBe(200);
    expect(tpl.headers.get('content-type')).toContain('spreadsheetml');
    expect(await auditCount(t, 'training.completion.export')).toBe(exports + 1);
    const data = await tpl.arrayBuffer();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data);
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Enhet', 'Kurs', 'År', 'Anställda', 'Genomförda', 'Kommentar']);
    const rows = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 6).map((c) => c ?? ''));
    // The units without sub-units (and those with figures) × the mandatory courses and the year's others.
    expect(rows).toContainEqual(['ENH-A1', INFO, 2025, 3, 1]);
    expect(rows).toContainEqual(['ENH-A2', DATA, 2025, 20, 20]);
    expect(rows).toContainEqual(['ENH-A1', DATA, 2025, '', '']);
    expect(rows.filter((r) => r[1] === 'Phishing (e-utbildning)')).toEqual([]);
    const stored = ((await isam.get('/api/training/completions?org=forv-a&year=2025')).body as any[]).length;
    expect(rows.filter((r) => r[3] !== '')).toHaveLength(stored);

    const back = await upload(isam, 'org=forv-a&year=2025', Buffer.from(data), XLSX);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toMatchObject({ created: 0, updated: 0, unchanged: stored, rejected: 0 });
  });
});
