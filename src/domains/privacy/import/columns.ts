/**
 * The columns of a registerförteckning sheet (docs/privacy-import.md): one row per processing activity (behandling).
 * The fields are named as the activity's contract (CreateProcessingActivity) names them, so a validation issue's path
 * is the column. Aliases take the headers of a DraftIT export and of IMY's "Mall för registerförteckning" in their
 * common variants, and the headers of the Registerförteckning page's own export (Swedish and English: Behandling,
 * Rättslig grund, Känsliga, Tredjeland, Tröskelanalys, System …). The first name is the template's header (template.ts).
 */
import { headerReader, type ColumnDef, type HeaderMap } from '../../../server/platform/tabular/header';

export type PrivacyField =
  | 'name' | 'org' | 'purposes' | 'legalBasis' | 'legalBasisNote' | 'dataSubjects' | 'personalData' | 'specialCategories'
  | 'specialCategoriesNote' | 'recipients' | 'thirdCountryTransfer' | 'thirdCountries' | 'transferTool' | 'tiaDone' | 'retention'
  | 'securityMeasures' | 'pubAgreement' | 'responsible' | 'systems' | 'status' | 'dpiaCriteria' | 'dpia' | 'dpiaDate' | 'dpiaReason'
  /** Computed by Tillit (the page's export has it: "DPIA trolig", "1 kriterium"): accepted, never read. */
  | 'threshold';

export const PRIVACY_COLUMNS: ColumnDef<PrivacyField>[] = [
  {
    field: 'name', required: true,
    names: ['Behandling', 'Behandlingens namn', 'Namn', 'Namn på behandlingen', 'Benämning', 'Behandlingens benämning', 'Personuppgiftsbehandling', 'Processing activity', 'Name'],
  },
  { field: 'org', names: ['Organisation', 'Förvaltning', 'Nämnd', 'Enhet', 'Organization'] },
  { field: 'purposes', names: ['Ändamål', 'Syfte', 'Ändamål med behandlingen', 'Ändamålen med behandlingen', 'Syfte med behandlingen', 'Syftet med behandlingen', 'Purposes', 'Purpose'] },
  { field: 'legalBasis', names: ['Rättslig grund', 'Laglig grund', 'Rättslig grund (artikel 6.1)', 'Rättslig grund (art. 6.1)', 'Rättslig grund för behandlingen', 'Legal basis'] },
  {
    field: 'legalBasisNote',
    names: ['Om den rättsliga grunden', 'Om den rättsliga grunden (lagrum, intresseavvägning)', 'Lagrum', 'Rättslig grund kommentar', 'Kommentar rättslig grund', 'Stöd i lag', 'About the legal basis'],
  },
  { field: 'dataSubjects', names: ['Kategorier av registrerade', 'Registrerade', 'Kategorier av registrerade personer', 'Registrerade personer', 'Categories of data subjects', 'Data subjects'] },
  {
    field: 'personalData',
    names: ['Kategorier av personuppgifter', 'Personuppgifter', 'Personuppgiftskategorier', 'Typ av personuppgifter', 'Categories of personal data', 'Personal data'],
  },
  {
    field: 'specialCategories',
    names: [
      'Känsliga personuppgifter', 'Särskilda kategorier', 'Särskilda kategorier av personuppgifter', 'Känsliga personuppgifter (artikel 9)', 'Känsliga uppgifter', 'Känsliga',
      'Special categories', 'Special categories of personal data',
    ],
  },
  { field: 'specialCategoriesNote', names: ['Vilka känsliga personuppgifter', 'Känsliga personuppgifter kommentar', 'Kommentar känsliga personuppgifter', 'Which special categories'] },
  { field: 'recipients', names: ['Mottagare', 'Kategorier av mottagare', 'Mottagare av personuppgifterna', 'Recipients'] },
  {
    field: 'thirdCountryTransfer',
    names: [
      'Överföring till tredjeland', 'Tredjeland', 'Tredjelandsöverföring', 'Överföring till land utanför EU/EES',
      'Transfer to a third country', 'Third country', 'Third country transfer',
    ],
  },
  { field: 'thirdCountries', names: ['Tredjeländer', 'Länder', 'Vilka tredjeländer', 'Mottagarländer', 'Mottagarland', 'Third countries', 'Countries'] },
  {
    field: 'transferTool',
    names: [
      'Överföringsverktyg', 'Skyddsåtgärd', 'Skyddsåtgärder', 'Lämpliga skyddsåtgärder', 'Skyddsåtgärder vid överföring', 'Skyddsåtgärder vid överföring till tredjeland',
      'Transfer tool', 'Safeguards',
    ],
  },
  { field: 'tiaDone', names: ['TIA gjord', 'TIA', 'Transfer Impact Assessment', 'Transfer Impact Assessment (TIA) gjord', 'TIA done', 'Transfer Impact Assessment (TIA) done'] },
  {
    field: 'retention',
    names: [
      'Gallring', 'Lagringstid', 'Bevarande och gallring', 'Gallringsfrister', 'Gallringsfrist', 'Tidsfrister för radering', 'Planerade tidsfrister för radering', 'Radering',
      'Erasure time limits', 'Retention',
    ],
  },
  {
    field: 'securityMeasures',
    names: [
      'Säkerhetsåtgärder', 'Tekniska och organisatoriska säkerhetsåtgärder', 'Tekniska och organisatoriska åtgärder', 'Allmän beskrivning av säkerhetsåtgärder',
      'Technical and organisational security measures', 'Security measures',
    ],
  },
  {
    field: 'pubAgreement',
    names: ['PUB-avtal', 'Biträdesavtal', 'Personuppgiftsbiträdesavtal', 'PUB', 'PUB-avtal med personuppgiftsbiträdet', 'Processor agreement', 'Data processing agreement'],
  },
  { field: 'responsible', names: ['Ansvarig', 'Ansvarig för behandlingen', 'Behandlingsansvarig', 'Responsible'] },
  { field: 'systems', names: ['System', 'IT-stöd', 'IT-system', 'System/IT-stöd', 'Systemstöd', 'Systems'] },
  { field: 'status', names: ['Status'] },
  { field: 'dpiaCriteria', names: ['Kriterier (WP248)', 'Tröskelanalys kriterier', 'Kriterier enligt EDPB (WP248)', 'DPIA-kriterier', 'EDPB criteria (WP248)', 'DPIA criteria'] },
  { field: 'dpia', names: ['Konsekvensbedömning', 'Konsekvensbedömning (DPIA)', 'DPIA', 'Data protection impact assessment (DPIA)'] },
  { field: 'dpiaDate', names: ['Konsekvensbedömning datum', 'Konsekvensbedömningen klar', 'DPIA datum', 'Datum för konsekvensbedömning', 'DPIA completed', 'DPIA date'] },
  {
    field: 'dpiaReason',
    names: ['Varför DPIA inte behövs', 'Varför en konsekvensbedömning inte behövs', 'Konsekvensbedömning behövs inte, motivering', 'DPIA motivering', 'Why a DPIA is not needed'],
  },
  { field: 'threshold', names: ['Tröskelanalys', 'Threshold analysis', 'DPIA trolig', 'DPIA likely'] },
];

export type PrivacyHeader = HeaderMap<PrivacyField>;

export const PRIVACY_HEADER = headerReader(PRIVACY_COLUMNS);

/** The canonical column name of a field (messages name the file's own header when the column is there). */
export const columnName = (f: PrivacyField, h?: PrivacyHeader) => h?.names[f] ?? PRIVACY_COLUMNS.find((c) => c.field === f)!.names[0];
