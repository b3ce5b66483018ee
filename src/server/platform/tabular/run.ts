/**
 * The steps a register import (one row per record: the VoR, the objektlista) shares around its own rules:
 * reading the file's rows (file-level refusals, missing columns, an unclosed quote, blank rows, a row limit),
 * then one transaction that plans every row, collects the bad ones, and writes all or nothing (`skipInvalid`:
 * the valid ones) or, as a dry run, nothing; and the common part of the import's audit row.
 */
import { sql } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Db } from '../db';
import { inTx } from '../tx';
import type { Cell, Msg } from './cells';
import type { ColumnDef, HeaderMap, HeaderReader } from './header';
import { FatalRecord, guard, missingColumns, openTable, SourceError, sourceProblem } from './open';
import type { FileInfo } from './source';
import { addChange, addWarning, changesByColumn, emptySummary, toError, type ColumnChanges, type ImportSummary, type RowError } from './summary';
import { cellText } from './values';

/** `date1904`: from an XLSX workbook that counts days from 1904 (give it to parseDay). */
export interface ImportRow { line: number; cells: Cell[]; date1904?: boolean }

/**
 * One advisory-lock class per register an import writes (the second key is the register: an organisation, or an
 * organisation and year): two imports into the same register wait for each other, imports into different
 * registers never do. One list, so no two registers share a class (import-locks.test.ts).
 */
export const IMPORT_LOCKS = { incidents: 727170100, vor: 727170101, objects: 727170102, privacy: 727170103, training: 727170104, suppliers: 727170105 } as const;

/** Takes the register's import lock for the transaction `tx`. */
export async function lockRegister(tx: Db, register: keyof typeof IMPORT_LOCKS, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCKS[register]}, hashtext(${key}))`);
}

export interface ImportOptions {
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** For the audit row: the file's name as the user knows it. */
  fileName?: string;
}

export interface ImportRun<F extends string> {
  header: HeaderMap<F>;
  /** The non-blank rows after the header. */
  rows: ImportRow[];
  /** An XLSX workbook that counts days from 1904: give it to parseDay (a plain number is a day from 1904). */
  date1904: boolean;
  summary: ImportSummary;
}

/** The file failed as a whole (missing columns, an unclosed quote, too many rows): one error, nothing counted. */
export function failedFile(summary: ImportSummary, e: RowError): ImportSummary {
  summary.created = summary.updated = summary.unchanged = 0;
  summary.rejected++;
  summary.errors.push(toError(e));
  return summary;
}

/**
 * The header and the non-blank rows of the file, the reader's warnings in a new summary; `{ failed }` with the
 * summary when the file as a whole is unusable (a row error at line 1 or at the record's line). Throws the
 * file-level AppErrors (empty 422, .xls 415, binary 415, unreadable 422).
 * `tooMany` says, in the import's words, what kind of sheet has `maxRows` or fewer rows.
 */
export async function readImportRows<F extends string>(
  path: string, info: FileInfo, reader: HeaderReader<F>, howTo: Msg, limit: { maxRows: number; tooMany: Msg },
): Promise<ImportRun<F> | { failed: ImportSummary }> {
  const { header, records, warnings, lateWarnings, date1904 } = await openTable(path, info, reader, howTo);
  const summary = emptySummary();
  for (const w of warnings) addWarning(summary, w);
  if (header.missing.length > 0) {
    await records.return(undefined);
    return { failed: failedFile(summary, missingColumns(header.missing, header.line)) };
  }
  const rows: ImportRow[] = [];
  try {
    for await (const rec of guard(records)) {
      if (rec.unterminatedField !== undefined) {
        return {
          failed: failedFile(summary, {
            line: rec.line, column: null,
            sv: `Ett citattecken som börjar på rad ${rec.line} avslutas aldrig, så resten av filen blev ett enda fält. Inget importerades.`,
            en: `A quote that begins on line ${rec.line} is never closed, so the rest of the file became one field. Nothing was imported.`,
          }),
        };
      }
      if (rec.cells.every((c) => cellText(c) === '')) continue;
      if (rows.length >= limit.maxRows) {
        return {
          failed: failedFile(summary, {
            line: rec.line, column: null,
            sv: `Filen har fler än ${limit.maxRows} rader; ${limit.tooMany.sv}. Kontrollera att det är rätt blad.`,
            en: `The file has more than ${limit.maxRows} rows; ${limit.tooMany.en}. Check that it is the right sheet.`,
          }),
        };
      }
      rows.push(date1904 ? { line: rec.line, cells: rec.cells, date1904 } : { line: rec.line, cells: rec.cells });
    }
  } catch (err) {
    if (err instanceof FatalRecord) return { failed: failedFile(summary, err.error) };
    if (err instanceof SourceError) throw sourceProblem(err);
    throw err;
  }
  for (const w of lateWarnings()) addWarning(summary, w);
  return { header, rows, summary, date1904 };
}

/** What a planned row does. */
export interface PlannedRow { outcome: 'created' | 'updated' | 'unchanged' }

/**
 * How an import says what its updated rows change (the summary's `changes`): its columns in order, the file's names for
 * them (the header), and an updated row's key as the user knows it (a name) with the columns' fields it changes.
 */
export interface ChangeReport<P, F extends string> {
  columns: readonly ColumnDef<F>[];
  names: Partial<Record<F, string>>;
  of(p: P): { key: string; fields: readonly NoInfer<F>[] };
}

class Rollback {}

/**
 * One transaction: `plan` validates every row against the stored records (calling `reject` with each bad row's
 * errors) and says what each valid row does; the outcomes are counted, and with `changes` what the updated rows
 * change, by column. A bad row without `skipInvalid`, or a dry run, rolls back (an import that fails counts and
 * changes nothing; a dry run keeps both). Else `write` applies the plan in the same transaction. Returns `written` false and `failed` true when bad rows kept the import from writing.
 */
export async function planAndWrite<P extends PlannedRow, T, F extends string = never>(
  ctx: Ctx, summary: ImportSummary, opts: ImportOptions,
  plan: (tx: Db, reject: (errors: RowError[]) => void) => Promise<P[]>,
  write: (tx: Db, plan: P[]) => Promise<T>,
  changes?: ChangeReport<P, F>,
): Promise<{ written: true; failed: false; value: T } | { written: false; failed: boolean; value: null }> {
  let failed = false;
  const reject = (errors: RowError[]) => {
    summary.rejected++;
    for (const e of errors) summary.errors.push(toError(e));
    if (!opts.skipInvalid) failed = true;
  };
  try {
    const value = await inTx(ctx, async (tx) => {
      const planned = await plan(tx, reject);
      for (const p of planned) summary[p.outcome]++;
      if (changes) {
        const changed: ColumnChanges<F> = new Map();
        for (const p of planned) {
          if (p.outcome !== 'updated') continue;
          const { key, fields } = changes.of(p);
          for (const f of new Set(fields)) addChange(changed, f, [key]);
        }
        if (changed.size > 0) summary.changes = changesByColumn(changed, changes.columns, changes.names);
      }
      if (failed) {
        // An import refused for its bad rows counts and changes nothing; a dry run says what it would have done.
        if (!opts.dryRun) {
          summary.created = summary.updated = summary.unchanged = 0;
          delete summary.changes;
        }
        throw new Rollback();
      }
      if (opts.dryRun) throw new Rollback();
      return write(tx, planned);
    });
    return { written: true, failed: false, value };
  } catch (err) {
    if (err instanceof Rollback) return { written: false, failed, value: null };
    throw err;
  }
}

/** The audit row's account of a committed import: the file (name, SHA-256, size, format, encoding) and the counts. */
export function importAuditFacts(info: FileInfo, summary: ImportSummary, opts: ImportOptions) {
  return {
    file: opts.fileName ?? null, sha256: info.sha256, size: info.size, format: info.format,
    encoding: info.format === 'csv' ? info.encoding : null,
    created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected,
    options: { skipInvalid: !!opts.skipInvalid, dryRun: false },
  };
}
