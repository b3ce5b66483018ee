/** Opening an import file closes it again, whether its rows are read or the file is refused at its header. */
import { mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { headerReader } from './header';
import { openTable } from './open';
import { inspectFile } from './source';

const reader = headerReader([
  { field: 'id', names: ['Ärende-ID'], required: true },
  { field: 'title', names: ['Rubrik'], required: true },
]);
const howTo = { sv: 'Exportera som CSV.', en: 'Export as CSV.' };

/** The process's open files that are `path` (Linux: /proc/self/fd). A stream closes its file a moment after it ends. */
const openCopies = (path: string) =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;

const closed = (path: string) => vi.waitFor(() => expect(openCopies(path)).toBe(0), { timeout: 2_000 });

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tillit-open-')), 'fil.csv');
  writeFileSync(path, text);
  return path;
}

describe.skipIf(process.platform !== 'linux')('openTable', () => {
  it('closes the file when the header lacks a column and the rows are never read', async () => {
    // Longer than the reader's first chunk, so the stream is still open after the header.
    const path = file(`Ärende-ID;Status\n${'IA-1;Klar\n'.repeat(100_000)}`);
    const opened = await openTable(path, await inspectFile(path), reader, howTo);
    expect(opened.header.missing).toEqual(['Rubrik']);
    expect(openCopies(path)).toBe(1);
    await opened.records.return(undefined);
    await closed(path);
  });

  it('closes the file when the rows are read to the end, and when reading stops early', async () => {
    const path = file(`Ärende-ID;Rubrik\n${'IA-1;A\n'.repeat(100_000)}`);
    const all = await openTable(path, await inspectFile(path), reader, howTo);
    let n = 0;
    for await (const _ of all.records) n++;
    expect(n).toBe(100_000);
    await closed(path);
    const some = await openTable(path, await inspectFile(path), reader, howTo);
    for await (const _ of some.records) break;
    await closed(path);
  });
});

describe('files that are no spreadsheet export', () => {
  const refusal = async (content: string | Buffer) => {
    const path = join(mkdtempSync(join(tmpdir(), 'tillit-open-')), 'export.xls');
    writeFileSync(path, content);
    const info = await inspectFile(path);
    return openTable(path, info, reader, howTo).then(() => undefined, (e: { status: number; msg: { sv: string; en: string } }) => ({ status: e.status, ...e.msg, format: info.format }));
  };

  it('names a web page or an XML spreadsheet saved as an "Excel export" (.xls) as what it is', async () => {
    const html = '\ufeff<!DOCTYPE html>\n<html><body><table><tr><th>Ärende-ID</th><th>Rubrik</th></tr><tr><td>IA-1</td><td>a</td></tr></table></body></html>';
    const table = '  <table border="1"><tr><td>Ärende-ID</td><td>Rubrik</td></tr></table>';
    const xml = '<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>';
    for (const content of [html, table, xml]) {
      expect(await refusal(content)).toEqual({
        status: 415, format: 'markup',
        sv: 'Filen är en webbsida (HTML) eller ett XML-dokument, inte CSV eller XLSX. Många system sparar en sådan som en Excel-export (.xls). Öppna den i Excel och spara den som .xlsx eller CSV, och försök igen.',
        en: 'The file is a web page (HTML) or an XML document, not CSV or XLSX. Many systems save one as an Excel export (.xls). Open it in Excel, save it as .xlsx or CSV and try again.',
      });
    }
    // A CSV whose first cell merely holds a tag is a CSV.
    expect(await refusal('Ärende-ID;Rubrik\nIA-1;<html> i rubriken\n')).toBeUndefined();
  });

  it('refuses random or compressed data (control characters throughout) as binary, while a text with a form feed or Ctrl-Z is text', async () => {
    // Bytes 1–255 in a fixed shuffled order, repeated: no NUL, a control character in one byte of nine.
    const noise = Buffer.from(Array.from({ length: 5000 }, (_, i) => ((i * 97) % 255) + 1));
    const refused = await refusal(noise);
    expect(refused?.status).toBe(415);
    expect(refused?.format).toBe('binary');
    expect(refused?.sv).toMatch(/^Filen är varken CSV-text eller XLSX \(den innehåller binära data/);
    expect(await refusal('Ärende-ID;Rubrik\r\nIA-1;Sida 1\fSida 2\r\n\u001a')).toBeUndefined();
  });
});
