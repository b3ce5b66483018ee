/**
 * Cells of a genomförandegrad sheet → counts, the check percentage and a person's completion in the import's year.
 * Pure. A cell that looks like a personnummer is never echoed: the callers ask holdsPersonnummer first.
 */
import type { Cell } from '../../../server/platform/tabular/cells';
import { looseKey } from '../../../server/platform/tabular/cells';
import { cellText, fail, ok, parseDay, parseWhole, type Parsed } from '../../../server/platform/tabular/values';

/** A Swedish personnummer or samordningsnummer (ÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN, with or without - or +) somewhere in the text. */
const PERSONNUMMER = /(?<!\d)(?:19|20)?\d{2}[01]\d[0-9]\d[-+ ]?\d{4}(?!\d)/;

export function holdsPersonnummer(text: string): boolean {
  return PERSONNUMMER.test(text);
}

/** The message for a cell that looks like a personnummer (the value itself is not repeated). */
export const PERSONNUMMER_CELL = {
  sv: 'Cellen ser ut att innehålla ett personnummer. Tillit läser inte personnummer och visar inte cellen; kontrollera att kolumnerna har rätt rubriker.',
  en: 'The cell looks like it holds a personnummer (Swedish personal identity number). Tillit does not read personnummer and does not show the cell; check that the columns have the right headers.',
};

/** A count (Anställda, Genomförda): a whole number 0 or more; empty → null. */
export function parseCount(c: Cell | undefined): Parsed<number | null> {
  if (typeof c === 'number') return Number.isInteger(c) && c >= 0 ? ok(c) : fail(`${c} är inget heltal (0 eller fler).`, `${c} is not a whole number (0 or more).`);
  const raw = cellText(c).replace(/[\s\u00a0]/g, '');
  if (raw === '') return ok(null);
  const n = parseWhole(raw);
  return n.ok ? n : fail(`"${raw}" är inget antal; skriv ett heltal (0 eller fler).`, `"${raw}" is not a count; write a whole number (0 or more).`);
}

/**
 * The Genomförandegrad cell, a check only: "87,5 %", "87.5", 87.5, or an XLSX percent cell (0.875). `fraction` when
 * the value may be a fraction of one (a number cell without a % sign at most 1).
 */
export function parsePercent(c: Cell | undefined): Parsed<{ value: number; fraction: boolean } | null> {
  if (typeof c === 'number') return Number.isFinite(c) && c >= 0 ? ok({ value: c, fraction: c <= 1 }) : fail(`${c} är ingen andel.`, `${c} is not a share.`);
  const raw = cellText(c);
  if (raw === '') return ok(null);
  const m = /^(\d+(?:[.,]\d+)?)\s*(%)?$/.exec(raw.replace(/[\s\u00a0]+%/, '%'));
  if (!m) return fail(`"${raw}" är ingen andel i procent.`, `"${raw}" is not a percentage.`);
  const value = Number(m[1].replace(',', '.'));
  return ok({ value, fraction: !m[2] && value <= 1 });
}

/** True when the sheet's percentage agrees with completed of employees (within a percentage point: sheets round). */
export function percentAgrees(p: { value: number; fraction: boolean }, completed: number, employees: number): boolean {
  const actual = (completed / employees) * 100;
  return Math.abs(p.value - actual) < 1 || (p.fraction && Math.abs(p.value * 100 - actual) < 1);
}

/** A person's completion as the cell says it: done or not (a word), or the day it was completed (a date). */
export type Completion = { done: boolean } | { day: string };

const DONE = ['ja', 'j', 'yes', 'y', 'x', 'true', 'sant', 'klar', 'klart', 'genomförd', 'genomfört', 'slutförd', 'slutfört', 'godkänd', 'godkänt',
  'avklarad', 'avklarat', 'fullföljd', 'fullförd', 'completed', 'complete', 'done', 'passed', 'finished', '100%', '100 %'];
const NOT_DONE = ['nej', 'n', 'no', 'false', 'falskt', '-', 'ej påbörjad', 'ej påbörjat', 'inte påbörjad', 'inte påbörjat', 'ej startad', 'inte startad',
  'ej klar', 'inte klar', 'ej genomförd', 'inte genomförd', 'ej slutförd', 'inte slutförd', 'pågår', 'pågående', 'påbörjad', 'påbörjat', 'startad',
  'underkänd', 'underkänt', 'ej godkänd', 'tilldelad', 'ej tilldelad', 'not started', 'in progress', 'started', 'not completed', 'incomplete', 'failed',
  'assigned', 'not attempted'];
const DONE_KEYS = new Set(DONE.map(looseKey));
const NOT_DONE_KEYS = new Set(NOT_DONE.map(looseKey));

/**
 * A completion cell: a date (text YYYY-MM-DD with or without a time, an XLSX date, an Excel day number), ja/nej,
 * 1/0, an XLSX boolean, a status word of a learning platform (Klar, Genomförd, Slutförd / Ej påbörjad, Pågår …) or
 * a share ("100 %" is done, less is not). Empty: not completed. `date1904`: a day number counts from 1904 (ImportRow).
 */
export function parseCompletion(c: Cell | undefined, date1904 = false): Parsed<Completion> {
  if (typeof c === 'boolean') return ok({ done: c });
  if (c instanceof Date) return asDay(parseDay(c));
  if (typeof c === 'number') {
    if (c === 1 || c === 0) return ok({ done: c === 1 });
    if (c > 366) return asDay(parseDay(c, date1904));
    return notCompletion(String(c));
  }
  const raw = cellText(c);
  if (raw === '') return ok({ done: false });
  const key = looseKey(raw);
  if (DONE_KEYS.has(key) || key === '1') return ok({ done: true });
  if (NOT_DONE_KEYS.has(key) || key === '0') return ok({ done: false });
  const share = /^(\d{1,3})(?:[.,]\d+)?\s*%$/.exec(raw);
  if (share) return ok({ done: Number(raw.replace('%', '').replace(',', '.').trim()) >= 100 });
  if (/^\d{4}-\d{1,2}-\d{1,2}/.test(raw) || /^\d{5}$/.test(raw)) return asDay(parseDay(raw));
  if (/^\d{1,4}$/.test(raw)) return notCompletion(raw);
  return fail(
    `"${raw}" känns inte igen som genomförd eller inte. Skriv ett datum (ÅÅÅÅ-MM-DD), ja/nej, Klar, Genomförd, Ej påbörjad eller Pågår.`,
    `"${raw}" is not recognised as completed or not. Write a date (YYYY-MM-DD), yes/no, Completed, Not started or In progress (or the Swedish ja/nej, Klar, Genomförd, Ej påbörjad, Pågår).`,
  );
}

/** A number where one person's completion should be: perhaps a count, which a summary gives beside its Anställda. */
const notCompletion = (n: string) => fail(
  `${n} är varken ja/nej eller ett datum. Är det antalet genomförda behövs också kolumnen Anställda (en rad per enhet och kurs).`,
  `${n} is neither yes/no nor a date. If it is the number completed, the column Anställda (Employees) is needed too (one row per unit and course).`,
);

function asDay(p: Parsed<string | null>): Parsed<Completion> {
  if (!p.ok) return p;
  return ok(p.value === null ? { done: false } : { day: p.value });
}

/**
 * Whether a person completed the course in `year`: a completion day counts only in that year (a completion the year
 * before, or in the next, is not this year's); a word counts as it says. The date column (`day`), when it has a
 * date, decides over the status column.
 */
export function completedIn(year: number, status: Completion | undefined, day: Completion | undefined): boolean {
  for (const c of [day, status]) {
    if (c && 'day' in c) return c.day.startsWith(`${year}-`);
  }
  return !!(status && 'done' in status && status.done) || !!(day && 'done' in day && day.done);
}
