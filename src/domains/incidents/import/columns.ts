/** The header row of an IA export → which column holds which field (names and aliases from the format page). */
import { headerReader, type ColumnDef, type HeaderMap as GenericHeaderMap } from '../../../server/platform/tabular/header';
import type { Cell } from '../../../server/platform/tabular/cells';

export type Field =
  | 'externalId' | 'title' | 'description' | 'occurredAt' | 'reportedAt' | 'status' | 'kind' | 'category'
  | 'personalData' | 'imy' | 'csirt' | 'protectedIdentity' | 'unit';

export const COLUMNS: ColumnDef<Field>[] = [
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

export type HeaderMap = GenericHeaderMap<Field>;

export const INCIDENT_HEADER = headerReader(COLUMNS);

export function mapHeader(cells: Cell[]): HeaderMap {
  return INCIDENT_HEADER.map(cells);
}

/** True when the cells are a complete header: every required column is there. */
export function isHeader(cells: Cell[]): boolean {
  return INCIDENT_HEADER.isHeader(cells);
}
