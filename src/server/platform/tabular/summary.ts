/** The summary every tabular import answers with (API, CLI --json, the upload pages). */
import type { Msg } from './cells';

export interface ImportError {
  line: number;
  column: string | null;
  /** "<svenska> / <English>" */
  reason: string;
  reason_sv: string;
  reason_en: string;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportError[];
  /** "<svenska> / <English>" */
  warnings: string[];
  warnings_sv: string[];
  warnings_en: string[];
  /**
   * What the updated rows change, by the file's column (in the file format's column order): how many rows change it
   * and the first few keys. Left out when the import updates nothing, or its kind of import does not tell.
   */
  changes?: ImportChange[];
}

export interface ImportChange {
  column: string;
  count: number;
  /** The first few rows' keys (an incident's Ärende-ID). */
  examples: string[];
}

/** How many keys a column's change names (the rest are counted). */
export const CHANGE_EXAMPLES = 3;

/** The updated rows' changes as they are collected: per field, how many rows change it and the first keys. */
export type ColumnChanges<F extends string> = Map<F, { count: number; examples: string[] }>;

/** Adds rows' change of `field` to `into`: `keys` are the rows' keys (or the first of them, with `count` rows). */
export function addChange<F extends string>(into: ColumnChanges<F>, field: F, keys: readonly string[], count = keys.length): void {
  const c = into.get(field) ?? { count: 0, examples: [] };
  c.count += count;
  for (const k of keys) if (c.examples.length < CHANGE_EXAMPLES) c.examples.push(k);
  into.set(field, c);
}

/**
 * The collected changes as the summary says them: in the import's column order, each column named as the file names
 * it (`names`, the header), else by its canonical name (a field the file fills from another column, or counts).
 */
export function changesByColumn<F extends string>(
  changed: ColumnChanges<F>, columns: readonly { field: F; names: readonly string[] }[], names: Partial<Record<F, string>>,
): ImportChange[] {
  return columns.flatMap(({ field, names: known }) => {
    const c = changed.get(field);
    return c ? [{ column: names[field] ?? known[0]!, count: c.count, examples: c.examples }] : [];
  });
}

/** A rejected row's reason at its line and column. */
export interface RowError extends Msg {
  line: number;
  column: string | null;
}

export const emptySummary = (): ImportSummary => ({ created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [], warnings_sv: [], warnings_en: [] });

export const toError = (e: RowError): ImportError => ({ line: e.line, column: e.column, reason: `${e.sv} / ${e.en}`, reason_sv: e.sv, reason_en: e.en });

export function addWarning(summary: ImportSummary, w: Msg): void {
  summary.warnings.push(`${w.sv} / ${w.en}`);
  summary.warnings_sv.push(w.sv);
  summary.warnings_en.push(w.en);
}
