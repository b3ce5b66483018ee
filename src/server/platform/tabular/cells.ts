/** A cell of a CSV or XLSX record, and the text helpers every tabular import uses. Pure functions. */

export interface Msg { sv: string; en: string }

/** A cell as the readers give it: CSV gives text; XLSX also numbers, booleans and dates (wall clock in UTC fields). */
export type Cell = string | number | boolean | Date | null;

/**
 * Control characters other than tab and line breaks, and other than NUL (refused where it is found, by the import's row validation):
 * nothing a reader sees, but they could move a terminal's cursor or title when the text is printed.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The text with control characters replaced (removed by default). */
export function withoutControls(s: string, by = ''): string {
  return HAS_CONTROL.test(s) ? s.replace(CONTROL, by) : s;
}

/** Loose comparison key: no diacritics, no case, no spaces/hyphens/underscores/dots. "IT-säkerhet" → "itsakerhet". */
export function looseKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\-_./]+/g, '');
}

