/**
 * Which of a register's columns are shown at first and which an export of the page writes (Register.tsx). Pure and
 * without dependencies, so the register imports it at once and a test can build a page's export as the page does.
 */

/** The part of a column (RegisterColumn) these choices look at. */
export interface ColumnChoice {
  key: string;
  /** Initially hidden: the user can show it with the column chooser. */
  hidden?: boolean;
  /** Always shown, never offered in the chooser and never exported. */
  fixed?: boolean;
  /**
   * Exported whenever the column with this key is, even while this one is hidden: a value that the other needs to be
   * read back by an import (the Klassad date of a Klar status).
   */
  exportWith?: string;
}

/** The keys of the columns shown before the user chooses. */
export const initiallyShown = (columns: ColumnChoice[]): string[] => columns.filter((c) => !c.hidden).map((c) => c.key);

/** The columns an export writes, in the register's order: those shown (not fixed), and those exported with them. */
export function exportedColumns<C extends ColumnChoice>(columns: C[], shown: string[]): C[] {
  const written = new Set(columns.filter((c) => !c.fixed && shown.includes(c.key)).map((c) => c.key));
  return columns.filter((c) => !c.fixed && (written.has(c.key) || (c.exportWith !== undefined && written.has(c.exportWith))));
}
