import { TZDate } from '@date-fns/tz';
import { badRequest, unprocessable, type Msg } from './errors';
import { withRepeatedHourOffset } from './wall-clock';

/**
 * Stockholm's calendar and clock for every domain: instants are stored in UTC and entered and shown in
 * Europe/Stockholm; dates are Stockholm calendar days (YYYY-MM-DD).
 */
/** Europe/Stockholm: instants are stored in UTC and entered/shown here. */
export const TZ = 'Europe/Stockholm';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * An instant from text: ISO 8601 with an offset or Z is taken as is; a local date-time without zone
 * ("2025-03-29T10:00", "2025-03-29 10:00" or a bare date) is Stockholm wall-clock time. Null when invalid.
 */
export function parseInstant(text: string): Date | null {
  const s = text.trim();
  const m = LOCAL.exec(s);
  if (m) {
    const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
    if (!saneYear(y) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return null;
    return localToInstant(y, mo, d, h, mi, se);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) || !saneYear(d.getUTCFullYear()) ? null : d;
}

/**
 * The years a date or time may have: 1900–9999 (four digits). Years 0–99 would also be read as 1900–1999 by
 * Date.UTC, year 0 is beyond PostgreSQL's range, and a year 10000 reached by an offset is text it cannot read.
 */
export const SANE_YEARS = [1900, 9999] as const;
export const saneYear = (y: number) => y >= SANE_YEARS[0] && y <= SANE_YEARS[1];

/**
 * Why a text is no instant, in Swedish and English: a Stockholm time skipped when the clocks spring forward is named
 * as such (the user typed a real-looking time); anything else gets the accepted forms. Null when it parses.
 */
export function instantProblem(text: string): { sv: string; en: string } | null {
  if (parseInstant(text) !== null) return null;
  const m = LOCAL.exec(text.trim());
  const year = m ? m[1] : /^\s*(\d{4})-/.exec(text)?.[1];
  if (year !== undefined && !saneYear(Number(year))) {
    return { sv: `året ${year} är orimligt: det ska ligga mellan ${SANE_YEARS[0]} och ${SANE_YEARS[1]}`, en: `the year ${year} is unreasonable: it must lie between ${SANE_YEARS[0]} and ${SANE_YEARS[1]}` };
  }
  if (m && m[4] !== undefined) {
    const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h <= 23 && mi <= 59) {
      const t = `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}`;
      return {
        sv: `${t} finns inte i svensk tid: klockan ställdes då fram en timme till sommartid. Ange tiden efter omställningen (t.ex. ${m[1]}-${m[2]}-${m[3]} 03:${m[5]})`,
        en: `${t} does not exist in Swedish time: the clocks then sprang forward an hour to summer time. Give the time after the change (e.g. ${m[1]}-${m[2]}-${m[3]} 03:${m[5]})`,
      };
    }
  }
  return {
    sv: 'datum och tid, t.ex. 2025-03-29 10:00 (svensk tid) eller ISO 8601 med zon',
    en: 'a date and time, e.g. 2025-03-29 10:00 (Swedish time) or ISO 8601 with a zone',
  };
}

const HOUR_FORMAT = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });

/**
 * Stockholm wall-clock time → instant, the same rule as the import's: a time that does not exist (the hour the
 * clocks spring forward, or a day like 02-30) is null; an ambiguous one (the hour repeated in October) is the
 * earlier instant, summer time, so a legal clock counted from it never runs later than it may.
 */
export function localToInstant(y: number, mo: number, d: number, h = 0, mi = 0, se = 0): Date | null {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, se);
  const want = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}`;
  // Stockholm is UTC+1 or UTC+2 (summer time). Earlier instant first = summer time first.
  for (const off of [120, 60]) {
    const t = new Date(asUtc - off * 60_000);
    if (HOUR_FORMAT.format(t) === want) return t;
  }
  return null;
}

/** [start, end) of a calendar year in Stockholm, as UTC instants. */
export function yearRange(year: number): [Date, Date] {
  return [new Date(new TZDate(year, 0, 1, 0, 0, 0, TZ).getTime()), new Date(new TZDate(year + 1, 0, 1, 0, 0, 0, TZ).getTime())];
}

/** The first instant after the given Stockholm calendar day ("as of the end of that day"). */
export function endOfDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d + 1, 0, 0, 0, TZ).getTime());
}

/** Year, month (1–12) and day of an instant in Stockholm. */
export function stockholmParts(at: Date): { year: number; month: number; day: number } {
  const t = new TZDate(at.getTime(), TZ);
  return { year: t.getFullYear(), month: t.getMonth() + 1, day: t.getDate() };
}

// Made once: building an Intl.DateTimeFormat costs ~120 µs, formatting with one ~1–4 µs (lists format every row).
const DATE_FORMAT = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

// Since 1943 every New Year in Stockholm falls in winter time, UTC+1 (in 1940–42 summer time ran through the
// winters, before 1894 the city kept local mean time).
const WINTER_NEW_YEARS_FROM = Date.UTC(1942, 11, 31, 23);
const YEAR_FORMAT = new Intl.DateTimeFormat('en-US', { timeZone: TZ, year: 'numeric' });

/**
 * The calendar year of an instant in Stockholm: from 1943 the UTC year one hour later, without a time-zone
 * lookup (lists number every row with it); earlier instants ask the time-zone database.
 */
export function stockholmYear(at: Date): number {
  const t = at.getTime();
  return t >= WINTER_NEW_YEARS_FROM ? new Date(t + 3_600_000).getUTCFullYear() : Number(YEAR_FORMAT.format(at));
}

/** The calendar date of an instant (default: now) in Stockholm as YYYY-MM-DD (sv-SE). The one such function. */
export function stockholmDate(at: Date = new Date()): string {
  return DATE_FORMAT.format(at);
}

const LOCAL_FORMAT = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** sv-SE "2025-04-01 11:00" in Stockholm; in the hour that occurs twice in October with its offset (wall-clock.ts). */
export function formatLocal(at: Date): string {
  return withRepeatedHourOffset((d) => LOCAL_FORMAT.format(d), at);
}

/**
 * Adds calendar months in Stockholm wall-clock time (same local time of day, clamped to the month's end). A local
 * time that falls in the hour the clocks go back (it happens twice) is its first, earlier instant: a deadline never
 * gains the extra hour (incidents/dto.ts overdueSql decides the same in SQL). One the clocks skip (spring) moves
 * on by the hour skipped.
 */
export function addMonthsLocal(at: Date, months: number): Date {
  const t = new TZDate(at.getTime(), TZ);
  const day = t.getDate();
  const target = new TZDate(t.getFullYear(), t.getMonth() + months, 1, t.getHours(), t.getMinutes(), t.getSeconds(), TZ);
  const last = new TZDate(target.getFullYear(), target.getMonth() + 1, 0, 0, 0, 0, TZ).getDate();
  const result = new TZDate(target.getFullYear(), target.getMonth(), Math.min(day, last), t.getHours(), t.getMinutes(), t.getSeconds(), TZ).getTime();
  const wall = (ms: number) => {
    const x = new TZDate(ms, TZ);
    return [x.getFullYear(), x.getMonth(), x.getDate(), x.getHours(), x.getMinutes(), x.getSeconds()].join();
  };
  return new Date(wall(result - 3_600_000) === wall(result) ? result - 3_600_000 : result);
}

/**
 * The day a year's figures are counted on when no other is asked for: the year's last day, or today (Stockholm)
 * while the year runs. The management review and the statistics page both use it, so they show the same counts.
 */
export function defaultAsOfDay(year: number, now: Date = new Date()): string {
  const today = stockholmDate(now);
  const last = `${year}-12-31`;
  return today < last ? today : last;
}

/**
 * Years: the one definition of the years Tillit takes, wherever a year is given (an API query or field, a CLI option).
 *
 * A year's figures, reports and records (the management review and its report, incident statistics, the incident
 * list's year filter, maturity measurements, training) run from FIRST_YEAR to lastYear(), next year in Stockholm: a
 * review or statistics for a year beyond next year is a typo, and its empty answer would look like a real one.
 * Plans look further ahead (improvement plans, goals, DSO follow-up, VoR and risk cycles): they may name any year up
 * to LAST_PLANNING_YEAR, the bound the database's own checks hold (plan_activities, reports).
 */
export const FIRST_YEAR = 2000;
export const LAST_PLANNING_YEAR = 2100;

/** The latest year of figures, reports and records: next year in Stockholm. Read at each call (a server runs over New Year). */
export function lastYear(now: Date = new Date()): number {
  return stockholmYear(now) + 1;
}

/**
 * Why a value is no year within FIRST_YEAR–lastYear(), naming the value and the range in both languages; null when it
 * is one. A number must be an integer; text must be four digits.
 */
export function yearProblem(value: unknown, now: Date = new Date()): Msg | null {
  const last = lastYear(now);
  const n = typeof value === 'string' && /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    return {
      sv: `"${String(value)}" är inget årtal (ÅÅÅÅ); tillåtna år är ${FIRST_YEAR}–${last}`,
      en: `"${String(value)}" is not a year (YYYY); the years allowed are ${FIRST_YEAR}–${last}`,
    };
  }
  if (n < FIRST_YEAR || n > last) {
    return {
      sv: `år ${n} ligger utanför de tillåtna åren ${FIRST_YEAR}–${last} (tidigast ${FIRST_YEAR}, senast nästa år)`,
      en: `the year ${n} is outside the years allowed, ${FIRST_YEAR}–${last} (${FIRST_YEAR} at the earliest, next year at the latest)`,
    };
  }
  return null;
}

/**
 * The year given as `where` (an API field, a CLI option such as --year) as a number, or a 400 `invalid_year` with
 * `where` as its field: what was given, where, and the years allowed.
 */
export function checkYear(value: unknown, where = 'year', now: Date = new Date()): number {
  const problem = yearProblem(value, now);
  if (problem) {
    throw badRequest('invalid_year', { sv: `Ogiltigt år för ${where}: ${problem.sv}.`, en: `Invalid year for ${where}: ${problem.en}.` }, where);
  }
  return typeof value === 'string' ? Number(value.trim()) : (value as number);
}

/**
 * What is recorded as done has happened: 422 `code` at `field` when the day (YYYY-MM-DD) lies after today in
 * Stockholm. `what` names the date as the form does ("Fastställd"); `hint` says what to give instead.
 */
export function refuseAfterToday(day: string | null | undefined, field: string, code: string, what: Msg, hint: Msg): void {
  const today = stockholmDate();
  if (!day || day <= today) return;
  throw unprocessable(code, {
    sv: `${what.sv} (${day}) ligger efter dagens datum (${today}). ${hint.sv}`,
    en: `${what.en} (${day}) is after today (${today}). ${hint.en}`,
  }, field);
}

/** A later date after an earlier one (a next review after the last): 422 `code` at `field` (the later) when not. */
export function refuseNotAfter(later: string | null | undefined, earlier: string | null | undefined, field: string, code: string, laterWords: Msg, earlierWords: Msg): void {
  if (!later || !earlier || later > earlier) return;
  throw unprocessable(code, {
    sv: `${laterWords.sv} (${later}) måste ligga efter ${earlierWords.sv} (${earlier}).`,
    en: `The ${laterWords.en} (${later}) must come after the ${earlierWords.en} (${earlier}).`,
  }, field);
}
