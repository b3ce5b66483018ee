/**
 * The spreadsheet conventions of every export, server-side (platform/export.ts) and in the browser
 * (web/components/registerExport.ts): CSV for Swedish Excel (UTF-8 with BOM, semicolons, CRLF), XLSX with times as
 * real date cells in Stockholm wall-clock time, and CSV cells that would start a formula defused (XLSX text cells are
 * never evaluated: they keep their text, formatted as text). No Node imports: the
 * web app bundles this file (in its lazily loaded export chunk); exceljs is loaded on first use.
 */
import Papa from 'papaparse';

export type SheetValue = string | number | boolean | Date | null | undefined;
export interface SheetColumn<T> {
  key: string;
  header: string;
  value: (row: T) => SheetValue;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text that Excel would read as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe. */
export const defuse = <V,>(v: V): V | string => (typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v);

/** A defused text back as it was (the imports read Tillit's own exports: "'- ingen" is "- ingen"); any other text as it is. */
export const undefuse = (s: string): string => (s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s);

const WALL = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/**
 * The instant as a date cell shows it in Stockholm: a Date whose UTC fields are the Stockholm wall-clock time
 * (Excel cells have no zone, and exceljs writes a Date's UTC fields). 2025-11-11T10:42Z is 11:42 in the cell.
 */
export function stockholmWallClock(d: Date): Date {
  const p = Object.fromEntries(WALL.formatToParts(d).map((x) => [x.type, x.value]));
  return new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)));
}

/** How date cells are shown: the date, and the time when it has one. */
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
const DATE_FORMAT = 'yyyy-mm-dd';
const TEXT_FORMAT = '@';

export function csvText<T>(rows: T[], columns: SheetColumn<T>[], text: (v: SheetValue) => string | number | boolean): string {
  const data = rows.map((r) => columns.map((c) => defuse(text(c.value(r)))));
  return '\ufeff' + Papa.unparse({ fields: columns.map((c) => c.header), data }, { delimiter: ';', newline: '\r\n' });
}

/** The widest a column gets (characters); a longer text wraps within its cell. */
export const MAX_COLUMN_WIDTH = 70;
const MIN_COLUMN_WIDTH = 8;
/** How many rows are measured for the widths (a large export is not read through twice). */
const MEASURED_ROWS = 300;

const isDateOnly = (d: Date): boolean => !(d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds());

/** The characters a cell shows: a date as its format ("2025-11-11 11:42"), a text by its longest line. */
function shownLength(v: string | number | boolean | Date): number {
  if (v instanceof Date) return isDateOnly(v) ? DATE_FORMAT.length : DATE_TIME_FORMAT.length;
  return Math.max(0, ...String(v).split(/\r?\n/).map((line) => line.length));
}

/**
 * Each column's width in characters: its header or the longest value of the first MEASURED_ROWS rows, whichever is
 * longer, plus a margin, between MIN_COLUMN_WIDTH and MAX_COLUMN_WIDTH. A column whose text is cut by the cap, or
 * that has several lines, wraps.
 */
export function columnWidths(headers: string[], table: (string | number | boolean | Date)[][]): { width: number; wrap: boolean }[] {
  const sample = table.slice(0, MEASURED_ROWS);
  return headers.map((h, i) => {
    const longest = Math.max(h.length, ...sample.map((r) => shownLength(r[i] ?? '')));
    const multiline = sample.some((r) => typeof r[i] === 'string' && /\n/.test(r[i]));
    return { width: Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, longest + 2)), wrap: multiline || longest + 2 > MAX_COLUMN_WIDTH };
  });
}

/** An XLSX workbook of one sheet; `plain` turns non-date values into what the cell holds (booleans as words, say). */
export async function xlsxBytes<T>(
  rows: T[], columns: SheetColumn<T>[], sheet: string, plain: (v: Exclude<SheetValue, Date>) => string | number | boolean = (v) => v ?? '',
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tillit';
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  const table = rows.map((r) => columns.map((c) => {
    const v = c.value(r);
    return v instanceof Date ? stockholmWallClock(v) : plain(v);
  }));
  const widths = columnWidths(columns.map((c) => c.header), table);
  ws.columns = columns.map((c, i) => ({ header: c.header, key: c.key, width: widths[i]!.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const values of table) {
    const row = ws.addRow(values);
    values.forEach((v, i) => {
      // A text longer than its column (Beskrivning, say) wraps within the cell instead of running under the next one.
      if (widths[i]!.wrap) row.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' };
      if (v instanceof Date) row.getCell(i + 1).numFmt = isDateOnly(v) ? DATE_FORMAT : DATE_TIME_FORMAT;
      // A text cell is never evaluated, so "=SUMMA(A1)" is shown as it is (no apostrophe as in CSV); formatted as
      // text (@) it stays text when someone edits the cell.
      else if (typeof v === 'string' && FORMULA_START.test(v)) row.getCell(i + 1).numFmt = TEXT_FORMAT;
    });
  }
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
