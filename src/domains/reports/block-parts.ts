import type { Cell, FigureBlock } from './blocks';

/** A figure record of the report JSON, and the cell maker the renderers pass in. */
export type Rec = Record<string, unknown>;
export type CellFn = (v: unknown, path?: string) => Cell;
export const isRec = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);
export const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRec) : []);

/**
 * Rows of records; records from several organisations (a city's report) get a first column naming theirs
 * (`org`): without it a city's two goals "3.5" could not be told apart.
 */
export function withOrg(records: Rec[], columns: string[], cells: (r: Rec) => Cell[], cell: CellFn): { columns: string[]; rows: Cell[][] } {
  const byOrg = new Set(records.map((r) => r.org)).size > 1;
  return {
    columns: byOrg ? ['Förvaltning', ...columns] : columns,
    rows: records.map((r) => (byOrg ? [cell(r.org), ...cells(r)] : cells(r))),
  };
}

/** "a", "a och b", "a, b och c": a list in running Swedish text. */
export function svList(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/**
 * A section's counts as a two-column table ("Mått", "Antal"): each row a label and `counts[key]` (0 when absent),
 * the cell marked changed from last year by its path `${path}.${key}`.
 */
export function countsTable(caption: string, counts: Rec, path: string, rows: [label: string, key: string][], cell: CellFn): FigureBlock {
  return { kind: 'table', caption, columns: ['Mått', 'Antal'], rows: rows.map(([label, key]) => [cell(label), cell(counts[key] ?? 0, `${path}.${key}`)]) };
}
