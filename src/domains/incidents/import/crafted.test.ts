/** Unusual and crafted files (an outside audit's cases): what the importer refuses, and what it reads despite damage. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness';
import type { AppError } from '../../../server/platform/errors';
import { csv, ensureCity, freshOrg, HEAD, ROWS, runImport, sheetDate, stored, xlsx } from './testkit';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await ensureCity(t);
});
afterAll(() => t.close());

describe('unusual and crafted files (an outside audit\'s cases)', () => {
  const HEAD4 = ['Ärende-ID', 'Rubrik', 'Beskrivning', 'Rapporterad', 'Status'];

  it('reads a file with UTF-8\'s byte order mark as UTF-8 even with a stray byte, refusing only that row', async () => {
    const o = await freshOrg(t);
    const text = csv([HEAD4, ['U-1', 'E-post till fel mottagare på förskolan', 'Skickad – fel', '2025-02-03', 'Klar'], ['U-2', 'Nätfiske', 'BAD', '2025-02-04', 'Klar']], { bom: true });
    const [before, after] = text.split('BAD');
    const file = Buffer.concat([Buffer.from(before), Buffer.from([0x96]), Buffer.from(after)]);
    const r = await runImport(t, file, { org: o.slug, skipInvalid: true });
    expect(r.summary).toMatchObject({ created: 1, rejected: 1 });
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[3, 'Beskrivning']]);
    expect(r.summary.errors[0].reason_sv).toMatch(/byte som inte är giltig UTF-8/);
    expect(r.summary.warnings_en[0]).toMatch(/begins with the UTF-8 byte order mark but holds bytes that are not valid UTF-8/);
    expect((await stored(t, o.id)).map((i) => [i.title, i.description])).toEqual([['E-post till fel mottagare på förskolan', 'Skickad – fel']]);
  });

  it('refuses the whole file for a quote never closed, also with skip-invalid, and counts nothing as created', async () => {
    const o = await freshOrg(t);
    const rows = Array.from({ length: 8 }, (_, i) => [`Q-${i}`, `Rubrik ${i}`, i === 2 ? '"Citat utan slut' : 'Text', '2025-02-03', 'Klar']);
    const r = await runImport(t, csv([HEAD4, ...rows]), { org: o.slug, skipInvalid: true });
    expect(r.failed).toBe(true);
    expect(r.summary).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[4, 'Beskrivning']]);
    expect(r.summary.errors[0].reason_en).toMatch(/never closed.*Nothing was imported/);
    expect(await stored(t, o.id)).toEqual([]);
    // A record cut off after many valid rows (over 2,000,000 characters): the same, nothing counted as created.
    const many = Array.from({ length: 1200 }, (_, i) => [`M-${i}`, 'Rubrik', 'Text', '2025-02-03', 'Klar']);
    const long = `${csv([HEAD4, ...many])}M-x;Rubrik;"${'x'.repeat(2_100_000)}\n`;
    const r2 = await runImport(t, long, { org: o.slug, dryRun: true });
    expect(r2.summary).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(r2.summary.errors[0]).toMatchObject({ line: 1202, column: null });
  });

  it('refuses an encrypted workbook (a password or an encrypting sensitivity label) as such, not as the old .xls', async () => {
    const o = await freshOrg(t);
    // A compound file (the .xls container) whose directory names Office's encrypted package.
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(70_000, 0), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(512, 0)]);
    const e = await runImport(t, cfb, { org: o.slug }, 'xlsx').then(() => undefined, (x: AppError) => x);
    expect(e).toMatchObject({ status: 415, code: 'encrypted_file' });
    expect(e!.msg.sv).toMatch(/^Filen är krypterad: den har ett lösenord eller en känslighetsetikett/);
    const xls = await runImport(t, Buffer.concat([cfb.subarray(0, 70_008), Buffer.alloc(600, 0)]), { org: o.slug }, 'xls').then(() => undefined, (x: AppError) => x);
    expect(xls).toMatchObject({ status: 415, code: 'unsupported_file_type' });
    expect(xls!.msg.en).toMatch(/old Excel format/);
  });

  it('refuses a row with a stray NUL, not the whole file, when a few rows have one', async () => {
    const o = await freshOrg(t);
    const rows = Array.from({ length: 10 }, (_, i) => [`N-${i}`, `Rubrik\u0000${i}`, '2025-02-03', 'Klar']);
    const r = await runImport(t, csv([['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status'], ...rows, ['N-ok', 'Hel', '2025-02-03', 'Klar']]), { org: o.slug, skipInvalid: true });
    expect(r.summary).toMatchObject({ created: 1, rejected: 10 });
    expect(r.summary.errors[0]).toMatchObject({ line: 2, column: 'Rubrik' });
  });

  it('refuses binary data as neither CSV nor XLSX (415), and a file of one endless line clearly', async () => {
    const o = await freshOrg(t);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 0), Buffer.from('\nstream\n'), Buffer.alloc(32, 0)]);
    const e = await runImport(t, pdf, { org: o.slug }).then(() => undefined, (x: AppError) => x);
    expect(e).toMatchObject({ status: 415, code: 'unsupported_file_type' });
    expect(e!.msg.sv).toMatch(/varken CSV-text eller XLSX/);
    // By their first bytes too, without a NUL in sight (a compressed PDF stream, a PNG); and UTF-16 without its mark.
    const refused = async (b: Buffer) => (await runImport(t, b, { org: o.slug }).then(() => undefined, (x: AppError) => x))?.code;
    expect(await refused(Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj << /Length 5 >> stream\nxyzzy\nendstream'))).toBe('unsupported_file_type');
    expect(await refused(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest')]))).toBe('unsupported_file_type');
    expect(await refused(Buffer.from(csv([HEAD, ...ROWS]), 'utf16le'))).toBe('unsupported_file_type');
    const endless = Buffer.alloc(2_100_000, 'a');
    const e2 = await runImport(t, endless, { org: o.slug }).then(() => undefined, (x: AppError) => x);
    expect(e2).toMatchObject({ status: 422, code: 'unreadable_file' });
    expect(e2!.msg.sv).toMatch(/^Filen kunde inte läsas som CSV: posten som börjar på rad 1 är över 2000000 tecken lång/);
    expect(e2!.msg.en).not.toMatch(/exceeds/);
  });

  it('takes headers with a colon or an asterisk, warns once for a repeated unknown column, removes control characters', async () => {
    const o = await freshOrg(t);
    const head = ['Ärende-ID*', 'Rubrik:', 'Rapporterad :', 'Status', 'Handläggare', 'Handläggare'];
    const r = await runImport(t, csv([head, ['C-1', 'Fel\u001b[2J mottagare\u0007', '2025-02-03', 'Klar', 'A', 'B']]), { org: o.slug });
    expect(r.summary).toMatchObject({ created: 1, errors: [] });
    expect(r.summary.warnings_sv).toEqual(['Kolumnen "Handläggare" känns inte igen och ignoreras.']);
    expect((await stored(t, o.id))[0].title).toBe('Fel[2J mottagare');
  });

  it('reads Excel\'s ="007", an offset without minutes, and a description as long as an Excel cell', async () => {
    const o = await freshOrg(t);
    const longText = 'å'.repeat(32_767);
    const r = await runImport(t, csv([HEAD4, ['="007"', 'Rubrik', longText, '2025-02-03 09:00+01', 'Klar']]), { org: o.slug });
    expect(r.summary).toMatchObject({ created: 1, errors: [] });
    const [a] = await stored(t, o.id);
    expect(a.externalId).toBe('007');
    expect(a.description).toHaveLength(32_767);
    expect(a.reportedAt.toISOString()).toBe('2025-02-03T08:00:00.000Z');
    const r2 = await runImport(t, csv([HEAD4, ['008', 'Rubrik', `${longText}x`, '1899-12-31', 'Klar']]), { org: o.slug });
    expect(r2.summary.errors.map((e) => [e.column, e.reason_sv])).toEqual([
      ['Beskrivning', 'Beskrivning är för lång: 32768 tecken, högst 32767.'],
      ['Rapporterad', 'Datumet "1899-12-31" är orimligt; året måste ligga mellan 1900 och 2200.'],
    ]);
  });

  it('refuses a time in the future and a reported time before 2000, at the line and column, in both languages', async () => {
    const o = await freshOrg(t);
    const next = `${new Date().getUTCFullYear() + 1}-06-01`;
    const head = ['Ärende-ID', 'Rubrik', 'Händelsedatum', 'Rapporterad', 'Status', 'Anmäld till IMY'];
    const r = await runImport(t, csv([
      head,
      ['F-1', 'Inträffar i framtiden', `${next} 10:00`, '2025-02-03', 'Klar', 'Nej'],
      ['F-2', 'Rapporteras i framtiden', '', next, 'Klar', 'Nej'],
      ['F-3', 'Anmäld i framtiden', '', '2025-02-03', 'Klar', next],
      ['F-4', 'Rapporterad förr', '1995-05-05', '1999-12-31 23:59', 'Klar', 'Ja'],
      ['F-5', 'Inträffade förr, rapporterad nu', '1995-05-05', '2000-01-01', 'Klar', 'Ja'],
    ]), { org: o.slug });
    expect(r.summary.errors.map((e) => [e.line, e.column, e.reason_sv])).toEqual([
      [2, 'Händelsedatum', `Händelsedatum ${next} 10:00 ligger i framtiden; ange när det hände.`],
      [3, 'Rapporterad', `Rapporterad ${next} 00:00 ligger i framtiden; ange när det hände.`],
      [4, 'Anmäld till IMY', `Anmäld till IMY ${next} 00:00 ligger i framtiden; ange när det hände.`],
      [5, 'Rapporterad', 'Rapporterad 1999-12-31 23:59 ligger före år 2000, det första år Tillit räknar incidenter för.'],
    ]);
    expect(r.summary.errors[3].reason_en).toBe('Rapporterad 1999-12-31 23:59 is before 2000, the first year Tillit counts incidents for.');
    expect(r.summary).toMatchObject({ created: 0, rejected: 4 });
    expect(await stored(t, o.id)).toEqual([]);
  });

  it('reads a number in a text column of an XLSX as Excel shows it (15 digits)', async () => {
    const o = await freshOrg(t);
    const r = await runImport(t, await xlsx([['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status'], [42, 0.1 + 0.2, sheetDate(2025, 2, 3, 9), 'Klar']]), { org: o.slug }, 'xlsx');
    expect(r.summary).toMatchObject({ created: 1, errors: [] });
    expect((await stored(t, o.id)).map((i) => [i.externalId, i.title])).toEqual([['42', '0.3']]);
  });

  it('keeps an unknown Enhet as text on a re-import as when the case was new, but not over a unit found by name', async () => {
    const o = await freshOrg(t);
    const head = ['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Enhet'];
    await runImport(t, csv([head, ['E-1', 'a', '2025-02-03', 'Klar', ''], ['E-2', 'b', '2025-02-03', 'Klar', 'Gammal okänd'], ['E-3', 'c', '2025-02-03', 'Klar', 'Beställarenheten']]), { org: o.slug });
    const r = await runImport(t, csv([head, ['E-1', 'a', '2025-02-03', 'Klar', 'Ny okänd enhet'], ['E-2', 'b', '2025-02-03', 'Klar', 'Ny okänd enhet'], ['E-3', 'c', '2025-02-03', 'Klar', 'Ny okänd enhet']]), { org: o.slug });
    expect(r.summary).toMatchObject({ updated: 2, unchanged: 1 });
    expect((await stored(t, o.id)).map((i) => [i.externalId, i.orgId === o.unitId ? 'enhet' : 'förvaltning', i.unitText])).toEqual([
      ['E-1', 'förvaltning', 'Ny okänd enhet'], ['E-2', 'förvaltning', 'Ny okänd enhet'], ['E-3', 'enhet', null],
    ]);
  });
});
