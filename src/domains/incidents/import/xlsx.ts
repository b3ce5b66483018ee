/**
 * XLSX rows, read with our own small reader: the zip archive by random access (zip.ts), its XML parts with a
 * streaming SAX parser. One worksheet is read (see readXlsxRows); the row number is the line number (row 1 =
 * line 1).
 *
 * The workbook, its relationships, the styles and the shared-strings table are read before any worksheet,
 * whatever their order in the archive, so the result never depends on entry order or timing. Memory stays
 * bounded: worksheets are streamed row by row and the shared-strings table is kept on disk (SharedStringFile).
 *
 * Cell values: texts (shared, inline or a formula's cached text; every run of rich text joined, phonetic runs
 * left out, OOXML's `_xHHHH_` escapes decoded), numbers, booleans, error values as their text ("#N/A"), and
 * dates as Date holding the wall-clock time in its UTC fields: date-formatted numbers (Excel serials, 1900 or
 * 1904 system) and `t="d"` cells (ISO 8601 text). Formulas give their cached result.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../../../server/platform/errors';
import type { Cell } from './values';
import type { ProgressFn, RawRecord } from './source';
import { HEADER_SEARCH } from './columns';
import { SharedStringFile } from './shared-strings';
import { xlsxError, ZipFile, type ZipEntry } from './zip';

/** A text longer than this is cut (Excel's own limit is 32,767 characters; the import's longest is 20,000). */
const MAX_TEXT = 1 << 20;
/** Excel's last column is XFD (16,384); cells beyond it are ignored. */
const MAX_COLUMNS = 16_384;

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

function isBlank(cells: Cell[]): boolean {
  return cells.every((c) => c === '' || (typeof c === 'string' && c.trim() === ''));
}

const localName = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** OOXML's escapes of characters XML cannot hold: `_x000D_` is a carriage return, `_x005F_` an underscore. */
export function decodeEscapes(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, with the East Asian ones). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a number format code shows a date or time: d, m, y, h or s outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h') // elapsed time ([h]:mm) is a time too
    .replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare);
}

/** An Excel serial day number → its wall-clock time in a Date's UTC fields (as exceljs did). */
function fromSerial(n: number, date1904: boolean): Date {
  return new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const ISO_CELL = /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:(?:^|[T ])(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A `t="d"` cell: ISO 8601 text → its wall-clock time in a Date's UTC fields (a zone, if written, is ignored:
 * a worksheet's dates have none). A time alone is on Excel's day 0 (1899-12-30). Undefined when it is no date.
 */
export function fromIsoCell(raw: string): Date | undefined {
  const m = ISO_CELL.exec(raw.trim());
  if (!m || (m[1] === undefined && m[4] === undefined)) return undefined;
  const [y, mo, d] = m[1] === undefined ? [1899, 12, 30] : [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return date;
}

/** Column letters of a cell reference ("AB12") → 0-based index; -1 when there are none. */
function columnOf(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    n = n * 26 + (c - 0x60);
    if (n > MAX_COLUMNS) return MAX_COLUMNS;
  }
  return i === 0 ? -1 : n - 1;
}

/** The parts' paths in the archive: relative to the part whose relationships name them, or absolute. */
function resolve(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

type XmlOptions = { xmlns: false; position: false };

/**
 * The most characters of text (or of one tag) between two XML tags. An Excel cell holds at most 32,767 characters,
 * which escaped (&amp; …) stay far below this; the SAX parser would otherwise keep a longer run in memory whole.
 */
const MAX_XML_RUN = 1_000_000;
type Handlers = (parser: SaxesParser<XmlOptions>) => void;

/**
 * Feeds an XML part to a SAX parser set up by `setup`, chunk by chunk; yields after each chunk so the caller
 * can take what the handlers produced. Malformed XML is an AppError naming the part.
 */
async function* parsePart(zip: ZipFile, entry: ZipEntry, setup: Handlers, onBytes?: ProgressFn): AsyncGenerator<void> {
  const parser = new SaxesParser<XmlOptions>({ xmlns: false, position: false });
  setup(parser);
  let decoder: TextDecoder | undefined;
  let run = 0;
  try {
    for await (const chunk of zip.stream(entry, onBytes)) {
      // XML may be UTF-16 (with a byte order mark); OOXML writers use UTF-8. A UTF-8 BOM is dropped.
      decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8');
      const text = decoder.decode(chunk, { stream: true });
      const mark = Math.max(text.lastIndexOf('<'), text.lastIndexOf('>'));
      run = mark === -1 ? run + text.length : text.length - mark - 1;
      if (run > MAX_XML_RUN) {
        throw xlsxError(
          `delen "${entry.name}" har en text på över ${MAX_XML_RUN.toLocaleString('sv-SE')} tecken i ett stycke; ingen cell i Excel rymmer så mycket (en skadad eller manipulerad fil).`,
          `part "${entry.name}" has a text of over ${MAX_XML_RUN.toLocaleString('en')} characters in one piece; no Excel cell holds that much (a damaged or crafted file).`,
        );
      }
      parser.write(text);
      yield;
    }
    if (decoder) parser.write(decoder.decode());
    parser.close();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw xlsxError(`delen "${entry.name}" är ingen giltig XML.`, `part "${entry.name}" is not valid XML.`);
  }
}

async function readPart(zip: ZipFile, entry: ZipEntry, setup: Handlers, onBytes?: ProgressFn): Promise<void> {
  for await (const _ of parsePart(zip, entry, setup, onBytes));
}

/** Relationship id → { type, target part } of a part's .rels (none when it has none). */
async function readRels(zip: ZipFile, part: string): Promise<Map<string, { type: string; target: string }>> {
  const rels = new Map<string, { type: string; target: string }>();
  const entry = zip.get(relsOf(part));
  if (!entry) return rels;
  await readPart(zip, entry, (p) => p.on('opentag', (tag: SaxesTagPlain) => {
    if (localName(tag.name) !== 'Relationship') return;
    const a = tag.attributes;
    if (a.TargetMode === 'External' || !a.Id || !a.Target) return;
    rels.set(a.Id, { type: a.Type ?? '', target: resolve(part, a.Target) });
  }));
  return rels;
}

interface Sheet {
  name: string;
  entry: ZipEntry;
  hidden: boolean;
}

interface Workbook {
  sheets: Sheet[];
  date1904: boolean;
  sharedStrings?: ZipEntry;
  styles?: ZipEntry;
}

async function readWorkbook(zip: ZipFile): Promise<Workbook> {
  const notWorkbook = () => xlsxError('den innehåller ingen Excel-arbetsbok (xl/workbook.xml saknas).', 'it holds no Excel workbook (xl/workbook.xml is missing).');
  const root = await readRels(zip, '');
  const office = [...root.values()].find((r) => REL_OFFICE_DOCUMENT.test(r.type));
  const path = office && zip.get(office.target) ? office.target : 'xl/workbook.xml';
  const entry = zip.get(path);
  if (!entry) throw notWorkbook();
  const listed: { name: string; rid: string; hidden: boolean }[] = [];
  let date1904 = false;
  await readPart(zip, entry, (p) => p.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    if (name === 'workbookPr') {
      const v = tag.attributes.date1904;
      date1904 = v === '1' || v === 'true';
    } else if (name === 'sheet') {
      const rid = Object.entries(tag.attributes).find(([k]) => localName(k) === 'id' && k.includes(':'))?.[1] ?? '';
      const state = tag.attributes.state;
      listed.push({ name: tag.attributes.name ?? '', rid, hidden: state === 'hidden' || state === 'veryHidden' });
    }
  }));
  const rels = await readRels(zip, path);
  const sheets: Sheet[] = [];
  for (const s of listed) {
    const rel = rels.get(s.rid);
    const part = rel && REL_WORKSHEET.test(rel.type) ? zip.get(rel.target) : undefined;
    if (part) sheets.push({ name: s.name, entry: part, hidden: s.hidden });
  }
  // Visible sheets first: a hidden sheet (a lookup list, an old copy) is read only when no visible one has a header.
  sheets.sort((a, b) => Number(a.hidden) - Number(b.hidden));
  const related = (re: RegExp, fallback: string) => {
    const rel = [...rels.values()].find((r) => re.test(r.type));
    return zip.get(rel?.target ?? fallback) ?? zip.get(fallback);
  };
  return { sheets, date1904, sharedStrings: related(REL_SHARED_STRINGS, 'xl/sharedStrings.xml'), styles: related(REL_STYLES, 'xl/styles.xml') };
}

/**
 * What a cell style (the `s` of a cell, an index into cellXfs) does to a number: shows it as a date or time
 * ('date'), pads it with zeros to a width (a number: the format "00000" shows 123 as 00123, as a case id column
 * may), or nothing (undefined).
 */
type NumberStyle = 'date' | number | undefined;

/** A format of zeros only ("00000"): the width it pads whole numbers to. */
export function zeroPadWidth(code: string): number | undefined {
  return /^0{2,}$/.test(code) ? code.length : undefined;
}

async function readNumberStyles(zip: ZipFile, entry: ZipEntry, onBytes?: ProgressFn): Promise<NumberStyle[]> {
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await readPart(zip, entry, (p) => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const name = localName(tag.name);
      if (name === 'numFmt') formats.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(tag.attributes.numFmtId ?? 0));
    });
    p.on('closetag', (tag: SaxesTagPlain) => {
      if (localName(tag.name) === 'cellXfs') inCellXfs = false;
    });
  }, onBytes);
  return xfs.map((id) => {
    const code = formats.get(id);
    if (code === undefined) return BUILTIN_DATE_FORMATS.has(id) ? 'date' : undefined;
    return isDateFormat(code) ? 'date' : zeroPadWidth(code);
  });
}

/**
 * Text of string items (`<si>` of the shared strings, `<is>` of an inline string): every `<t>` joined, those of
 * phonetic runs (`<rPh>`) left out.
 */
class StringItem {
  text = '';
  private inT = false;
  private phonetic = 0;

  open(name: string): void {
    if (name === 't') this.inT = this.phonetic === 0;
    else if (name === 'rPh') this.phonetic++;
  }

  close(name: string): void {
    if (name === 't') this.inT = false;
    else if (name === 'rPh') this.phonetic--;
  }

  add(t: string): void {
    if (this.inT && this.text.length < MAX_TEXT) this.text += t;
  }

  take(): string {
    const s = decodeEscapes(this.text.length > MAX_TEXT ? this.text.slice(0, MAX_TEXT) : this.text);
    this.reset();
    return s;
  }

  reset(): void {
    this.text = '';
    this.inT = false;
    this.phonetic = 0;
  }
}

async function readSharedStrings(zip: ZipFile, entry: ZipEntry, strings: SharedStringFile, onBytes?: ProgressFn): Promise<void> {
  const item = new StringItem();
  let inSi = false;
  await readPart(zip, entry, (p) => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const name = localName(tag.name);
      if (name === 'si') inSi = true;
      else if (inSi) item.open(name);
    });
    p.on('closetag', (tag: SaxesTagPlain) => {
      const name = localName(tag.name);
      if (name === 'si') {
        inSi = false;
        strings.push(item.take());
      } else if (inSi) item.close(name);
    });
    p.on('text', (t) => inSi && item.add(t));
    p.on('cdata', (t) => inSi && item.add(t));
  }, onBytes);
}

interface SheetContext {
  strings: SharedStringFile;
  numberStyles: NumberStyle[];
  date1904: boolean;
}

/** The non-blank rows of a worksheet, in the file's order, streamed. */
async function* sheetRows(zip: ZipFile, entry: ZipEntry, ctx: SheetContext, onBytes?: ProgressFn): AsyncGenerator<RawRecord> {
  const out: RawRecord[] = [];
  let inSheetData = false;
  let inRow = false;
  let rowNumber = 0;
  let cells: Cell[] = [];
  let col = -1;
  // The current cell.
  let inCell = false;
  let type = '';
  let style = 0;
  let inV = false;
  let v = '';
  let inIs = false;
  let hasIs = false;
  const item = new StringItem();

  const cellValue = (): Cell => {
    switch (type) {
      case 's': {
        // An empty shared-string cell is empty (Number('') would name string 0); a number past the table is damage.
        if (v.trim() === '') return '';
        const i = Number(v);
        const s = Number.isInteger(i) && i >= 0 ? ctx.strings.get(i) : undefined;
        if (s === undefined) {
          throw xlsxError(
            `cellen i kolumn ${col + 1} på rad ${rowNumber} hänvisar till delad text nr ${v.trim()}, som inte finns (en skadad fil).`,
            `the cell in column ${col + 1} of row ${rowNumber} refers to shared string ${v.trim()}, which does not exist (a damaged file).`,
          );
        }
        return s;
      }
      case 'inlineStr':
        return item.take();
      case 'str':
        return decodeEscapes(v);
      case 'b':
        return v.trim() === '1' || v.trim().toLowerCase() === 'true';
      case 'e':
        return v.trim();
      case 'd':
        return fromIsoCell(v) ?? v;
      default: {
        if (v.trim() === '') return hasIs ? item.take() : '';
        const n = Number(v);
        if (Number.isNaN(n)) return v;
        const shown = ctx.numberStyles[style];
        if (shown === 'date') return fromSerial(n, ctx.date1904);
        // As Excel shows it: a case id 123 formatted "00000" is the text 00123.
        return typeof shown === 'number' && Number.isInteger(n) && n >= 0 ? String(n).padStart(shown, '0') : n;
      }
    }
  };

  const setup: Handlers = (p) => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const name = localName(tag.name);
      if (!inRow) {
        if (name === 'sheetData') inSheetData = true;
        else if (name === 'row' && inSheetData) {
          inRow = true;
          const r = Number(tag.attributes.r);
          rowNumber = tag.attributes.r !== undefined && Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          col = -1;
        }
        return;
      }
      if (name === 'c') {
        const ref = tag.attributes.r;
        const at = ref === undefined ? -1 : columnOf(ref);
        col = at >= 0 ? at : col + 1;
        inCell = true;
        type = tag.attributes.t ?? 'n';
        style = tag.attributes.s === undefined ? 0 : Number(tag.attributes.s);
        v = '';
        inV = false;
        inIs = false;
        hasIs = false;
        item.reset();
      } else if (!inCell) return;
      else if (name === 'v') inV = true;
      else if (name === 'is') inIs = hasIs = true;
      else if (inIs) item.open(name);
    });
    p.on('closetag', (tag: SaxesTagPlain) => {
      if (!inRow) {
        if (localName(tag.name) === 'sheetData') inSheetData = false;
        return;
      }
      const name = localName(tag.name);
      if (name === 'v') inV = false;
      else if (name === 'is') inIs = false;
      else if (inIs) item.close(name);
      else if (name === 'c') {
        inCell = false;
        if (col >= MAX_COLUMNS) return;
        const value = cellValue();
        while (cells.length < col) cells.push('');
        cells[col] = value;
      } else if (name === 'row') {
        inRow = false;
        if (cells.length > 0 && !isBlank(cells)) out.push({ line: rowNumber, cells });
      }
    });
    const text = (t: string) => {
      if (inV) {
        if (v.length < MAX_TEXT) v += t;
      } else if (inIs) item.add(t);
    };
    p.on('text', text);
    p.on('cdata', text);
  };

  for await (const _ of parsePart(zip, entry, setup, onBytes)) {
    if (out.length > 0) yield* out.splice(0);
  }
  if (out.length > 0) yield* out.splice(0);
}

/**
 * The rows of the first worksheet (in the workbook's order) whose opening rows hold a header (`isHeader`), so
 * an information or empty sheet in front of the data does no harm; that header's record carries the sheet's
 * name when it is not the first sheet. When no sheet has one, the opening rows of the first sheet with rows
 * (whose first row is then reported as an incomplete header).
 */
export async function* readXlsxRows(path: string, onBytes?: ProgressFn, isHeader: (cells: Cell[]) => boolean = () => true): AsyncGenerator<RawRecord> {
  const zip = await ZipFile.open(path);
  let strings: SharedStringFile | undefined;
  let fallback: RawRecord[] | undefined;
  try {
    const book = await readWorkbook(zip);
    if (book.sheets.length === 0) throw xlsxError('arbetsboken har inga kalkylblad.', 'the workbook has no worksheets.');
    const numberStyles = book.styles ? await readNumberStyles(zip, book.styles, onBytes) : [];
    // The shared-strings table goes to a temporary file, not memory (it is as large as the workbook's texts).
    strings = new SharedStringFile();
    if (book.sharedStrings) await readSharedStrings(zip, book.sharedStrings, strings, onBytes);
    const ctx: SheetContext = { strings, numberStyles, date1904: book.date1904 };
    for (let sheetIndex = 0; sheetIndex < book.sheets.length; sheetIndex++) {
      const sheet = book.sheets[sheetIndex];
      const rows = sheetRows(zip, sheet.entry, ctx, onBytes);
      try {
        const opening: RawRecord[] = [];
        let found = false;
        while (!found && opening.length < HEADER_SEARCH) {
          const next = await rows.next();
          if (next.done) break;
          opening.push(next.value);
          found = isHeader(next.value.cells);
        }
        if (found) {
          if (sheetIndex > 0 || sheet.hidden) opening[opening.length - 1].sheet = sheet.name || `${sheetIndex + 1}`;
          yield* opening;
          yield* rows;
          return;
        }
        if (!fallback && opening.length > 0) fallback = opening;
      } finally {
        await rows.return(undefined);
      }
    }
  } finally {
    strings?.close();
    await zip.close();
  }
  if (fallback) yield* fallback;
}
