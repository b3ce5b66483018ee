/**
 * Client-side export of a register's visible columns. Loaded only when the user exports, so papaparse and
 * exceljs never weigh on the first page load. The conventions are the server export's (platform/sheet.ts, one
 * module for both): CSV for Swedish Excel, XLSX with Stockholm times as date cells, formula-looking cells defused.
 */
import { csvText, xlsxBytes, type SheetColumn, type SheetValue } from '../../server/platform/sheet';
import { formatDateTime } from '../format';

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

export async function exportRows<T>(
  format: 'csv' | 'xlsx',
  rows: T[],
  columns: ExportColumnDef<T>[],
  fileName: string,
  yesNo: [string, string],
): Promise<void> {
  const plain = (v: Exclude<CellValue, Date>) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? yesNo[0] : yesNo[1]) : v);
  if (format === 'csv') {
    const csv = csvText(rows, columns, (v) => (v instanceof Date ? formatDateTime(v) : plain(v)));
    download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`);
    return;
  }
  const buf = await xlsxBytes(rows, columns, fileName, plain);
  download(new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${fileName}.xlsx`);
}
