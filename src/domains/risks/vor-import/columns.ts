/**
 * The columns of a VoR sheet (docs/vor-import.md): one row per oönskad händelse. Also the header of the template
 * (template.ts), so an exported sheet imports as it is.
 */
import { headerReader, type ColumnDef, type HeaderMap } from '../../../server/platform/tabular/header';

export type VorField =
  | 'process' | 'arbetssatt' | 'title' | 'motivation' | 'sannolikhet' | 'konsekvens' | 'riskvarde' | 'followUp'
  | 'action' | 'owner' | 'dueDate' | 'ikp';

export const VOR_COLUMNS: ColumnDef<VorField>[] = [
  { field: 'process', names: ['Process'] },
  { field: 'arbetssatt', names: ['Arbetssätt'], required: true },
  { field: 'title', names: ['Händelse', 'Oönskad händelse'], required: true },
  { field: 'motivation', names: ['Motivering', 'Beskrivning', 'Motivation'] },
  { field: 'sannolikhet', names: ['Sannolikhet'], required: true },
  { field: 'konsekvens', names: ['Konsekvens'], required: true },
  { field: 'riskvarde', names: ['Riskvärde'] },
  { field: 'followUp', names: ['Status och åtgärder', 'Uppföljning'] },
  { field: 'action', names: ['Åtgärd', 'Åtgärd VoR', 'Planerad åtgärd'] },
  { field: 'owner', names: ['Ansvarig', 'Åtgärdsansvarig'] },
  { field: 'dueDate', names: ['Klart senast', 'Klart', 'Slutdatum'] },
  { field: 'ikp', names: ['IKP', 'Till IKP'] },
];

export type VorHeader = HeaderMap<VorField>;

export const VOR_HEADER = headerReader(VOR_COLUMNS);

/** The canonical column name of a field (messages name the file's own header when the column is there). */
export const columnName = (f: VorField, h?: VorHeader) => h?.names[f] ?? VOR_COLUMNS.find((c) => c.field === f)!.names[0];
