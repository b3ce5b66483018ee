/**
 * The columns of an objektlista sheet (docs/objects-import.md): one row per digital object. The fields are named as
 * the object's contract (CreateDigitalObject) names them, so a validation issue's path is the column. Aliases take
 * the headers of the Objekt page's own export (Swedish and English: Namn, Klassad, K/R/T/S …, ../list-columns.ts) and
 * common KLASSA and Pm3 names. The first name is the template's header (template.ts).
 */
import { headerReader, type ColumnDef, type HeaderMap } from '../../../server/platform/tabular/header';
import type { Aspect } from '../contract';

export type ObjectField =
  | 'name' | 'org' | 'description' | 'management' | 'owner' | 'manager' | 'specialist' | 'supplier' | 'nis' | 'pubAgreement'
  | 'thirdCountryTransfer' | 'thirdCountryNote' | 'aiFunctions' | 'aiNote' | 'managementPlan' | 'continuityPlan'
  | 'normerandeStatus' | 'normerandeDate' | 'lokalStatus' | 'lokalDate' | Aspect
  /** K/R/T/S in one cell ("2/1/–/3"), as the page's export writes it. */
  | 'levels'
  /** Computed by Tillit (the page's export has it): accepted, never read; a cell that differs from Tillit's gets a note. */
  | 'nextReclassification'
  /** The page's "Uppföljning {år}": whether the year's follow-up is recorded. Accepted, never read, as above. */
  | 'followUp';

export const OBJECT_COLUMNS: ColumnDef<ObjectField>[] = [
  { field: 'name', names: ['Objekt', 'Namn', 'Objektnamn', 'System', 'Informationstillgång', 'Object', 'Name'], required: true },
  { field: 'org', names: ['Organisation', 'Enhet', 'Organization'] },
  { field: 'description', names: ['Beskrivning', 'Description'] },
  { field: 'management', names: ['Förvaltning', 'Objektförvaltning', 'Management'] },
  { field: 'owner', names: ['Objektägare', 'Object owner'] },
  { field: 'manager', names: ['Objektförvaltare', 'Objektledare', 'Object manager'] },
  { field: 'specialist', names: ['Objektspecialist', 'Object specialist'] },
  { field: 'supplier', names: ['Leverantör', 'Leverantör och underleverantörer', 'Supplier'] },
  { field: 'nis', names: ['NIS', 'Omfattas av NIS', 'Cybersäkerhetslagen'] },
  { field: 'pubAgreement', names: ['PUB-avtal', 'PUB', 'Personuppgiftsbiträdesavtal', 'Processor agreement'] },
  { field: 'thirdCountryTransfer', names: ['Tredjeland', 'Överföring till tredjeland', 'Tredjelandsöverföring', 'Third country transfer'] },
  { field: 'thirdCountryNote', names: ['Tredjeland kommentar', 'Kommentar tredjeland', 'Om tredjelandsöverföringen', 'Third country note'] },
  { field: 'aiFunctions', names: ['AI-funktioner', 'AI', 'AI functions'] },
  { field: 'aiNote', names: ['AI-funktioner kommentar', 'Kommentar AI-funktioner', 'Om AI-funktionerna', 'AI note'] },
  { field: 'managementPlan', names: ['Förvaltningsplan', 'Förvaltningsplan finns', 'Management plan'] },
  { field: 'continuityPlan', names: ['Kontinuitetsplan', 'Kontinuitetsplan finns', 'Continuity plan'] },
  { field: 'normerandeStatus', names: ['Normerande klassning', 'Normerande', 'Normerande status', 'Normerande klassning status'] },
  { field: 'normerandeDate', names: ['Normerande klassning datum', 'Normerande klassning klar', 'Normerande datum', 'Datum normerande klassning', 'Normerande klassad', 'Normerande classified'] },
  { field: 'lokalStatus', names: ['Lokal klassning', 'Lokal status', 'Lokal klassning status', 'Local classification'] },
  { field: 'lokalDate', names: ['Lokal klassning datum', 'Lokal klassning klar', 'Klassad', 'Klassningsdatum', 'Datum lokal klassning', 'Classified'] },
  { field: 'konfidentialitet', names: ['K', 'Konfidentialitet', 'Confidentiality', 'C'] },
  { field: 'riktighet', names: ['R', 'Riktighet', 'Integrity', 'I'] },
  { field: 'tillganglighet', names: ['T', 'Tillgänglighet', 'Availability', 'A'] },
  { field: 'sparbarhet', names: ['S', 'Spårbarhet', 'Traceability'] },
  { field: 'levels', names: ['K/R/T/S', 'C/I/A/T', 'KRTS'] },
  { field: 'nextReclassification', names: ['Nästa omklassning', 'Next reclassification'] },
  // The page's header has the year ("Uppföljning 2025", "Follow-up 2025"): matched by the pattern, the names are for messages.
  { field: 'followUp', names: ['Uppföljning {år}', 'Follow-up {year}'], pattern: /^(uppfoljning|followup)\d{4}$/ },
];

export type ObjectHeader = HeaderMap<ObjectField>;

export const OBJECT_HEADER = headerReader(OBJECT_COLUMNS);

/** The canonical column name of a field (messages name the file's own header when the column is there). */
export const columnName = (f: ObjectField, h?: ObjectHeader) => h?.names[f] ?? OBJECT_COLUMNS.find((c) => c.field === f)!.names[0];
