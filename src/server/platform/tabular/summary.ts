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
