/** Incident vocabulary shared by API, import, UI and reports. Values are the users' own Swedish words. */
export const INCIDENT_STATUSES = ['Rapporterad', 'Under registrering', 'Under utredning', 'Under åtgärd', 'Klar', 'Förfallen'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** The statuses in English, for messages in English (the web app's own labels are in its i18n files). */
export const STATUS_EN: Record<IncidentStatus, string> = {
  Rapporterad: 'Reported', 'Under registrering': 'Being registered', 'Under utredning': 'Under investigation',
  'Under åtgärd': 'Being remedied', Klar: 'Closed', Förfallen: 'Lapsed',
};
const statusEn = (s: string) => STATUS_EN[s as IncidentStatus] ?? s;
/** A status quoted in a message of either language: "Under åtgärd" / "Being remedied". */
export const quoted = (s: string) => ({ sv: `"${s}"`, en: `"${statusEn(s)}"` });

/** A description may be as long as an Excel cell (32,767 characters), so no IA export is refused for its length. */
export const DESCRIPTION_MAX = 32_767;
/** The longest search text of the incident list (ListQuery q): the list's Sök field takes no more. */
export const SEARCH_MAX = 200;
/** The most incidents one triage step (POST /api/incidents/bulk) changes: the list offers to select this many at most. */
export const BULK_MAX = 500;

export const INCIDENT_KINDS = ['Informationssäkerhet', 'IT-säkerhet', 'Personuppgiftsincident', 'Arbetsmiljö'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** Personal data involved: ja / nej / vet ej (the 60-second report allows "don't know"). */
export const PERSONAL_DATA = ['ja', 'nej', 'vet_ej'] as const;
export type PersonalData = (typeof PERSONAL_DATA)[number];
/** The users' words for the stored values (exports and reports; the web app has its own translations). */
export const PERSONAL_DATA_SV: Record<PersonalData, string> = { ja: 'Ja', nej: 'Nej', vet_ej: 'Vet ej' };

/** Assessment of the risk to the data subjects (GDPR art. 33/34). */
export const RISK_ASSESSMENTS = ['ingen_trolig_risk', 'risk', 'hog_risk'] as const;
export type RiskAssessment = (typeof RISK_ASSESSMENTS)[number];
export const RISK_ASSESSMENT_SV: Record<RiskAssessment, string> = { ingen_trolig_risk: 'Ingen trolig risk', risk: 'Risk', hog_risk: 'Hög risk' };
