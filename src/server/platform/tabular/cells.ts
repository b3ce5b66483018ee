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

/**
 * A visible character: not white space (also the no-break space), not a control character (DOS's end-of-file
 * Ctrl-Z that old exports end with is one), not a zero-width space or joiner, the word joiner or a stray byte order
 * mark. NUL is visible here: a row's validation refuses it.
 */
// eslint-disable-next-line no-control-regex
const VISIBLE = /[^\s\u0001-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/;

/** True when the text shows nothing (a cell of a blank line: spaces, control or zero-width characters only). */
export function isBlankText(s: string): boolean {
  return !VISIBLE.test(s);
}

/**
 * Loose comparison key: no diacritics, no case, no spaces, hyphens or dashes (Excel's autocorrect turns "-" into
 * "–"), underscores, dots or slashes. "IT-säkerhet" → "itsakerhet".
 */
export function looseKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\-\u2010-\u2015\u2212_./]+/g, '');
}

