/**
 * Cell values of an IA export → typed values. Pure functions, no database.
 *
 * Times without a zone are Europe/Stockholm wall-clock time. Around the DST changes:
 * - a time that does not exist (2025-03-30 02:00–02:59, clocks jump 02:00 → 03:00) is rejected;
 * - a time that exists twice (2025-10-26 02:00–02:59, clocks go back 03:00 → 02:00) is read as the FIRST
 *   occurrence, i.e. summer time (+02:00): 2025-10-26 02:30 → 2025-10-26T00:30:00Z. Deterministic and the
 *   earlier instant, so legal clocks computed from it never start late.
 */
import { looseKey, type Cell, type Msg } from '../../../server/platform/tabular/cells';
import { fromSerial } from '../../../server/platform/tabular/xlsx-values';
import { INCIDENT_KINDS, INCIDENT_STATUSES, type IncidentKind, type IncidentStatus } from '../model';

export type Parsed<T> = { ok: true; value: T } | { ok: false; msg: Msg };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (sv: string, en: string): Parsed<never> => ({ ok: false, msg: { sv, en } });

const STATUS_BY_KEY = new Map<string, IncidentStatus>(INCIDENT_STATUSES.map((s) => [looseKey(s), s]));
const KIND_BY_KEY = new Map<string, IncidentKind>([
  ...INCIDENT_KINDS.map((k) => [looseKey(k), k] as [string, IncidentKind]),
  ['informationssakerhetsincident', 'Informationssäkerhet'],
  ['itsakerhetsincident', 'IT-säkerhet'],
  ['itincident', 'IT-säkerhet'],
  ['personuppgift', 'Personuppgiftsincident'],
  ['personuppgifter', 'Personuppgiftsincident'],
  ['personuppgiftsincidenter', 'Personuppgiftsincident'],
  ['arbetsmiljoincident', 'Arbetsmiljö'],
]);

/** Memo for the few distinct spellings a file uses (bounded). */
export function memo<T>(fn: (raw: string) => T): (raw: string) => T {
  const cache = new Map<string, T>();
  return (raw) => {
    let v = cache.get(raw);
    if (v === undefined) {
      v = fn(raw);
      if (cache.size > 1000) cache.clear();
      // A copy as key: `raw` may be a slice of a large decoded chunk, which a kept slice would pin in memory.
      cache.set(Buffer.from(raw, 'utf8').toString('utf8'), v);
    }
    return v;
  };
}

export const parseStatus = memo(parseStatusUncached);
export const parseKind = memo(parseKindUncached);

function parseStatusUncached(raw: string): Parsed<IncidentStatus> {
  const s = STATUS_BY_KEY.get(looseKey(raw));
  if (s) return ok(s);
  const list = INCIDENT_STATUSES.join(', ');
  return fail(`Okänd status "${raw}"; tillåtna: ${list}.`, `Unknown status "${raw}"; allowed: ${list}.`);
}

function parseKindUncached(raw: string): Parsed<IncidentKind> {
  const k = KIND_BY_KEY.get(looseKey(raw));
  if (k) return ok(k);
  const list = INCIDENT_KINDS.join(', ');
  return fail(`Okänd typ "${raw}"; tillåtna: ${list}.`, `Unknown type "${raw}"; allowed: ${list}.`);
}

const TRUE = new Set(['ja', 'j', 'yes', 'y', 'true', 'sant', '1', 'x', '✓', '✔']);
const FALSE = new Set(['nej', 'n', 'no', 'false', 'falskt', '0', '-', '']);

/** Ja/Nej, true/false, 1/0, x/empty (empty = Nej). */
export function parseBool(raw: string | boolean): Parsed<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  const k = raw.trim().toLowerCase();
  if (TRUE.has(k)) return ok(true);
  if (FALSE.has(k)) return ok(false);
  return fail(`"${raw}" är inte Ja eller Nej.`, `"${raw}" is not Ja (yes) or Nej (no).`);
}

// ---------------------------------------------------------------- dates

/**
 * YYYY-MM-DD, then optionally a time after a T or white space: HH:MM[:SS[.fraction]], also with dots as Swedish
 * writes the time of day (09.14, 09.14.00); fractions of up to nine digits (.NET and SQL Server write seven); a
 * zone (Z, +01, +0100, +01:00) makes it an instant, else it is Stockholm time.
 */
const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** Stockholm wall-clock "YYYYMMDDHH" of an instant (minutes are never shifted by the zone). */
function stockholmHourKey(ms: number): string {
  const p = fmt.formatToParts(new Date(ms));
  const get = (t: string) => p.find((x) => x.type === t)!.value;
  return `${get('year')}${get('month')}${get('day')}${get('hour')}`;
}

/** Offsets (minutes east of UTC) valid for a Stockholm wall-clock hour: 0 (nonexistent), 1 or 2 (ambiguous). */
const offsetCache = new Map<number, number[]>();
function offsetsForLocalHour(y: number, mo: number, d: number, h: number): number[] {
  const key = ((y * 16 + mo) * 32 + d) * 32 + h;
  let hit = offsetCache.get(key);
  if (hit) return hit;
  const asUtc = Date.UTC(y, mo - 1, d, h);
  const want = `${String(y).padStart(4, '0')}${String(mo).padStart(2, '0')}${String(d).padStart(2, '0')}${String(h).padStart(2, '0')}`;
  // Stockholm has only ever been UTC+1 or UTC+2 (summer time). Earlier instant first = summer time first.
  hit = [120, 60].filter((off) => stockholmHourKey(asUtc - off * 60_000) === want);
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(key, hit);
  return hit;
}

/** Stockholm wall-clock time → instant; nonexistent times are an error, ambiguous ones take summer time. */
export function stockholmToInstant(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Parsed<Date> {
  const offs = offsetsForLocalHour(y, mo, d, h);
  if (offs.length === 0) {
    const t = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
    return fail(
      `Tiden ${t} finns inte i svensk tid (klockan ställs fram till sommartid).`,
      `The time ${t} does not exist in Swedish time (clocks spring forward to summer time).`,
    );
  }
  return ok(new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offs[0] * 60_000));
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysIn(y: number, mo: number): number {
  return mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[mo - 1];
}

const FORMATS_SV = 'ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM, till exempel 2025-02-03 eller 2025-02-03 09:14 (sekunder och ett T före tiden går också)';
const FORMATS_EN = 'YYYY-MM-DD or YYYY-MM-DD HH:MM, for example 2025-02-03 or 2025-02-03 09:14 (seconds and a T before the time work too)';

/** A date or date-time as text (Stockholm time unless it carries Z or an offset). */
export function parseDateText(raw: string): Parsed<Date> {
  const m = DATE_RE.exec(raw.trim());
  if (!m) return fail(`"${raw}" är inget datum; använd ${FORMATS_SV}.`, `"${raw}" is not a date; use ${FORMATS_EN}.`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const frac = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  if (y < 1900 || y > 2200) {
    return fail(`Datumet "${raw}" är orimligt; året måste ligga mellan 1900 och 2200.`, `The date "${raw}" is out of range; the year must lie between 1900 and 2200.`);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) {
    return fail(`Datumet "${raw}" finns inte.`, `The date "${raw}" does not exist.`);
  }
  if (h > 23 || mi > 59 || s > 59) return fail(`Klockslaget i "${raw}" finns inte.`, `The time of day in "${raw}" does not exist.`);
  if (m[8]) {
    const z = m[8].toUpperCase();
    let off = 0;
    if (z !== 'Z') {
      // +01, +0100 and +01:00 are one offset.
      const n = z.replace(':', '');
      off = (n[0] === '-' ? -1 : 1) * (Number(n.slice(1, 3)) * 60 + Number(n.slice(3, 5) || 0));
    }
    return ok(new Date(Date.UTC(y, mo - 1, d, h, mi, s, frac) - off * 60_000));
  }
  return stockholmToInstant(y, mo, d, h, mi, s, frac);
}

/**
 * An XLSX date cell: the reader gives the wall-clock time as if it were UTC; it is Stockholm time. Years outside
 * 1900–2200 are refused, as for text dates (a date cell holding 0, which Excel shows as 1900-01-00, is 1899-12-30).
 */
export function fromSheetDate(v: Date): Parsed<Date> {
  if (Number.isNaN(v.getTime())) return fail('Ogiltig datumcell.', 'Invalid date cell.');
  const r = new Date(Math.round(v.getTime() / 1000) * 1000); // Excel serials carry float noise
  const y = r.getUTCFullYear();
  if (y < 1900 || y > 2200) {
    const d = `${y}-${String(r.getUTCMonth() + 1).padStart(2, '0')}-${String(r.getUTCDate()).padStart(2, '0')}`;
    return fail(
      `Datumcellens datum ${d} är orimligt; det måste ligga mellan år 1900 och 2200.`,
      `The date cell's date ${d} is out of range; it must lie between the years 1900 and 2200.`,
    );
  }
  return stockholmToInstant(r.getUTCFullYear(), r.getUTCMonth() + 1, r.getUTCDate(), r.getUTCHours(), r.getUTCMinutes(), r.getUTCSeconds());
}

/** An Excel serial day number (a date cell without date formatting), counted from 1900 or, in a 1904 workbook, from 1904. */
export function fromExcelSerial(n: number, date1904 = false): Parsed<Date> {
  if (!(n > 0 && n < 2958466)) return fail(`${n} är inget datum.`, `${n} is not a date.`);
  return fromSheetDate(fromSerial(n, date1904));
}

/** `date1904`: the workbook counts days from 1904 (a plain number is a day number from then). */
export function parseDateCell(v: Cell, date1904 = false): Parsed<Date> {
  if (v instanceof Date) return fromSheetDate(v);
  if (typeof v === 'number') return fromExcelSerial(v, date1904);
  return parseDateText(String(v));
}

/** Ja/Nej or a date ("reported then"). `date1904` as for parseDateCell. */
export function parseReported(v: Cell, date1904 = false): Parsed<{ reported: boolean; at: Date | null }> {
  if (v instanceof Date) {
    const d = fromSheetDate(v);
    return d.ok ? ok({ reported: true, at: d.value }) : d;
  }
  if (typeof v === 'boolean') return ok({ reported: v, at: null });
  const s = String(v ?? '').trim();
  const b = parseBool(s);
  if (b.ok) return ok({ reported: b.value, at: null });
  if (/^\d{4}-/.test(s)) {
    const d = parseDateText(s);
    return d.ok ? ok({ reported: true, at: d.value }) : d;
  }
  if (typeof v === 'number') {
    const d = fromExcelSerial(v, date1904);
    return d.ok ? ok({ reported: true, at: d.value }) : d;
  }
  return fail(`"${s}" är varken Ja, Nej eller ett datum.`, `"${s}" is neither Ja (yes), Nej (no) nor a date.`);
}
