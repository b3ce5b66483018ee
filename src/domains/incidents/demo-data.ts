import type { IncidentKind, IncidentStatus } from './model';

/**
 * The demo's incident figures, each derived from the seeds (see the comments) or marked as invented.
 * demo.ts turns these counts into incidents with texts, units, dates and status history.
 */
export interface YearPlan {
  org: string;
  year: number;
  /** Last reported day (Stockholm) and the day the statuses are "as of". */
  lastDay: string;
  statuses: Partial<Record<IncidentStatus, number>>;
  /** category → [count, of which personal-data breaches, of which reported to IMY] */
  categories: Record<string, [number, number, number]>;
  units: Record<string, string[]>;
  protectedCount: number;
}

export const CATEGORY_KIND: Record<string, IncidentKind> = {
  'Uppgifter i fel ärende': 'Personuppgiftsincident',
  'Fel mottagare': 'Personuppgiftsincident',
  'Mottagare i Till i stället för Hemlig kopia': 'Personuppgiftsincident',
  'Förlorad internpost': 'Personuppgiftsincident',
  'Dokument kvarlämnade': 'Informationssäkerhet',
  'Cyberangrepp hos leverantör': 'IT-säkerhet',
  Nätfiske: 'IT-säkerhet',
  Spam: 'IT-säkerhet',
  Övrigt: 'Informationssäkerhet',
};

/**
 * Hässelby-Vällingby 2025 — seed 002, section 4.3:
 * - "Status … i IA per den 12 november 2025: Rapporterad 10, Under registrering 16, Under utredning 3,
 *   Under åtgärd 2, Klar 22, Förfallen 2" → exactly these statuses as of 2025-11-12; they sum to 55, the
 *   "55 avvikelser i IA" of the same paragraph, so the 2025 total is 55 (the "ca 60" includes about five
 *   reported outside IA, which the register cannot hold). All reported "fram till 11 november".
 * - "20 av årets avvikelser är inrapporterade som personuppgiftsincidenter" → 20 breaches.
 * - "Tre incidenter har rapporterats till … IMY fram till november" → 3; "Inga NIS-incidenter har
 *   rapporterats … till MSB" → 0 to the CSIRT.
 * - Categories: the seed's list of examples; "den vanligaste avvikelsen … fel uppgifter i fel ärende"
 *   → Uppgifter i fel ärende is the largest. The seed gives no per-category counts: the split is invented,
 *   as is "Övrigt". One IMY report is the Miljödata supplier attack the seed names; the other two are
 *   invented in the two most common personal-data categories.
 * - "Flera av incidenterna som ligger Under registrering är inrapporterade under årets första kvartal"
 *   → the demo puts 7 of the 16 in Q1 (demo.ts).
 */
export const HV_2025: YearPlan = {
  org: 'hasselby-vallingby', year: 2025, lastDay: '2025-11-11',
  statuses: { Rapporterad: 10, 'Under registrering': 16, 'Under utredning': 3, 'Under åtgärd': 2, Klar: 22, Förfallen: 2 },
  categories: {
    'Uppgifter i fel ärende': [14, 7, 1],
    'Fel mottagare': [9, 6, 1],
    Nätfiske: [7, 0, 0],
    'Dokument kvarlämnade': [6, 1, 0],
    Spam: [5, 0, 0],
    'Förlorad internpost': [4, 2, 0],
    'Mottagare i Till i stället för Hemlig kopia': [4, 3, 0],
    'Cyberangrepp hos leverantör': [1, 1, 1],
    Övrigt: [5, 0, 0],
  },
  units: {
    'Uppgifter i fel ärende': ['hv-socialtjanst-barn', 'hv-ifo'],
    'Fel mottagare': ['hv-socialtjanst-barn', 'hv-ifo', 'hv-aldre'],
    Nätfiske: ['hv-it', 'hv-hemtjanst', 'hv-administration'],
    'Dokument kvarlämnade': ['hv-ifo', 'hv-aldre'],
    Spam: ['hv-it'],
    'Förlorad internpost': ['hv-administration'],
    'Mottagare i Till i stället för Hemlig kopia': ['hv-aldre', 'hv-hemtjanst'],
    'Cyberangrepp hos leverantör': ['hv-administration'],
    Övrigt: ['hasselby-vallingby', 'hv-hemtjanst'],
  },
  protectedCount: 1,
};

/**
 * Hässelby-Vällingby 2024 — seed 002: "Förra året rapporterades ca 90 avvikelser fram till december" → 90;
 * "20 … i jämförelse med 16 2024" → 16 breaches. Statuses (all closed or lapsed a year later), the category
 * split and the IMY count (0; the seed gives none for 2024) are invented.
 */
export const HV_2024: YearPlan = {
  org: 'hasselby-vallingby', year: 2024, lastDay: '2024-12-20',
  statuses: { Klar: 86, Förfallen: 4 },
  categories: {
    'Uppgifter i fel ärende': [24, 6, 0],
    'Fel mottagare': [14, 5, 0],
    Nätfiske: [14, 0, 0],
    Spam: [10, 0, 0],
    'Dokument kvarlämnade': [9, 0, 0],
    'Förlorad internpost': [6, 2, 0],
    'Mottagare i Till i stället för Hemlig kopia': [5, 3, 0],
    Övrigt: [8, 0, 0],
  },
  units: HV_2025.units,
  protectedCount: 0,
};

/**
 * Servicenämnden 2025 — seed 000, 1.1.7: "Omkring 100 incidenter har skett under året, den stora
 * majoriteten är personuppgiftsincidenter varav endast en bedömts … rapporteras till IMY (Miljödata)"
 * → 100, 78 breaches (invented figure for "den stora majoriteten"), 1 to IMY: the Miljödata supplier attack.
 * Statuses, categories (weighted to letters and e-mail, "brevhandling"), units and the up-to date
 * (2025-11-30) are invented; seed 000 gives none. Two records touch skyddad folkbokföring (2.1.3, Lön och
 * Pension) and are protected.
 */
export const SF_2025: YearPlan = {
  org: 'servicenamnden', year: 2025, lastDay: '2025-11-30',
  statuses: { Rapporterad: 2, 'Under registrering': 4, 'Under utredning': 6, 'Under åtgärd': 4, Klar: 84 },
  categories: {
    'Fel mottagare': [34, 34, 0],
    'Mottagare i Till i stället för Hemlig kopia': [14, 14, 0],
    'Uppgifter i fel ärende': [12, 12, 0],
    'Förlorad internpost': [10, 10, 0],
    Nätfiske: [10, 0, 0],
    'Dokument kvarlämnade': [8, 7, 0],
    Spam: [6, 0, 0],
    'Cyberangrepp hos leverantör': [1, 1, 1],
    Övrigt: [5, 0, 0],
  },
  units: {
    'Fel mottagare': ['sf-ekonomi', 'sf-kontaktcenter'],
    'Mottagare i Till i stället för Hemlig kopia': ['sf-kontaktcenter', 'sf-upphandling'],
    'Uppgifter i fel ärende': ['sf-kontaktcenter', 'sf-ekonomi'],
    'Förlorad internpost': ['sf-ekonomi'],
    Nätfiske: ['servicenamnden', 'sf-bestallarenheten'],
    'Dokument kvarlämnade': ['sf-ekonomi', 'sf-upphandling'],
    Spam: ['servicenamnden'],
    'Cyberangrepp hos leverantör': ['sf-ekonomi'],
    Övrigt: ['servicenamnden', 'sf-bestallarenheten'],
  },
  protectedCount: 2,
};

/** Servicenämnden 2024 — invented: seed 000 only says the number rose in 2025. 70 incidents, 50 breaches. */
export const SF_2024: YearPlan = {
  org: 'servicenamnden', year: 2024, lastDay: '2024-12-20',
  statuses: { Klar: 68, Förfallen: 2 },
  categories: {
    'Fel mottagare': [24, 24, 0],
    'Mottagare i Till i stället för Hemlig kopia': [10, 10, 0],
    'Uppgifter i fel ärende': [8, 8, 0],
    'Förlorad internpost': [8, 8, 0],
    Nätfiske: [10, 0, 0],
    Spam: [6, 0, 0],
    Övrigt: [4, 0, 0],
  },
  units: SF_2025.units,
  protectedCount: 0,
};

export const PLANS = [HV_2024, HV_2025, SF_2024, SF_2025];

/** Short texts per category, written for the demo (no real persons). */
export const TEXTS: Record<string, [title: string, description: string][]> = {
  'Uppgifter i fel ärende': [
    ['Anteckning registrerad i fel klients akt', 'En journalanteckning fördes in i en annan klients utredning när flera ärenden var öppna samtidigt. Rättad samma dag.'],
    ['Utredningsbilaga kopplad till fel ärende', 'En bilaga med uppgifter om en familj laddades upp i en annan familjs ärende i verksamhetssystemet.'],
  ],
  'Fel mottagare': [
    ['Brev med beslut skickat till fel adress', 'Ett beslut med personuppgifter skickades till en tidigare adress. Mottagaren hörde av sig och brevet har returnerats.'],
    ['E-post med bilaga till fel mottagare', 'Ett e-postmeddelande med en utredning skickades till en person med liknande namn i adressboken.'],
  ],
  Nätfiske: [
    ['Nätfiskemejl om lösenordsbyte', 'Flera medarbetare fick ett mejl som uppmanade dem att byta lösenord via en falsk inloggningssida. Ingen uppgav inloggningsuppgifter.'],
    ['Falsk faktura via e-post', 'Ett mejl som utgav sig för att komma från en leverantör bad om betalning till ett nytt kontonummer.'],
  ],
  'Dokument kvarlämnade': [
    ['Sekretesshandlingar kvar vid skrivaren', 'Utskrifter med uppgifter om klienter låg kvar vid en gemensam skrivare över natten.'],
    ['Handlingar i hög med tomma plastfickor', 'Handlingar med personuppgifter hittades bland tomma plastfickor och interpostkuvert i ett kopieringsrum.'],
  ],
  Spam: [['Massutskick av skräppost', 'Ett stort antal skräppostmeddelanden nådde funktionsbrevlådan. Inga länkar öppnades.']],
  'Förlorad internpost': [['Rekommenderad försändelse saknas', 'En försändelse med känsliga personuppgifter har inte kommit fram till mottagande enhet i huset.']],
  'Mottagare i Till i stället för Hemlig kopia': [['Utskick till anhöriga med synliga adresser', 'Ett informationsutskick till anhöriga skickades med alla mottagare i fältet Till i stället för Hemlig kopia.']],
  'Cyberangrepp hos leverantör': [['Cyberangrepp hos leverantör av personalsystem', 'Leverantören av ett stödsystem för personaladministration (Miljödata) drabbades av ett angrepp där personuppgifter om anställda kan ha röjts.']],
  Övrigt: [
    ['Obehörig i personalutrymme', 'En okänd person uppehöll sig i ett låst personalutrymme. Inga handlingar saknas.'],
    ['Delat konto i verksamhetssystem', 'Flera medarbetare använde samma inloggning i ett verksamhetssystem under en kväll.'],
  ],
};

/**
 * Hässelby-Vällingby 2025's documented personal data breaches (art. 33.5), an invented record per category: the three
 * reported to IMY (the Miljödata supplier attack and one each of Uppgifter i fel ärende and Fel mottagare) and the
 * first BREACH_RECORDS_MORE other handled (Klar) breaches of the year. The rest stay undocumented, as seed 000 says
 * the Word-based process is "tungrodd": the start page then has something to say. No incident figure changes.
 */
export const BREACH_RECORDS_MORE = 4;
export interface BreachDemo {
  breachTypes: string[]; subjectCategories: string[]; subjectCount: number | null; dataCategories: string[]; recordCount: number | null;
  likelyConsequences: string; measuresTaken: string; cause: string;
}
export const BREACH_DEMO: Record<string, BreachDemo> = {
  'Uppgifter i fel ärende': {
    breachTypes: ['konfidentialitet', 'riktighet'], subjectCategories: ['brukare', 'vardnadshavare'], subjectCount: 3,
    dataCategories: ['identitet', 'personnummer', 'socialtjanst'], recordCount: 2,
    likelyConsequences: 'Uppgifter om en familjs ärende kan ha lästs av en annan part i ett annat ärende; risk för integritetsintrång.',
    measuresTaken: 'Handlingen flyttades till rätt ärende och loggarna granskades. Handläggarna påmindes om kontrollen före journalföring.',
    cause: 'manskligt_misstag',
  },
  'Fel mottagare': {
    breachTypes: ['konfidentialitet'], subjectCategories: ['brukare'], subjectCount: 1,
    dataCategories: ['identitet', 'kontakt', 'socialtjanst'], recordCount: 1,
    likelyConsequences: 'Mottagaren kan ha fått kännedom om den registrerades kontakt med socialtjänsten.',
    measuresTaken: 'Mottagaren har bekräftat att brevet förstörts. Rutinen för adresskontroll före utskick är uppdaterad.',
    cause: 'manskligt_misstag',
  },
  'Cyberangrepp hos leverantör': {
    breachTypes: ['konfidentialitet', 'tillganglighet'], subjectCategories: ['anstallda', 'invanare'], subjectCount: 1200,
    dataCategories: ['identitet', 'kontakt', 'personnummer'], recordCount: 1500,
    likelyConsequences: 'Uppgifterna kan ha publicerats av angriparen; risk för riktat nätfiske och identitetsintrång.',
    measuresTaken: 'Leverantören har isolerat systemet och anlitat incidentstöd. Förvaltningen följer leverantörens utredning och har informerat medarbetarna om nätfiske.',
    cause: 'leverantor',
  },
  'Förlorad internpost': {
    breachTypes: ['konfidentialitet', 'tillganglighet'], subjectCategories: ['anstallda'], subjectCount: 4,
    dataCategories: ['identitet', 'ekonomi'], recordCount: 4,
    likelyConsequences: 'Ekonomiska uppgifter om några medarbetare kan ha kommit i orätta händer; låg sannolikhet för skada.',
    measuresTaken: 'Internposten spårades utan resultat. Lönehandlingar skickas nu digitalt.',
    cause: 'okand',
  },
  'Mottagare i Till i stället för Hemlig kopia': {
    breachTypes: ['konfidentialitet'], subjectCategories: ['vardnadshavare'], subjectCount: 25,
    dataCategories: ['kontakt'], recordCount: 25,
    likelyConsequences: 'Mottagarna ser varandras e-postadresser och att de fått samma utskick.',
    measuresTaken: 'Mottagarna ombads radera meddelandet. Massutskick görs nu från verktyget för utskick.',
    cause: 'manskligt_misstag',
  },
  'Dokument kvarlämnade': {
    breachTypes: ['konfidentialitet'], subjectCategories: ['patienter'], subjectCount: 1,
    dataCategories: ['identitet', 'halsa'], recordCount: 1,
    likelyConsequences: 'Uppgifter om en brukares hälsa kan ha lästs av obehöriga i lokalen.',
    measuresTaken: 'Dokumentet hämtades. Påminnelse om rutinen för utskrifter i gemensamma lokaler.',
    cause: 'manskligt_misstag',
  },
};

/**
 * Servicenämnden 2025's art. 33.5 records (invented texts, written for serviceförvaltningen's letters, e-mail, lön and
 * kontaktcenter rather than HV's socialtjänst): every breach handled to the end (Klar) and the one reported to IMY
 * (Miljödata) is documented; the open ones (Rapporterad … Under åtgärd) and the two protected ones are not yet.
 * Seed 000, 1.1.7 says the process is "tungrodd" but gives no documentation figure.
 */
export const BREACH_DEMO_SF: Record<string, BreachDemo> = {
  'Fel mottagare': {
    breachTypes: ['konfidentialitet'], subjectCategories: ['anstallda'], subjectCount: 1,
    dataCategories: ['identitet', 'ekonomi'], recordCount: 1,
    likelyConsequences: 'Mottagaren kan ha fått kännedom om en enskilds lön eller ersättning; låg risk för de registrerade.',
    measuresTaken: 'Mottagaren har ombetts förstöra försändelsen och bekräftat det. Adressen kontrollerades mot personalsystemet.',
    cause: 'manskligt_misstag',
  },
  'Mottagare i Till i stället för Hemlig kopia': {
    breachTypes: ['konfidentialitet'], subjectCategories: ['invanare'], subjectCount: 30,
    dataCategories: ['kontakt'], recordCount: 30,
    likelyConsequences: 'Mottagarna ser varandras e-postadresser; ingen trolig risk utöver det.',
    measuresTaken: 'Mottagarna ombads radera meddelandet. Massutskick görs nu från kontaktcentrets utskicksverktyg.',
    cause: 'manskligt_misstag',
  },
  'Uppgifter i fel ärende': {
    breachTypes: ['konfidentialitet', 'riktighet'], subjectCategories: ['invanare'], subjectCount: 2,
    dataCategories: ['identitet', 'kontakt'], recordCount: 2,
    likelyConsequences: 'Uppgifter om en invånare registrerades i en annans ärende och kunde ha lästs av fel handläggare.',
    measuresTaken: 'Uppgifterna flyttades till rätt ärende och ärendehistoriken rättades.',
    cause: 'manskligt_misstag',
  },
  'Förlorad internpost': {
    breachTypes: ['konfidentialitet', 'tillganglighet'], subjectCategories: ['anstallda'], subjectCount: 3,
    dataCategories: ['identitet', 'ekonomi'], recordCount: 3,
    likelyConsequences: 'Ekonomiska uppgifter om några medarbetare kan ha kommit i orätta händer; låg sannolikhet för skada.',
    measuresTaken: 'Försändelsen efterspårades. Handlingarna skickades på nytt digitalt.',
    cause: 'okand',
  },
  'Dokument kvarlämnade': {
    breachTypes: ['konfidentialitet'], subjectCategories: ['leverantorer'], subjectCount: 2,
    dataCategories: ['identitet', 'kontakt'], recordCount: 2,
    likelyConsequences: 'Kontaktuppgifter kan ha lästs av obehöriga i lokalen; ingen trolig risk.',
    measuresTaken: 'Handlingarna hämtades. Påminnelse om rutinen för utskrifter i gemensamma lokaler.',
    cause: 'manskligt_misstag',
  },
  'Cyberangrepp hos leverantör': {
    breachTypes: ['konfidentialitet', 'tillganglighet'], subjectCategories: ['anstallda'], subjectCount: 900,
    dataCategories: ['identitet', 'kontakt', 'personnummer'], recordCount: 900,
    likelyConsequences: 'Uppgifterna kan ha publicerats av angriparen; risk för riktat nätfiske och identitetsintrång.',
    measuresTaken: 'Anmält till IMY. Förvaltningen följer leverantörens utredning och har informerat medarbetarna om nätfiske.',
    cause: 'leverantor',
  },
};
