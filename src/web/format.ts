/** Dates and numbers as the users read them: sv-SE, Europe/Stockholm. */
import { withRepeatedHourOffset } from '../server/platform/wall-clock';

const TZ = 'Europe/Stockholm';
const dateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, dateStyle: 'short', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, dateStyle: 'short' });
const number = new Intl.NumberFormat('sv-SE');

const toDate = (v: string | number | Date) => (v instanceof Date ? v : new Date(v));

/** Date and time in Stockholm; in the hour that occurs twice in October with its offset ("02:30 (+02:00)"). */
export function formatDateTime(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const d = toDate(v);
  return Number.isNaN(d.getTime()) ? '' : withRepeatedHourOffset((x) => dateTime.format(x), d);
}

export function formatDate(v: string | number | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const d = toDate(v);
  return Number.isNaN(d.getTime()) ? '' : dateOnly.format(d);
}

const ymd = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
/** Today in Stockholm, YYYY-MM-DD. */
export const todayStockholm = () => ymd.format(new Date());

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : number.format(n);
}

const oneDecimal = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

/** A file's size as people read it: "512 B", "12 kB", "3,4 MB" (1 kB = 1 024 bytes, as the upload limits count). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${number.format(bytes)} B`;
  // The unit after rounding: 1 048 575 bytes is 1 MB, not 1 024 kB.
  const kB = Math.round(bytes / 1024);
  if (kB < 1024) return `${number.format(kB)} kB`;
  return `${oneDecimal.format(bytes / 1024 / 1024)} MB`;
}

/**
 * A calendar date picked in Stockholm (YYYY-MM-DD) as the UTC instant at which that day starts (or, with
 * `endOfDay`, the next day starts), for API filters such as from/to.
 */
export function stockholmDayStart(date: string, endOfDay = false): string {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d + (endOfDay ? 1 : 0));
  // Offset of Stockholm at that instant (CET +1 / CEST +2), read back from Intl.
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(guess));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
  return new Date(guess - hour * 3600_000).toISOString();
}

/**
 * Who did something, as the server records it (the `actorLabel` of the audit log, a scale's `createdBy`): a person's
 * e-mail address as it is; Tillit's own presets ("system") and the command line ("cli:<user>") in words.
 */
export function actorText(label: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (label === 'system') return t('common:actor.system');
  if (label.startsWith('cli:')) return t('common:actor.cli', { user: label.slice(4) });
  return label;
}
