/**
 * The genomförandegrad import (format: docs/training-import.md): the e-courses' completion per unit, course and year
 * from a learning platform's Excel export, into an organisation's subtree. Used by the CLI and the HTTP upload; reads
 * the file with the platform's tabular reader and runs as every register import does (platform/tabular/run.ts).
 *
 * - Two shapes, told apart by the header (a warning says which was read): aggregated, one row per unit and course
 *   (Anställda, Genomförda), or per person, one row per employee and course (a completion column). Per person the
 *   rows are counted per unit and course — employees = the rows, completed = those completed in the year — and
 *   nothing of the person is read beyond the unit, the course and the completion: names, e-mail and personnummer
 *   are neither stored nor echoed (a cell that looks like a personnummer is refused without being shown).
 * - The year: the `year` option, or per row the År column of an aggregated sheet (which then must agree with the
 *   option when both are given). Per person the option is required.
 * - A completion is matched on (organisation, year, course without regard to case): created, updated when its counts
 *   (or comment) differ, else unchanged. Nothing is deleted. The row's Enhet is the target or an organisation of its
 *   subtree (empty: the target); an organisation above or below one that already has the course for the year is
 *   refused, as the dialog refuses it (the report adds the units up, so the same employees would count twice).
 * - Each completion is validated by the contract (CreateTrainingCompletion) and the service's rule (completed ≤
 *   employees), and written through createCompletion / updateCompletion, so an import checks and audits as the
 *   dialog does, plus one `training.completion.import` row with the file's SHA-256 and the counts.
 * - One transaction: all or nothing unless `skipInvalid`; `dryRun` classifies the same way and writes nothing.
 */
import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { escapeLike } from '../../../server/platform/authz';
import type { Ctx } from '../../../server/platform/context';
import { AppError, badRequest } from '../../../server/platform/errors';
import { YearField } from '../../../server/platform/schema';
import type { Cell, Msg } from '../../../server/platform/tabular/cells';
import { missingColumns } from '../../../server/platform/tabular/open';
import { rowOrg } from '../../../server/platform/tabular/orgs';
import { failedFile, importAuditFacts, planAndWrite, readImportRows, type ImportOptions, type ImportRow, lockRegister, type PlannedRow } from '../../../server/platform/tabular/run';
import { inspectFile, type FileInfo } from '../../../server/platform/tabular/source';
import { addWarning, type ImportSummary, type RowError } from '../../../server/platform/tabular/summary';
import { cellText, nameKey, parseWhole, type Parsed } from '../../../server/platform/tabular/values';
import { describeIssue } from '../../../server/platform/validation';
import { recordAudit } from '../../audit/chain';
import { orgs } from '../../org/table';
import { orgFor, type OrgRow } from '../../plans/scope';
import { CreateTrainingCompletion } from '../contract';
import { checkCompleted, createCompletion, updateCompletion } from '../service';
import { trainingCompletions } from '../table';
import { columnName, englishCompleted, TRAINING_COLUMNS, TRAINING_HEADER, type TrainingField, type TrainingHeader } from './columns';
import { completedIn, holdsPersonnummer, parseCompletion, parseCount, parsePercent, percentAgrees, PERSONNUMMER_CELL, type Completion } from './values';

export type { ImportError, ImportSummary } from '../../../server/platform/tabular/summary';

export interface TrainingImportOptions extends ImportOptions {
  org: string;
  /** The year of the completions; required unless an aggregated sheet has an År column. */
  year?: number;
}

export type TrainingShape = 'aggregated' | 'person';

export interface TrainingImportResult {
  summary: ImportSummary;
  /** True when the import's changes were committed. */
  written: boolean;
  /** True when the import as a whole failed (invalid rows without skipInvalid, missing columns or year). */
  failed: boolean;
  info: FileInfo;
  /** The shape the header was read as (undefined when the file failed before). */
  shape?: TrainingShape;
}

/** A user report of a large förvaltning: some thousands of employees, a few courses each. */
export const MAX_ROWS = 100_000;
/** Upload limit of the HTTP route (a user report has names and e-mail addresses on every row). */
export const TRAINING_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

const HOW_TO = { sv: 'Spara rapporten från lärplattformen som CSV eller XLSX.', en: 'Save the learning platform\'s report as CSV or XLSX.' };

type Row = typeof trainingCompletions.$inferSelect;

/** One completion the file gives (a row of an aggregated sheet; a unit and course of a per-person sheet). */
interface Item {
  /** The line errors are given at (per person: the group's first row). */
  line: number;
  org: OrgRow;
  year: number;
  course: string;
  employees: number;
  completed: number;
  comment?: string;
  /** The columns a year or count error points at. */
  yearFromColumn: boolean;
}

interface Planned extends PlannedRow {
  item: Item;
  existing?: Row;
  changes: { employees?: number; completed?: number; comment?: string };
}

const keyOf = (orgId: string, year: number, course: string) => `${orgId}\u0000${year}\u0000${nameKey(course)}`;

/** The shape the header says (englishCompleted already applied), or the error that it says neither. */
function shapeOf(h: TrainingHeader): TrainingShape | RowError {
  const has = (f: TrainingField) => h.index[f] !== undefined;
  if (has('employees') || has('completed')) {
    const missing = (['employees', 'completed'] as const).filter((f) => !has(f)).map((f) => columnName(f));
    return missing.length > 0 ? missingColumns(missing, h.line) : 'aggregated';
  }
  if (has('status') || has('completedOn')) return 'person';
  return {
    line: 1, column: null,
    sv: 'Filen har varken antal eller genomförande per person: ange kolumnerna Anställda och Genomförda (en rad per enhet och kurs), eller en kolumn Genomförd, Status eller Klar datum (en rad per person och kurs, som lärplattformens användarrapport).',
    en: 'The file has neither counts nor completion per person: give the columns Anställda and Genomförda (one row per unit and course), or a column Genomförd, Status or Klar datum (one row per person and course, as the learning platform\'s user report).',
  };
}

const SHAPE_MSG: Record<TrainingShape, Msg> = {
  aggregated: {
    sv: 'Filen lästes som en sammanställning: en rad per enhet och kurs med antal anställda och genomförda.',
    en: 'The file was read as a summary: one row per unit and course with the numbers of employees and completed.',
  },
  person: {
    sv: 'Filen lästes som en rapport per person: raderna räknades per enhet och kurs (anställda = rader, genomförda = klara under året). Inga uppgifter om personerna sparas.',
    en: 'The file was read as a report per person: the rows were counted per unit and course (employees = rows, completed = completed in the year). Nothing about the persons is stored.',
  },
};

/** Columns of the other shape that this one does not read. */
const NOT_IN_SHAPE: Record<TrainingShape, TrainingField[]> = {
  aggregated: ['status', 'completedOn'],
  person: ['year', 'percent', 'comment'],
};

/** Imports the completions at `path` into `opts.org`'s subtree. */
export async function importTraining(ctx: Ctx, path: string, opts: TrainingImportOptions, known?: FileInfo): Promise<TrainingImportResult> {
  const target = await orgFor(ctx, ctx.db, opts.org, 'plan.read', 'plan.manage');
  if (opts.year !== undefined && !YearField().safeParse(opts.year).success) {
    throw badRequest('invalid_year', { sv: `Året ${opts.year} kan inte importeras (från 2000 till och med nästa år).`, en: `The year ${opts.year} cannot be imported (2000 up to next year).` }, 'year');
  }
  const info = known ?? (await inspectFile(path));
  const read = await readImportRows(path, info, TRAINING_HEADER, HOW_TO, {
    maxRows: MAX_ROWS, tooMany: { sv: 'en rapport över genomförda e-utbildningar har en rad per person och kurs', en: 'a report of e-course completion has one row per person and course' },
  });
  if ('failed' in read) return { summary: read.failed, written: false, failed: true, info };
  const { rows, summary } = read;
  const header = englishCompleted(read.header);
  const shape = shapeOf(header);
  if (typeof shape !== 'string') return { summary: failedFile(summary, shape), written: false, failed: true, info };
  if (opts.year === undefined && (shape === 'person' || header.index.year === undefined)) {
    return {
      summary: failedFile(summary, {
        line: 1, column: null,
        sv: shape === 'person'
          ? 'Ange året importen gäller (year, --year): en rapport per person räknas för ett år.'
          : 'Ange året importen gäller (year, --year), eller en kolumn År i filen.',
        en: shape === 'person'
          ? 'Give the year of the import (year, --year): a report per person is counted for one year.'
          : 'Give the year of the import (year, --year), or a column År in the file.',
      }),
      written: false, failed: true, info, shape,
    };
  }
  addWarning(summary, SHAPE_MSG[shape]);
  for (const f of NOT_IN_SHAPE[shape]) {
    if (header.index[f] !== undefined) {
      addWarning(summary, {
        sv: `Kolumnen "${header.names[f]}" läses inte i en ${shape === 'person' ? 'rapport per person' : 'sammanställning'}.`,
        en: `Column "${header.names[f]}" is not read in a ${shape === 'person' ? 'report per person' : 'summary'}.`,
      });
    }
  }

  const done = await planAndWrite(ctx, summary, opts, async (tx, reject) => {
    // One import at a time per organisation: the second waits and then sees the first one's completions.
    await lockRegister(tx, 'training', target.id);
    const tree = (await tx.select().from(orgs).where(like(orgs.path, escapeLike(target.path) + '%'))).filter((o) => !o.archivedAt);
    const { items, rejectedGroups } = shape === 'aggregated' ? aggregatedItems(rows, header, target, tree, opts, summary, reject) : personItems(rows, header, target, tree, opts.year!, reject);
    for (const g of rejectedGroups) {
      addWarning(summary, {
        sv: `${g.org} – ${g.course}: inte importerad, eftersom rad ${g.lines.join(', ')} inte kunde läsas (antalen skulle bli fel).`,
        en: `${g.org} – ${g.course}: not imported, since line ${g.lines.join(', ')} could not be read (the counts would be wrong).`,
      });
    }
    // The completions the items may meet: the years' in the subtree and in the organisations above the target.
    const years = [...new Set(items.map((i) => i.year))];
    const stored = years.length === 0 ? [] : await tx.select({ c: trainingCompletions, path: orgs.path, name: orgs.name }).from(trainingCompletions)
      .innerJoin(orgs, eq(orgs.id, trainingCompletions.orgId))
      .where(and(inArray(trainingCompletions.year, years), or(like(orgs.path, escapeLike(target.path) + '%'), sql`left(${target.path}, length(${orgs.path})) = ${orgs.path}`)))
      // In a fixed order, so that of several organisations with the course the same one is named every time.
      .orderBy(asc(orgs.name), asc(trainingCompletions.id));
    return classify(items, header, shape, stored, reject);
  }, async (tx, plan) => {
    // Through the dialog's own service path (a savepoint each): its checks, its audit rows.
    const inImport: Ctx = { ...ctx, db: tx };
    for (const p of plan) {
      const { item } = p;
      if (p.outcome === 'created') {
        await createCompletion(inImport, { org: item.org.slug, year: item.year, course: item.course, employees: item.employees, completed: item.completed, comment: item.comment });
      } else if (p.outcome === 'updated') await updateCompletion(inImport, p.existing!.id, { ...p.changes, version: p.existing!.version });
    }
    await recordAudit(tx, ctx, {
      action: 'training.completion.import', entityType: 'training_completion_import', entityId: info.sha256, orgId: target.id,
      after: { org: target.slug, year: opts.year ?? null, shape, ...importAuditFacts(info, summary, opts) },
    });
  }, {
    // A report per person changes the counts Tillit makes from it, named as the register's columns.
    columns: TRAINING_COLUMNS, names: header.names,
    of: ({ item, changes }) => ({ key: `${item.course} (${item.org.name}, ${item.year})`, fields: Object.keys(changes) as (keyof typeof changes)[] }),
  });
  return { summary, written: done.written, failed: done.failed, info, shape };
}

/** The reading of one row's cells, with its errors at their columns; a cell that looks like a personnummer is not echoed. */
function rowReader(line: number, cells: Cell[], h: TrainingHeader) {
  const errors: RowError[] = [];
  const err = (f: TrainingField, m: Msg) => errors.push({ line, column: columnName(f, h), ...m });
  const cell = (f: TrainingField): Cell | undefined => (h.index[f] === undefined ? undefined : cells[h.index[f]!]);
  /** The cell's text, or undefined (an error) when it looks like a personnummer or holds NUL. */
  const text = (f: TrainingField): string | undefined => {
    const v = cellText(cell(f));
    if (holdsPersonnummer(v)) return void err(f, PERSONNUMMER_CELL);
    if (v.includes('\u0000')) return void err(f, { sv: 'Texten innehåller ett NUL-tecken (U+0000), som inte kan lagras.', en: 'The text holds a NUL character (U+0000), which cannot be stored.' });
    return v;
  };
  const read = <T>(f: TrainingField, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    err(f, parsed.msg);
    return undefined;
  };
  /** A parsed cell, unless its text looks like a personnummer. */
  const parse = <T>(f: TrainingField, p: (c: Cell | undefined) => Parsed<T>): T | undefined => (text(f) === undefined ? undefined : read(f, p(cell(f))));
  return { errors, err, cell, text, read, parse, has: (f: TrainingField) => h.index[f] !== undefined };
}

/** The row's organisation and course (both needed by either shape). */
function unitAndCourse(r: ReturnType<typeof rowReader>, target: OrgRow, tree: OrgRow[]) {
  let org: OrgRow | undefined = target;
  if (r.has('org')) {
    const raw = r.text('org');
    org = raw === undefined ? undefined : r.read('org', rowOrg(raw, target, tree));
  }
  const course = r.text('course');
  if (course === '') r.err('course', { sv: 'Kursens namn saknas.', en: 'The course name is missing.' });
  return { org, course: course || undefined };
}

/** Aggregated: one item per row; rows without Anställda and Genomförda are left (a template's units that report nothing). */
function aggregatedItems(
  rows: ImportRow[], h: TrainingHeader, target: OrgRow, tree: OrgRow[], opts: TrainingImportOptions, summary: ImportSummary, reject: (errors: RowError[]) => void,
) {
  const items: Item[] = [];
  const blank: number[] = [];
  for (const { line, cells } of rows) {
    const r = rowReader(line, cells, h);
    const { org, course } = unitAndCourse(r, target, tree);
    const employees = r.parse('employees', parseCount);
    const completed = r.parse('completed', parseCount);
    if (employees === null && completed === null && r.errors.length === 0) {
      blank.push(line);
      continue;
    }
    if (employees === null) r.err('employees', { sv: 'Antalet anställda saknas.', en: 'The number of employees is missing.' });
    if (completed === null) r.err('completed', { sv: 'Antalet genomförda saknas.', en: 'The number completed is missing.' });
    let year = opts.year;
    const rawYear = r.has('year') ? r.text('year') : '';
    if (rawYear) {
      const y = r.read('year', parseWhole(rawYear));
      if (y !== undefined && opts.year !== undefined && y !== opts.year) {
        r.err('year', {
          sv: `Raden gäller ${y}, men importen gäller ${opts.year}. Importera utan år för att läsa årtalen i kolumnen, eller ta bort raden.`,
          en: `The row is for ${y}, but the import is for ${opts.year}. Import without a year to read the column's years, or remove the row.`,
        });
      }
      year = y;
    } else if (year === undefined && rawYear !== undefined) r.err('year', { sv: 'Året saknas.', en: 'The year is missing.' });
    const comment = r.has('comment') ? r.text('comment') : undefined;
    const percent = r.has('percent') ? r.text('percent') : undefined;
    if (r.errors.length > 0 || !org || !course || year === undefined || employees == null || completed == null) {
      reject(r.errors);
      continue;
    }
    // The sheet's own percentage is a check, never a source.
    if (percent) {
      const p = parsePercent(r.cell('percent'));
      const shown = p.ok ? percent : undefined;
      if (!p.ok) addWarning(summary, { sv: `Rad ${line}: ${p.msg.sv} Kolumnen "${columnName('percent', h)}" är bara en kontroll.`, en: `Line ${line}: ${p.msg.en} Column "${columnName('percent', h)}" is only a check.` });
      else if (p.value && employees > 0 && !percentAgrees(p.value, completed, employees)) {
        const actual = Math.round((completed / employees) * 1000) / 10;
        addWarning(summary, {
          sv: `Rad ${line}: ${columnName('percent', h)} ${shown} stämmer inte med Genomförda/Anställda (${completed}/${employees} = ${String(actual).replace('.', ',')} %). Tillit räknar andelen från antalen.`,
          en: `Line ${line}: ${columnName('percent', h)} ${shown} does not agree with completed/employees (${completed}/${employees} = ${actual} %). Tillit computes the share from the counts.`,
        });
      }
    }
    items.push({ line, org, year, course, employees, completed, comment, yearFromColumn: !!rawYear });
  }
  if (blank.length > 0) {
    const lines = blank.length > 10 ? `${blank.slice(0, 10).join(', ')} …` : blank.join(', ');
    addWarning(summary, {
      sv: `${blank.length} rader utan Anställda och Genomförda lämnades (rad ${lines}).`,
      en: `${blank.length} rows without Anställda and Genomförda were left (line ${lines}).`,
    });
  }
  return { items, rejectedGroups: [] as { org: string; course: string; lines: number[] }[] };
}

/** Per person: the rows counted per unit and course; a group with a row that could not be read is not imported. */
function personItems(rows: ImportRow[], h: TrainingHeader, target: OrgRow, tree: OrgRow[], year: number, reject: (errors: RowError[]) => void) {
  const groups = new Map<string, Item & { bad: number[] }>();
  for (const { line, cells, date1904 } of rows) {
    const r = rowReader(line, cells, h);
    const { org, course } = unitAndCourse(r, target, tree);
    const completion = (c: Cell | undefined) => parseCompletion(c, date1904);
    const status = r.has('status') ? r.parse('status', completion) : undefined;
    const day = r.has('completedOn') ? r.parse('completedOn', completion) : undefined;
    const group = org && course ? groupOf(groups, line, org, year, course) : undefined;
    if (r.errors.length > 0 || !group) {
      group?.bad.push(line);
      reject(r.errors);
      continue;
    }
    group.employees++;
    if (completedIn(year, status as Completion | undefined, day as Completion | undefined)) group.completed++;
  }
  const all = [...groups.values()];
  return {
    items: all.filter((g) => g.bad.length === 0),
    rejectedGroups: all.filter((g) => g.bad.length > 0).map((g) => ({ org: g.org.name, course: g.course, lines: g.bad })),
  };
}

function groupOf(groups: Map<string, Item & { bad: number[] }>, line: number, org: OrgRow, year: number, course: string) {
  const key = keyOf(org.id, year, course);
  let g = groups.get(key);
  if (!g) groups.set(key, (g = { line, org, year, course, employees: 0, completed: 0, yearFromColumn: false, bad: [] }));
  return g;
}

/**
 * Validates every item against the contract and the completions as they stand, and says what each valid one does:
 * matched on organisation, year and course; refused when the file has it twice, or an organisation above or below
 * has the course for the year (stored, or earlier in the file).
 */
function classify(
  items: Item[], h: TrainingHeader, shape: TrainingShape, stored: { c: Row; path: string; name: string }[], reject: (errors: RowError[]) => void,
): Planned[] {
  const plan: Planned[] = [];
  const byKey = new Map<string, Row[]>();
  for (const s of stored) byKey.set(keyOf(s.c.orgId, s.c.year, s.c.course), [...(byKey.get(keyOf(s.c.orgId, s.c.year, s.c.course)) ?? []), s.c]);
  // Per year and course: the organisations that have it (stored, then the file's valid items as they are planned).
  const holders = new Map<string, { orgId: string; path: string; name: string; line?: number }[]>();
  const yc = (year: number, course: string) => `${year}\u0000${nameKey(course)}`;
  for (const s of stored) holders.set(yc(s.c.year, s.c.course), [...(holders.get(yc(s.c.year, s.c.course)) ?? []), { orgId: s.c.orgId, path: s.path, name: s.name }]);
  const seen = new Map<string, number>();

  for (const item of items) {
    const errors: RowError[] = [];
    const err = (f: TrainingField, m: Msg) => errors.push({ line: item.line, column: columnName(f, h), ...m });
    const key = keyOf(item.org.id, item.year, item.course);
    const first = seen.get(key);
    if (first !== undefined) {
      err('course', {
        sv: `${item.org.name} har redan ${item.course} för ${item.year} på rad ${first} i filen.`,
        en: `${item.org.name} already has ${item.course} for ${item.year} on line ${first} of the file.`,
      });
      reject(errors);
      continue;
    }
    seen.set(key, item.line);

    const parsed = CreateTrainingCompletion.safeParse({
      org: item.org.slug, year: item.year, course: item.course, employees: item.employees, completed: item.completed,
      ...(item.comment !== undefined ? { comment: item.comment } : {}),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = String(issue.path[0] ?? 'course');
        // Per person a count is the rows', never a column's: the course is what is at fault.
        const field: TrainingField = f === 'year' ? 'year' : f === 'employees' || f === 'completed' || f === 'comment' ? (shape === 'person' ? 'course' : f) : 'course';
        const m = describeIssue(issue);
        err(field, f === 'year' && !item.yearFromColumn ? { sv: `Året: ${m.sv}`, en: `The year: ${m.en}` } : m);
      }
      reject(errors);
      continue;
    }
    try {
      checkCompleted(item.completed, item.employees);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      err('completed', e.msg);
      reject(errors);
      continue;
    }
    const matches = byKey.get(key) ?? [];
    if (matches.length > 1) {
      err('course', {
        sv: `${item.org.name} har flera genomföranden för ${item.year} som heter ${item.course} (${matches.map((m) => `"${m.course}"`).join(', ')}); ta bort ett av dem i Tillit först.`,
        en: `${item.org.name} has several completions for ${item.year} named ${item.course} (${matches.map((m) => `"${m.course}"`).join(', ')}); delete one of them in Tillit first.`,
      });
      reject(errors);
      continue;
    }
    const existing = matches[0];
    if (!existing) {
      // An organisation above or below with the course this year: the same employees would count twice.
      const overlap = (holders.get(yc(item.year, item.course)) ?? [])
        .find((o) => o.orgId !== item.org.id && (o.path.startsWith(item.org.path) || item.org.path.startsWith(o.path)));
      if (overlap) {
        err('org', {
          sv: `${overlap.name} har redan ${item.course} för ${item.year}${overlap.line ? ` (rad ${overlap.line} i filen)` : ''}, och omfattar ${item.org.name} eller delar av den; samma anställda skulle räknas två gånger. Registrera på en nivå.`,
          en: `${overlap.name} already has ${item.course} for ${item.year}${overlap.line ? ` (line ${overlap.line} of the file)` : ''}, covering ${item.org.name} or part of it; the same employees would count twice. Record on one level.`,
        });
        reject(errors);
        continue;
      }
      holders.set(yc(item.year, item.course), [...(holders.get(yc(item.year, item.course)) ?? []), { orgId: item.org.id, path: item.org.path, name: item.org.name, line: item.line }]);
      plan.push({ item, outcome: 'created', changes: {} });
      continue;
    }
    const changes: Planned['changes'] = {};
    if (existing.employees !== item.employees) changes.employees = item.employees;
    if (existing.completed !== item.completed) changes.completed = item.completed;
    if (item.comment !== undefined && existing.comment !== parsed.data.comment) changes.comment = parsed.data.comment;
    plan.push({ item, existing, changes, outcome: Object.keys(changes).length > 0 ? 'updated' : 'unchanged' });
  }
  return plan;
}
