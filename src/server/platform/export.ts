import Papa from 'papaparse';

export interface ExportColumn<T> {
  key: string;
  header: string;
  value: (row: T) => string | number | boolean | Date | null | undefined;
}

const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

function cell(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return stockholm.format(v);
  return v as string | number | boolean;
}

/** CSV for Swedish Excel: UTF-8 with BOM, semicolon-separated, CRLF. Cells that start a formula are defused. */
export function toCsv<T>(rows: T[], columns: ExportColumn<T>[]): string {
  const data = rows.map((r) => columns.map((c) => defuse(cell(c.value(r)))));
  return '\ufeff' + Papa.unparse({ fields: columns.map((c) => c.header), data }, { delimiter: ';', newline: '\r\n' });
}

function defuse(v: string | number | boolean): string | number | boolean {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export async function toXlsx<T>(rows: T[], columns: ExportColumn<T>[], sheet = 'Export'): Promise<Buffer> {
  // Loaded on first use: exceljs is large and most processes never write a spreadsheet.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tillit';
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.min(60, Math.max(12, c.header.length + 2)) }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    ws.addRow(Object.fromEntries(columns.map((c) => {
      const v = c.value(r);
      return [c.key, v instanceof Date ? v : typeof v === 'string' ? defuse(v) : (v ?? '')];
    })));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function download(body: string | Buffer, filename: string, format: 'csv' | 'xlsx'): Response {
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    status: 200,
    headers: { 'content-type': type, 'content-disposition': `attachment; filename="${filename}.${format}"` },
  });
}
