/**
 * Client-side export of a register's visible columns. Loaded only when the user exports, so papaparse and
 * exceljs never weigh on the first page load. The conventions are the server export's (platform/sheet.ts, one
 * module for both): CSV for Swedish Excel, XLSX with Stockholm times as date cells, formula-looking cells defused in CSV and text cells in XLSX.
 */
import { csvText, xlsxBytes, type SheetColumn, type SheetValue } from '../../server/platform/sheet';
import { formatDate, formatDateTime } from '../format';

export type CellValue = SheetValue;
export type ExportColumnDef<T> = SheetColumn<T>;

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The file a register's export writes: CSV text or XLSX bytes of the rows and columns given, booleans as the words
 * `yesNo`. Apart from the download so that a test can read back exactly what the page writes (the objektlista's
 * export → import round trip, domains/objects/import/page-export.test.ts).
 */
export async function registerSheet<T>(
  format: 'csv' | 'xlsx',
  rows: T[],
  columns: ExportColumnDef<T>[],
  sheetName: string,
  yesNo: [string, string],
): Promise<string | ArrayBuffer> {
  const plain = (v: Exclude<CellValue, Date>) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? yesNo[0] : yesNo[1]) : v);
  if (format === 'csv') return csvText(rows, columns, (v) => (v instanceof Date ? formatDateTime(v) : plain(v)));
  return xlsxBytes(rows, columns, sheetName, plain);
}

/**
 * Downloads the rows as `<name>[-<variant>]-<day in Stockholm>.<format>`, named as the server's exports are
 * (incidenter-2026-12-07.csv); `variant` tells a subset apart from the server's file of the same list ("visade").
 */
export async function exportRows<T>(
  format: 'csv' | 'xlsx',
  rows: T[],
  columns: ExportColumnDef<T>[],
  name: string,
  yesNo: [string, string],
  variant?: string,
): Promise<void> {
  const file = await registerSheet(format, rows, columns, name, yesNo);
  const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  download(new Blob([file], { type }), `${[name, variant, formatDate(new Date())].filter(Boolean).join('-')}.${format}`);
}
