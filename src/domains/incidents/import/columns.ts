/** The header row of an IA export → which column holds which field (names and aliases from the format page). */
import { looseKey, withoutControls, type Cell, type Msg } from './values';

export type Field =
  | 'externalId' | 'title' | 'description' | 'occurredAt' | 'reportedAt' | 'status' | 'kind' | 'category'
  | 'personalData' | 'imy' | 'csirt' | 'protectedIdentity' | 'unit';

interface ColumnDef {
  field: Field;
  /** The first name is the canonical one (used in messages when the column is missing). */
  names: string[];
  required?: boolean;
}

export const COLUMNS: ColumnDef[] = [
  { field: 'externalId', names: ['Ärende-ID', 'Ärendenummer', 'ID'], required: true },
  { field: 'title', names: ['Rubrik', 'Titel'], required: true },
  { field: 'description', names: ['Beskrivning'] },
  { field: 'occurredAt', names: ['Händelsedatum', 'Inträffade'] },
  { field: 'reportedAt', names: ['Rapporterad', 'Rapporteringsdatum', 'Registrerad'], required: true },
  { field: 'status', names: ['Status'], required: true },
  { field: 'kind', names: ['Typ', 'Incidenttyp'] },
  { field: 'category', names: ['Kategori'] },
  { field: 'personalData', names: ['Personuppgiftsincident'] },
  { field: 'imy', names: ['Anmäld till IMY'] },
  { field: 'csirt', names: ['Anmäld till CSIRT', 'Anmäld till MSB', 'Anmäld till CERT-SE'] },
  { field: 'protectedIdentity', names: ['Skyddade personuppgifter'] },
  { field: 'unit', names: ['Enhet'] },
];

const BY_KEY = new Map<string, { def: ColumnDef; primary: boolean }>();
for (const def of COLUMNS) def.names.forEach((n, i) => BY_KEY.set(looseKey(n), { def, primary: i === 0 }));

export interface HeaderMap {
  /** Column index per field present in the file. */
  index: Partial<Record<Field, number>>;
  /** The header as written in the file (trimmed), per field. */
  names: Partial<Record<Field, string>>;
  /** Number of header cells (trailing empty ones excluded). */
  width: number;
  warnings: Msg[];
  /** Canonical names of required columns that are missing. */
  missing: string[];
}

/**
 * A header cell as a name: byte order mark and control characters removed, spaces collapsed, and a trailing colon
 * or asterisk (exports write "Rapporterad:" or mark required columns "Ärende-ID*") dropped.
 */
export function headerText(c: Cell): string {
  return withoutControls(String(c ?? ''))
    .replace(/^\uFEFF/, '')
    .split('\u0000').join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[:*]+$/, '');
}

export function mapHeader(cells: Cell[]): HeaderMap {
  const index: HeaderMap['index'] = {};
  const names: HeaderMap['names'] = {};
  const primaryTaken = new Set<Field>();
  const warnings: Msg[] = [];
  let width = cells.length;
  while (width > 0 && headerText(cells[width - 1]) === '') width--;
  const ignored: { name: string; dupOf?: string }[] = [];
  for (let i = 0; i < width; i++) {
    const name = headerText(cells[i]);
    if (name === '') continue;
    const hit = BY_KEY.get(looseKey(name));
    if (!hit) {
      ignored.push({ name });
      continue;
    }
    const f = hit.def.field;
    const taken = index[f] !== undefined;
    // Two columns for one field: the canonical name wins over an alias, else the first one.
    if (!taken || (hit.primary && !primaryTaken.has(f))) {
      if (taken) ignored.push({ name: names[f]!, dupOf: name });
      index[f] = i;
      names[f] = name;
      if (hit.primary) primaryTaken.add(f);
    } else ignored.push({ name, dupOf: names[f] });
  }
  const said = new Set<string>();
  for (const { name, dupOf } of ignored) {
    // A column repeated under one unknown name is reported once ("reported once as a warning").
    if (!dupOf && said.has(name)) continue;
    said.add(name);
    warnings.push(
      dupOf
        ? { sv: `Kolumnen "${name}" ignoreras: samma uppgift läses från "${dupOf}".`, en: `Column "${name}" is ignored: the same field is read from "${dupOf}".` }
        : { sv: `Kolumnen "${name}" känns inte igen och ignoreras.`, en: `Column "${name}" is not recognised and is ignored.` },
    );
  }
  const missing = COLUMNS.filter((c) => c.required && index[c.field] === undefined).map((c) => c.names[0]);
  return { index, names, width, warnings, missing };
}

/** Records looked at for the header: some exports put a title, a date range or Excel's `sep=;` above it. */
export const HEADER_SEARCH = 10;

/** True when the cells are a complete header: every required column is there. */
export function isHeader(cells: Cell[]): boolean {
  return mapHeader(cells).missing.length === 0;
}
