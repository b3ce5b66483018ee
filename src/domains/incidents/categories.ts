import type { IncidentKind, PersonalData, RiskAssessment } from './model';

export interface CategoryTemplate {
  name: string;
  kind: IncidentKind | null;
  personalData: PersonalData | null;
  riskAssessment: RiskAssessment | null;
  assessmentText: string;
  firstActions: string[];
}

/**
 * Default categories and their templates (DOMAIN.md and seed 002's list of typical incidents). A city can
 * keep its own list in incident_categories; where an organisation chain has none, these apply.
 */
export const DEFAULT_CATEGORIES: CategoryTemplate[] = [
  {
    name: 'Fel mottagare',
    kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: null,
    assessmentText: 'Personuppgifter har skickats till fel mottagare. Bedöm uppgifternas känslighet och om mottagaren har sekretess.',
    firstActions: ['Be mottagaren radera uppgifterna och bekräfta det skriftligt', 'Bedöm risken för de registrerade inom 72 timmar'],
  },
  {
    name: 'Mottagare i Till i stället för Hemlig kopia',
    kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'ingen_trolig_risk',
    assessmentText: 'E-postadresser har spridits till övriga mottagare. Vanligen ingen trolig risk om listan inte avslöjar känsliga förhållanden.',
    firstActions: ['Be mottagarna radera meddelandet', 'Påminn avsändaren om fältet Hemlig kopia'],
  },
  {
    name: 'Uppgifter i fel ärende',
    kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: null,
    assessmentText: 'Uppgifter om en klient har registrerats i en annan klients ärende. Bedöm om uppgifterna har lämnats ut.',
    firstActions: ['Flytta uppgifterna till rätt ärende och dokumentera rättelsen', 'Kontrollera om uppgifterna har lämnats ut'],
  },
  {
    name: 'Dokument kvarlämnade',
    kind: 'Informationssäkerhet', personalData: 'vet_ej', riskAssessment: null,
    assessmentText: 'Sekretesshandlingar har lämnats där obehöriga kan komma åt dem.',
    firstActions: ['Ta hand om handlingarna', 'Påminn om rutinen för utskrifter och interpost'],
  },
  {
    name: 'Cyberangrepp hos leverantör',
    kind: 'IT-säkerhet', personalData: 'vet_ej', riskAssessment: null,
    assessmentText: 'En leverantör har drabbats av ett angrepp. Ta reda på vilka uppgifter som berörs och om incidenten är betydande enligt cybersäkerhetslagen.',
    firstActions: ['Begär leverantörens incidentrapport', 'Bedöm om IMY och CSIRT ska underrättas'],
  },
  {
    name: 'Nätfiske',
    kind: 'IT-säkerhet', personalData: 'nej', riskAssessment: null,
    assessmentText: 'Nätfiskeförsök via e-post. Kontrollera om någon har klickat eller lämnat inloggningsuppgifter.',
    firstActions: ['Rapportera meddelandet till it-supporten', 'Byt lösenord om uppgifter har lämnats'],
  },
  {
    name: 'Spam',
    kind: 'IT-säkerhet', personalData: 'nej', riskAssessment: null,
    assessmentText: 'Oönskad e-post utan skadligt innehåll.',
    firstActions: ['Markera som skräppost'],
  },
  {
    name: 'Förlorad internpost',
    kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: null,
    assessmentText: 'Post med personuppgifter har kommit bort i förvaltningshuset.',
    firstActions: ['Sök efter försändelsen och kontakta avsändaren', 'Bedöm risken för de registrerade inom 72 timmar'],
  },
];
