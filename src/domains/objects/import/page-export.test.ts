/**
 * The Objekt page's own export (CSV or XLSX, Swedish or English headers) imports back through the objektlista import:
 * unedited it changes nothing and says nothing, an edited cell changes exactly its field, a copied row with a new name
 * creates that object. The export is built by the page's own code: its columns (../list-columns.ts), the register's
 * choice of exported columns (web/components/registerColumns.ts) and its file (web/components/registerExport.ts), with
 * the page's translations. The demo's objektlistor (Hässelby-Vällingby, Servicenämnden); PGlite or PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import i18next from 'i18next';
import Papa from 'papaparse';
import { DEMO_ORGS } from '../../../cli/demo';
import { stockholmDate } from '../../../server/platform/time';
import { Client, startTestServer, tableCounts, uploadFile, userWithRole, type TestServer } from '../../../test/harness';
import { exportedColumns, initiallyShown } from '../../../web/components/registerColumns';
import { registerSheet } from '../../../web/components/registerExport';
import enObjects from '../../../web/i18n/en/objects.json';
import enRegister from '../../../web/i18n/en/register.json';
import svObjects from '../../../web/i18n/sv/objects.json';
import svRegister from '../../../web/i18n/sv/register.json';
import { createOrg } from '../../org/service';
import { oneYearAfter } from '../classification';
import type { DigitalObject } from '../contract';
import { demo } from '../demo';
import { objectListColumns } from '../list-columns';

type Lang = 'sv' | 'en';
type Format = 'csv' | 'xlsx';
type Grid = string[][];

let t: TestServer;
let isam: Client;

beforeAll(async () => {
  t = await startTestServer();
  for (const [slug, name, type, parent] of DEMO_ORGS) await createOrg(t.ctx, { slug, name, type, parent });
  // A name the city has twice: the export writes the organisation's name.
  await createOrg(t.ctx, { slug: 'sf-administration', name: 'Administrativa avdelningen', type: 'avdelning', parent: 'servicenamnden' });
  await demo.run(t.ctx);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'stockholm');
  for (const org of ['hv-administration', 'sf-administration']) {
    expect((await isam.post('/api/objects', { org, name: `Lokalbokning ${org}`, supplier: '- (egen drift)' })).status).toBe(201);
  }
  // This year's follow-up for one object (the export's "Uppföljning {år}" says Gjord), and an archived object.
  const pascal = (await objects('hasselby-vallingby')).find((o) => o.name === 'Pascal')!;
  const followUp = {
    year: Number(stockholmDate().slice(0, 4)), heldOn: stockholmDate(), heldBy: 'Anna Ek', heldByRole: 'objektagare', accessReview: 'ja',
    accessResult: 'inga_avvikelser', accountsChanged: 0, managementPlan: 'ja', classification: 'ja', actionPlan: 'ja', continuityPlan: 'ja', pubSupplier: 'ja',
  };
  expect((await isam.post(`/api/objects/${pascal.id}/follow-ups`, followUp)).status).toBe(201);
  const old = (await objects('servicenamnden')).find((o) => o.name === 'Telia ACE')!;
  expect((await isam.patch(`/api/objects/${old.id}`, { version: old.version, archived: true })).status).toBe(200);
}, 120_000);
afterAll(() => t.close());

/** The page's list (objectsQuery without filters, or Visa: Alla). */
const objects = async (org: string, archived = false): Promise<DigitalObject[]> =>
  (await isam.get(`/api/objects?org=${org}${archived ? '&archived=all' : ''}`)).body;

const RESOURCES = { sv: { objects: svObjects, register: svRegister }, en: { objects: enObjects, register: enRegister } };

/** The page's export of `rows` as the browser makes it in `lang`: the columns shown at first, or every column. */
async function pageExport(lang: Lang, format: Format, rows: DigitalObject[], columns: 'shown' | 'all'): Promise<string | Buffer> {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: lang, fallbackLng: 'sv', resources: RESOURCES, interpolation: { escapeValue: false } });
  const tr = i18n.getFixedT(lang, 'objects');
  const cols = objectListColumns((key, options) => tr(key, options), Number(stockholmDate().slice(0, 4)));
  const shown = columns === 'all' ? cols.map((c) => c.key) : initiallyShown(cols);
  const file = await registerSheet(format, rows, exportedColumns(cols, shown), 'objektlista', [i18n.t('register:yes'), i18n.t('register:no')]);
  return typeof file === 'string' ? file : Buffer.from(file);
}

/** The file's cells as text, header first. */
async function grid(file: string | Buffer): Promise<Grid> {
  if (typeof file === 'string') return Papa.parse<string[]>(file.replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(file).buffer);
  const ws = wb.worksheets[0];
  const width = ws.getRow(1).cellCount;
  const out: Grid = [];
  ws.eachRow((row) => out.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).text)));
  return out;
}

/** The grid saved again in the file's format, as a user's spreadsheet program would after an edit. */
async function save(g: Grid, format: Format): Promise<string | Buffer> {
  if (format === 'csv') return '\uFEFF' + Papa.unparse(g, { delimiter: ';', newline: '\r\n' });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('objektlista');
  for (const r of g) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const upload = (org: string, file: string | Buffer) =>
  uploadFile(isam, `/api/objects/import?org=${org}`, file, typeof file === 'string' ? 'text/csv' : XLSX);

/** The cell of the object `name` under the header the page gave `key` (the grid's header row is in `lang`). */
function cellOf(g: Grid, header: string, name: string): { row: number; col: number } {
  const col = g[0].indexOf(header);
  const row = g.findIndex((r, i) => i > 0 && r[0] === name);
  expect(col, header).toBeGreaterThanOrEqual(0);
  expect(row, name).toBeGreaterThan(0);
  return { row, col };
}

/**
 * The fields in which two versions of an object differ, besides version and updatedAt, and whether the next
 * reclassification is overdue (it follows the date and today's day; checked apart).
 */
function changed(before: DigitalObject, after: DigitalObject): string[] {
  return Object.keys(before)
    .filter((k) => !['version', 'updatedAt', 'reclassificationOverdue'].includes(k))
    .filter((k) => JSON.stringify(before[k as keyof DigitalObject]) !== JSON.stringify(after[k as keyof DigitalObject]))
    .sort();
}

const WORDS = (lang: Lang) => (lang === 'sv' ? svObjects : enObjects);
const HEADERS = (lang: Lang) => WORDS(lang).column;
const COMBOS: [Lang, Format][] = [['sv', 'csv'], ['sv', 'xlsx'], ['en', 'csv'], ['en', 'xlsx']];

describe("the Objekt page's export imports back", () => {
  it('unedited, as all unchanged and without a warning: both languages, CSV and XLSX, the columns shown and all of them', async () => {
    for (const [org, archived] of [['hasselby-vallingby', false], ['servicenamnden', false], ['stockholm', true]] as const) {
      const rows = await objects(org, archived);
      expect(rows.length).toBeGreaterThan(8);
      for (const [lang, format] of COMBOS) {
        for (const columns of ['shown', 'all'] as const) {
          const file = await pageExport(lang, format, rows, columns);
          const before = await tableCounts(t);
          const r = await upload(org, file);
          expect(r.status, `${org} ${lang} ${format} ${columns}`).toBe(200);
          expect(r.body, `${org} ${lang} ${format} ${columns}`).toMatchObject({ created: 0, updated: 0, unchanged: rows.length, rejected: 0, errors: [], warnings: [] });
          expect({ ...(await tableCounts(t)), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
        }
      }
    }
    // What the round trip rests on: the shown columns carry the Klassad dates, the export this year's follow-up and
    // the archived object, the defused "- (egen drift)", and the two "Administrativa avdelningen".
    const g = await grid(await pageExport('sv', 'csv', await objects('stockholm', true), 'shown'));
    expect(g[0]).toEqual(['Namn', 'Organisation', 'Normerande', 'Normerande klassad', 'Lokal klassning', 'Klassad', 'Nästa omklassning', 'NIS', `Uppföljning ${stockholmDate().slice(0, 4)}`]);
    expect(g.find((r) => r[0] === 'Pascal')).toEqual(['Pascal', 'Avdelningen för äldreomsorg', 'Klar', '2024-04-10', 'Klar', '2025-03-20', '2026-03-20', 'Ja', 'Gjord']);
    expect(g.some((r) => r[0] === 'Telia ACE')).toBe(true);
    const all = await grid(await pageExport('en', 'csv', await objects('stockholm'), 'all'));
    expect(all.find((r) => r[0] === 'Lokalbokning sf-administration')).toContain("'- (egen drift)");
    expect(all.filter((r) => r[1] === 'Administrativa avdelningen')).toHaveLength(2);
  });

  it('edited, changing exactly the edited fields: a text, a level, a date, PUB-avtal, NIS, a status with its date', async () => {
    for (const [lang, format] of COMBOS) {
      const h = HEADERS(lang);
      const before = Object.fromEntries((await objects('hasselby-vallingby')).map((o) => [o.name, o]));
      const g = await grid(await pageExport(lang, format, Object.values(before), 'all'));
      const set = (header: string, name: string, value: string) => {
        const { row, col } = cellOf(g, header, name);
        expect(g[row][col]).not.toBe(value);
        g[row][col] = value;
      };
      set(h.owner, 'Pascal', `${before.Pascal.owner} (${lang} ${format})`);
      set(h.levels, 'Procedo', before.Procedo.riktighet === 2 ? '3/3/3/3' : '3/2/3/3');
      set(h.classified, 'Life Care SP', before['Life Care SP'].lokalDate === '2025-10-01' ? '2025-10-02' : '2025-10-01');
      const w = WORDS(lang);
      set(h.pub, 'NPÖ', w.pub[before['NPÖ'].pubAgreement === 'ja' ? 'nej' : 'ja']);
      set(h.nis, 'VODOK', before.VODOK.nis ? w.no : w.yes);
      const done = before.DEBI.lokalStatus === 'klar';
      set(h.lokal, 'DEBI', w.status[done ? 'saknas' : 'klar']);
      set(h.classified, 'DEBI', done ? '' : '2025-12-01');

      const r = await upload('hasselby-vallingby', await save(g, format));
      expect(r.body, `${lang} ${format}`).toMatchObject({ created: 0, updated: 6, unchanged: Object.keys(before).length - 6, rejected: 0, warnings: [] });
      const after = Object.fromEntries((await objects('hasselby-vallingby')).map((o) => [o.name, o]));
      const diff = Object.fromEntries(Object.keys(before).map((n) => [n, changed(before[n], after[n])]).filter(([, d]) => d.length > 0));
      expect(diff).toEqual({
        Pascal: ['owner'],
        Procedo: ['riktighet'],
        'Life Care SP': ['lokalDate', 'nextReclassification'],
        'NPÖ': ['pubAgreement'],
        VODOK: ['nis'],
        DEBI: ['lokalDate', 'lokalStatus', 'nextReclassification'],
      });
      expect(after['Life Care SP'].nextReclassification).toBe(oneYearAfter(after['Life Care SP'].lokalDate!));
      expect(after.DEBI.nextReclassification).toBe(done ? null : '2026-12-01');
      for (const o of Object.values(after)) expect(o.reclassificationOverdue, o.name).toBe(o.nextReclassification !== null && o.nextReclassification < stockholmDate());
      for (const n of Object.keys(diff)) expect(after[n].version, n).toBe(before[n].version + 1);
    }
  });

  it('a copied row with a new name creates that object with the row\'s values, a Klar classification with its date', async () => {
    for (const [lang, format] of COMBOS) {
      for (const columns of ['shown', 'all'] as const) {
        const rows = await objects('hasselby-vallingby');
        const procedo = rows.find((o) => o.name === 'Procedo')!;
        const g = await grid(await pageExport(lang, format, rows, columns));
        const copy = [...g[cellOf(g, HEADERS(lang).name, 'Procedo').row]];
        const name = `Procedo ${lang} ${format} ${columns}`;
        copy[0] = name;
        g.push(copy);
        const r = await upload('hasselby-vallingby', await save(g, format));
        expect(r.body, name).toMatchObject({ created: 1, updated: 0, unchanged: rows.length, rejected: 0, warnings: [] });
        const made = (await objects('hasselby-vallingby')).find((o) => o.name === name)!;
        const same = ['org', 'normerandeStatus', 'normerandeDate', 'lokalStatus', 'lokalDate', 'nextReclassification', 'nis'];
        if (columns === 'all') same.push('pubAgreement', 'konfidentialitet', 'riktighet', 'tillganglighet', 'sparbarhet', 'securityProtection', 'owner', 'supplier');
        for (const k of same) expect(made[k as keyof DigitalObject], `${name}: ${k}`).toEqual(procedo[k as keyof DigitalObject]);
        expect(made.lokalStatus).toBe('klar');
      }
    }
  });

  it('notes once, naming the lines, a computed column edited or copied to a new object; reads neither', async () => {
    const year = stockholmDate().slice(0, 4);
    for (const [lang, format] of COMBOS) {
      const h = HEADERS(lang);
      const rows = await objects('hasselby-vallingby');
      const g = await grid(await pageExport(lang, format, rows, 'shown'));
      const followUp = h.followUp.replace('{{year}}', year);
      const next = cellOf(g, h.next, 'Procedo');
      g[next.row][next.col] = '2030-01-01';
      const fu = cellOf(g, followUp, 'Treserva');
      g[fu.row][fu.col] = lang === 'sv' ? 'Gjord' : 'Done';
      // Pascal has this year's follow-up; its copy, a new object, has none.
      const copy = [...g[cellOf(g, h.name, 'Pascal').row]];
      copy[0] = `Pascal ${lang} ${format}`;
      g.push(copy);
      const r = await upload('hasselby-vallingby', await save(g, format));
      expect(r.body).toMatchObject({ created: 1, updated: 0, unchanged: rows.length, rejected: 0 });
      expect(r.body.warnings_en).toEqual([
        `Column "${h.next}" is not read: Tillit sets the next reclassification a year after the local classification's date. Line ${next.row + 1} has another date; change the local classification's date (${h.classified}) to move the reclassification.`,
        `Column "${followUp}" is not read: an import records no object follow-ups. Lines ${fu.row + 1} and ${g.length} say otherwise than Tillit about the ${year} follow-up; record it with the object's Uppföljning button on the Objekt page.`,
      ]);
      expect(r.body.warnings_sv[1]).toContain(`Raderna ${fu.row + 1} och ${g.length} säger något annat än Tillit om uppföljningen ${year}`);
      const after = await objects('hasselby-vallingby');
      expect(after.find((o) => o.name === 'Procedo')!.nextReclassification).toBe(rows.find((o) => o.name === 'Procedo')!.nextReclassification);
      expect(after.find((o) => o.name === 'Treserva')!.followUp.done).toBe(false);
    }
  });

  it('refuses a new row in an organisation whose name the subtree has twice, and an edit of an archived object', async () => {
    const rows = await objects('stockholm', true);
    const g = await grid(await pageExport('sv', 'csv', rows, 'shown'));
    const copy = [...g[cellOf(g, 'Namn', 'Lokalbokning hv-administration').row]];
    copy[0] = 'Ny lokalbokning';
    g.push(copy);
    const status = cellOf(g, 'Lokal klassning', 'Telia ACE');
    g[status.row][status.col] = 'Pågår';
    const r = await upload('stockholm', await save(g, 'csv'));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ created: 0, updated: 0, rejected: 2 });
    expect(r.body.errors.map((e: any) => [e.line, e.column])).toEqual([[status.row + 1, 'Namn'], [g.length, 'Organisation']]);
    expect(r.body.errors[0].reason_sv).toContain('är arkiverat');
    expect(r.body.errors[1].reason_en).toBe('Several organisations are named "Administrativa avdelningen" (hv-administration, sf-administration); give the short name (slug).');
    // With the short name it is created there.
    g[g.length - 1][1] = 'sf-administration';
    g.splice(status.row, 1);
    const ok = await upload('stockholm', await save(g, 'csv'));
    expect(ok.body).toMatchObject({ created: 1, rejected: 0, warnings: [] });
    expect((await objects('sf-administration')).map((o) => o.name).sort()).toEqual(['Lokalbokning sf-administration', 'Ny lokalbokning']);
  });
});
