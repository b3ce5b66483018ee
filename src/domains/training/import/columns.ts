/**
 * The columns of a genomförandegrad sheet (docs/training-import.md), in two shapes told apart by their headers:
 * - aggregated, one row per unit and course: Enhet, Kurs, År, Anställda, Genomförda, Genomförandegrad (a check
 *   only), Kommentar;
 * - per person, one row per employee and course as a learning platform's user report gives it: Enhet, Kurs and a
 *   completion column (Genomförd/Status, and/or Klar datum). The persons are counted, never stored.
 * Kurs is the one column both need. Headers that name a person (Namn, E-post, Personnummer …) are known and not
 * read: one warning says so, and a header that looks like a personnummer itself is not echoed. The first name is the
 * template's header (template.ts).
 */
import { looseKey } from '../../../server/platform/tabular/cells';
import { headerReader, type ColumnDef, type HeaderMap } from '../../../server/platform/tabular/header';
import { holdsPersonnummer } from './values';

export type TrainingField = 'org' | 'course' | 'year' | 'employees' | 'completed' | 'percent' | 'comment' | 'status' | 'completedOn';

export const TRAINING_COLUMNS: ColumnDef<TrainingField>[] = [
  { field: 'org', names: ['Enhet', 'Organisation', 'Enhetsnamn', 'Avdelning', 'Förvaltning', 'Organisationsenhet', 'Unit', 'Organization', 'Department'] },
  { field: 'course', names: ['Kurs', 'Utbildning', 'Kursnamn', 'E-utbildning', 'Kurs/utbildning', 'Course', 'Course name', 'Training'], required: true },
  { field: 'year', names: ['År', 'Kalenderår', 'Year'] },
  { field: 'employees', names: ['Anställda', 'Antal anställda', 'Antal medarbetare', 'Antal tilldelade', 'Tilldelade', 'Employees', 'Number of employees'] },
  { field: 'completed', names: ['Genomförda', 'Antal genomförda', 'Klara', 'Antal klara', 'Slutförda', 'Antal slutförda', 'Completed', 'Number completed'] },
  { field: 'percent', names: ['Genomförandegrad', '%', 'Andel', 'Andel genomförda', 'Genomförandegrad (%)', 'Andel (%)', 'Completion rate', 'Share'] },
  { field: 'comment', names: ['Kommentar', 'Comment'] },
  { field: 'status', names: ['Genomförd', 'Slutförd', 'Status', 'Klar', 'Kursstatus', 'Genomförandestatus', 'Completion status', 'Course status'] },
  {
    field: 'completedOn',
    names: ['Klar datum', 'Klardatum', 'Slutförd datum', 'Slutförandedatum', 'Genomförd datum', 'Datum genomförd', 'Genomförandedatum', 'Completion date', 'Completed on', 'Date completed'],
  },
];

/** Parts of a header that name a person or reach one: such a column is not read, so nothing of it is stored. */
const PERSONAL = ['namn', 'name', 'epost', 'email', 'mail', 'personnummer', 'pnr', 'personnr', 'samordningsnummer', 'anstallningsnummer', 'anstallningsnr',
  'anvandare', 'anvandarnamn', 'user', 'login', 'inloggning', 'employeeid', 'personid', 'ssn', 'fodelsedatum', 'birth', 'telefon', 'phone', 'mobil', 'chef', 'manager'];

/** A header of a column about the person (or a cell that looks like a personnummer, when a data row is taken for the header). */
export function personalHeader(name: string): boolean {
  const key = looseKey(name);
  return holdsPersonnummer(name) || PERSONAL.some((p) => key.includes(p));
}

export type TrainingHeader = HeaderMap<TrainingField>;

export const TRAINING_HEADER = headerReader(TRAINING_COLUMNS, {
  match: personalHeader,
  warning(names) {
    const shown = names.filter((n) => !holdsPersonnummer(n));
    const list = shown.map((n) => `"${n}"`).join(', ');
    const more = shown.length < names.length;
    return {
      sv: `Kolumnerna om personer läses inte och sparas inte (Tillit sparar bara antalen): ${list}${more ? `${list ? ' och ' : ''}en kolumn som ser ut som ett personnummer` : ''}.`,
      en: `The columns about persons are not read and not stored (Tillit keeps only the counts): ${list}${more ? `${list ? ' and ' : ''}a column that looks like a personnummer` : ''}.`,
    };
  },
});

/**
 * An English "Completed" beside no count of employees is a learning platform's per-person column (Yes/No or a date),
 * not the number completed: the header with that column read as the status.
 */
export function englishCompleted(h: TrainingHeader): TrainingHeader {
  const i = h.index;
  if (i.completed === undefined || i.employees !== undefined || i.status !== undefined || looseKey(h.names.completed ?? '') !== looseKey('Completed')) return h;
  const { completed: at, ...index } = i;
  const { completed: name, ...names } = h.names;
  return { ...h, index: { ...index, status: at }, names: { ...names, status: name } };
}

/** The canonical column name of a field (messages name the file's own header when the column is there). */
export const columnName = (f: TrainingField, h?: TrainingHeader) => h?.names[f] ?? TRAINING_COLUMNS.find((c) => c.field === f)!.names[0];
