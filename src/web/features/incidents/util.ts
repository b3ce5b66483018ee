/** Small pure helpers of the incident pages: Stockholm wall-clock text and remaining-time text. */
const TZ = 'Europe/Stockholm';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** An instant as the "YYYY-MM-DDTHH:MM" a datetime-local input shows, in Stockholm time. */
export function toLocalInput(v: string | Date | null | undefined): string {
  if (!v) return '';
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) return '';
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The instants a Stockholm wall-clock time "YYYY-MM-DDTHH:MM" names: two in the hour repeated in October, else one or none. */
export function instantsOf(local: string): Date[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return [];
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // Summer time (UTC+2) first: the earlier instant.
  return [120, 60].map((off) => new Date(asUtc - off * MIN)).filter((d) => toLocalInput(d) === local);
}

/**
 * The value of a time field: the wall-clock text, and for the second of October's repeated hour (winter time) the
 * offset "+01:00" after it, as the server reads it. An instant whose hour is not repeated is the text alone.
 */
export function toTimeValue(v: string | Date | null | undefined): string {
  const local = toLocalInput(v);
  if (!local) return '';
  const both = instantsOf(local);
  const at = v instanceof Date ? v : new Date(v!);
  return both.length === 2 && at.getTime() === both[1].getTime() ? `${local}+01:00` : local;
}

/** The current Stockholm year. */
export function stockholmYear(now = new Date()): number {
  return Number(toLocalInput(now).slice(0, 4));
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** "2 d 5 h", "3 h 12 min", "12 min" – the size of a time span, without sign. */
export function spanText(ms: number): string {
  const a = Math.abs(ms);
  const d = Math.floor(a / DAY);
  const h = Math.floor((a % DAY) / HOUR);
  const m = Math.floor((a % HOUR) / MIN);
  // A number and its unit never part at a line end (no-break space), so a narrow deadline cell reads "3 h" / "58 min", not "3" / "h 58".
  if (d > 0) return `${d}\u00a0d ${h}\u00a0h`;
  if (h > 0) return `${h}\u00a0h ${m}\u00a0min`;
  return `${m}\u00a0min`;
}

/** Text colours on white and badge backgrounds with white text, all ≥ 4.5:1. */
export const COLORS = {
  red: '#a51d2d',
  orange: '#8a4500',
  blue: '#0b4f8a',
  green: '#2b6a2f',
  gray: '#495057',
  violet: '#5a3e8c',
};
