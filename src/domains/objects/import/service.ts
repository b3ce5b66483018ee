/**
 * The objektlista import (format: docs/objects-import.md): a förvaltning's object list with its KLASSA results, one
 * row per digital object, into an organisation's subtree. Used by the CLI and the HTTP upload; reads the file with
 * the platform's tabular reader and runs as every register import does (platform/tabular/run.ts).
 *
 * - An object is matched by name (letter case and runs of spaces do not count) within the organisation's subtree,
 *   or within the row's Organisation when the row names one. Found: updated when anything in the file differs,
 *   else unchanged; not found: created (in the row's organisation, else the target). Nothing is deleted or archived.
 *   An archived object is not updated: a row that would change it is refused (restore it in Tillit first); one that
 *   changes nothing is unchanged. An organisation's name that several carry is resolved by the object's name.
 * - The computed columns of the page's export (Nästa omklassning, Uppföljning {år}) are never read: silent while they
 *   say what Tillit has, one note naming the lines where they do not.
 * - A column that is absent leaves its field; a present empty cell gives the field's empty value (text emptied,
 *   nej, saknas, lokal, not assessed).
 * - Each row is validated by the object's own contract (CreateDigitalObject / UpdateDigitalObject) and KLASSA's
 *   rules (checkClassification), and written through createObject / updateObject, so an import classifies, audits
 *   and dates the next reclassification as the dialog does.
 * - One transaction: all or nothing unless `skipInvalid`; `dryRun` classifies the same way and writes nothing.
 *   Audited as the dialog audits (object.create / object.update) plus one `object.import` row.
 */
import { and, eq, inArray, like } from 'drizzle-orm';
import type { ZodError } from 'zod';
import { escapeLike } from '../../../server/platform/authz';
import type { Ctx } from '../../../server/platform/context';
import { AppError } from '../../../server/platform/errors';
import type { Cell } from '../../../server/platform/tabular/cells';
import { importAuditFacts, planAndWrite, readImportRows, type ImportOptions, type ImportRow, lockRegister, type PlannedRow } from '../../../server/platform/tabular/run';
import { inspectFile, type FileInfo } from '../../../server/platform/tabular/source';
import { addWarning, type ImportSummary, type RowError } from '../../../server/platform/tabular/summary';
import { rowOrgs } from '../../../server/platform/tabular/orgs';
import { cellText, nameKey, parseDay, parseYesNo, type Parsed } from '../../../server/platform/tabular/values';
import { stockholmDate } from '../../../server/platform/time';
import { describeIssue } from '../../../server/platform/validation';
import { recordAudit } from '../../audit/chain';
import { orgs } from '../../org/table';
import { orgFor, type OrgRow } from '../../plans/scope';
import { checkClassification, oneYearAfter } from '../classification';
import { ASPECTS, CreateDigitalObject, UpdateDigitalObject } from '../contract';
import { createObject, updateObject, type ObjectRow } from '../service';
import { digitalObjects, objectFollowUps } from '../table';
import { columnName, OBJECT_COLUMNS, OBJECT_HEADER, type ObjectField, type ObjectHeader } from './columns';
import { parseFollowUpDone, parseLevel, parseLevels, parseManagement, parsePub, parseStatus } from './values';

export type { ImportError, ImportSummary } from '../../../server/platform/tabular/summary';

export interface ObjectImportOptions extends ImportOptions {
  org: string;
}

export interface ObjectImportResult {
  summary: ImportSummary;
  /** True when the import's changes were committed. */
  written: boolean;
  /** True when the import as a whole failed (invalid rows without skipInvalid, or missing columns). */
  failed: boolean;
  info: FileInfo;
}

/** An objektlista has tens to a few hundred rows; more than this is not one. */
export const MAX_ROWS = 5000;
/** Upload limit of the HTTP route. */
export const OBJECT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const HOW_TO = { sv: 'Spara objektlistan som CSV eller XLSX.', en: 'Save the object list as CSV or XLSX.' };

const TEXT_FIELDS = ['description', 'owner', 'manager', 'specialist', 'supplier', 'thirdCountryNote', 'aiNote'] as const;
const YES_NO_FIELDS = ['nis', 'thirdCountryTransfer', 'aiFunctions', 'managementPlan', 'continuityPlan'] as const;
type Values = Partial<Omit<CreateDigitalObject, 'org' | 'name'>>;

/** What one valid row does. */
interface Planned extends PlannedRow {
  line: number;
  org: OrgRow;
  name: string;
  existing?: ObjectRow;
  /** A new object's fields; an existing one's changed fields. */
  values: Values & { name?: string };
}

/** Imports the objektlista at `path` into the subtree of `opts.org`. */
export async function importObjects(ctx: Ctx, path: string, opts: ObjectImportOptions, known?: FileInfo): Promise<ObjectImportResult> {
  const target = await orgFor(ctx, ctx.db, opts.org, 'object.read', 'object.manage');
  const info = known ?? (await inspectFile(path));
  const read = await readImportRows(path, info, OBJECT_HEADER, HOW_TO, {
    maxRows: MAX_ROWS, tooMany: { sv: 'en objektlista har några hundra', en: 'an object list has a few hundred' },
  });
  if ('failed' in read) return { summary: read.failed, written: false, failed: true, info };
  const { header, rows, summary } = read;
  if (header.index.levels !== undefined && ASPECTS.every((a) => header.index[a] !== undefined)) {
    addWarning(summary, {
      sv: `Kolumnen "${header.names.levels}" läses inte: nivåerna läses från kolumnerna K, R, T och S.`,
      en: `Column "${header.names.levels}" is not read: the levels are read from the columns K, R, T and S.`,
    });
  }

  const done = await planAndWrite(ctx, summary, opts, async (tx, reject) => {
    // One import at a time per organisation: the second waits and then sees the first one's objects.
    await lockRegister(tx, 'objects', target.id);
    const tree = (await tx.select().from(orgs).where(like(orgs.path, escapeLike(target.path) + '%'))).filter((o) => !o.archivedAt);
    const objects = await tx.select().from(digitalObjects).where(inArray(digitalObjects.orgId, tree.map((o) => o.id)));
    const followUpYear = header.index.followUp === undefined ? undefined : yearOf(header.names.followUp!);
    const followedUp = followUpYear === undefined || objects.length === 0 ? [] : await tx.select({ id: objectFollowUps.objectId }).from(objectFollowUps)
      .where(and(eq(objectFollowUps.year, followUpYear), inArray(objectFollowUps.objectId, objects.map((o) => o.id))));
    const derived: Derived = { followedUp: new Set(followedUp.map((f) => f.id)), nextDiffers: [], followUpDiffers: [] };
    const plan = classify(rows, header, target, tree, objects, derived, reject);
    derivedNotes(summary, header, derived, followUpYear);
    return plan;
  }, async (tx, plan) => {
    // Through the dialog's own service path (a savepoint each): its checks, its audit rows, its derived dates.
    const inImport: Ctx = { ...ctx, db: tx };
    for (const p of plan) {
      if (p.outcome === 'created') await createObject(inImport, { ...p.values, org: p.org.slug, name: p.name });
      else if (p.outcome === 'updated') await updateObject(inImport, p.existing!.id, { ...p.values, version: p.existing!.version });
    }
    await recordAudit(tx, ctx, {
      action: 'object.import', entityType: 'object_import', entityId: info.sha256, orgId: target.id,
      after: { org: target.slug, ...importAuditFacts(info, summary, opts) },
    });
  }, {
    columns: OBJECT_COLUMNS, names: header.names,
    // A level read from the one K/R/T/S column is that column's change.
    of: (p) => ({
      key: p.name,
      fields: (Object.keys(p.values) as (keyof Planned['values'])[]).map((k) =>
        (ASPECTS as readonly string[]).includes(k) && header.index[k] === undefined && header.index.levels !== undefined ? 'levels' : k),
    }),
  });
  return { summary, written: done.written, failed: done.failed, info };
}

/** Columns Tillit computes (the page's export has them): the lines whose cell differs from what Tillit has. */
interface Derived {
  /** The objects with a follow-up of the column's year. */
  followedUp: Set<string>;
  nextDiffers: number[];
  followUpDiffers: number[];
}

/** The year of the page's follow-up column ("Uppföljning 2025"); without one, this year. */
const yearOf = (header: string): number => Number(/(\d{4})\s*$/.exec(header)?.[1] ?? stockholmDate().slice(0, 4));

/** "2, 5 och 9" up to twenty lines, then how many more. */
function lineList(lines: number[], and: string, more: (n: number) => string): string {
  const shown = lines.slice(0, 20);
  const rest = lines.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} ${more(rest)}`;
  return shown.length === 1 ? String(shown[0]) : `${shown.slice(0, -1).join(', ')} ${and} ${shown[shown.length - 1]}`;
}

/**
 * One note per computed column whose cells differ from Tillit's, naming the lines; nothing when they agree (an
 * unedited export of the page). The import never writes them: the next reclassification follows the lokal date, and
 * follow-ups are recorded on the page.
 */
function derivedNotes(summary: ImportSummary, h: ObjectHeader, d: Derived, year: number | undefined): void {
  const lines = (l: number[]) => ({
    sv: `${l.length > 1 ? 'Raderna' : 'Rad'} ${lineList(l, 'och', (n) => `och ${n} till`)}`,
    en: `${l.length > 1 ? 'Lines' : 'Line'} ${lineList(l, 'and', (n) => `and ${n} more`)}`,
  });
  if (d.nextDiffers.length > 0) {
    const l = lines(d.nextDiffers);
    addWarning(summary, {
      sv: `Kolumnen "${h.names.nextReclassification}" läses inte: Tillit räknar nästa omklassning till ett år efter den lokala klassningens datum. ${l.sv} har ett annat datum; ändra den lokala klassningens datum (${columnName('lokalDate', h)}) om omklassningen ska flyttas.`,
      en: `Column "${h.names.nextReclassification}" is not read: Tillit sets the next reclassification a year after the local classification's date. ${l.en} ${d.nextDiffers.length > 1 ? 'have' : 'has'} another date; change the local classification's date (${columnName('lokalDate', h)}) to move the reclassification.`,
    });
  }
  if (d.followUpDiffers.length > 0) {
    const l = lines(d.followUpDiffers);
    addWarning(summary, {
      sv: `Kolumnen "${h.names.followUp}" läses inte: en import registrerar inga objektuppföljningar. ${l.sv} säger något annat än Tillit om uppföljningen ${year}; registrera uppföljningen med objektets knapp Uppföljning på sidan Objekt.`,
      en: `Column "${h.names.followUp}" is not read: an import records no object follow-ups. ${l.en} ${d.followUpDiffers.length > 1 ? 'say' : 'says'} otherwise than Tillit about the ${year} follow-up; record it with the object's Uppföljning button on the Objekt page.`,
    });
  }
}

/** Validates every row against the objects as they stand and says what each valid one does. */
function classify(
  rows: ImportRow[], h: ObjectHeader, target: OrgRow, tree: OrgRow[], objects: ObjectRow[], derived: Derived, reject: (errors: RowError[]) => void,
): Planned[] {
  const plan: Planned[] = [];
  const seen = new Map<string, number>();
  const orgName = new Map(tree.map((o) => [o.id, o.name]));
  for (const { line, cells, date1904 } of rows) {
    const errors: RowError[] = [];
    const err = (f: ObjectField, m: { sv: string; en: string }) => errors.push({ line, column: columnName(f, h), ...m });
    const has = (f: ObjectField) => h.index[f] !== undefined;
    const cell = (f: ObjectField): Cell | undefined => (h.index[f] === undefined ? undefined : cells[h.index[f]!]);
    const text = (f: ObjectField): string => {
      const v = cellText(cell(f));
      if (v.includes('\u0000')) err(f, { sv: 'Texten innehåller ett NUL-tecken (U+0000), som inte kan lagras.', en: 'The text holds a NUL character (U+0000), which cannot be stored.' });
      return v;
    };
    const read = <T>(f: ObjectField, parsed: Parsed<T>): T | undefined => {
      if (parsed.ok) return parsed.value;
      err(f, parsed.msg);
      return undefined;
    };

    const name = text('name');
    if (name === '') err('name', { sv: 'Objektets namn saknas.', en: 'The object\'s name is missing.' });
    const orgCell = has('org') ? text('org') : '';
    const orgChoices = read('org', rowOrgs(orgCell, target, tree));
    const values: Values = {};
    for (const f of TEXT_FIELDS) if (has(f)) values[f] = text(f);
    for (const f of YES_NO_FIELDS) if (has(f)) values[f] = read(f, parseYesNo(cell(f)));
    if (has('management')) values.management = read('management', parseManagement(cell('management')));
    if (has('pubAgreement')) values.pubAgreement = read('pubAgreement', parsePub(cell('pubAgreement')));
    for (const kind of ['normerande', 'lokal'] as const) {
      if (has(`${kind}Status`)) values[`${kind}Status`] = read(`${kind}Status`, parseStatus(cell(`${kind}Status`)));
      if (has(`${kind}Date`)) values[`${kind}Date`] = read(`${kind}Date`, parseDay(cell(`${kind}Date`), date1904));
    }
    const combined = has('levels') ? read('levels', parseLevels(cell('levels'))) : undefined;
    ASPECTS.forEach((a, i) => {
      if (has(a)) values[a] = read(a, parseLevel(cell(a)));
      else if (combined) values[a] = combined[i];
    });

    // The object: by name in the row's organisation(s), else anywhere in the subtree.
    const key = nameKey(name);
    const byOrg = orgCell !== '';
    const inOrgs = new Set(orgChoices?.map((o) => o.id));
    const candidates = name === '' || !orgChoices ? [] : objects.filter((o) => nameKey(o.name) === key && (!byOrg || inOrgs.has(o.orgId)));
    const existing = candidates.length === 1 ? candidates[0] : undefined;
    // Several organisations of that name: the one whose object this is, else the row cannot say where.
    let org = orgChoices?.length === 1 ? orgChoices[0] : existing ? orgChoices?.find((o) => o.id === existing.orgId) : undefined;
    if (orgChoices && orgChoices.length > 1 && candidates.length !== 1) {
      const slugs = orgChoices.map((o) => o.slug).join(', ');
      err('org', { sv: `Flera organisationer heter "${orgCell}" (${slugs}); ange kortnamnet.`, en: `Several organisations are named "${orgCell}" (${slugs}); give the short name (slug).` });
      org = undefined;
    } else if (candidates.length > 1) {
      const where = candidates.map((o) => orgName.get(o.orgId)!).sort((a, b) => a.localeCompare(b, 'sv')).join(', ');
      err('name', {
        sv: `Objektet "${name}" finns i flera organisationer (${where}); ange vilken i kolumnen Organisation.`,
        en: `The object "${name}" exists in several organisations (${where}); say which in the column Organisation.`,
      });
    }
    if (name !== '' && org) {
      const seenKey = existing ? existing.id : `${org.id}\u0000${key}`;
      const first = seen.get(seenKey);
      if (first !== undefined) {
        err('name', { sv: `Objektet "${name}" finns redan på rad ${first} i filen.`, en: `The object "${name}" already occurs on line ${first} of the file.` });
      } else seen.set(seenKey, line);
    }
    if (errors.length > 0 || !org) {
      reject(errors);
      continue;
    }

    // The dialog's own rules: the contract (lengths, values) and KLASSA's (klar has a date that has been).
    const parsed = existing
      ? UpdateDigitalObject.safeParse({ ...values, version: existing.version, name })
      : CreateDigitalObject.safeParse({ ...values, org: org.slug, name });
    if (!parsed.success) {
      contractErrors(parsed.error, (f, m) => err(f, m));
      reject(errors);
      continue;
    }
    const { version: _v, org: _o, ...valid } = parsed.data as Values & { version?: number; org?: string; name: string };
    try {
      checkClassification({
        normerandeStatus: valid.normerandeStatus ?? existing?.normerandeStatus ?? 'saknas',
        normerandeDate: valid.normerandeDate === undefined ? (existing?.normerandeDate ?? null) : valid.normerandeDate,
        lokalStatus: valid.lokalStatus ?? existing?.lokalStatus ?? 'saknas',
        lokalDate: valid.lokalDate === undefined ? (existing?.lokalDate ?? null) : valid.lokalDate,
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const dateField = e.field as 'normerandeDate' | 'lokalDate';
      const statusField = dateField === 'normerandeDate' ? 'normerandeStatus' : 'lokalStatus';
      err(has(dateField) || !has(statusField) ? dateField : statusField, e.msg);
      reject(errors);
      continue;
    }
    // The computed columns are not read. A cell that says what Tillit has (the export's, unedited) or will have after
    // the row (its next reclassification from the row's date) passes; another is noted.
    const nextOf = (day: string | null | undefined) => (day ? oneYearAfter(day) : null);
    const noteDerived = (lokalDate: string | null | undefined) => {
      if (has('nextReclassification')) {
        const next = parseDay(cell('nextReclassification'), date1904);
        if (!next.ok || (next.value !== nextOf(lokalDate) && (!existing || next.value !== nextOf(existing.lokalDate)))) derived.nextDiffers.push(line);
      }
      if (has('followUp')) {
        const done = parseFollowUpDone(cell('followUp'));
        if (!done.ok || (done.value !== null && done.value !== (!!existing && derived.followedUp.has(existing.id)))) derived.followUpDiffers.push(line);
      }
    };
    if (!existing) {
      noteDerived(valid.lokalDate);
      plan.push({ line, org, name: valid.name, values: valid, outcome: 'created' });
      continue;
    }
    const changes: Planned['values'] = {};
    for (const [k, v] of Object.entries(valid) as [keyof Planned['values'], unknown][]) {
      if (existing[k] !== v) (changes as Record<string, unknown>)[k] = v;
    }
    // An archived object's row that would change nothing (an export of the page's Visa: Alla) is unchanged.
    if (existing.archived && Object.keys(changes).length > 0) {
      err('name', {
        sv: `Objektet "${existing.name}" i ${orgName.get(existing.orgId)} är arkiverat och ändras inte av en import. Återställ det i Tillit först, eller ta bort raden.`,
        en: `The object "${existing.name}" in ${orgName.get(existing.orgId)} is archived and is not changed by an import. Restore it in Tillit first, or remove the row.`,
      });
      reject(errors);
      continue;
    }
    noteDerived(valid.lokalDate === undefined ? existing.lokalDate : valid.lokalDate);
    plan.push({ line, org, name: valid.name, existing, values: changes, outcome: Object.keys(changes).length > 0 ? 'updated' : 'unchanged' });
  }
  return plan;
}

/** The contract's issues at their columns (a field's path is its column's field). */
function contractErrors(error: ZodError, err: (f: ObjectField, m: { sv: string; en: string }) => void): void {
  for (const issue of error.issues) err(String(issue.path[0] ?? 'name') as ObjectField, describeIssue(issue));
}
