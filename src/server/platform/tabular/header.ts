/**
 * The header row of an import file → which column holds which field. Each import lists its columns (a field,
 * its canonical name and aliases, required or not); names are matched loosely (looseKey: case, spaces,
 * diacritics). The header is looked for among the opening records (findHeader).
 */
import { looseKey, withoutControls, withoutInvisible, type Cell, type Msg } from './cells';
import type { RawRecord } from './source';

export interface ColumnDef<F extends string> {
  field: F;
  /**
   * The first name is the canonical one (used in messages when the column is missing); the rest are aliases from the
   * most specific to the most generic. When a file has two of them, the earlier in this list is read.
   */
  names: string[];
  /**
   * Also a header whose looseKey this matches, for a header with a part that varies (the Objekt page's
   * "Uppföljning 2025"); tried after the names.
   */
  pattern?: RegExp;
  required?: boolean;
}

export interface HeaderMap<F extends string> {
  /** Column index per field present in the file. */
  index: Partial<Record<F, number>>;
  /** The header as written in the file (trimmed), per field. */
  names: Partial<Record<F, string>>;
  /** Number of header cells (trailing empty ones excluded). */
  width: number;
  warnings: Msg[];
  /** Canonical names of required columns that are missing. */
  missing: string[];
  /** The header's line in the file (set by findHeader). */
  line?: number;
  /** Columns within the header's width whose header cell is empty (0-based). */
  unnamed?: number[];
}

/** Records looked at for the header: some exports put a title, a date range or Excel's `sep=;` above it. */
export const HEADER_SEARCH = 10;

/**
 * A header cell as a name: byte order mark and control characters removed, spaces collapsed, and a trailing colon
 * or asterisk (exports write "Rapporterad:" or mark required columns "Ärende-ID*") dropped.
 */
export function headerText(c: Cell): string {
  return withoutInvisible(withoutControls(String(c ?? '')))
    .split('\u0000').join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[:*]+$/, '');
}

/** What the readers ask of a record while they look for the header (the CSV delimiter, the XLSX sheet). */
export interface HeaderTest {
  /** True when the cells are a complete header: every required column is there. */
  isHeader(cells: Cell[]): boolean;
  /** How many of the import's columns the cells name. */
  known(cells: Cell[]): number;
}

export interface HeaderReader<F extends string> extends HeaderTest {
  map(cells: Cell[]): HeaderMap<F>;
}

/**
 * Headers an import knows it will not read (e.g. a user report's names, e-mail addresses and personnummer, which an
 * import that keeps only counts must not store): not warned about one by one, but said once by `warning` with the
 * names `match` took (a name it deems unsafe to echo it leaves out of that list itself).
 */
export interface NotRead {
  match(name: string): boolean;
  warning(names: string[]): Msg;
}

/** The header mapping of one import's columns (`notRead`: headers it knows and leaves, see NotRead). */
export function headerReader<F extends string>(columns: ColumnDef<F>[], notRead?: NotRead): HeaderReader<F> {
  // A name's rank: its place in the field's list. The list runs from the canonical name to the most generic alias.
  const byKey = new Map<string, { def: ColumnDef<F>; rank: number }>();
  for (const def of columns) def.names.forEach((n, i) => byKey.set(looseKey(n), { def, rank: i }));
  const patterned = columns.filter((def) => def.pattern).map((def) => ({ def, rank: def.names.length }));
  const map = (cells: Cell[]): HeaderMap<F> => {
    const index: HeaderMap<F>['index'] = {};
    const names: HeaderMap<F>['names'] = {};
    const rankOf: Partial<Record<F, number>> = {};
    const warnings: Msg[] = [];
    let width = cells.length;
    while (width > 0 && headerText(cells[width - 1]) === '') width--;
    // Columns left unread, by name and place (1-based); `dupOf`: the column read for the same field instead.
    const ignored: { name: string; at: number; dupOf?: { name: string; at: number } }[] = [];
    const unnamed: number[] = [];
    for (let i = 0; i < width; i++) {
      const name = headerText(cells[i]);
      if (name === '') {
        unnamed.push(i);
        continue;
      }
      const key = looseKey(name);
      const hit = byKey.get(key) ?? patterned.find((p) => p.def.pattern!.test(key));
      if (!hit) {
        ignored.push({ name, at: i + 1 });
        continue;
      }
      const f = hit.def.field;
      const taken = index[f] !== undefined;
      // Two columns for one field: the name earlier in the field's list wins (Ärendenummer over a bare ID), else the
      // first column.
      if (!taken || hit.rank < rankOf[f]!) {
        if (taken) ignored.push({ name: names[f]!, at: index[f]! + 1, dupOf: { name, at: i + 1 } });
        index[f] = i;
        names[f] = name;
        rankOf[f] = hit.rank;
      } else ignored.push({ name, at: i + 1, dupOf: { name: names[f]!, at: index[f]! + 1 } });
    }
    const said = new Set<string>();
    const left: string[] = [];
    for (const { name, at, dupOf } of ignored) {
      if (!dupOf && notRead?.match(name)) {
        if (!left.includes(name)) left.push(name);
        continue;
      }
      // A column repeated under one unknown name is reported once ("reported once as a warning").
      if (!dupOf && said.has(name)) continue;
      said.add(name);
      warnings.push(
        // Their places tell two columns of one name apart ("Status" twice: which one is read).
        dupOf
          ? { sv: `Kolumnen "${name}" (kolumn ${at}) ignoreras: samma uppgift läses från "${dupOf.name}" (kolumn ${dupOf.at}).`, en: `Column "${name}" (column ${at}) is ignored: the same field is read from "${dupOf.name}" (column ${dupOf.at}).` }
          : { sv: `Kolumnen "${name}" känns inte igen och ignoreras.`, en: `Column "${name}" is not recognised and is ignored.` },
      );
    }
    if (left.length > 0) warnings.push(notRead!.warning(left));
    const missing = columns.filter((c) => c.required && index[c.field] === undefined).map((c) => c.names[0]);
    return { index, names, width, warnings, missing, unnamed };
  };
  return { map, isHeader: (cells) => map(cells).missing.length === 0, known: (cells) => Object.keys(map(cells).index).length };
}

export interface FoundHeader<F extends string> {
  header: HeaderMap<F>;
  /** The header's record as the file has it. */
  cells: Cell[];
  line: number;
  skipped: number[];
  sheet?: string;
  /** The workbook counts days from 1904 (RawRecord.date1904). */
  date1904: boolean;
}

/**
 * The header: the first of the opening records that has every required column. When none has, the one with the
 * most known columns is taken (the first record when none has any) and its missing columns are reported at its
 * line: a title above a header that lacks a column is not the header. Records above the header are skipped; their
 * lines are named in a warning. (Excel's `sep=` line never gets here: the CSV reader takes it.)
 */
export async function findHeader<F extends string>(records: AsyncGenerator<RawRecord>, reader: HeaderReader<F>): Promise<FoundHeader<F> | undefined> {
  const opening: RawRecord[] = [];
  let best: { at: number; header: HeaderMap<F>; known: number } | undefined;
  while (opening.length < HEADER_SEARCH) {
    const next = await records.next();
    if (next.done) break;
    opening.push(next.value);
    const header = reader.map(next.value.cells);
    header.line = next.value.line;
    if (header.missing.length === 0) {
      return { header, cells: next.value.cells, line: next.value.line, skipped: opening.slice(0, -1).map((r) => r.line), sheet: next.value.sheet, date1904: next.value.date1904 === true };
    }
    const known = Object.keys(header.index).length;
    if (!best || known > best.known) best = { at: opening.length - 1, header, known };
  }
  if (!best) return undefined;
  return { header: best.header, cells: opening[best.at].cells, line: opening[best.at].line, skipped: opening.slice(0, best.at).map((r) => r.line), sheet: opening[best.at].sheet, date1904: opening[best.at].date1904 === true };
}
