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

/** The current Stockholm year. */
export function stockholmYear(now = new Date()): number {
  return Number(toLocalInput(now).slice(0, 4));
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** "2 d 5 h", "3 h 12 min", "12 min" – the size of a time span, without sign. */
export function spanText(ms: number, en: boolean): string {
  const a = Math.abs(ms);
  const d = Math.floor(a / DAY);
  const h = Math.floor((a % DAY) / HOUR);
  const m = Math.floor((a % HOUR) / MIN);
  const day = en ? 'd' : 'd';
  if (d > 0) return `${d} ${day} ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min`;
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
