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
 * Characters that show nothing and say nothing in a name or a key: the soft hyphen, zero-width space, non-joiner and
 * joiner, the word joiner and a stray byte order mark. Text copied from a web page or a chat carries them; a case id or
 * a unit's name with one looks the same as without it and must be the same.
 */
const INVISIBLE_CHARS = '\\u00ad\\u200b-\\u200d\\u2060\\ufeff';
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'g');
const HAS_INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`);
const INVISIBLE_ENDS = new RegExp(`^[\\s${INVISIBLE_CHARS}]+|[\\s${INVISIBLE_CHARS}]+$`, 'g');

/** The text without invisible characters (INVISIBLE), for a name or key compared or stored as one. */
export function withoutInvisible(s: string): string {
  return HAS_INVISIBLE.test(s) ? s.replace(INVISIBLE, '') : s;
}

/** The text without white space or invisible characters at either end (a free text keeps those inside it). */
export function trimInvisible(s: string): string {
  const t = s.trim();
  // Only the ends are looked at: this runs for every cell of an import.
  if (t === '' || !(HAS_INVISIBLE.test(t[0]) || HAS_INVISIBLE.test(t[t.length - 1]))) return t;
  return t.replace(INVISIBLE_ENDS, '');
}

/**
 * Loose comparison key: no diacritics, no case, no spaces, hyphens or dashes (Excel's autocorrect turns "-" into
 * "–"), underscores, dots, slashes or invisible characters. "IT-säkerhet" → "itsakerhet".
 */
export function looseKey(s: string): string {
  return withoutInvisible(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\-\u2010-\u2015\u2212_./]+/g, '');
}

