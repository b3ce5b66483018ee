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
import type { SaxesTagPlain } from 'saxes';
import { isBlankText, type Cell } from './cells';
import type { ProgressFn, RawRecord } from './source';
import { HEADER_SEARCH } from './header';
import { SharedStringFile } from './shared-strings';
import { localName, parsePart, readPart, readRels, type Handlers } from './xlsx-parts';
import { BUILTIN_DATE_FORMATS, decodeEscapes, fromIsoCell, fromSerial, isDateFormat, numberText, showNumber, type NumberStyle } from './xlsx-values';
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
  return cells.every((c) => c === '' || (typeof c === 'string' && isBlankText(c)));
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
    return isDateFormat(code) ? 'date' : numberText(code);
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
  let rowHidden = false;
  let rowErrors = false;
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
        // An Excel error (#N/A, #REF!, #VÄRDEFEL!) is no value: the cell reads as empty, and the row says it held one.
        rowErrors = true;
        return '';
      case 'd':
        return fromIsoCell(v) ?? v;
      default: {
        if (v.trim() === '') return hasIs ? item.take() : '';
        const n = Number(v);
        if (Number.isNaN(n)) return v;
        const shown = ctx.numberStyles[style];
        if (shown === 'date') return fromSerial(n, ctx.date1904);
        // As Excel shows it: a case id 123 formatted "00000" is the text 00123, 42 formatted "IA-"0000 is IA-0042.
        return shown !== undefined && Number.isInteger(n) && n >= 0 ? showNumber(n, shown) : n;
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
          rowHidden = tag.attributes.hidden === '1' || tag.attributes.hidden === 'true';
          rowErrors = false;
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
        if (cells.length > 0 && !isBlank(cells)) {
          const rec: RawRecord = { line: rowNumber, cells };
          if (rowHidden) rec.hidden = true;
          if (rowErrors) rec.excelErrors = true;
          out.push(rec);
        }
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

/** True when one of a sheet's opening rows is a header (`isHeader`); the rows are closed after. */
async function opensWithHeader(rows: AsyncGenerator<RawRecord>, isHeader: (cells: Cell[]) => boolean): Promise<boolean> {
  try {
    for (let n = 0; n < HEADER_SEARCH; n++) {
      const next = await rows.next();
      if (next.done) return false;
      if (isHeader(next.value.cells)) return true;
    }
    return false;
  } finally {
    await rows.return(undefined);
  }
}

/**
 * The rows of the first worksheet (in the workbook's order) whose opening rows hold a header (`isHeader`), so
 * an information or empty sheet in front of the data does no harm; that header's record carries the sheet's
 * name when it is not the first sheet. When no sheet has one, the opening rows of the first sheet with rows
 * (whose first row is then reported as an incomplete header). After the rows, a record with `unreadSheet` (and no
 * cells) names each later sheet that has a header too: one sheet is imported, the rest are said to be left.
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
          if (book.date1904) for (const r of opening) r.date1904 = true;
          yield* opening;
          yield* rows;
          // A later sheet with a header of its own (a year per sheet) is not read; a marker record says so.
          for (let later = sheetIndex + 1; later < book.sheets.length; later++) {
            const other = book.sheets[later];
            if (await opensWithHeader(sheetRows(zip, other.entry, ctx), isHeader)) yield { line: 0, cells: [], unreadSheet: other.name || `${later + 1}` };
          }
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
