/**
 * Client-side export of a register's visible columns. Loaded only when the user exports, so papaparse and
 * exceljs never weigh on the first page load. Same conventions as the server export (platform/export.ts):
 * CSV for Swedish Excel (UTF-8 BOM, semicolons, CRLF), formula-looking cells defused.
 */
import { formatDateTime } from '../format';

export type CellValue = string | number | boolean | Date | null | undefined;
export interface ExportColumnDef<T> {
  key: string;
  header: string;
  value: (row: T) => CellValue;
}

const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

function cellText(v: CellValue, yesNo: [string, string]): string | number {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return formatDateTime(v);
  if (typeof v === 'boolean') return v ? yesNo[0] : yesNo[1];
  return typeof v === 'string' ? defuse(v) : v;
}

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
  if (format === 'csv') {
    const { default: Papa } = await import('papaparse');
    const data = rows.map((r) => columns.map((c) => cellText(c.value(r), yesNo)));
    const csv = '\ufeff' + Papa.unparse({ fields: columns.map((c) => c.header), data }, { delimiter: ';', newline: '\r\n' });
    download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`);
    return;
  }
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tillit';
  const ws = wb.addWorksheet(fileName.slice(0, 31));
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.min(60, Math.max(12, c.header.length + 2)) }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    ws.addRow(
      Object.fromEntries(
        columns.map((c) => {
          const v = c.value(r);
          return [c.key, v instanceof Date ? v : typeof v === 'boolean' ? (v ? yesNo[0] : yesNo[1]) : typeof v === 'string' ? defuse(v) : (v ?? '')];
        }),
      ),
    );
  }
  const buf = await wb.xlsx.writeBuffer();
  download(new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${fileName}.xlsx`);
}
