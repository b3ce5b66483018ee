/**
 * Stockholm's repeated hour, for the server's texts (time.ts formatLocal) and the browser's (web/format.ts) alike: no
 * imports, so the web app bundles it.
 */
const HOUR = 3_600_000;

/**
 * A time as `format` shows it in Stockholm, with its offset when it falls in the hour that occurs twice (the clocks go
 * back in October: 02:00–02:59 is first summer time, then winter time): "2025-10-26 02:30 (+02:00)", as the time
 * fields ask for it. Any other time as it is. `format` shows minutes: a time an hour away reads the same only there.
 */
export function withRepeatedHourOffset(format: (d: Date) => string, d: Date): string {
  const shown = format(d);
  // Only a time shown at 02:xx can be in that hour: the rest (lists format every row) are formatted once.
  if (!/ 02:\d\d/.test(shown)) return shown;
  if (format(new Date(d.getTime() + HOUR)) === shown) return `${shown} (+02:00)`;
  if (format(new Date(d.getTime() - HOUR)) === shown) return `${shown} (+01:00)`;
  return shown;
}
