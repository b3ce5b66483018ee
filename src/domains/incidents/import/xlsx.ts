/**
 * XLSX rows, streamed with exceljs's WorkbookReader: the first worksheet only; the row number is the line
 * number (row 1 = line 1). Date-formatted cells arrive as Date (wall-clock time as if UTC); formulas give
 * their cached result; rich text and hyperlinks give their text.
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Cell } from './values';
import type { ProgressFn, RawRecord } from './source';

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((p) => p.text ?? '').join('');
    if ('result' in o) return cellValue(o.result);
    if ('formula' in o || 'sharedFormula' in o) return '';
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return String(o.error ?? '');
  }
  return String(v);
}

function isBlank(cells: Cell[]): boolean {
  return cells.every((c) => c === '' || (typeof c === 'string' && c.trim() === ''));
}

export async function* readXlsxRows(path: string, onBytes?: ProgressFn): AsyncGenerator<RawRecord> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      onBytes?.(bytes);
      cb(null, chunk);
    },
  });
  // exceljs is loaded on first use: it costs half a second at start-up for every process otherwise.
  const { default: Excel } = await import('exceljs');
  const input = createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(counter);
  const reader = new Excel.stream.xlsx.WorkbookReader(input as never, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
        if (cells.length === 0 || isBlank(cells)) continue;
        yield { line: row.number, cells };
      }
      break; // the first worksheet only
    }
  } finally {
    input.destroy();
  }
}
