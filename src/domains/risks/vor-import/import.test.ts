/** The VoR import against the real database: upload route, service, template; PGlite or PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { auditCount, Client, makeOrgs, rawSql, semicolonCsv, startTestServer, tableCounts, uploadFile, userWithRole, type TestServer } from '../../../test/harness';
import { expectNoSheetRefused } from '../../../test/sheet-refusals';
import { MANDATORY_PROCESS } from '../contract';

let t: TestServer;
let isam: Client;
let isamB: Client;
let isam5: Client;
let chef: Client;
let reader: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [
    ['stad', 'stad'],
    ['forv-a', 'forvaltning', 'stad'],
    ['forv-b', 'forvaltning', 'stad'],
    ['stad5', 'stad'],
    ['forv-5', 'forvaltning', 'stad5'],
  ]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  isamB = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  isam5 = await userWithRole(t, 'isam5@test.se', 'isam', 'stad5');
  chef = await userWithRole(t, 'chef@test.se', 'forvaltningschef', 'forv-a');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
});
afterAll(() => t.close());

const upload = (c: Client, query: string, body: string | Buffer, type?: string) => uploadFile(c, `/api/risks/vor/import?${query}`, body, type);
const csv = semicolonCsv;

const HEAD = ['Arbetssätt', 'Händelse', 'Motivering', 'Sannolikhet', 'Konsekvens', 'Riskvärde', 'Status och åtgärder', 'Åtgärd', 'Ansvarig', 'Klart senast', 'Kommentar'];
const SHEET = [
  HEAD,
  ['Incidenthantering', 'Personuppgiftsincidenter anmäls inte', 'Okänt hur ofta', 'Mindre sannolikt', 'Allvarlig', '8', '', '', '', '', 'x'],
  ['incidenthantering ', 'Risker och konsekvenser av incidenter kvarstår', '', '3', '4', '12', 'ISAM följer upp', 'Systematisk uppföljning', 'ISAM', '2026-03-31', ''],
  ['Behörighetshantering', 'Behörigheter avslutas inte i tid', '', 'sannolik', 'kännbar', '', '', '', '', '', ''],
];

type VorBody = { id: string; status: string; version: number; processes: { name: string; arbetssatt: { name: string; events: any[] }[] }[] };
async function vorOf(c: Client, org: string, year: number): Promise<VorBody> {
  const list = await c.get(`/api/risks/vor?org=${org}&year=${year}`);
  expect(list.status).toBe(200);
  return (await c.get(`/api/risks/vor/${list.body[0].id}`)).body;
}
const events = (v: VorBody) => v.processes.flatMap((p) => p.arbetssatt.flatMap((a) => a.events.map((e) => ({ ...e, process: p.name, arbetssatt: a.name }))));

describe('VoR import', () => {
  it('imports a CSV into a year without a VoR: creates it, matches the preset arbetssätt, computes riskvärde on the scale; a re-import changes nothing', async () => {
    const audits = await auditCount(t, 'risk.vor.import');
    const r = await upload(isam, 'org=forv-a&year=2025', csv(SHEET));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(r.body.changes).toBeUndefined(); // nothing updated
    expect(r.body.warnings.join('\n')).toContain('"Kommentar"');
    expect(await auditCount(t, 'risk.vor.import')).toBe(audits + 1);
    const v = await vorOf(isam, 'forv-a', 2025);
    expect(v.processes.map((p) => p.name)).toEqual([MANDATORY_PROCESS]);
    const ev = events(v);
    expect(ev).toHaveLength(3);
    for (const e of ev) expect(e.riskvarde).toBe(e.sannolikhet * e.konsekvens);
    const byTitle = Object.fromEntries(ev.map((e) => [e.title, e]));
    expect(byTitle['Personuppgiftsincidenter anmäls inte']).toMatchObject({ arbetssatt: 'Incidenthantering', sannolikhet: 2, konsekvens: 4, riskvarde: 8, motivation: 'Okänt hur ofta' });
    expect(byTitle['Behörigheter avslutas inte i tid']).toMatchObject({ arbetssatt: 'Behörighetshantering', sannolikhetLabel: 'Sannolik', konsekvensLabel: 'Kännbar', riskvarde: 12 });
    const kvar = byTitle['Risker och konsekvenser av incidenter kvarstår'];
    expect(kvar).toMatchObject({ followUp: 'ISAM följer upp', ikpProposed: true, ikpDecision: null });
    expect(kvar.actions).toMatchObject([{ title: 'Systematisk uppföljning', owner: 'ISAM', dueDate: '2026-03-31', status: 'planerad' }]);
    expect(await auditCount(t, 'risk.vor.create')).toBeGreaterThan(0);

    const before = await tableCounts(t);
    const versions = ev.map((e) => e.version);
    const again = await upload(isam, 'org=forv-a&year=2025', csv(SHEET));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(again.body.changes).toBeUndefined();
    const after = await tableCounts(t);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect(after.audit_log).toBe(before.audit_log + 1); // only the import's own row
    expect(events(await vorOf(isam, 'forv-a', 2025)).map((e) => e.version)).toEqual(versions);
  });

  it('updates an edited row (new riskvärde, action owner) and adds a new process and arbetssätt with a warning', async () => {
    const edited = SHEET.map((r) => [...r]);
    edited[2][3] = 'Sannolik';
    edited[2][5] = '16';
    edited[2][8] = 'Förvaltningsledningen';
    const withProcess = [['Process', ...HEAD], ...edited.slice(1).map((r) => ['', ...r]), ['Ekonomi', 'Attest', 'Attestregler följs inte', '', '2', '2', '4', '', '', '', '', '']];
    const dry = await upload(isam, 'org=forv-a&year=2025&dryRun=true', csv(withProcess));
    expect(dry.body).toMatchObject({ created: 1, updated: 1, unchanged: 2, rejected: 0 });
    expect(dry.body.warnings.join('\n')).toContain('"Ekonomi / Attest"');
    // The changed columns as the file names them, in the format's order: the event's likelihood and its action's owner
    // (the riskvärde follows from them and is not a change of its own).
    const changes = [
      { column: 'Sannolikhet', count: 1, examples: ['Risker och konsekvenser av incidenter kvarstår'] },
      { column: 'Ansvarig', count: 1, examples: ['Risker och konsekvenser av incidenter kvarstår'] },
    ];
    expect(dry.body.changes).toEqual(changes);
    const r = await upload(isam, 'org=forv-a&year=2025', csv(withProcess));
    expect(r.body).toMatchObject({ created: 1, updated: 1, unchanged: 2, rejected: 0 });
    expect(r.body.changes).toEqual(changes);
    const v = await vorOf(isam, 'forv-a', 2025);
    expect(v.processes.map((p) => p.name)).toEqual([MANDATORY_PROCESS, 'Ekonomi']);
    const kvar = events(v).find((e) => e.title === 'Risker och konsekvenser av incidenter kvarstår')!;
    expect(kvar).toMatchObject({ sannolikhet: 4, riskvarde: 16, version: 2 });
    expect(kvar.actions).toHaveLength(1);
    expect(kvar.actions[0]).toMatchObject({ owner: 'Förvaltningsledningen', version: 2 });
  });

  it('imports an XLSX with a date cell and level names', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('VoR');
    ws.addRow(['Process', 'Arbetssätt', 'Händelse', 'Sannolikhet', 'Konsekvens', 'Åtgärd', 'Klart senast']);
    ws.addRow([MANDATORY_PROCESS, 'Informationsklassning', 'Klassning görs inte', 'Möjlig', 'Kännbar', 'Utbilda objektägare', new Date(Date.UTC(2026, 5, 30))]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(isamB, 'org=forv-b&year=2025', buf, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 1, rejected: 0 });
    const [e] = events(await vorOf(isamB, 'forv-b', 2025));
    expect(e).toMatchObject({ arbetssatt: 'Informationsklassning', sannolikhet: 3, konsekvens: 3, riskvarde: 9 });
    expect(e.actions[0]).toMatchObject({ title: 'Utbilda objektägare', dueDate: '2026-06-30' });
  });

  it('reads values on a 5×5 scale by number and level name', async () => {
    const s = await isam5.post('/api/risks/scales', { org: 'stad5', preset: '5x5' });
    expect(s.status).toBe(201);
    const r = await upload(isam5, 'org=forv-5&year=2025', csv([
      ['Arbetssätt', 'Händelse', 'Sannolikhet', 'Konsekvens', 'Riskvärde'],
      ['Incidenthantering', 'Angrepp mot e-tjänst', 'Mycket sannolik', 'mycket allvarlig', '25'],
      ['Incidenthantering', 'Fel mottagare', '5', '1', '5'],
    ]));
    expect(r.body).toMatchObject({ created: 2, rejected: 0 });
    const ev = events(await vorOf(isam5, 'forv-5', 2025));
    expect(ev.map((e) => [e.sannolikhet, e.konsekvens, e.riskvarde])).toEqual([[5, 5, 25], [5, 1, 5]]);
    const bad = await upload(isam5, 'org=forv-5&year=2025', csv([['Arbetssätt', 'Händelse', 'Sannolikhet', 'Konsekvens'], ['Incidenthantering', 'X', '6', 'Försumbar']]));
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ line: 2, column: 'Sannolikhet' });
    expect(bad.body.errors[0].reason_sv).toContain('1–5');
  });

  it('lists every bad row with line, column and reason and writes nothing; skipInvalid writes the valid rows', async () => {
    const rows = [
      ['Arbetssätt', 'Händelse', 'Sannolikhet', 'Konsekvens', 'Riskvärde', 'Åtgärd', 'Ansvarig', 'Klart senast'],
      ['Incidenthantering', 'Giltig händelse', '2', '2', '4', '', '', ''],
      ['Incidenthantering', 'Okänd nivå', 'Ganska troligt', '2', '', '', '', ''],
      ['Incidenthantering', 'Utanför skalan', '2', '7', '', '', '', ''],
      ['Incidenthantering', 'Fel riskvärde', '3', '3', '6', '', '', ''],
      ['', 'Saknar arbetssätt', '1', '1', '', '', '', ''],
      ['Incidenthantering', 'giltig  händelse', '1', '1', '', '', '', ''],
      ['Incidenthantering', 'Fel datum', '1', '1', '', 'Gör något', '', '31/12/2026'],
      ['Incidenthantering', 'Ansvarig utan åtgärd', '1', '1', '', '', 'ISAM', ''],
    ];
    const before = await tableCounts(t);
    const r = await upload(isam, 'org=forv-a&year=2024', csv(rows));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 7 });
    const at = r.body.errors.map((e: any) => [e.line, e.column]);
    expect(at).toEqual([[3, 'Sannolikhet'], [4, 'Konsekvens'], [5, 'Riskvärde'], [6, 'Arbetssätt'], [7, 'Händelse'], [8, 'Klart senast'], [9, 'Åtgärd']]);
    const reasons = r.body.errors.map((e: any) => e.reason_sv);
    expect(reasons[0]).toContain('1 Osannolik, 2 Mindre sannolik, 3 Möjlig, 4 Sannolik');
    expect(reasons[2]).toMatch(/6.*9/);
    expect(reasons[4]).toContain('rad 2');
    expect(r.body.errors[4].reason_en).toContain('line 2');
    expect(await tableCounts(t)).toEqual(before);

    const dry = await upload(isam, 'org=forv-a&year=2024&dryRun=true&skipInvalid=true', csv(rows));
    expect(dry.body).toMatchObject({ created: 1, rejected: 7 });
    expect(await tableCounts(t)).toEqual(before);
    const skip = await upload(isam, 'org=forv-a&year=2024&skipInvalid=true', csv(rows));
    expect(skip.status).toBe(200);
    expect(skip.body).toMatchObject({ created: 1, rejected: 7 });
    expect(events(await vorOf(isam, 'forv-a', 2024)).map((e) => e.title)).toEqual(['Giltig händelse']);
  });

  it('refuses missing columns, an empty file, .xls and binary data as the incident import does', async () => {
    const missing = await upload(isam, 'org=forv-a&year=2023', 'Arbetssätt;Händelse\r\nA;B\r\n');
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({ line: 1, column: 'Sannolikhet, Konsekvens' });
    await expectNoSheetRefused((body, type) => upload(isam, 'org=forv-a&year=2023', body, type), 'Spara bladet som CSV eller XLSX');
    expect((await isam.get('/api/risks/vor?org=forv-a&year=2023')).body).toEqual([]);
  });

  it('into an approved VoR changes follow-up and åtgärder only, as the editor does; 403 for a reader; the reader may download the template', async () => {
    const v = await vorOf(isam, 'forv-a', 2025);
    const ok = await chef.post(`/api/risks/vor/${v.id}/approve`, { version: v.version });
    expect(ok.status).toBe(200);
    const before = await tableCounts(t);
    const file = csv([
      ['Arbetssätt', 'Händelse', 'Sannolikhet', 'Konsekvens', 'Status och åtgärder', 'Åtgärd', 'Ansvarig'],
      ['Incidenthantering', 'Personuppgiftsincidenter anmäls inte', 'Mindre sannolikt', 'Allvarlig', 'Följs upp varje kvartal', 'Rutin för anmälan', 'DSO'],
      ['Behörighetshantering', 'Behörigheter avslutas inte i tid', 'Möjlig', 'Kännbar', '', '', ''],
      ['Incidenthantering', 'Ny händelse efter godkännandet', '2', '2', '', '', ''],
    ]);
    // A changed assessment and a new event are bad rows at their columns, in the preview too; nothing is written.
    const locked = await upload(isam, 'org=forv-a&year=2025', file);
    expect(locked.status).toBe(422);
    expect(locked.body).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 2 });
    expect(locked.body.errors.map((e: any) => [e.line, e.column])).toEqual([[3, 'Sannolikhet'], [4, 'Händelse']]);
    expect(locked.body.errors[0].reason_sv).toContain('VoR 2025 är godkänd och låst: Sannolikhet ändras inte');
    expect(locked.body.errors[1].reason_sv).toContain('finns inte i VoR 2025, som är godkänd och låst');
    expect(locked.body.errors.map((e: any) => e.reason_sv).join()).not.toContain('risk.');
    expect(await tableCounts(t)).toEqual(before);
    // The valid row's follow-up and its new åtgärd are written; the VoR stays approved with its assessment.
    const r = await upload(isam, 'org=forv-a&year=2025&skipInvalid=true', file);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejected: 2 });
    expect(r.body.changes.map((c: any) => c.column)).toEqual(['Status och åtgärder', 'Åtgärd']);
    const after = await vorOf(isam, 'forv-a', 2025);
    expect(after.status).toBe('godkand');
    const byTitle = Object.fromEntries(events(after).map((e) => [e.title, e]));
    expect(byTitle['Personuppgiftsincidenter anmäls inte']).toMatchObject({ followUp: 'Följs upp varje kvartal', sannolikhet: 2, konsekvens: 4 });
    expect(byTitle['Personuppgiftsincidenter anmäls inte'].actions).toMatchObject([{ title: 'Rutin för anmälan', owner: 'DSO' }]);
    expect(byTitle['Behörigheter avslutas inte i tid']).toMatchObject({ sannolikhet: 4, konsekvens: 3 });
    expect(byTitle['Ny händelse efter godkännandet']).toBeUndefined();
    expect((await upload(reader, 'org=forv-a&year=2024', csv(SHEET))).status).toBe(403);
    expect((await upload(isam, 'org=forv-b&year=2024', csv(SHEET))).status).toBe(404);

    const tpl = await fetch(`${reader.base}/api/risks/vor/template?org=forv-a&year=2025`, { headers: { cookie: reader.cookie ?? '' } });
    expect(tpl.status).toBe(200);
    expect(tpl.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await tpl.arrayBuffer());
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'Process', 'Arbetssätt', 'Händelse', 'Motivering', 'Sannolikhet', 'Konsekvens', 'Riskvärde', 'Status och åtgärder', 'Åtgärd', 'Ansvarig', 'Klart senast']);
    expect(sheet.rowCount).toBe(1 + events(v).length);

    // Export → import round-trips: the template of a VoR imports as unchanged (into the open 2024 VoR: its own template).
    const tpl24 = await fetch(`${isam.base}/api/risks/vor/template?org=forv-a&year=2024`, { headers: { cookie: isam.cookie ?? '' } });
    const back = await upload(isam, 'org=forv-a&year=2024', Buffer.from(await tpl24.arrayBuffer()), 'application/octet-stream');
    expect(back.body).toMatchObject({ created: 0, updated: 0, unchanged: 1, rejected: 0, warnings: [] });
    const [row] = await rawSql<{ n: number }>(t, "select count(*)::int as n from audit_log where action = 'risk.ikp.decide'");
    expect(Number(row.n)).toBe(0);
  });
});
