/** Writing semantics: all or nothing, --skip-invalid, dry run, idempotent re-import, status history, audit. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { startTestServer, TEST_DB, type TestServer } from '../../../test/harness';
import { createIncident, updateIncident } from '../service';
import { auditLog } from '../../audit/table';
import { orgs } from '../../org/table';
import { createOrg } from '../../org/service';
import { incidents } from '../table';
import { incidentFigures } from '../stats';
import { csv, ensureCity, freshOrg, history, runImport, shownHistory, stored } from './testkit';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await ensureCity(t);
});
afterAll(() => t.close());

const HEAD = ['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Kategori'];
const good = (i: number, status = 'Rapporterad', cat = 'Nätfiske') => [`IA-${i}`, `Händelse ${i}`, `2025-01-${String(i).padStart(2, '0')}`, status, cat];

async function pathOf(orgId: string): Promise<string> {
  const [o] = await t.database.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId));
  return o.path;
}

async function auditRows(orgId: string) {
  return t.database.db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, 'incident.import')));
}

describe('all or nothing', () => {
  const rows = [HEAD, good(1), ['IA-2', '', '2025-01-02', 'Klar', ''], good(3), ['IA-4', 'x', '2025-02-30', 'Stängd', ''], good(5)];

  it('writes nothing when any row is invalid and lists every invalid row with line and column', async () => {
    const o = await freshOrg(t);
    const r = await runImport(t, csv(rows), { org: o.slug });
    expect(r.failed).toBe(true);
    expect(r.written).toBe(false);
    expect(r.summary).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 2 });
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[3, 'Rubrik'], [5, 'Rapporterad'], [5, 'Status']]);
    for (const e of r.summary.errors) {
      expect(e.reason).toBe(`${e.reason_sv} / ${e.reason_en}`);
      expect(e.reason_sv).not.toBe(e.reason_en);
    }
    expect(await stored(t, o.id)).toHaveLength(0);
    expect(await auditRows(o.id)).toHaveLength(0);
  });

  it('--skip-invalid writes the valid rows and lists the rest', async () => {
    const o = await freshOrg(t);
    const r = await runImport(t, csv(rows), { org: o.slug, skipInvalid: true });
    expect(r.failed).toBe(false);
    expect(r.summary).toMatchObject({ created: 3, rejected: 2 });
    expect((await stored(t, o.id)).map((i) => i.externalId)).toEqual(['IA-1', 'IA-3', 'IA-5']);
  });

  it('lists the first 10,000 errors and says among the warnings that there are more', async () => {
    const o = await freshOrg(t);
    const bad = Array.from({ length: 10_003 }, (_, i) => [`B-${i}`, 'Fel', '2025-01-01', 'Okänd status', '']);
    const r = await runImport(t, csv([HEAD, ...bad]), { org: o.slug });
    expect(r.summary.rejected).toBe(10_003);
    expect(r.summary.errors).toHaveLength(10_000);
    expect(r.summary.errors.at(-1)?.line).toBe(10_001);
    expect(r.summary.warnings_sv).toEqual(['Felen är fler än 10\u00a0000: bara de första listas. Antalet avvisade rader står i sammanfattningen.']);
    expect(r.summary.warnings_en).toEqual(['There are more than 10,000 errors: only the first are listed. The number of rejected rows is in the summary.']);
  });

  it('rejects a duplicate Ärende-ID on the later line, over-long texts and a NUL character', async () => {
    const o = await freshOrg(t);
    const long = 'å'.repeat(501);
    const rows = [HEAD, good(1), good(2), good(1, 'Klar'), ['IA-9', long, '2025-01-01', 'Klar', ''], ['IA-10', 'Noll\u0000tecken', '2025-01-01', 'Klar', '']];
    const r = await runImport(t, csv(rows), { org: o.slug, skipInvalid: true });
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[4, 'Ärende-ID'], [5, 'Rubrik'], [6, 'Rubrik']]);
    expect(r.summary.errors[2].reason_en).toContain('NUL character');
    expect(r.summary.errors[0].reason_sv).toContain('rad 2');
    const got = await stored(t, o.id);
    expect(got.map((i) => [i.externalId, i.status])).toEqual([['IA-1', 'Rapporterad'], ['IA-2', 'Rapporterad']]);
  });

  it('finds a duplicate far apart (across write batches) and a quote that is never closed', async () => {
    const o = await freshOrg(t);
    const many = Array.from({ length: 4500 }, (_, i) => [`M-${i}`, `Rad ${i}`, '2025-01-01', 'Klar', '']);
    const r = await runImport(t, csv([HEAD, ...many, ['M-0', 'igen', '2025-01-01', 'Klar', ''], ['M-x', '"öppnas men stängs aldrig', '2025-01-01', 'Klar', '']]), { org: o.slug });
    expect(r.summary.errors.map((e) => [e.line, e.column])).toEqual([[4502, 'Ärende-ID'], [4503, 'Rubrik']]);
    expect(r.summary.errors[0].reason_en).toContain('line 2');
    expect(await stored(t, o.id)).toHaveLength(0);
  });

  it('refuses a file without the required columns with one error on line 1 naming them', async () => {
    const o = await freshOrg(t);
    const r = await runImport(t, csv([['ID', 'Titel', 'Datum'], ['1', 'a', '2025-01-01']]), { org: o.slug, skipInvalid: true });
    expect(r.failed).toBe(true);
    expect(r.summary.errors).toHaveLength(1);
    expect(r.summary.errors[0].line).toBe(1);
    expect(r.summary.errors[0].reason_en).toContain('Rapporterad');
    expect(r.summary.errors[0].reason_en).toContain('Status');
    expect(r.summary.errors[0].reason_en).not.toContain('Ärende-ID');
    expect(await stored(t, o.id)).toHaveLength(0);
  });

  it('answers 404 for an unknown organisation', async () => {
    await expect(runImport(t, csv([HEAD, good(1)]), { org: 'finns-inte' })).rejects.toMatchObject({ status: 404 });
  });

  it('refuses an old .xls file and an empty file', async () => {
    const o = await freshOrg(t);
    await expect(runImport(t, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), { org: o.slug })).rejects.toMatchObject({ status: 415 });
    await expect(runImport(t, '', { org: o.slug })).rejects.toMatchObject({ status: 422 });
  });
});

describe('dry run', () => {
  it('reports what would happen and writes nothing', async () => {
    const o = await freshOrg(t);
    await runImport(t, csv([HEAD, good(1), good(2)]), { org: o.slug });
    const before = await stored(t, o.id);
    const r = await runImport(t, csv([HEAD, good(1), good(2, 'Klar'), good(3)]), { org: o.slug, dryRun: true });
    expect(r.summary).toMatchObject({ created: 1, updated: 1, unchanged: 1, rejected: 0 });
    expect(r.written).toBe(false);
    expect(await stored(t, o.id)).toEqual(before);
    expect(await auditRows(o.id)).toHaveLength(1);
  });

  it('with bad rows and no --skip-invalid, still says what the good rows would do (as the upload page does)', async () => {
    const o = await freshOrg(t);
    const r = await runImport(t, csv([HEAD, good(1), ['IA-2', '', '2025-01-02', 'Klar', ''], good(3)]), { org: o.slug, dryRun: true });
    expect(r.failed).toBe(true);
    expect(r.summary).toMatchObject({ created: 2, rejected: 1 });
    expect(await stored(t, o.id)).toHaveLength(0);
  });
});

describe('re-import', () => {
  it('is idempotent on Ärende-ID: unchanged rows are counted, changes update, status changes are recorded', async () => {
    const o = await freshOrg(t);
    const first = await runImport(t, csv([HEAD, good(1), good(2), good(3)]), { org: o.slug });
    expect(first.summary).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const [i1] = await stored(t, o.id);
    // The importer here is the system (no user); http.test.ts shows a person as the importer.
    const admin = null;
    expect(await shownHistory(t, i1.id)).toEqual([[null, 'Rapporterad', 'import', admin]]);
    expect(await history(t, i1.id)).toEqual([]);

    const again = await runImport(t, csv([HEAD, good(1), good(2), good(3)]), { org: o.slug });
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(again.summary.changes).toBeUndefined();

    const changedFile = csv([HEAD, good(1, 'Klar'), good(2, 'Rapporterad', 'Fel mottagare'), good(3), good(4)]);
    // The preview says what the updates change, by the file's column, with the cases; the import then says the same.
    const expected = [{ column: 'Status', count: 1, examples: ['IA-1'] }, { column: 'Kategori', count: 1, examples: ['IA-2'] }];
    expect((await runImport(t, changedFile, { org: o.slug, dryRun: true })).summary.changes).toEqual(expected);
    const changed = await runImport(t, changedFile, { org: o.slug });
    expect(changed.summary).toMatchObject({ created: 1, updated: 2, unchanged: 1, rejected: 0 });
    expect(changed.summary.changes).toEqual(expected);
    const after = await stored(t, o.id);
    expect(after.map((i) => [i.externalId, i.status, i.category, i.version])).toEqual([
      ['IA-1', 'Klar', 'Nätfiske', 2], ['IA-2', 'Rapporterad', 'Fel mottagare', 2], ['IA-3', 'Rapporterad', 'Nätfiske', 1], ['IA-4', 'Rapporterad', 'Nätfiske', 1],
    ]);
    expect(after[0].id).toBe(i1.id);
    expect(await shownHistory(t, i1.id)).toEqual([[null, 'Rapporterad', 'import', admin], ['Rapporterad', 'Klar', 'import', admin]]);
    expect(await history(t, i1.id)).toHaveLength(1);
    expect(await shownHistory(t, after[1].id)).toEqual([[null, 'Rapporterad', 'import', admin]]);
  });

  it('reads invisible characters copied along (zero-width space, soft hyphen, word joiner) as nothing in case ids, headers and unit names', async () => {
    const o = await freshOrg(t);
    const lines = (...l: string[]) => csv(l.map((x) => x.split(';')));
    const first = await runImport(t, lines('Ärende-ID;Rubrik;Rapporterad;Status', 'x-10;Första;2025-02-03;Klar'), { org: o.slug });
    expect(first.summary).toMatchObject({ created: 1 });
    // The same case with a zero-width space after its id, a header with one, and soft hyphens in a header and a unit.
    const again = await runImport(t, lines(
      'Ärende-ID\u200b;Rubrik;Rapporterad;Status;Personuppgifts\u00adincident;Enhet',
      'x-10\u200b;Första;2025-02-03;Klar;Ja;Beställar\u00adenheten',
      '\u2060x-11;Andra;2025-02-04;Klar;Nej;\u200bBeställarenheten',
    ), { org: o.slug });
    expect(again.summary).toMatchObject({ created: 1, updated: 1, unchanged: 0, rejected: 0, warnings: [] });
    const after = await stored(t, o.id);
    expect(after.map((i) => [i.externalId, i.personalData, i.orgId])).toEqual([['x-10', 'ja', o.unitId], ['x-11', 'nej', o.unitId]]);
  });

  it('counts an incident imported and changed after the year end with the status it had when imported', async () => {
    const o = await freshOrg(t);
    await runImport(t, csv([HEAD, good(1, 'Under utredning'), good(2, 'Klar')]), { org: o.slug });
    await runImport(t, csv([HEAD, good(1, 'Klar'), good(2, 'Klar')]), { org: o.slug });
    const asOf = await incidentFigures(t.database.db, await pathOf(o.id), 2025, '2025-12-31');
    const now = await incidentFigures(t.database.db, await pathOf(o.id), 2025);
    expect([asOf.byStatus['Under utredning'], asOf.byStatus.Klar]).toEqual([1, 1]);
    expect([now.byStatus['Under utredning'], now.byStatus.Klar]).toEqual([0, 2]);
  });

  it('keeps fields whose column is absent, and never lowers protected identity', async () => {
    const o = await freshOrg(t);
    const full = [['Ärende-ID', 'Rubrik', 'Beskrivning', 'Rapporterad', 'Status', 'Skyddade personuppgifter'], ['S-1', 'a', 'känslig text', '2025-01-01', 'Klar', 'Ja']];
    await runImport(t, csv(full), { org: o.slug });
    const r = await runImport(t, csv([['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Skyddade personuppgifter'], ['S-1', 'a', '2025-01-01', 'Klar', 'Nej']]), { org: o.slug });
    expect(r.summary.unchanged).toBe(1);
    expect((await stored(t, o.id))[0]).toMatchObject({ description: 'känslig text', protectedIdentity: true });
  });

  it('keeps what an empty cell would erase, and never withdraws a recorded report to IMY or the CSIRT, saying where', async () => {
    const o = await freshOrg(t);
    const head = ['Ärende-ID', 'Rubrik', 'Beskrivning', 'Händelsedatum', 'Rapporterad', 'Status', 'Typ', 'Kategori', 'Anmäld till IMY', 'Anmäld till CSIRT'];
    await runImport(t, csv([head,
      ['R-1', 'Fel mottagare', 'Brevet gick fel', '2025-03-01', '2025-03-02', 'Klar', 'Personuppgiftsincident', 'Fel mottagare', '2025-03-05', 'Nej'],
      ['R-2', 'Intrång', 'Konto kapat', '2026-02-01', '2026-02-02', 'Under utredning', 'IT-säkerhet', 'Intrång', 'Nej', '2026-02-02 12:00'],
    ]), { org: o.slug });
    const before = await stored(t, o.id);
    // The next IA export: blank cells where Tillit has values, and Nej where Tillit has the reports recorded.
    const r = await runImport(t, csv([head,
      ['R-1', 'Fel mottagare', '', '', '2025-03-02', 'Klar', '', '', 'Nej', 'Nej'],
      ['R-2', 'Intrång', '', '', '2026-02-02', 'Under utredning', '', '', 'Nej', 'Nej'],
    ]), { org: o.slug });
    expect(r.summary).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(r.summary.warnings_sv).toEqual([
      'Anmäld till IMY säger Nej på rad 2, men Tillit har anmälan registrerad: den behölls (en import drar aldrig tillbaka en anmälan). Ändra den på incidenten om den är fel.',
      'Anmäld till CSIRT säger Nej på rad 3, men Tillit har anmälan registrerad: den behölls (en import drar aldrig tillbaka en anmälan). Ändra den på incidenten om den är fel.',
    ]);
    expect(r.summary.warnings_en[0]).toBe('Anmäld till IMY says Nej (no) on line 2, but Tillit has the report recorded: it was kept (an import never withdraws a report). Change it on the incident if it is wrong.');
    expect(await stored(t, o.id)).toEqual(before);
    // A value in the cell still replaces, and Ja keeps the recorded time.
    const changed = await runImport(t, csv([head, ['R-1', 'Fel mottagare', 'Ny text', '', '2025-03-02', 'Klar', 'Informationssäkerhet', 'Annat', 'Ja', 'Nej']]), { org: o.slug });
    expect(changed.summary).toMatchObject({ updated: 1, warnings: [] });
    const [r1] = await stored(t, o.id);
    expect(r1).toMatchObject({ description: 'Ny text', kind: 'Informationssäkerhet', category: 'Annat', reportedToImy: true, imyReportedAt: before[0].imyReportedAt, occurredAt: before[0].occurredAt });
  });

  it('names each changed column as the file does, counts every row and names the first three cases', async () => {
    const o = await freshOrg(t);
    const head = ['ärendenummer', 'Titel', 'Registrerad', 'STATUS', 'Kategori', 'Enhet'];
    const row = (i: number, status: string, title = `Händelse ${i}`, unit = '') => [`IA-${i}`, title, `2025-01-0${i}`, status, 'Nätfiske', unit];
    await runImport(t, csv([head, ...[1, 2, 3, 4, 5].map((i) => row(i, 'Rapporterad'))]), { org: o.slug });
    const file = csv([head, ...[1, 2, 3, 4].map((i) => row(i, 'Klar')), row(5, 'Rapporterad', 'Ny rubrik', 'Enhet X')]);
    const r = await runImport(t, file, { org: o.slug, dryRun: true });
    expect(r.summary).toMatchObject({ updated: 5, unchanged: 0 });
    expect(r.summary.changes).toEqual([
      { column: 'Titel', count: 1, examples: ['IA-5'] },
      { column: 'STATUS', count: 4, examples: ['IA-1', 'IA-2', 'IA-3'] },
      { column: 'Enhet', count: 1, examples: ['IA-5'] },
    ]);
    // A real import refused for a bad row writes nothing and so changes nothing.
    const refused = await runImport(t, csv([head, ...[1, 2].map((i) => row(i, 'Klar')), ['IA-9', '', '2025-01-09', 'Klar', '', '']]), { org: o.slug });
    expect(refused.failed).toBe(true);
    expect(refused.summary.changes).toBeUndefined();
  });

  it('says before writing where the file\'s status replaces one a person set in Tillit, and only there', async () => {
    const o = await freshOrg(t);
    await runImport(t, csv([HEAD, good(1), good(2), good(3)]), { org: o.slug });
    const [i1] = await stored(t, o.id);
    // Triage in Tillit moves IA-1 on; IA has not heard of it.
    await updateIncident(t.ctx, i1.id, { version: i1.version, status: 'Under registrering' });
    // The next IA export: IA-1 still Rapporterad there, IA-2 closed in IA (its last change was the import's), IA-3 as before.
    const file = csv([HEAD, good(1), good(2, 'Klar'), good(3)]);
    const preview = await runImport(t, file, { org: o.slug, dryRun: true });
    expect(preview.summary).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    expect(preview.summary.warnings_sv).toEqual([
      'Status i filen ersätter en status som satts i Tillit för 1 ärende, på rad 2: IA-1 (Under registrering → Rapporterad). Importen tar IA:s status. Ändra den i IA först om Tillits ska gälla, eller ändra på incidenten efteråt.',
    ]);
    expect(preview.summary.warnings_en[0]).toContain('replaces a status set in Tillit for 1 case, on line 2: IA-1 (Under registrering → Rapporterad)');
    expect((await stored(t, o.id))[0].status).toBe('Under registrering');
    // The import takes IA's status, as the format says; after it the last change is the import's, so the same file warns no more.
    const done = await runImport(t, file, { org: o.slug });
    expect(done.summary.warnings_sv).toHaveLength(1);
    expect((await stored(t, o.id)).map((i) => i.status)).toEqual(['Rapporterad', 'Klar', 'Rapporterad']);
    await updateIncident(t.ctx, i1.id, { version: (await stored(t, o.id))[0].version, status: 'Under registrering' });
    const moreFile = csv([HEAD, good(1, 'Förfallen'), good(2, 'Klar'), good(3)]);
    expect((await runImport(t, moreFile, { org: o.slug, dryRun: true })).summary.warnings_sv[0]).toContain('IA-1 (Under registrering → Förfallen)');
    await runImport(t, moreFile, { org: o.slug });
    expect((await runImport(t, moreFile, { org: o.slug })).summary).toMatchObject({ unchanged: 3, warnings: [] });
  });

  it('keeps registers apart: the same Ärende-ID in two organisations is two incidents', async () => {
    const a = await freshOrg(t);
    const b = await freshOrg(t);
    await runImport(t, csv([HEAD, good(1)]), { org: a.slug });
    const r = await runImport(t, csv([HEAD, good(1)]), { org: b.slug });
    expect(r.summary.created).toBe(1);
  });
});

describe('registers and units', () => {
  it('a re-import at the city or at an enhet matches the förvaltning\'s cases and moves none of them', async () => {
    const o = await freshOrg(t);
    const it = await createOrg(t.ctx, { slug: `${o.slug}-it`, name: 'IT-enheten', type: 'enhet', parent: o.slug });
    const head = ['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Enhet'];
    const file = csv([head, ['U-1', 'a', '2025-03-01', 'Klar', 'Beställarenheten'], ['U-2', 'b', '2025-03-02', 'Klar', 'IT-enheten'], ['U-3', 'c', '2025-03-03', 'Klar', '']]);
    expect((await runImport(t, file, { org: o.slug })).summary.created).toBe(3);
    const where = async () => Object.fromEntries((await stored(t, o.id)).map((i) => [i.externalId, i.orgId]));
    const before = await where();
    expect(before).toEqual({ 'U-1': o.unitId, 'U-2': it.id, 'U-3': o.id });
    // At the city: the same cases, unchanged (they used to be created again in a register of the city's own).
    expect((await runImport(t, file, { org: 'stad' })).summary).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    // At one enhet: IT-enheten is not under it, so U-2 stays where it is (it used to be moved into the enhet).
    expect((await runImport(t, file, { org: `${o.slug}-best` })).summary).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await where()).toEqual(before);
    // A new case at the city naming a unit that several förvaltningar have stays at the city, the name kept as text.
    const stad = await runImport(t, csv([head, [`U-${o.slug}`, 'd', '2025-03-04', 'Klar', 'Beställarenheten']]), { org: 'stad' });
    expect(stad.summary.created).toBe(1);
    const [made] = await t.database.db.select().from(incidents).where(eq(incidents.externalId, `U-${o.slug}`));
    expect(made).toMatchObject({ unitText: 'Beställarenheten' });
    expect(made.orgId).toBe(made.registerOrgId);
  });
});

describe('numbers', () => {
  it('count per reported year from 1, imported or not, and a re-import keeps them', async () => {
    const o = await freshOrg(t);
    const file = csv([HEAD, ['N-1', 'a', '2019-03-01', 'Klar', ''], ['N-2', 'b', '2019-02-01', 'Klar', ''], ['N-3', 'c', '2018-12-31 23:30', 'Klar', '']]);
    await runImport(t, file, { org: o.slug });
    const numbers = async () => Object.fromEntries((await stored(t, o.id)).map((i) => [i.externalId, `${i.numberYear}-${i.numberSeq}`]));
    expect(await numbers()).toEqual({ 'N-1': '2019-2', 'N-2': '2019-1', 'N-3': '2018-1' });
    await runImport(t, csv([HEAD, ['N-1', 'a', '2019-03-01', 'Under utredning', ''], ['N-4', 'd', '2019-05-01', 'Klar', '']]), { org: o.slug });
    expect(await numbers()).toEqual({ 'N-1': '2019-2', 'N-2': '2019-1', 'N-3': '2018-1', 'N-4': '2019-3' });
  });

  it('are the same whether a batch goes as new cases at once or is looked up first (after a batch of existing ones)', async () => {
    const o = await freshOrg(t);
    await runImport(t, csv([HEAD, good(1), good(2), good(3)]), { org: o.slug });
    // Batches of two: [1, 2] exist (sent as new, both found), so [3, 9] is looked up first; [8, 7] goes as new at
    // once, numbered in reported order (7 before 8).
    const rows = [good(1), good(2), good(3, 'Klar'), ['IA-9', 'nio', '2025-01-05', 'Klar', ''], ['IA-8', 'åtta', '2025-01-07', 'Klar', ''], ['IA-7', 'sju', '2025-01-06', 'Klar', '']];
    const r = await runImport(t, csv([HEAD, ...rows]), { org: o.slug, batchSize: 2 });
    expect(r.summary).toMatchObject({ created: 3, updated: 1, unchanged: 2, rejected: 0 });
    const after = await stored(t, o.id);
    // 2025's sequence is shared with the other tests' imports: numbers relative to this file's first.
    const first = after[0].numberSeq!;
    expect(after.map((i) => [i.externalId, i.status, i.numberSeq! - first])).toEqual([
      ['IA-1', 'Rapporterad', 0], ['IA-2', 'Rapporterad', 1], ['IA-3', 'Klar', 2], ['IA-7', 'Klar', 4], ['IA-8', 'Klar', 5], ['IA-9', 'Klar', 3],
    ]);
    expect(await shownHistory(t, after[5].id)).toEqual([[null, 'Klar', 'import', null]]);
  });
});

describe('concurrency (PostgreSQL)', () => {
  it.skipIf(TEST_DB !== 'pg')('an import bringing a new year does not hold up a report of that year made meanwhile', async () => {
    const o = await freshOrg(t);
    // 2001: no incident has that year yet, so the import makes its number sequence.
    const rows = Array.from({ length: 300 }, (_, i) => [`GAMMAL-${i}`, `Händelse ${i}`, `2001-03-${String((i % 28) + 1).padStart(2, '0')}`, 'Klar', '']);
    let reported: Promise<number> | undefined;
    const imported = runImport(t, csv([HEAD, ...rows]), {
      org: o.slug, batchSize: 10,
      onProgress: () => {
        reported ??= createIncident(t.ctx, { org: o.slug, title: 'Rapport under importen', reportedAt: '2001-06-01 10:00' }).then(() => performance.now());
      },
    }).then(() => performance.now());
    const [reportedAt, importedAt] = await Promise.all([imported.then(() => reported!), imported]);
    // Before, the report waited on the import's uncommitted sequence and finished after it.
    expect(reportedAt).toBeLessThan(importedAt);
    const numbers = (await stored(t, o.id)).filter((i) => i.numberYear === 2001).map((i) => i.numberSeq);
    expect(new Set(numbers).size).toBe(301);
  });
});

describe('audit', () => {
  it('records one row per import with the file SHA-256, counts and options', async () => {
    const o = await freshOrg(t);
    const content = csv([HEAD, good(1), good(2), ['IA-3', '', '2025-01-01', 'Klar', '']]);
    await runImport(t, content, { org: o.slug, skipInvalid: true, fileName: 'ia-export.csv' });
    const rows = await auditRows(o.id);
    expect(rows).toHaveLength(1);
    const sha = createHash('sha256').update(content).digest('hex');
    expect(rows[0].entityId).toBe(sha);
    expect(rows[0].after).toMatchObject({ sha256: sha, file: 'ia-export.csv', created: 2, updated: 0, unchanged: 0, rejected: 1, options: { skipInvalid: true } });
  });
});

describe('migration 0014: registers of imports into units', () => {
  it('moves each case to its förvaltning\'s register unless that register already holds the Ärende-ID', async () => {
    const o = await freshOrg(t);
    const unitFile = csv([HEAD, good(1), good(2)]);
    // As the import wrote them before: keyed on the unit it was given.
    await runImport(t, unitFile, { org: `${o.slug}-best` });
    await t.database.db.execute(sql`update incidents set register_org_id = ${o.unitId} where register_org_id = ${o.id}`);
    await runImport(t, csv([HEAD, good(2, 'Klar')]), { org: o.slug });
    expect((await stored(t, o.id)).map((i) => i.externalId)).toEqual(['IA-2']);
    await t.database.db.execute(sql.raw(readFileSync(new URL('../../../../migrations/0014_import_register.sql', import.meta.url), 'utf8')));
    expect((await stored(t, o.id)).map((i) => [i.externalId, i.status])).toEqual([['IA-1', 'Rapporterad'], ['IA-2', 'Klar']]);
    expect((await stored(t, o.unitId)).map((i) => i.externalId)).toEqual(['IA-2']);
  });
});
