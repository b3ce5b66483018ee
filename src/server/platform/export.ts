import { csvText, xlsxBytes, type SheetColumn, type SheetValue } from './sheet';

/** A column of a server-side export (sheet.ts holds the conventions, shared with the browser's exports). */
export type ExportColumn<T> = SheetColumn<T>;

const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

function cell(v: SheetValue): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return stockholm.format(v);
  return v;
}

/** CSV for Swedish Excel: UTF-8 with BOM, semicolon-separated, CRLF. Cells that start a formula are defused. */
export function toCsv<T>(rows: T[], columns: ExportColumn<T>[]): string {
  return csvText(rows, columns, cell);
}

/** XLSX with times as date cells in Stockholm time (yyyy-mm-dd hh:mm). */
export async function toXlsx<T>(rows: T[], columns: ExportColumn<T>[], sheet = 'Export'): Promise<Buffer> {
  return Buffer.from(await xlsxBytes(rows, columns, sheet));
}

export function download(body: string | Buffer, filename: string, format: 'csv' | 'xlsx'): Response {
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    status: 200,
    headers: { 'content-type': type, 'content-disposition': `attachment; filename="${filename}.${format}"` },
  });
}
