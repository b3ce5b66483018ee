/**
 * The XLSX reader on workbooks written by hand (zip and XML under the test's control: entry order, raw cells),
 * directly and through the import service.
 */
import { crc32, deflateRawSync, inflateRawSync as inflate } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness';
import { AppError } from '../../../server/platform/errors';
import { isHeader } from './columns';
import { ensureCity, freshOrg, runImport, stored, tmpFile } from './testkit';
import { parseDateCell } from './values';
import { readXlsxRows } from '../../../server/platform/tabular/xlsx';
import type { RawRecord } from '../../../server/platform/tabular/source';
import { isDateFormat } from '../../../server/platform/tabular/xlsx-values';

// ---------------------------------------------------------------- a tiny zip writer

interface ZipPart {
  name: string;
  data: string | Buffer;
  /** Stored (method 0) instead of deflated. */
  store?: boolean;
}

interface ZipOpts {
  /** Sizes and CRC in a data descriptor after the data, zeros in the local header (as streaming writers do). */
  descriptor?: boolean;
  /** ZIP64 end records and extra fields, as some writers use for any size. */
  zip64?: boolean;
}

function zip(parts: ZipPart[], o: ZipOpts = {}): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const data = Buffer.from(p.data);
    const body = p.store ? data : deflateRawSync(data);
    const crc = crc32(data);
    const name = Buffer.from(p.name);
    const flags = 0x800 | (o.descriptor ? 8 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(p.store ? 0 : 8, 8);
    if (!o.descriptor) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(data.length, 22);
    }
    local.writeUInt16LE(name.length, 26);
    out.push(local, name, body);
    let size = local.length + name.length + body.length;
    if (o.descriptor) {
      const dd = Buffer.alloc(16);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(crc, 4);
      dd.writeUInt32LE(body.length, 8);
      dd.writeUInt32LE(data.length, 12);
      out.push(dd);
      size += dd.length;
    }
    const extra = Buffer.alloc(o.zip64 ? 28 : 0);
    if (o.zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(data.length), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(o.zip64 ? 45 : 20, 4);
    c.writeUInt16LE(o.zip64 ? 45 : 20, 6);
    c.writeUInt16LE(flags, 8);
    c.writeUInt16LE(p.store ? 0 : 8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(o.zip64 ? 0xffffffff : body.length, 20);
    c.writeUInt32LE(o.zip64 ? 0xffffffff : data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(o.zip64 ? 0xffffffff : offset, 42);
    central.push(c, name, extra);
    offset += size;
  }
  const cd = Buffer.concat(central);
  const end: Buffer[] = [];
  if (o.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(parts.length), 24);
    rec.writeBigUInt64LE(BigInt(parts.length), 32);
    rec.writeBigUInt64LE(BigInt(cd.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    end.push(rec, loc);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(o.zip64 ? 0xffff : parts.length, 8);
  eocd.writeUInt16LE(o.zip64 ? 0xffff : parts.length, 10);
  eocd.writeUInt32LE(o.zip64 ? 0xffffffff : cd.length, 12);
  eocd.writeUInt32LE(o.zip64 ? 0xffffffff : offset, 16);
  end.push(eocd);
  return Buffer.concat([...out, cd, ...end]);
}

// ---------------------------------------------------------------- workbooks by hand

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Cell styles: 0 general, 1 built-in date (14), 2 custom date-time, 3 custom number with quoted "d"/"m" text,
 * 4 zero-padded ("00000"), 5 a case id with its prefix ("IA-"0000).
 */
const STYLES =
  `${XML}<styleSheet ${NS}><numFmts count="4"><numFmt numFmtId="164" formatCode="[$-41D]yyyy-mm-dd hh:mm;@"/>` +
  `<numFmt numFmtId="165" formatCode="0&quot; dagar; mån&quot;"/><numFmt numFmtId="166" formatCode="00000"/>` +
  `<numFmt numFmtId="167" formatCode="&quot;IA-&quot;0000"/></numFmts>` +
  '<cellStyleXfs count="2"><xf numFmtId="14"/><xf numFmtId="14"/></cellStyleXfs>' +
  '<cellXfs count="6"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0"/><xf numFmtId="165" xfId="0"/>' +
  '<xf numFmtId="166" xfId="0" applyNumberFormat="1"/><xf numFmtId="167" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>';

interface Book {
  /** Worksheets in workbook order: name and the inner XML of <sheetData>; `hidden` as Excel's "Dölj blad". */
  sheets: { name: string; data: string; hidden?: boolean }[];
  /** The inner XML of each <si> of the shared-strings table (none: no table). */
  strings?: string[];
  date1904?: boolean;
  /** Reorders the zip entries by name (the default puts the shared strings after the worksheets). */
  order?: (names: string[]) => string[];
  zip?: ZipOpts;
  store?: boolean;
}

function book(b: Book): Buffer {
  const parts = new Map<string, string>();
  parts.set('[Content_Types].xml', `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`);
  parts.set('_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  parts.set('xl/workbook.xml',
    `${XML}<workbook ${NS}><workbookPr${b.date1904 ? ' date1904="1"' : ''}/><sheets>` +
    b.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('') + '</sheets></workbook>');
  parts.set('xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    b.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rSt" Type="${REL}/styles" Target="/xl/styles.xml"/>` +
    (b.strings ? `<Relationship Id="rSs" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '') + '</Relationships>');
  parts.set('xl/styles.xml', STYLES);
  b.sheets.forEach((s, i) => parts.set(`xl/worksheets/sheet${i + 1}.xml`, `${XML}<worksheet ${NS}><sheetData>${s.data}</sheetData></worksheet>`));
  if (b.strings) parts.set('xl/sharedStrings.xml', `${XML}<sst ${NS} count="${b.strings.length}" uniqueCount="${b.strings.length}">${b.strings.map((s) => `<si>${s}</si>`).join('')}</sst>`);
  const names = (b.order ?? ((n) => n))([...parts.keys()]);
  return zip(names.map((name) => ({ name, data: parts.get(name)!, store: b.store })), b.zip);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const colName = (i: number) => (i >= 26 ? String.fromCharCode(64 + Math.floor(i / 26)) : '') + String.fromCharCode(65 + (i % 26));

type C = (ref: string) => string;
const str = (t: string): C => (ref) => `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(t)}</t></is></c>`;
const sst = (i: number): C => (ref) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
const num = (v: number | string, style = 0): C => (ref) => `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
const raw = (attrs: string, inner: string): C => (ref) => `<c r="${ref}" ${attrs}>${inner}</c>`;
const row = (r: number, ...cells: C[]) => `<row r="${r}">${cells.map((c, i) => c(`${colName(i)}${r}`)).join('')}</row>`;

const HEAD = ['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status'];
const headRow = row(1, ...HEAD.map(str));

async function read(buf: Buffer): Promise<RawRecord[]> {
  const out = [];
  for await (const r of readXlsxRows(tmpFile(buf, 'xlsx'), undefined, isHeader)) out.push(r);
  return out;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  expect(e.status).toBe(422);
  // Bilingual, and no JavaScript internals.
  expect(e.msg.sv).toMatch(/^Filen kunde inte läsas som XLSX: /);
  expect(e.msg.en).toMatch(/^The file could not be read as XLSX: /);
  for (const m of [e.msg.sv, e.msg.en]) expect(m).not.toMatch(/undefined|Cannot read|TypeError|properties of|zlib|Z_|\[object/i);
  return e;
}

// ---------------------------------------------------------------- the reader

describe('the XLSX reader', () => {
  it('reads the shared strings whatever their place in the zip, the same every time', async () => {
    const strings = ['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Klar', ...Array.from({ length: 3000 }, (_, i) => `Nätfiske nr ${i} – åäö`)];
    let data = row(1, sst(0), sst(1), sst(2), sst(3));
    for (let i = 0; i < 3000; i++) data += row(i + 2, str(`IA-${i}`), sst(5 + i), num(45000 + i, 1), sst(4));
    const expected = [['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status'], ...Array.from({ length: 3000 }, (_, i) => [`IA-${i}`, `Nätfiske nr ${i} – åäö`, new Date(Date.UTC(2023, 2, 15 + i)), 'Klar'])];
    const last = (n: string[]) => [...n.filter((x) => x !== 'xl/sharedStrings.xml'), 'xl/sharedStrings.xml'];
    const first = (n: string[]) => ['xl/sharedStrings.xml', ...n.filter((x) => x !== 'xl/sharedStrings.xml')];
    for (const order of [last, first]) {
      const buf = book({ sheets: [{ name: 'Avvikelser', data }], strings: strings.map((x) => `<t>${x}</t>`), order });
      const names = zipNames(buf);
      expect(names.indexOf('xl/sharedStrings.xml') > names.indexOf('xl/worksheets/sheet1.xml')).toBe(order === last);
      const runs = await Promise.all(Array.from({ length: 20 }, () => read(buf)));
      for (const rows of runs) expect(rows.map((r) => r.cells)).toEqual(expected);
    }
  });

  it('reads t="d" cells (ISO 8601 text) as dates, with the wall-clock time in the UTC fields', async () => {
    const rows = await read(book({
      sheets: [{
        name: 'A',
        data: headRow +
          row(2, str('D-1'), str('a'), raw('t="d"', '<v>2025-02-03T09:14:00</v>'), str('Klar')) +
          row(3, str('D-2'), str('b'), raw('t="d" s="1"', '<v>2025-07-01</v>'), str('Klar')) +
          row(4, str('D-3'), str('c'), raw('t="d"', '<v>2025-07-01T10:00:30.500Z</v>'), str('Klar')) +
          row(5, str('D-4'), str('d'), raw('t="d"', '<v>2025-02-30T10:00:00</v>'), str('Klar')),
      }],
    }));
    expect(rows.map((r) => r.cells[2])).toEqual([
      'Rapporterad', new Date('2025-02-03T09:14:00Z'), new Date('2025-07-01T00:00:00Z'), new Date('2025-07-01T10:00:30.500Z'), '2025-02-30T10:00:00',
    ]);
    const d = parseDateCell(rows[1].cells[2]);
    expect(d.ok && d.value.toISOString()).toBe('2025-02-03T08:14:00.000Z');
    expect(parseDateCell(rows[4].cells[2]).ok).toBe(false);
  });

  it('turns date-formatted numbers into dates (built-in and custom formats, 1900 and 1904 systems), other numbers stay numbers', async () => {
    const data = headRow + row(2, num(1234), num('1.0E+5'), num(45691.385, 1), num(45691.385, 2), num(45691.5, 3), num(0, 1));
    const [, a] = await read(book({ sheets: [{ name: 'A', data }] }));
    expect(a.cells).toEqual([1234, 100000, new Date('2025-02-03T09:14:24Z'), new Date('2025-02-03T09:14:24Z'), 45691.5, new Date('1899-12-30T00:00:00Z')]);
    const [, b] = await read(book({ sheets: [{ name: 'A', data }], date1904: true }));
    expect(b.cells.slice(2, 4)).toEqual([new Date('2029-02-04T09:14:24Z'), new Date('2029-02-04T09:14:24Z')]);
  });

  it('reads a whole number in a zero-padded format as Excel shows it (a case id 123 as "00123"), others as numbers', async () => {
    const [, a] = await read(book({ sheets: [{ name: 'A', data: headRow + row(2, num(123, 4), num(1234567, 4), num(12.5, 4), num(123)) }] }));
    expect(a.cells).toEqual(['00123', '1234567', 12.5, 123]);
  });

  it('reads a case id formatted with its prefix ("IA-"0000) as Excel shows it: 42 is IA-0042', async () => {
    const [, a] = await read(book({ sheets: [{ name: 'A', data: headRow + row(2, num(42, 5), num(12345, 5), num(4.5, 5)) }] }));
    expect(a.cells).toEqual(['IA-0042', 'IA-12345', 4.5]);
  });

  it('refuses a date cell outside 1900–2200 (0 is shown by Excel as 1900-01-00)', async () => {
    const [, a] = await read(book({ sheets: [{ name: 'A', data: headRow + row(2, num(0, 1), num(1e6, 1), num(1, 1), num(45000, 1)) }] }));
    const parsed = a.cells.map((c) => parseDateCell(c));
    expect(parsed.map((p) => p.ok)).toEqual([false, false, false, true]);
    expect(parsed[0].ok || parsed[0].msg).toEqual({
      sv: 'Datumcellens datum 1899-12-30 är orimligt; det måste ligga mellan år 1900 och 2200.',
      en: "The date cell's date 1899-12-30 is out of range; it must lie between the years 1900 and 2200.",
    });
  });

  it('decodes _xHHHH_ escapes in shared, inline and formula texts; _x005F_ escapes an underscore', async () => {
    const strings = ['<t>Rad ett_x000D_\nrad två</t>', '<t>a_x0009_b</t>', '<t>_x005F_x0041_ och _x0041_ och _x00e5_ och _xZZ_</t>'];
    const rows = await read(book({
      sheets: [{ name: 'A', data: headRow + row(2, sst(0), sst(1), sst(2), str('c_x000D_d'), raw('t="str"', '<f>A1</f><v>e_x0009_f</v>')) }],
      strings,
    }));
    expect(rows[1].cells).toEqual(['Rad ett\r\nrad två', 'a\tb', '_x0041_ och A och å och _xZZ_', 'c\rd', 'e\tf']);
  });

  it('joins every run of rich text, inline and shared, leaving out phonetic runs', async () => {
    const rich = '<r><t>X-</t></r><r><rPr><b/><sz val="11"/></rPr><t>2</t></r><r><t xml:space="preserve"> år</t></r>' +
      '<rPh sb="0" eb="1"><t>エックス</t></rPh><phoneticPr fontId="1"/>';
    const rows = await read(book({
      sheets: [{ name: 'A', data: headRow + row(2, sst(0), raw('t="inlineStr"', `<is>${rich}</is>`), sst(1)) }],
      strings: [rich, '<t>Klar</t><rPh sb="0" eb="1"><t>kana</t></rPh>'],
    }));
    expect(rows[1].cells).toEqual(['X-2 år', 'X-2 år', 'Klar']);
  });

  it('numbers rows and cells without an r attribute from the ones before', async () => {
    const c = (t: string) => `<c t="inlineStr"><is><t>${t}</t></is></c>`;
    const data =
      `<row>${HEAD.map(c).join('')}</row>` +
      `<row>${c('A-2')}<c r="C2" t="inlineStr"><is><t>C2</t></is></c>${c('D2')}</row>` +
      '<row r="5"><c r="B5" t="inlineStr"><is><t>B5</t></is></c><c><v>7</v></c></row>' +
      `<row>${c('A6')}<c/>${c('C6')}</row>`;
    const rows = await read(book({ sheets: [{ name: 'A', data }] }));
    expect(rows).toEqual([
      { line: 1, cells: HEAD },
      { line: 2, cells: ['A-2', '', 'C2', 'D2'] },
      { line: 5, cells: ['', 'B5', 7] },
      { line: 6, cells: ['A6', '', 'C6'] },
    ]);
  });

  it('reads booleans, error values (as empty cells, the row marked), cached formula results and skips blank rows', async () => {
    const rows = await read(book({
      sheets: [{
        name: 'A',
        data: headRow +
          row(2, raw('t="b"', '<v>1</v>'), raw('t="b"', '<v>0</v>'), raw('t="e"', '<f>NA()</f><v>#N/A</v>'), raw('', '<f>1+1</f><v>2</v>'), raw('t="str"', '<f>"x"</f>')) +
          row(3, str('  '), raw('', '')) +
          row(4, str('sist')),
      }],
    }));
    expect(rows).toEqual([{ line: 1, cells: HEAD }, { line: 2, cells: [true, false, '', 2, ''], excelErrors: true }, { line: 4, cells: ['sist'] }]);
  });

  it('takes worksheets in the workbook\'s order (not the zip\'s), names the sheet it found the header on', async () => {
    const info = { name: 'Info', data: row(1, str('Export från IA')) };
    const data = { name: 'Data', data: headRow + row(2, str('IA-1'), str('a'), str('2025-01-01'), str('Klar')) };
    const reversed = (n: string[]) => [...n].sort().reverse();
    const rows = await read(book({ sheets: [info, data], order: reversed }));
    expect(rows).toEqual([{ line: 1, cells: HEAD, sheet: 'Data' }, { line: 2, cells: ['IA-1', 'a', '2025-01-01', 'Klar'] }]);
    // No header anywhere: the opening rows of the first sheet with rows.
    expect(await read(book({ sheets: [{ name: 'Tom', data: '' }, info] }))).toEqual([{ line: 1, cells: ['Export från IA'] }]);
  });

  it('reads stored entries, data descriptors, ZIP64 directories and prefixed XML alike', async () => {
    const data = headRow + row(2, str('IA-1'), sst(0), num(45000, 1), str('Klar'));
    const expected = [{ line: 1, cells: HEAD }, { line: 2, cells: ['IA-1', 'Rubrik å', new Date('2023-03-15T00:00:00Z'), 'Klar'] }];
    for (const b of [{ store: true }, { zip: { descriptor: true } }, { zip: { zip64: true } }, { zip: { zip64: true, descriptor: true }, store: true }]) {
      expect(await read(book({ sheets: [{ name: 'A', data }], strings: ['<t>Rubrik å</t>'], ...b }))).toEqual(expected);
    }
    const prefixed = book({ sheets: [{ name: 'A', data }], strings: ['<t>Rubrik å</t>'] });
    const x = zip(unzipForTest(prefixed).map((p) => p.name === 'xl/worksheets/sheet1.xml'
      ? { name: p.name, data: p.data.toString().replace(/<(\/?)(worksheet|sheetData|row|c|v|is|t)([ >])/g, '<$1x:$2$3').replace(`<x:worksheet ${NS}`, `<x:worksheet ${NS.replace('xmlns=', 'xmlns:x=')}`) }
      : p));
    expect(await read(x)).toEqual(expected);
  });

  it('recognises date and time number formats', () => {
    for (const f of ['yyyy-mm-dd', 'd/m/yy', '[$-41D]yyyy-mm-dd hh:mm;@', 'hh:mm:ss', '[h]:mm', 'mmm-yy', 'YYYY-MM-DD', '[Red]d mmm']) expect(isDateFormat(f), f).toBe(true);
    for (const f of ['General', '0', '0.00', '#,##0 "kr"', '0" dagar"', '0.00E+00', '@', '[Red]0.0', '\\d0', '_-* #,##0_-', '[$€-2] #,##0.00']) expect(isDateFormat(f), f).toBe(false);
  });
});

describe('a broken file', () => {
  const good = book({ sheets: [{ name: 'A', data: headRow + row(2, str('IA-1'), str('a'), str('2025-01-01'), str('Klar')) }] });

  it('is refused with a clear message in Swedish and English, never a JavaScript error', async () => {
    const noWorkbook = zip(unzipForTest(good).filter((p) => p.name !== 'xl/workbook.xml'));
    expect((await failure(read(noWorkbook))).msg.en).toMatch(/workbook\.xml is missing/);
    const junk = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(5000, 7)]);
    expect((await failure(read(junk))).msg.en).toMatch(/damaged or incomplete/);
    expect((await failure(read(good.subarray(0, good.length - 60)))).msg.en).toMatch(/damaged or incomplete/);
    // A worksheet whose compressed data is damaged (detected by inflate or by the CRC).
    const parts = unzipForTest(good);
    const sheetAt = good.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    for (let k = 0; k < 3; k++) {
      const bad = Buffer.from(good);
      bad[sheetAt + 10 + k * 7] ^= 0x5a;
      expect((await failure(read(bad))).msg.sv).toMatch(/skadad|giltig XML/);
    }
    // Not XML, and an encrypted entry.
    const notXml = zip(parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { name: p.name, data: '<worksheet><sheetData><row>' } : p)));
    expect((await failure(read(notXml))).msg.en).toMatch(/"xl\/worksheets\/sheet1\.xml" is not valid XML/);
    const encrypted = Buffer.from(good);
    for (let i = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) encrypted[i + 8] |= 1;
    expect((await failure(read(encrypted))).msg.en).toMatch(/encrypted/);
  });
});

describe('a crafted or damaged file (an outside audit\'s cases)', () => {
  it('refuses a part that would unpack 200 times its size (a zip bomb) before unpacking it', async () => {
    const bomb = book({ sheets: [{ name: 'A', data: headRow + row(2, str('IA-1'), sst(0), str('2025-01-01'), str('Klar')) }], strings: [`<t>${'A'.repeat(40 * 1024 * 1024)}</t>`] });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const e = await failure(read(bomb));
    expect(e.msg.sv).toMatch(/"xl\/sharedStrings\.xml" packas upp till 40 MB ur \d+(,\d)? KB, mer än ett kalkylblad kan vara \(en zip-bomb/);
  });

  it('refuses a text of over a million characters in one piece, which the XML parser would hold whole', async () => {
    // Stored, not deflated: no zip bomb, just a text no Excel cell can hold.
    const long = book({ sheets: [{ name: 'A', data: headRow + row(2, str('IA-1'), sst(0), str('2025-01-01'), str('Klar')) }], strings: [`<t>${'B'.repeat(1_100_000)}</t>`], store: true });
    expect((await failure(read(long))).msg.en).toMatch(/"xl\/sharedStrings\.xml" has a text of over 1,000,000 characters in one piece/);
  });

  it('reads an empty shared-string cell as empty, and refuses a reference past the table', async () => {
    const data = headRow + row(2, str('IA-1'), raw('t="s"', ''), str('2025-01-01'), str('Klar')) + row(3, str('IA-2'), raw('t="s"', '<v></v>'), str('2025-01-01'), str('Klar'));
    const rows = await read(book({ sheets: [{ name: 'A', data }], strings: ['<t>Första texten</t>'] }));
    expect(rows.slice(1).map((r) => r.cells[1])).toEqual(['', '']);
    const past = headRow + row(2, str('IA-1'), sst(99), str('2025-01-01'), str('Klar'));
    expect((await failure(read(book({ sheets: [{ name: 'A', data: past }], strings: ['<t>a</t>', '<t>b</t>'] })))).msg.sv).toMatch(/kolumn 2 på rad 2 hänvisar till delad text nr 99, som inte finns/);
  });

  it('reads the first visible sheet with a header before a hidden one (then names that one as left), and names a hidden sheet it had to read', async () => {
    const hidden = { name: 'Gammal', hidden: true, data: headRow + row(2, str('GAMMAL-1'), str('a'), str('2024-01-01'), str('Klar')) };
    const visible = { name: 'Data', data: headRow + row(2, str('IA-1'), str('b'), str('2025-01-01'), str('Klar')) };
    expect((await read(book({ sheets: [hidden, visible] }))).map((r) => [r.cells[0], r.sheet, r.unreadSheet])).toEqual([
      ['Ärende-ID', undefined, undefined], ['IA-1', undefined, undefined], [undefined, undefined, 'Gammal'],
    ]);
    const onlyHidden = await read(book({ sheets: [{ name: 'Info', data: row(1, str('Export')) }, hidden] }));
    expect(onlyHidden[0].sheet).toBe('Gammal');
  });
});

/** Entry names in zip order (local headers). */
function zipNames(buf: Buffer): string[] {
  return unzipForTest(buf).map((p) => p.name);
}

/** The entries of a zip written by `zip` without descriptors (test helper: local headers in order). */
function unzipForTest(buf: Buffer): { name: string; data: Buffer }[] {
  const out: { name: string; data: Buffer }[] = [];
  for (let p = 0; buf.readUInt32LE(p) === 0x04034b50; ) {
    const method = buf.readUInt16LE(p + 8);
    const size = buf.readUInt32LE(p + 18);
    const nameLength = buf.readUInt16LE(p + 26);
    const start = p + 30 + nameLength + buf.readUInt16LE(p + 28);
    const body = buf.subarray(start, start + size);
    out.push({ name: buf.toString('utf8', p + 30, p + 30 + nameLength), data: method === 8 ? inflate(body) : Buffer.from(body) });
    p = start + size;
  }
  return out;
}

// ---------------------------------------------------------------- through the import

describe('XLSX through the import', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    await ensureCity(t);
  });
  afterAll(() => t.close());

  const HEAD2 = ['Ärende-ID', 'Rubrik', 'Beskrivning', 'Rapporterad', 'Status', 'Anmäld till IMY'];

  it('imports a workbook whose shared strings come after the worksheet, with rich text, escapes and t="d" dates', async () => {
    const o = await freshOrg(t);
    const strings = [...HEAD2.map((h) => `<t>${h}</t>`), '<t>Klar</t>', '<r><t>X-</t></r><r><rPr><b/></rPr><t>2</t></r><rPh sb="0" eb="1"><t>kana</t></rPh>', '<t>Rad ett_x000D_\nrad två</t>'];
    const data =
      row(1, ...HEAD2.map((_, i) => sst(i))) +
      row(2, str('IA-1'), sst(7), sst(8), raw('t="d"', '<v>2025-02-03T09:14:00</v>'), sst(6), raw('t="d"', '<v>2025-02-04</v>')) +
      row(3, str('IA-2'), str('Datumcell'), str(''), num(45691.385, 2), sst(6), str('Nej'));
    const r = await runImport(t, book({ sheets: [{ name: 'Avvikelser', data }], strings }), { org: o.slug }, 'xlsx');
    expect(r.summary).toMatchObject({ created: 2, errors: [], warnings: [] });
    const [a, b] = await stored(t, o.id);
    expect(a).toMatchObject({ externalId: 'IA-1', title: 'X-2', description: 'Rad ett\nrad två', reportedToImy: true });
    expect(a.reportedAt.toISOString()).toBe('2025-02-03T08:14:00.000Z');
    expect(a.imyReportedAt?.toISOString()).toBe('2025-02-03T23:00:00.000Z');
    expect(b.reportedAt.toISOString()).toBe('2025-02-03T08:14:24.000Z');
  });

  it('in a 1904 workbook (Excel for Mac) reads a plain number in a date column as a day from 1904, as its date cells are', async () => {
    const o = await freshOrg(t);
    // 44229.385 days after 1904-01-01 is 2025-02-03 09:14:24, as 45691.385 is after 1899-12-30; 44231 is 2025-02-05.
    const data =
      row(1, ...HEAD2.map(str)) +
      row(2, str('IA-1'), str('Tal utan format'), str(''), num(44229.385), str('Klar'), num(44231)) +
      row(3, str('IA-2'), str('Datumcell'), str(''), num(44229.385, 2), str('Klar'), num(44231, 1));
    const r = await runImport(t, book({ sheets: [{ name: 'A', data }], date1904: true }), { org: o.slug }, 'xlsx');
    expect(r.summary).toMatchObject({ created: 2, errors: [] });
    for (const i of await stored(t, o.id)) {
      expect(i.reportedAt.toISOString(), i.externalId ?? '').toBe('2025-02-03T08:14:24.000Z');
      expect(i.imyReportedAt?.toISOString(), i.externalId ?? '').toBe('2025-02-04T23:00:00.000Z');
    }
  });

  it('imports the rows a filter hides as well, and says which they are', async () => {
    const o = await freshOrg(t);
    const hidden = (r: number, ...cells: C[]) => row(r, ...cells).replace(`<row r="${r}">`, `<row r="${r}" hidden="1">`);
    const data =
      row(1, ...HEAD2.map(str)) +
      row(2, str('F-1'), str('Synlig'), str(''), num(45691, 1), str('Klar'), str('Nej')) +
      hidden(3, str('F-2'), str('Dold'), str(''), num(45691, 1), str('Klar'), str('Nej')) +
      hidden(4, str('F-3'), str('Också dold'), str(''), num(45691, 1), str('Klar'), str('Nej'));
    const r = await runImport(t, book({ sheets: [{ name: 'A', data }] }), { org: o.slug, dryRun: true }, 'xlsx');
    expect(r.summary).toMatchObject({ created: 3, rejected: 0 });
    expect(r.summary.warnings_sv).toEqual(['Raderna 3, 4 är dolda i arbetsboken (ett filter eller dolda rader) men lästes ändå: hela bladet importeras. Ta bort de rader som inte ska importeras i stället för att dölja dem.']);
    expect(r.summary.warnings_en).toEqual(['Lines 3, 4 are hidden in the workbook (a filter or hidden rows) but were read all the same: the whole sheet is imported. Delete the rows that should not be imported instead of hiding them.']);
  });

  it('reads an Excel error value (#N/A of a lookup) as an empty cell and says on which rows', async () => {
    const o = await freshOrg(t);
    const err = raw('t="e"', '<f>VLOOKUP(A2,Blad2!A:B,2,FALSE)</f><v>#N/A</v>');
    const data =
      row(1, ...HEAD2.map(str)) +
      row(2, str('E-1'), str('Med fel i beskrivningen'), err, num(45691, 1), str('Klar'), str('Nej')) +
      row(3, str('E-2'), err, str('Rubriken är ett fel'), num(45691, 1), str('Klar'), str('Nej'));
    const r = await runImport(t, book({ sheets: [{ name: 'A', data }] }), { org: o.slug, skipInvalid: true }, 'xlsx');
    expect(r.summary).toMatchObject({ created: 1, rejected: 1 });
    expect(r.summary.errors).toMatchObject([{ line: 3, column: 'Rubrik' }]);
    expect(r.summary.warnings_sv).toEqual(['Raderna 2, 3 har celler med Excels felvärden (#SAKNAS!, #REFERENS! och liknande, ofta en formel som inte hittade sitt värde); de lästes som tomma. Rätta formlerna i arbetsboken om värdena behövs.']);
    expect((await stored(t, o.id)).map((i) => [i.externalId, i.description])).toEqual([['E-1', '']]);
  });

  it('rejects a date cell holding 0 with its row and column, also as the IMY report date', async () => {
    const o = await freshOrg(t);
    const data =
      row(1, ...HEAD2.map(str)) +
      row(2, str('IA-1'), str('a'), str(''), num(0, 1), str('Klar'), str('Nej')) +
      row(3, str('IA-2'), str('b'), str(''), num(45691, 1), str('Klar'), num(0, 1)) +
      row(4, str('IA-3'), str('c'), str(''), num(45691, 1), str('Klar'), num(45692, 1));
    const r = await runImport(t, book({ sheets: [{ name: 'A', data }] }), { org: o.slug, skipInvalid: true }, 'xlsx');
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[2, 'Rapporterad'], [3, 'Anmäld till IMY']]);
    expect(r.summary.errors[0].reason_en).toMatch(/1899-12-30 is out of range/);
    expect((await stored(t, o.id)).map((i) => i.externalId)).toEqual(['IA-3']);
  });

  it('refuses a zip without a workbook with a bilingual 422, not a JS error', async () => {
    const o = await freshOrg(t);
    const buf = zip([{ name: 'word/document.xml', data: '<document/>' }]);
    const e = await failure(runImport(t, buf, { org: o.slug }, 'xlsx'));
    expect(e.code).toBe('unreadable_file');
    expect(e.msg.sv).toMatch(/xl\/workbook\.xml saknas/);
  });
});
