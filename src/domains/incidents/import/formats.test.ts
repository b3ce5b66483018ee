/** Every variation the format page lists, imported through the service into a real database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { startTestServer, type TestServer } from '../../../test/harness';
import { createOrg } from '../../org/service';
import { csv, ensureCity, EXAMPLE, freshOrg, HEAD, ROWS, runImport, sheetDate, stored, xlsx } from './testkit';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await ensureCity(t);
});
afterAll(() => t.close());

describe('the example on the format page', () => {
  it('imports as described', async () => {
    const o = await freshOrg(t);
    const r = await runImport(t, EXAMPLE, { org: o.slug });
    expect(r.summary).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [] });
    const [a, b] = await stored(t, o.id);
    expect(a).toMatchObject({
      externalId: 'IA-2025-0101', title: 'E-post till fel mottagare', status: 'Klar', kind: 'Personuppgiftsincident',
      category: 'Fel mottagare', personalData: 'ja', reportedToImy: false, reportedToCsirt: false, orgId: o.unitId,
      registerOrgId: o.id, unitText: null, protectedIdentity: false,
    });
    expect(a.reportedAt.toISOString()).toBe('2025-02-03T08:14:00.000Z');
    expect(b).toMatchObject({ externalId: 'IA-2025-0102', status: 'Under utredning', kind: 'IT-säkerhet', personalData: 'nej', orgId: o.id, unitText: null });
    expect(b.reportedAt.toISOString()).toBe('2025-02-10T23:00:00.000Z');
  });
});

describe('text files', () => {
  const variants: [string, string | Buffer][] = [
    ['semicolon', csv([HEAD, ...ROWS])],
    ['comma', csv([HEAD, ...ROWS], { delim: ',' })],
    ['tab', csv([HEAD, ...ROWS], { delim: '\t' })],
    ['UTF-8 with BOM, CRLF', csv([HEAD, ...ROWS], { bom: true, crlf: true })],
    ['Windows-1252, CRLF', iconv.encode(csv([HEAD, ...ROWS], { crlf: true }), 'windows-1252')],
    ['Windows-1252, comma', iconv.encode(csv([HEAD, ...ROWS], { delim: ',' }), 'windows-1252')],
    ['UTF-16LE with BOM, tab (Excel "Unicode text")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv([HEAD, ...ROWS], { delim: '\t', crlf: true }), 'utf16le')])],
  ];
  for (const [name, content] of variants) {
    it(`reads ${name}`, async () => {
      const o = await freshOrg(t);
      const r = await runImport(t, content, { org: o.slug });
      expect(r.summary.errors).toEqual([]);
      expect(r.summary.created).toBe(2);
      const got = await stored(t, o.id);
      expect(got.map((i) => [i.externalId, i.title, i.description, i.status, i.kind])).toEqual(ROWS.map((x) => [x[0], x[1], x[2], x[4], x[5]]));
      expect(got[0].orgId).toBe(o.unitId);
    });
  }

  it('reads each line of a mixed file (UTF-8 with a Windows-1252 line) in its own encoding, with a warning; not a clean one', async () => {
    const o = await freshOrg(t);
    const mixed = Buffer.concat([
      Buffer.from('Ärende-ID;Rubrik;Rapporterad;Status;Enhet\nMX-1;Nätfiske på förvaltningen;2025-01-02;Klar;Beställarenheten\n', 'utf8'),
      iconv.encode('MX-2;Lösenord – nätfiske;2025-01-03;Klar;\n', 'windows-1252'),
      Buffer.from('MX-3;Åtgärd klar;2025-01-04;Klar;beställarenheten', 'utf8'),
    ]);
    const r = await runImport(t, mixed, { org: o.slug });
    expect(r.summary).toMatchObject({ created: 3, errors: [] });
    expect(r.summary.warnings_sv).toEqual([expect.stringContaining('Filen blandar teckenkodningar')]);
    expect((await stored(t, o.id)).map((i) => [i.externalId, i.title, i.orgId === o.unitId])).toEqual([
      ['MX-1', 'Nätfiske på förvaltningen', true], ['MX-2', 'Lösenord – nätfiske', false], ['MX-3', 'Åtgärd klar', true],
    ]);
    const clean = await runImport(t, iconv.encode(csv([HEAD, ...ROWS]), 'windows-1252'), { org: (await freshOrg(t)).slug });
    expect(clean.summary.warnings).toEqual([]);
  });

  it("skips Excel's sep= line silently and title lines above the header with a warning; line numbers stay physical", async () => {
    const hinted = await freshOrg(t);
    const r1 = await runImport(t, 'sep=,\r\n' + csv([HEAD, ...ROWS], { delim: ',', crlf: true }), { org: hinted.slug });
    expect(r1.summary).toMatchObject({ created: 2, errors: [], warnings: [] });
    expect((await stored(t, hinted.id)).map((i) => i.description)).toEqual([ROWS[0][2], ROWS[1][2]]);

    // A title whose semicolon would win a count of delimiters; the header below it decides (comma).
    const titled = await freshOrg(t);
    const bad = [...ROWS[1]];
    bad[0] = 'IA-3';
    bad[3] = '2025-13-01';
    const file = 'Avvikelser; Hässelby-Vällingby 2025\n\n' + csv([HEAD, ...ROWS, bad], { delim: ',' });
    const r2 = await runImport(t, file, { org: titled.slug, skipInvalid: true });
    expect(r2.summary.warnings).toEqual(['Rad 1 före rubrikraden (rad 3) hoppades över. / Line 1 before the header row (line 3) was skipped.']);
    expect([r2.summary.warnings_sv, r2.summary.warnings_en]).toEqual([['Rad 1 före rubrikraden (rad 3) hoppades över.'], ['Line 1 before the header row (line 3) was skipped.']]);
    expect(r2.summary.errors.map((e) => [e.line, e.column])).toEqual([[6, 'Rapporterad']]);
    expect((await stored(t, titled.id)).map((i) => [i.externalId, i.title])).toEqual(ROWS.map((x) => [x[0], x[1]]));
  });

  it('stores decomposed letters (as macOS writes them) composed, so they match in search and grouping', async () => {
    const o = await freshOrg(t);
    const r = await runImport(t, csv([HEAD, ...ROWS]).normalize('NFD'), { org: o.slug });
    expect(r.summary).toMatchObject({ created: 2, errors: [], warnings: [] });
    const got = await stored(t, o.id);
    expect(got.map((i) => [i.title, i.description, i.status, i.kind])).toEqual(ROWS.map((x) => [x[1], x[2], x[4], x[5]]));
    expect(got[0].title).toBe(got[0].title.normalize('NFC'));
    expect(got[0].orgId).toBe(o.unitId);
  });

  it('takes the opening line with most known columns as the header when none is complete, and names what it misses there', async () => {
    const o = await freshOrg(t);
    const lines = ['Rapport', 'Ärende-ID;Rubrik;Status', 'IA-1;Rubrik;Klar'];
    const r = await runImport(t, lines.join('\n') + '\n', { org: o.slug });
    expect(r.failed).toBe(true);
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[2, 'Rapporterad']]);
    expect(r.summary.warnings_en).toEqual(['Line 1 before the header row (line 2) was skipped.']);
    expect(await stored(t, o.id)).toEqual([]);
    // No line knows any column: the first is taken, and every required column is missing there.
    const none = await runImport(t, 'a;b\nc;d\n', { org: o.slug });
    expect(none.summary.errors.map((e) => [e.line, e.column])).toEqual([[1, 'Ärende-ID, Rubrik, Rapporterad, Status']]);
  });

  it('finds a header whose cell holds a quoted line break (Excel\'s Alt+Enter) with any delimiter, below a title', async () => {
    for (const d of [',', '\t', ';']) {
      const o = await freshOrg(t);
      const q = (x: string) => `"${x}"`;
      const text = `Export 2025${d}\n${['Ärende-ID', 'Rubrik', q('Anmäld till\nIMY'), 'Rapporterad', 'Status'].join(d)}\nM-1${d}A${d}Ja${d}2025-02-03${d}Klar\n`;
      const r = await runImport(t, text, { org: o.slug });
      expect(r.summary, JSON.stringify(d)).toMatchObject({ created: 1, errors: [] });
      expect((await stored(t, o.id))[0]).toMatchObject({ externalId: 'M-1', reportedToImy: true });
      const first = await runImport(t, `${[q('Ärende-\nID'), 'Rubrik', 'Rapporterad', 'Status'].join(d)}\nM-2${d}B${d}2025-02-04${d}Klar\n`, { org: o.slug });
      expect(first.summary, JSON.stringify(d)).toMatchObject({ created: 1, errors: [], warnings: [] });
    }
  });

  it('unwraps Excel\'s ="…" in every column; reads "Vet ej"; prefers Ärendenummer over a bare ID; warns of times out of order', async () => {
    const o = await freshOrg(t);
    const head = ['ID', 'Ärendenummer', 'Rubrik', 'Beskrivning', 'Händelsedatum', 'Rapporterad', 'Status', 'Anmäld till IMY', 'Personuppgiftsincident'];
    const r = await runImport(t, csv([
      head,
      ['88123', 'IA-2025-0101', '="A"', '="Text"', '="2025-02-01"', '="2025-02-03 09:14"', '="Klar"', '="Nej"', 'Vet ej'],
      ['88124', 'IA-2025-0102', 'B', '', '2025-02-10', '2025-02-03', 'Klar', '="2025-02-04"', 'ja'],
    ]), { org: o.slug });
    expect(r.summary).toMatchObject({ created: 2, errors: [] });
    expect(r.summary.warnings_en).toEqual([
      'Column "ID" (column 1) is ignored: the same field is read from "Ärendenummer" (column 2).',
      '1 row has Rapporterad (reported) before Händelsedatum (occurred) (line 3). They were imported as written; check the times.',
    ]);
    // Two columns of one name: the warning says by their places which one is read.
    const twice = await runImport(t, csv([['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Status'], ['IA-T', 'T', '2025-02-03', 'Klar', '']]), { org: o.slug, dryRun: true });
    expect(twice.summary.warnings_sv).toEqual(['Kolumnen "Status" (kolumn 5) ignoreras: samma uppgift läses från "Status" (kolumn 4).']);
    const [a, b] = await stored(t, o.id);
    expect(a).toMatchObject({ externalId: 'IA-2025-0101', title: 'A', description: 'Text', status: 'Klar', reportedToImy: false, personalData: 'vet_ej' });
    expect(a.occurredAt?.toISOString()).toBe('2025-01-31T23:00:00.000Z');
    expect(b).toMatchObject({ externalId: 'IA-2025-0102', reportedToImy: true, personalData: 'ja' });
  });

  it('notes values in columns without a header (XLSX; a middle column in CSV) and says when a file has no rows', async () => {
    const o = await freshOrg(t);
    const sheet = await xlsx([['Ärende-ID', 'Rubrik', '', 'Rapporterad', 'Status'], ['U-1', 'A', 'anteckning', sheetDate(2025, 2, 3, 9), 'Klar', 'mer'], ['U-2', 'B', '', sheetDate(2025, 2, 4), 'Klar']]);
    const r = await runImport(t, sheet, { org: o.slug }, 'xlsx');
    expect(r.summary).toMatchObject({ created: 2, errors: [] });
    expect(r.summary.warnings_sv).toEqual(['Kolumnerna 3, 6 saknar rubrik; deras värden lästes inte.']);
    const description = await runImport(t, await xlsx([['Ärende-ID', 'Beskrivning', 'Rubrik', 'Rapporterad', 'Status'], ['U-3', 0.1 + 0.2, 'C', sheetDate(2025, 2, 5), 'Klar']]), { org: o.slug }, 'xlsx');
    expect(description.summary).toMatchObject({ created: 1, errors: [] });
    expect((await stored(t, o.id)).find((i) => i.externalId === 'U-3')?.description).toBe('0.3');
    const empty = await runImport(t, 'Ärende-ID;Rubrik;Rapporterad;Status\n', { org: o.slug });
    expect(empty.summary).toMatchObject({ created: 0, rejected: 0, warnings_en: ['The file has no rows below the header; nothing was imported.'] });
  });

  it('keeps quoted delimiters, quotes and newlines, and numbers later lines correctly', async () => {
    const o = await freshOrg(t);
    const text =
      'Ärende-ID;Rubrik;Beskrivning;Rapporterad;Status\r\n' +
      'IA-1;"Rubrik; med semikolon";"Rad ett\r\nrad två med ""citat""\r\nrad tre";2025-01-10;Klar\r\n' +
      'IA-2;Bra;"a,b";2025-01-11;Klar\r\n' +
      'IA-3;Dålig;x;2025-01-12;Okänd\r\n';
    const r = await runImport(t, text, { org: o.slug, skipInvalid: true });
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[6, 'Status']]);
    const got = await stored(t, o.id);
    expect(got[0]).toMatchObject({ title: 'Rubrik; med semikolon', description: 'Rad ett\nrad två med "citat"\nrad tre' });
    expect(got[1].description).toBe('a,b');
  });

  it('matches aliases in any case and order, warns once about unknown columns', async () => {
    const o = await freshOrg(t);
    const text = csv([
      ['  status ', 'REGISTRERAD', 'Handläggare', 'titel', 'id', 'incidenttyp', 'anmäld till msb', 'Inträffade'],
      ['under åtgärd', '2025-03-01 10:00', 'Anna', 'Borttappad dator', 'A-1', 'it-säkerhet', '2025-03-02', '2025-02-28'],
      ['KLAR', '2025-03-05', 'Bo', 'Lånad passerbricka', 'A-2', 'informationssäkerhet', 'nej', ''],
    ]);
    const r = await runImport(t, text, { org: o.slug });
    expect(r.summary.errors).toEqual([]);
    expect(r.summary.warnings).toHaveLength(1);
    expect(r.summary.warnings[0]).toContain('Handläggare');
    const [a, b] = await stored(t, o.id);
    expect(a).toMatchObject({ status: 'Under åtgärd', title: 'Borttappad dator', kind: 'IT-säkerhet', reportedToCsirt: true });
    expect(a.csirtEarlyWarningAt?.toISOString()).toBe('2025-03-01T23:00:00.000Z');
    expect(a.occurredAt?.toISOString()).toBe('2025-02-27T23:00:00.000Z');
    expect(b).toMatchObject({ status: 'Klar', kind: 'Informationssäkerhet', reportedToCsirt: false, occurredAt: null });
  });

  it('ignores empty lines and trailing empty columns; line numbers stay physical', async () => {
    const o = await freshOrg(t);
    const text = '\nÄrende-ID;Rubrik;Rapporterad;Status;;\n\nIA-1;A;2025-01-01;Klar;;\n;;;;;\n   \nIA-2;B;2025-01-02;fel;;\n\n';
    const r = await runImport(t, text, { org: o.slug });
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[7, 'Status']]);
    expect(r.summary.warnings).toEqual([]);
  });

  it('accepts every date format and rejects impossible and nonexistent times with line and column', async () => {
    const o = await freshOrg(t);
    const rows = [
      ['Ärende-ID', 'Rubrik', 'Händelsedatum', 'Rapporterad', 'Status'],
      ['D-1', 'a', '2025-01-01', '2025-01-02', 'Klar'],
      ['D-2', 'b', '2025-06-01 08:30', '2025-06-01 09:30:15', 'Klar'],
      ['D-3', 'c', '2025-06-01T08:30', '2025-06-01T09:30:15', 'Klar'],
      ['D-4', 'd', '', '2025-10-26 02:30', 'Klar'],
      ['D-5', 'e', '2025-02-30', '2025-03-01', 'Klar'],
      ['D-6', 'f', '', '2025-03-30 02:30', 'Klar'],
      ['D-7', 'g', '', '3/2 2025', 'Klar'],
      // The time of day as Swedish writes it, a double space, and seven decimals as .NET and SQL Server write them.
      ['D-8', 'h', '2025-02-03 09.14', '2025-02-03  09:14:05.1234567', 'Klar'],
      ['D-9', 'i', '', '2025-02-03T09.14.05+01:00', 'Klar'],
      ['D-10', 'j', '', '2025-02-03 9.1', 'Klar'],
    ];
    const r = await runImport(t, csv(rows), { org: o.slug, skipInvalid: true });
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[6, 'Händelsedatum'], [7, 'Rapporterad'], [8, 'Rapporterad'], [11, 'Rapporterad']]);
    expect(r.summary.errors[1].reason_en).toMatch(/does not exist/);
    const got = Object.fromEntries((await stored(t, o.id)).map((i) => [i.externalId, i]));
    expect(got['D-1'].occurredAt?.toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(got['D-2'].reportedAt.toISOString()).toBe('2025-06-01T07:30:15.000Z');
    expect(got['D-3'].reportedAt.toISOString()).toBe('2025-06-01T07:30:15.000Z');
    expect(got['D-4'].reportedAt.toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(got['D-8'].occurredAt?.toISOString()).toBe('2025-02-03T08:14:00.000Z');
    expect(got['D-8'].reportedAt.toISOString()).toBe('2025-02-03T08:14:05.123Z');
    expect(got['D-9'].reportedAt.toISOString()).toBe('2025-02-03T08:14:05.000Z');
  });

  it('skips lines that show nothing: zero-width spaces, and the Ctrl-Z that ends old DOS exports', async () => {
    const o = await freshOrg(t);
    const text = 'Ärende-ID;Rubrik;Rapporterad;Status\r\nZ-1;A;2025-01-01;Klar\r\n\u200b;\u200b\u00a0;;\r\nZ-2;B;2025-01-02;Klar\r\n\u001a';
    const r = await runImport(t, text, { org: o.slug });
    expect(r.summary).toMatchObject({ created: 2, errors: [], warnings: [] });
    expect((await stored(t, o.id)).map((i) => i.externalId)).toEqual(['Z-1', 'Z-2']);
  });

  it('reads a header that Excel autocorrected ("Ärende–ID" with a dash) and skips the header when it repeats, saying where', async () => {
    const o = await freshOrg(t);
    // Two exports pasted one after the other: the second header is no row.
    const lines = ['Ärende–ID;Rubrik;Rapporterad;Status', 'R-1;A;2025-01-01;Klar', 'Ärende–ID;Rubrik;Rapporterad;Status', 'R-2;B;2025-01-02;Klar', ' ärende–id ;RUBRIK;Rapporterad;Status', 'R-3;C;2025-01-03;Klar'];
    const r = await runImport(t, lines.join('\n'), { org: o.slug });
    expect(r.summary).toMatchObject({ created: 3, rejected: 0, errors: [] });
    expect(r.summary.warnings_sv).toEqual(['Rubrikraden upprepas på raderna 3, 5; de hoppades över. Filen är kanske flera exporter efter varandra: kontrollera att inga rader finns två gånger.']);
    expect(r.summary.warnings_en).toEqual(['The header row is repeated on lines 3, 5; they were skipped. Perhaps the file is several exports one after the other: check that no rows occur twice.']);
    expect((await stored(t, o.id)).map((i) => i.externalId)).toEqual(['R-1', 'R-2', 'R-3']);
    // A row that only begins like the header is a row, refused as such.
    const half = await runImport(t, ['Ärende-ID;Rubrik;Rapporterad;Status', 'Ärende-ID;x;2025-01-01;Klar'].join('\n'), { org: (await freshOrg(t)).slug });
    expect(half.summary).toMatchObject({ created: 1, warnings: [] });
  });

  it('chooses the delimiter by the header, not by a comma in a title line, when the header lacks a column', async () => {
    const o = await freshOrg(t);
    const r = await runImport(t, 'Export från IA, 2025\nÄrende-ID;Rubrik;Rapporterad;Kategori\nIA-1;A;2025-01-01;Nätfiske\n', { org: o.slug });
    expect(r.failed).toBe(true);
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[2, 'Status']]);
    expect(r.summary.warnings_en).toEqual(['Line 1 before the header row (line 2) was skipped.']);
  });
});

describe('values and flags', () => {
  it('reads Ja/Nej variants, IMY dates, protected identity, and Typ implying personal data', async () => {
    const o = await freshOrg(t);
    const head = ['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Typ', 'Personuppgiftsincident', 'Anmäld till IMY', 'Skyddade personuppgifter'];
    const rows = [
      ['F-1', 'a', '2025-01-01', 'Klar', 'Informationssäkerhet', 'JA', 'Nej', 'x'],
      ['F-2', 'b', '2025-01-01', 'Klar', '', 'x', '2025-01-03 10:00', ''],
      ['F-3', 'c', '2025-01-01', 'Klar', '', '1', 'ja', '0'],
      ['F-4', 'd', '2025-01-01', 'Klar', '', 'true', 'false', 'nej'],
      ['F-5', 'e', '2025-01-01', 'Klar', '', '', '', 'Ja'],
      ['F-6', 'f', '2025-01-01', 'Klar', 'personuppgiftsincident', '', 'Nej', 'Nej'],
      ['F-7', 'g', '2025-01-01', 'Klar', '', 'kanske', 'snart', 'Nej'],
    ];
    const r = await runImport(t, csv([head, ...rows]), { org: o.slug, skipInvalid: true });
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[8, 'Personuppgiftsincident'], [8, 'Anmäld till IMY']]);
    expect(r.summary.rejected).toBe(1);
    const got = Object.fromEntries((await stored(t, o.id)).map((i) => [i.externalId, i]));
    expect(Object.keys(got).sort()).toEqual(['F-1', 'F-2', 'F-3', 'F-4', 'F-5', 'F-6']);
    expect(['F-1', 'F-2', 'F-3', 'F-4', 'F-5', 'F-6'].map((k) => got[k].personalData)).toEqual(['ja', 'ja', 'ja', 'ja', 'nej', 'ja']);
    expect(['F-1', 'F-2', 'F-3', 'F-4', 'F-5', 'F-6'].map((k) => got[k].reportedToImy)).toEqual([false, true, true, false, false, false]);
    expect(got['F-2'].imyReportedAt?.toISOString()).toBe('2025-01-03T09:00:00.000Z');
    expect(['F-1', 'F-2', 'F-3', 'F-4', 'F-5', 'F-6'].map((k) => got[k].protectedIdentity)).toEqual([true, false, false, false, true, false]);
  });

  it('Typ Personuppgiftsincident is a personal data breach when the column is missing', async () => {
    const o = await freshOrg(t);
    await runImport(t, csv([['ID', 'Rubrik', 'Rapporterad', 'Status', 'Typ'], ['P-1', 'a', '2025-01-01', 'Klar', 'Personuppgiftsincident']]), { org: o.slug });
    expect((await stored(t, o.id))[0].personalData).toBe('ja');
  });

  it('matches Enhet by name within the subtree only; otherwise keeps the text', async () => {
    const o = await freshOrg(t);
    await createOrg(t.ctx, { slug: `${o.slug}-avd`, name: 'Avdelning Syd', type: 'avdelning', parent: o.slug });
    const other = await freshOrg(t);
    await createOrg(t.ctx, { slug: `${other.slug}-x`, name: 'Enhet Utanför', type: 'enhet', parent: other.slug });
    const rows = [
      ['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Enhet'],
      ['E-1', 'a', '2025-01-01', 'Klar', '  beställarENHETEN '],
      ['E-2', 'b', '2025-01-01', 'Klar', 'Avdelning Syd'],
      ['E-3', 'c', '2025-01-01', 'Klar', 'Enhet Utanför'],
      ['E-4', 'd', '2025-01-01', 'Klar', ''],
      ['E-5', 'e', '2025-01-01', 'Klar', 'enhet  utanför'],
    ];
    const r = await runImport(t, csv(rows), { org: o.slug });
    // Said once per name (whatever its case or spacing), where the cases went instead.
    expect(r.summary.warnings_sv).toEqual([`Ingen enhet under Förvaltning ${o.slug.split('-')[1]} heter "Enhet Utanför": nya incidenter med den enheten läggs på Förvaltning ${o.slug.split('-')[1]}, med enhetens namn sparat som text.`]);
    const got = await stored(t, o.id);
    expect(got[0]).toMatchObject({ orgId: o.unitId, unitText: null });
    expect(got[1].orgId).not.toBe(o.id);
    expect(got[1].unitText).toBeNull();
    expect(got[2]).toMatchObject({ orgId: o.id, unitText: 'Enhet Utanför' });
    expect(got[3]).toMatchObject({ orgId: o.id, unitText: null });
    // Said of new cases only: the same file again changes nothing and says nothing.
    const again = await runImport(t, csv(rows), { org: o.slug });
    expect(again.summary).toMatchObject({ created: 0, unchanged: 5, warnings: [] });
  });
});

describe('XLSX', () => {
  it('reads the first worksheet: date cells, text dates, numbers and booleans; row numbers are lines', async () => {
    const o = await freshOrg(t);
    const buf = await xlsx(
      [
        ['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Typ', 'Anmäld till IMY', 'Skyddade personuppgifter', 'Enhet'],
        [1001, 'Datumcell', sheetDate(2025, 2, 3, 9, 14), 'Klar', 'Personuppgiftsincident', sheetDate(2025, 2, 4), true, 'Beställarenheten'],
        ['X-2', 'Textdatum', '2025-07-01 10:00', 'under utredning', 'IT-säkerhet', 'Nej', false, null],
        [],
        ['X-4', 'Fel datum', '2025-02-30', 'Klar', null, null, null, null],
      ],
      [[['Ärende-ID'], ['ska inte läsas']]],
    );
    const r = await runImport(t, buf, { org: o.slug, skipInvalid: true }, 'xlsx');
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[5, 'Rapporterad']]);
    expect(r.summary.created).toBe(2);
    const [a, b] = await stored(t, o.id);
    expect(a).toMatchObject({ externalId: '1001', personalData: 'ja', reportedToImy: true, protectedIdentity: true, orgId: o.unitId });
    expect(a.reportedAt.toISOString()).toBe('2025-02-03T08:14:00.000Z');
    expect(a.imyReportedAt?.toISOString()).toBe('2025-02-03T23:00:00.000Z');
    expect(b).toMatchObject({ externalId: 'X-2', status: 'Under utredning', protectedIdentity: false });
    expect(b.reportedAt.toISOString()).toBe('2025-07-01T08:00:00.000Z');
  });

  it('reads the first worksheet with a header when an information or empty sheet comes first, and says so', async () => {
    for (const front of [[['Export från IA', '2025-12-01'], ['Ärende-ID']], []]) {
      const o = await freshOrg(t);
      const r = await runImport(t, await xlsx(front, [[HEAD, ...ROWS]]), { org: o.slug }, 'xlsx');
      expect(r.summary.warnings).toEqual(['Bladet "Blad2" lästes: det första bladet med en rubrikrad. Radnumren gäller det bladet. / Worksheet "Blad2" was read: the first one with a header row. Line numbers refer to that sheet.']);
      expect((await stored(t, o.id)).map((i) => [i.externalId, i.title])).toEqual(ROWS.map((x) => [x[0], x[1]]));
    }
  });

  it('reads one worksheet and names each later one that has a header too (a year per sheet), not leaving it silently', async () => {
    const o = await freshOrg(t);
    const buf = await xlsx([HEAD, ...ROWS], [[HEAD, ['IA-3', 'Från förra året', '', '2024-05-01', 'Klar', '', '']], [['Anteckningar'], ['inget här']]]);
    const r = await runImport(t, buf, { org: o.slug }, 'xlsx');
    expect(r.summary).toMatchObject({ created: 2, errors: [] });
    expect(r.summary.warnings_sv).toEqual(['Bladet "Blad2" har också en rubrikrad men lästes inte: ett blad importeras åt gången. Spara det bladet som en egen fil och importera den, eller samla raderna på ett blad.']);
    expect((await stored(t, o.id)).map((i) => i.externalId)).toEqual(['IA-1', 'IA-2']);
  });

  it('finds the header below a title row and a blank row', async () => {
    const o = await freshOrg(t);
    const buf = await xlsx([['Avvikelser 2025'], [], HEAD, ...ROWS]);
    const r = await runImport(t, buf, { org: o.slug }, 'xlsx');
    expect(r.summary.warnings).toEqual(['Rad 1 före rubrikraden (rad 3) hoppades över. / Line 1 before the header row (line 3) was skipped.']);
    expect((await stored(t, o.id)).map((i) => [i.externalId, i.title, i.status])).toEqual(ROWS.map((x) => [x[0], x[1], x[4]]));
  });
});
