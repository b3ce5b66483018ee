import { conflict } from './errors';

/**
 * The records that are updated with a version, by the name their service gives them, in words: Swedish (definite
 * form, to begin a sentence) and English. A new kind must be named here (the parameter's type), so no message
 * shows a code.
 */
const RECORDS = {
  'DSO follow-up': ['Dataskyddsombudets uppföljning', 'DSO follow-up'],
  'DSO recommendation': ['Dataskyddsombudets rekommendation', 'DSO recommendation'],
  VoR: ['VoR-analysen', 'VoR analysis'],
  'course completion': ['Den genomförda utbildningen', 'course completion'],
  document: ['Dokumentet', 'document'],
  'goal indicator': ['Indikatorn', 'goal indicator'],
  'goal status': ['Målets status', 'goal status'],
  goal: ['Målet', 'goal'],
  'händelse': ['Händelsen', 'event'],
  'ikp-tröskel': ['IKP-tröskeln', 'IKP threshold'],
  incident: ['Incidenten', 'incident'],
  'internal control': ['Kontrollmomentet', 'internal control'],
  'control result': ['Kontrollresultatet', 'control result'],
  incident_action: ['Åtgärden', 'incident action'],
  incident_breach: ['Dokumentationen av personuppgiftsincidenten', 'personal data breach record'],
  incident_category: ['Kategorin', 'incident category'],
  'management review': ['Ledningens genomgång', 'management review'],
  'maturity measurement': ['Mognadsmätningen', 'maturity measurement'],
  object: ['Objektet', 'digital object'],
  'object follow-up': ['Objektuppföljningen', 'object follow-up'],
  'nis2 scope': ['Uppgiften om cybersäkerhetslagen', 'Cybersecurity Act scope'],
  'nis2 assessment': ['NIS2-bedömningen', 'NIS2 assessment'],
  'nis2 area': ['Åtgärdsområdet', 'NIS2 measure area'],
  'nis2 supplier': ['Leverantören', 'supplier'],
  org: ['Organisationen', 'organisation'],
  org_group: ['Samverkansgruppen', 'cooperation group'],
  'processing activity': ['Behandlingen', 'processing activity'],
  'camera site': ['Kamerabevakningen', 'camera surveillance site'],
  supplier: ['Leverantören', 'supplier'],
  'plan activity': ['Aktiviteten', 'plan activity'],
  'plan area list': ['Listan över planområden', 'plan area list'],
  report: ['Rapporten', 'report'],
  risk: ['Risken', 'risk'],
  training: ['Utbildningstillfället', 'training session'],
  user: ['Användaren', 'user'],
  'åtgärd': ['Åtgärden', 'action'],
  rsa: ['Risk- och sårbarhetsanalysen', 'risk and vulnerability analysis'],
  rsa_activity: ['Aktiviteten i RSA:n', 'RSA activity'],
  continuity_plan: ['Kontinuitetsplanen', 'continuity plan'],
  exercise: ['Övningen', 'exercise'],
  vor_event: ['Händelsen i VoR', 'VoR event'],
} as const satisfies Record<string, readonly [string, string]>;
export type VersionedRecord = keyof typeof RECORDS;

/** A record kind in words: [Swedish, English]. */
export const recordWords = (entity: VersionedRecord): readonly [string, string] => RECORDS[entity];

/** 409 for a stale update: both versions and the current record, never a silent overwrite. */
export function staleVersion(entity: VersionedRecord, yourVersion: number, current: { version: number } & Record<string, unknown>) {
  const [sv, en] = RECORDS[entity];
  return conflict(
    'stale_version',
    {
      sv: `${sv} har ändrats av någon annan: du ändrade version ${yourVersion}, nu gäller version ${current.version}. Ladda om och försök igen.`,
      en: `The ${en} was changed by someone else: you edited version ${yourVersion}, it is now version ${current.version}. Reload and try again.`,
    },
    'version',
    { yourVersion, currentVersion: current.version, current },
  );
}
