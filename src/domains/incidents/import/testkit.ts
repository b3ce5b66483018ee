/** Helpers for the import tests: files built in the test, fresh organisations, reading back what was stored. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { TestServer } from '../../../test/harness';
import { createOrg } from '../../org/service';
import { incidents, incidentStatusHistory } from '../table';
import { getIncident } from '../service';
import { importIncidents, type ImportOptions, type ImportResult } from './service';

const dir = mkdtempSync(join(tmpdir(), 'tillit-import-test-'));
let n = 0;

export function tmpFile(content: string | Buffer, ext = 'csv'): string {
  const p = join(dir, `f${++n}.${ext}`);
  writeFileSync(p, content);
  return p;
}

export interface CsvOpts {
  delim?: string;
  crlf?: boolean;
  bom?: boolean;
}

/** Rows of cells → CSV text; cells are written as given (quote them yourself where the test needs it). */
export function csv(rows: string[][], o: CsvOpts = {}): string {
  const text = rows.map((r) => r.join(o.delim ?? ';')).join(o.crlf ? '\r\n' : '\n') + (o.crlf ? '\r\n' : '\n');
  return (o.bom ? '\uFEFF' : '') + text;
}

export const EXAMPLE = [
  'Ärende-ID;Rubrik;Rapporterad;Status;Typ;Kategori;Personuppgiftsincident;Anmäld till IMY;Anmäld till CSIRT;Enhet',
  'IA-2025-0101;E-post till fel mottagare;2025-02-03 09:14;Klar;Personuppgiftsincident;Fel mottagare;Ja;Nej;Nej;Beställarenheten',
  'IA-2025-0102;Nätfiskeförsök mot förvaltningen;2025-02-11;Under utredning;IT-säkerhet;Nätfiske;Nej;Nej;Nej;',
].join('\n') + '\n';

export interface FreshOrg {
  slug: string;
  id: string;
  unitId: string;
}

/** A header and two rows every variant of a file is written with (formats.test.ts, crafted.test.ts). */
export const HEAD = ['Ärende-ID', 'Rubrik', 'Beskrivning', 'Rapporterad', 'Status', 'Typ', 'Enhet'];
export const ROWS = [
  ['IA-1', 'Fel mottagare på e-post', 'Skickat till fel', '2025-02-03 09:14', 'Klar', 'Personuppgiftsincident', 'Beställarenheten'],
  ['IA-2', 'Nätfiske mot växeln', 'Länk i e-post', '2025-02-11', 'Under utredning', 'IT-säkerhet', ''],
];

let orgN = 0;
/** A new förvaltning (own IA register) with an enhet named "Beställarenheten" under it. */
export async function freshOrg(t: TestServer, parent = 'stad'): Promise<FreshOrg> {
  const slug = `forv-${++orgN}-${Math.random().toString(36).slice(2, 6)}`;
  const o = await createOrg(t.ctx, { slug, name: `Förvaltning ${orgN}`, type: 'forvaltning', parent });
  const u = await createOrg(t.ctx, { slug: `${slug}-best`, name: 'Beställarenheten', type: 'enhet', parent: slug });
  return { slug, id: o.id, unitId: u.id };
}

export async function ensureCity(t: TestServer): Promise<void> {
  try {
    await createOrg(t.ctx, { slug: 'stad', name: 'Stockholms stad', type: 'stad' });
  } catch {
    /* exists */
  }
}

export async function runImport(t: TestServer, content: string | Buffer, opts: ImportOptions, ext = 'csv'): Promise<ImportResult> {
  return importIncidents(t.ctx, tmpFile(content, ext), opts);
}

export async function stored(t: TestServer, registerOrgId: string) {
  return t.database.db.select().from(incidents).where(eq(incidents.registerOrgId, registerOrgId)).orderBy(asc(incidents.externalId));
}

/** The stored status changes of an incident (its registration is not a row: table.ts). */
export async function history(t: TestServer, incidentId: string) {
  return t.database.db.select().from(incidentStatusHistory).where(eq(incidentStatusHistory.incidentId, incidentId)).orderBy(asc(incidentStatusHistory.at), asc(incidentStatusHistory.fromStatus));
}

/** The history as the incident page shows it: [from, to, source, actor], its registration first. */
export async function shownHistory(t: TestServer, incidentId: string) {
  return (await getIncident(t.ctx, incidentId)).history.map((h) => [h.from, h.to, h.source, h.actor]);
}

/** An XLSX workbook from rows of cell values (Date cells become real date cells). */
export async function xlsx(rows: unknown[][], sheets: unknown[][][] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Avvikelser');
  for (const r of rows) ws.addRow(r);
  ws.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm';
  sheets.forEach((s, i) => {
    const extra = wb.addWorksheet(`Blad${i + 2}`);
    for (const r of s) extra.addRow(r);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A wall-clock time as exceljs wants it for a date cell: the local time's fields as UTC. */
export const sheetDate = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(Date.UTC(y, mo - 1, d, h, mi));
