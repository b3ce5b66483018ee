/** Cells of an import file → values every tabular import reads the same way: text, names compared loosely, words, yes/no, days. Pure. */
import { undefuse } from '../sheet';
import { looseKey, withoutControls, type Cell, type Msg } from './cells';
import { fromSerial } from './xlsx-values';

export type Parsed<T> = { ok: true; value: T } | { ok: false; msg: Msg };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (sv: string, en: string): Parsed<never> => ({ ok: false, msg: { sv, en } });

/**
 * A cell as text: control characters removed, composed letters, spaces at the ends trimmed, and the apostrophe an
 * export puts before a text that would start a formula ("'-", "'=", sheet.ts defuse) dropped, so an export reads back.
 */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return withoutControls(undefuse(String(c))).normalize('NFC').trim();
}

/** The key a name is matched by: letter case and runs of spaces do not count ("Incident hantering" ≠ "Incidenthantering"). */
export const nameKey = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('sv');

/**
 * A cell that holds one of a few words: each value's words compared by looseKey (no case, diacritics, spaces, hyphens
 * or dots), an empty cell gives `empty`; else "<what> "X" is not recognised. Allowed values: <allowed>."
 */
export function parseWord<T>(c: Cell | undefined, empty: T, table: [T, string[]][], allowed: string, what: Msg): Parsed<T> {
  const raw = cellText(c);
  if (raw === '') return ok(empty);
  const key = looseKey(raw);
  for (const [value, words] of table) if (words.some((w) => looseKey(w) === key)) return ok(value);
  return fail(`${what.sv} "${raw}" känns inte igen. Tillåtna värden: ${allowed}.`, `${what.en} "${raw}" is not recognised. Allowed values: ${allowed}.`);
}

/** Ja/nej (also yes/no, x, 1/0, true/false, an XLSX boolean); empty: nej. */
export function parseYesNo(c: Cell | undefined): Parsed<boolean> {
  if (typeof c === 'boolean') return ok(c);
  return parseWord(c, false, [[true, ['ja', 'j', 'yes', 'y', 'x', '1', 'true', 'sant']], [false, ['nej', 'n', 'no', '0', 'false', 'falskt']]],
    'ja, nej', { sv: 'Värdet', en: 'The value' });
}

/** A whole number. */
export function parseWhole(c: Cell | undefined): Parsed<number> {
  const raw = cellText(c);
  if (/^\d+([.,]0+)?$/.test(raw)) return ok(Number.parseInt(raw, 10));
  return fail(`"${raw}" är inget heltal.`, `"${raw}" is not a whole number.`);
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDay(y: number, m: number, d: number): Parsed<string> {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) {
    return fail(`${y}-${pad(m)}-${pad(d)} är inget datum.`, `${y}-${pad(m)}-${pad(d)} is not a date.`);
  }
  if (y < 1900 || y > 2200) return fail(`Året ${y} är orimligt (1900–2200).`, `The year ${y} is out of range (1900–2200).`);
  return ok(`${y}-${pad(m)}-${pad(d)}`);
}

/**
 * A day (YYYY-MM-DD): the text YYYY-MM-DD (a time after it is ignored), an XLSX date cell (its wall-clock date) or an
 * Excel serial day number (from 1904 in a workbook that counts from then: `date1904`). Empty → null.
 */
export function parseDay(c: Cell | undefined, date1904 = false): Parsed<string | null> {
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return fail('Ogiltig datumcell.', 'Invalid date cell.');
    const r = new Date(Math.round(c.getTime() / 1000) * 1000);
    return isoDay(r.getUTCFullYear(), r.getUTCMonth() + 1, r.getUTCDate());
  }
  if (typeof c === 'number') {
    if (!(c > 0 && c < 2958466)) return fail(`${c} är inget datum.`, `${c} is not a date.`);
    return parseDay(fromSerial(c, date1904));
  }
  const raw = cellText(c);
  if (raw === '') return ok(null);
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(raw);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}$/.test(raw)) return parseDay(Number(raw), date1904);
  return fail(`"${raw}" är inget datum; skriv ÅÅÅÅ-MM-DD.`, `"${raw}" is not a date; write YYYY-MM-DD.`);
}
