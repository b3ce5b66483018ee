/** Seeded generator of IA export files (CSV), for the import tests and bench/import-1m.ts. Not used at runtime. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../../../server/platform/random';

const STATUSES = ['Rapporterad', 'Under registrering', 'Under utredning', 'Under åtgärd', 'Klar', 'Förfallen'];
const KINDS = ['Informationssäkerhet', 'IT-säkerhet', 'Personuppgiftsincident', 'Arbetsmiljö'];
const CATEGORIES = ['Fel mottagare', 'Nätfiske', 'Borttappad utrustning', 'Obehörig åtkomst', 'Felaktig behörighet'];

export const GENERATED_HEADER = 'Ärende-ID;Rubrik;Beskrivning;Händelsedatum;Rapporterad;Status;Typ;Kategori;Personuppgiftsincident;Anmäld till IMY;Anmäld till CSIRT;Skyddade personuppgifter;Enhet';

/** Writes `rows` valid rows (UTF-8, `;`, CRLF, some quoted multi-line descriptions). Returns the file's byte size. */
export async function writeGeneratedCsv(path: string, rows: number, seed = 1, units: string[] = ['Beställarenheten']): Promise<number> {
  const r = seededRandom(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const out = createWriteStream(path);
  let size = 0;
  let buf = GENERATED_HEADER + '\r\n';
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 1; i <= rows; i++) {
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const h = 8 + Math.floor(r() * 9);
    const date = `2024-${pad(m)}-${pad(d)}`;
    const kind = pick(KINDS);
    const desc = r() < 0.1 ? `"Flera rader;\r\nmed ""citat"" i ärende ${i}"` : `Beskrivning av ärende ${i}`;
    buf +=
      `IA-${String(i).padStart(8, '0')};${pick(CATEGORIES)} nr ${i};${desc};${date};${date} ${pad(h)}:${pad(Math.floor(r() * 60))};` +
      `${pick(STATUSES)};${kind};${pick(CATEGORIES)};${kind === 'Personuppgiftsincident' ? 'Ja' : 'Nej'};` +
      `${r() < 0.02 ? date : 'Nej'};Nej;${r() < 0.01 ? 'Ja' : 'Nej'};${r() < 0.5 ? pick(units) : 'Okänd enhet'}\r\n`;
    if (buf.length > 1 << 16) {
      size += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  size += Buffer.byteLength(buf);
  out.end(buf);
  await once(out, 'finish');
  return size;
}

/**
 * Writes `rows` valid rows as an XLSX workbook the way Excel stores one: every text in the shared-strings table
 * (written after the worksheet), the reported time as a real date cell. Streamed, so any size fits in memory.
 */
export async function writeGeneratedXlsx(path: string, rows: number, seed = 1, units: string[] = ['Beställarenheten']): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const r = seededRandom(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Avvikelser');
  ws.addRow(GENERATED_HEADER.split(';')).commit();
  for (let i = 1; i <= rows; i++) {
    const reported = new Date(Date.UTC(2024, Math.floor(r() * 12), 1 + Math.floor(r() * 28), 8 + Math.floor(r() * 9), Math.floor(r() * 60)));
    const kind = pick(KINDS);
    const row = ws.addRow([
      `IA-${String(i).padStart(8, '0')}`, `${pick(CATEGORIES)} nr ${i}`, r() < 0.1 ? `Flera rader;\nmed "citat" i ärende ${i}` : `Beskrivning av ärende ${i}`,
      reported.toISOString().slice(0, 10), reported, pick(STATUSES), kind, pick(CATEGORIES), kind === 'Personuppgiftsincident' ? 'Ja' : 'Nej',
      r() < 0.02 ? reported.toISOString().slice(0, 10) : 'Nej', 'Nej', r() < 0.01 ? 'Ja' : 'Nej', r() < 0.5 ? pick(units) : 'Okänd enhet',
    ]);
    row.getCell(5).numFmt = 'yyyy-mm-dd hh:mm';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}
