/** The band editor's row operations; contrast and default bands come from the shared domains/risks/bands.ts. */
export { bestTextColor, defaultBands } from '../../../domains/risks/bands';

export interface BandRow {
  min: number;
  max: number;
  color: string;
  label: string;
}

/** A row added after the last: the last band is split in two when it spans more than one value. */
export function addBand(rows: BandRow[], label: string): BandRow[] {
  const last = rows[rows.length - 1];
  if (!last) return [{ min: 1, max: 1, color: '#455a64', label }];
  if (last.max > last.min) {
    const mid = Math.floor((last.min + last.max) / 2);
    return [...rows.slice(0, -1), { ...last, max: mid }, { min: mid + 1, max: last.max, color: '#455a64', label }];
  }
  return [...rows, { min: last.max + 1, max: last.max + 1, color: '#455a64', label }];
}

/** Removes row `i`; its values go to the neighbour below it (or above, for the first row), so no gap opens. */
export function removeBand(rows: BandRow[], i: number): BandRow[] {
  const gone = rows[i];
  if (!gone || rows.length < 2) return rows;
  return rows.flatMap((r, j) => {
    if (j === i) return [];
    if (i > 0 && j === i - 1) return [{ ...r, max: gone.max }];
    if (i === 0 && j === 1) return [{ ...r, min: gone.min }];
    return [r];
  });
}
