/**
 * XLSX rows, streamed with exceljs's WorkbookReader: one worksheet (see readXlsxRows); the row number is the
 * line number (row 1 = line 1). Date-formatted cells arrive as Date (wall-clock time as if UTC); formulas give
 * their cached result; rich text and hyperlinks give their text. Memory stays bounded: the shared-strings table
 * is kept on disk (SharedStringFile).
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Cell } from './values';
import type { ProgressFn, RawRecord } from './source';
import { HEADER_SEARCH } from './columns';
import { SharedStringFile } from './shared-strings';

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

function toRecord(row: ExcelJS.Row): RawRecord | undefined {
  const values = row.values as unknown[];
  const cells: Cell[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
  return cells.length === 0 || isBlank(cells) ? undefined : { line: row.number, cells };
}

/**
 * The rows of the first worksheet (in the file's order) whose opening rows hold a header (`isHeader`), so an
 * information or empty sheet in front of the data does no harm; that header's record carries the sheet's name
 * when it is not the first sheet. When no sheet has one, the opening rows of the first sheet with rows (whose
 * first row is then reported as an incomplete header).
 */
export async function* readXlsxRows(path: string, onBytes?: ProgressFn, isHeader: (cells: Cell[]) => boolean = () => true): AsyncGenerator<RawRecord> {
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
  // The shared-strings table goes to a temporary file, not memory (it is as large as the workbook's texts).
  const strings = new SharedStringFile();
  strings.attachTo(reader);
  let fallback: RawRecord[] | undefined;
  try {
    let sheetIndex = 0;
    for await (const sheet of reader) {
      const rows = (sheet as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
      const opening: RawRecord[] = [];
      let found = false;
      while (!found && opening.length < HEADER_SEARCH) {
        const next = await rows.next();
        if (next.done) break;
        const rec = toRecord(next.value);
        if (!rec) continue;
        opening.push(rec);
        found = isHeader(rec.cells);
      }
      if (found) {
        if (sheetIndex > 0) opening[opening.length - 1].sheet = (sheet as { name?: string }).name ?? `${sheetIndex + 1}`;
        yield* opening;
        for (let next = await rows.next(); !next.done; next = await rows.next()) {
          const rec = toRecord(next.value);
          if (rec) yield rec;
        }
        return;
      }
      if (!fallback && opening.length > 0) fallback = opening;
      // The next sheet comes only after this one has been read to its end.
      for (let next = await rows.next(); !next.done; next = await rows.next());
      sheetIndex++;
    }
  } finally {
    input.destroy();
    strings.close();
  }
  if (fallback) yield* fallback;
}
