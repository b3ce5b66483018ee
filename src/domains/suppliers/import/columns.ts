/**
 * The columns of a leverantörsregister sheet (docs/suppliers-import.md): one row per supplier. The fields are named as
 * the supplier's contract (CreateSupplier) names them, so a validation issue's path is the column (`systems` is the
 * contract's objectIds, by name). Aliases take the headers of the Leverantörer page's own export (Swedish and English:
 * Leverantör, Tjänster, PUB-avtal, Tredjeland, Senast bedömd …) and common spellings. The first name is the
 * template's header (template.ts).
 */
import { headerReader, type ColumnDef, type HeaderMap } from '../../../server/platform/tabular/header';

export type SupplierField =
  | 'name' | 'org' | 'orgNumber' | 'services' | 'contact' | 'processesPersonalData' | 'pubAgreement' | 'pubSignedDate' | 'pubReviewDate'
  | 'thirdCountryTransfer' | 'thirdCountries' | 'transferTool' | 'tiaDone' | 'tiaDate' | 'exitPlan' | 'exitPlanNote' | 'subSuppliers'
  | 'assessmentResult' | 'assessmentDate' | 'assessmentNote' | 'followUpDate' | 'systems'
  /** Computed by Tillit (the page's export has it): accepted, never read. */
  | 'withoutContractCount';

export const SUPPLIER_COLUMNS: ColumnDef<SupplierField>[] = [
  { field: 'name', names: ['Leverantör', 'Namn', 'Leverantörsnamn', 'Leverantörens namn', 'Supplier', 'Name', 'Supplier name'], required: true },
  { field: 'org', names: ['Organisation', 'Förvaltning', 'Enhet', 'Organization'] },
  { field: 'orgNumber', names: ['Organisationsnummer', 'Org.nr', 'Orgnr', 'Organisationsnr', 'Org.nummer', 'Organisation number', 'Organization number', 'Corporate identity number'] },
  { field: 'services', names: ['Tjänster', 'Tjänst', 'Leverans', 'Tjänster som levereras', 'Services', 'Service'] },
  { field: 'contact', names: ['Kontaktperson', 'Kontakt', 'Contact', 'Contact person'] },
  { field: 'processesPersonalData', names: ['Behandlar personuppgifter', 'Personuppgifter', 'Behandlar personuppgifter för förvaltningens räkning', 'Processes personal data', 'Personal data'] },
  { field: 'pubAgreement', names: ['PUB-avtal', 'Biträdesavtal', 'Personuppgiftsbiträdesavtal', 'PUB', 'Data processing agreement', 'DPA', 'Processor agreement'] },
  { field: 'pubSignedDate', names: ['PUB-avtal tecknat', 'PUB-avtal undertecknat', 'Biträdesavtal tecknat', 'PUB-avtal datum', 'Undertecknat', 'DPA signed', 'Data processing agreement signed'] },
  { field: 'pubReviewDate', names: ['PUB-avtal ses över', 'Nästa översyn av avtalet', 'PUB-avtal översyn', 'Översyn PUB-avtal', 'Biträdesavtal ses över', 'DPA review', 'Next review of the agreement'] },
  { field: 'thirdCountryTransfer', names: ['Överföring till tredje land', 'Överföring till tredjeland', 'Tredjelandsöverföring', 'Överför till tredjeland', 'Third country transfer', 'Transfer to third country'] },
  { field: 'thirdCountries', names: ['Tredjeland', 'Tredjeländer', 'Land', 'Länder', 'Third country', 'Third countries', 'Countries'] },
  { field: 'transferTool', names: ['Överföringsverktyg', 'Skyddsåtgärd', 'Skyddsåtgärder', 'Överföringsmekanism', 'Transfer tool', 'Safeguard'] },
  { field: 'tiaDone', names: ['TIA gjord', 'TIA', 'Överföringsbedömning', 'TIA done'] },
  { field: 'tiaDate', names: ['TIA datum', 'TIA gjord den', 'Datum TIA', 'TIA date'] },
  { field: 'exitPlan', names: ['Exitplan', 'Exitplan finns', 'Exit plan'] },
  { field: 'exitPlanNote', names: ['Exitplan kommentar', 'Om exitplanen', 'Kommentar exitplan', 'Exit plan note'] },
  { field: 'subSuppliers', names: ['Underleverantörer', 'Underleverantör', 'Sub-suppliers', 'Subcontractors'] },
  { field: 'assessmentResult', names: ['Bedömning', 'Leverantörsbedömning', 'Bedömningsresultat', 'Resultat', 'Assessment', 'Assessment result'] },
  { field: 'assessmentDate', names: ['Bedömningsdatum', 'Senast bedömd', 'Bedömd', 'Datum för bedömning', 'Last assessed', 'Assessment date'] },
  { field: 'assessmentNote', names: ['Bedömning kommentar', 'Om bedömningen', 'Kommentar bedömning', 'Assessment note'] },
  { field: 'followUpDate', names: ['Nästa uppföljning', 'Uppföljning', 'Planerad uppföljning', 'Next follow-up', 'Follow-up'] },
  { field: 'systems', names: ['System', 'Digitala objekt', 'Objekt', 'Systems'] },
  { field: 'withoutContractCount', names: ['Underleverantörer utan avtal', 'Sub-suppliers without contract'] },
];

export type SupplierHeader = HeaderMap<SupplierField>;

export const SUPPLIER_HEADER = headerReader(SUPPLIER_COLUMNS);

/** The canonical column name of a field (messages name the file's own header when the column is there). */
export const columnName = (f: SupplierField, h?: SupplierHeader) => h?.names[f] ?? SUPPLIER_COLUMNS.find((c) => c.field === f)!.names[0];
