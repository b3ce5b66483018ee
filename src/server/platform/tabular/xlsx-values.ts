/**
 * XLSX cell values as Excel shows them: OOXML's escapes, date formats and serial days, ISO date cells, zero-padded
 * numbers. Pure functions (xlsx.ts reads the parts).
 */
/** OOXML's escapes of characters XML cannot hold: `_x000D_` is a carriage return, `_x005F_` an underscore. */
export function decodeEscapes(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, with the East Asian ones). */
export const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a number format code shows a date or time: d, m, y, h or s outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h') // elapsed time ([h]:mm) is a time too
    .replace(/\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare);
}

/** An Excel serial day number → its wall-clock time in a Date's UTC fields (as exceljs did). */
export function fromSerial(n: number, date1904: boolean): Date {
  return new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const ISO_CELL = /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:(?:^|[T ])(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A `t="d"` cell: ISO 8601 text → its wall-clock time in a Date's UTC fields (a zone, if written, is ignored:
 * a worksheet's dates have none). A time alone is on Excel's day 0 (1899-12-30). Undefined when it is no date.
 */
export function fromIsoCell(raw: string): Date | undefined {
  const m = ISO_CELL.exec(raw.trim());
  if (!m || (m[1] === undefined && m[4] === undefined)) return undefined;
  const [y, mo, d] = m[1] === undefined ? [1899, 12, 30] : [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return date;
}

/**
 * What a cell style (the `s` of a cell, an index into cellXfs) does to a number: shows it as a date or time
 * ('date'), shows a whole number as text (the format "00000" shows 123 as 00123, `"IA-"0000` shows 42 as IA-0042, as a
 * case id column may), or nothing (undefined).
 */
export type NumberStyle = 'date' | NumberText | undefined;

/** A whole number shown as text: `prefix`, the number padded with zeros to `width`, `suffix`. */
export interface NumberText {
  prefix: string;
  width: number;
  suffix: string;
}

/** Characters Excel shows as they are in a number format without quotes. */
const PLAIN_LITERALS = new Set([' ', '-', '/', '(', ')', ':', '+', '$', '!', '^', '&', "'", '~', '{', '}', '<', '>', '=']);

/**
 * A number format that shows a whole number as text: zeros only ("00000", a width of 2 or more), or a text before the
 * digits that holds a letter or a digit (`"IA-"0000`, `\I\A-0`), with a text after it allowed then. Only the first
 * section counts (the one for positive numbers). Anything else leaves a number: decimals, thousands, colours,
 * conditions, a locale tag, a sign or currency alone (`+0`, `$0`, `(0000)`), a unit after the number (`0" st"`, `00" st"`).
 */
export function numberText(code: string): NumberText | undefined {
  let prefix = '';
  let suffix = '';
  let width = 0;
  let digits = 0;
  let after = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === ';') break;
    let text: string;
    if (c === '"') {
      const end = code.indexOf('"', i + 1);
      if (end < 0) return undefined;
      text = code.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      if (i + 1 >= code.length) return undefined;
      text = code[++i];
    } else if (c === '0' || c === '#') {
      // The digits are one run: a digit after the text that follows them (0"-"0) is not a whole number's text.
      if (after) return undefined;
      digits++;
      if (c === '0') width++;
      continue;
    } else if (PLAIN_LITERALS.has(c)) text = c;
    else return undefined;
    if (digits === 0) prefix += text;
    else {
      suffix += text;
      after = true;
    }
  }
  if (digits === 0) return undefined;
  // A case id's prefix names something (IA-, AV): a sign, a currency or a bracket alone is a number's dress.
  const named = /[\p{L}\p{N}]/u.test(prefix);
  if (named) return { prefix, width, suffix };
  return width >= 2 && suffix === '' ? { prefix: '', width, suffix: '' } : undefined;
}

/** The text a whole number is shown as in a NumberText style (42 in `"IA-"0000`: IA-0042). */
export function showNumber(n: number, style: NumberText): string {
  // "#" shows no digit for 0 ("IA-"# shows 0 as IA-), "0" at least one per zero of the format.
  const digits = n === 0 && style.width === 0 ? '' : String(n).padStart(style.width, '0');
  return `${style.prefix}${digits}${style.suffix}`;
}
