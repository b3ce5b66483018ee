import type { CreateDigitalObject } from './contract';

export type DemoObject = CreateDigitalObject;

const klar = (day: string) => ({ lokalStatus: 'klar' as const, lokalDate: day });
const normerandeKlar = (day: string) => ({ normerandeStatus: 'klar' as const, normerandeDate: day });

/**
 * Hässelby-Vällingby 2025 (seed 002 4.1): the health-care systems in NIS scope were classified locally during the year
 * (Pascal, Procedo, Life Care SP); five centrally managed objects wait for the city's normerande classification; the
 * new object DEBI has its normerande classification under way in November and December. Treserva and Zoom were
 * classified in 2024 and are due again; Zoom's upgrade switched AI functions on (the seed's example). Descriptions,
 * people and dates are this demo's.
 */
export const HV_OBJECTS: DemoObject[] = [
  {
    org: 'hv-aldre', name: 'Pascal', description: 'Beställning och hantering av dosdispenserade läkemedel för brukare.', management: 'central',
    owner: 'Anna Ek (avdelningschef äldreomsorg)', manager: 'Maria Lund', specialist: 'Johan Berg', supplier: 'E-hälsomyndigheten', nis: true,
    pubAgreement: 'ej_tillampligt', managementPlan: false, continuityPlan: true, ...normerandeKlar('2024-04-10'), ...klar('2025-03-20'),
    konfidentialitet: 3, riktighet: 3, tillganglighet: 2, sparbarhet: 2,
  },
  {
    org: 'hv-aldre', name: 'Procedo', description: 'Journalföring och planering i hälso- och sjukvården inom äldreomsorgen.', management: 'central',
    owner: 'Anna Ek (avdelningschef äldreomsorg)', manager: 'Maria Lund', specialist: 'Sofia Karlsson', supplier: 'Procedo AB', nis: true,
    pubAgreement: 'ja', managementPlan: false, continuityPlan: true, ...normerandeKlar('2024-09-02'), ...klar('2025-06-11'),
    konfidentialitet: 3, riktighet: 3, tillganglighet: 3, sparbarhet: 3,
  },
  {
    org: 'hv-hemtjanst', name: 'Life Care SP', description: 'Verksamhetssystem för hemtjänstens planering, insatser och hälso- och sjukvårdsdokumentation.', management: 'central',
    owner: 'Lena Nord (enhetschef hemtjänsten)', manager: 'Peter Ahl', specialist: 'Sofia Karlsson', supplier: 'Tieto Evry', nis: true,
    pubAgreement: 'ja', managementPlan: false, continuityPlan: false, ...normerandeKlar('2025-02-14'), ...klar('2025-10-08'),
    konfidentialitet: 3, riktighet: 3, tillganglighet: 3, sparbarhet: 2,
  },
  ...['E-hälsa (APO ex)', 'VODOK', 'NPÖ', 'Para Inn', 'Para Sol'].map((name, i): DemoObject => ({
    org: i < 3 ? 'hv-aldre' : 'hv-ifo', name, management: 'central',
    description: 'Centralt förvaltat objekt som väntar på stadens normerande klassning innan förvaltningen kan klassa lokalt.',
    owner: i < 3 ? 'Anna Ek (avdelningschef äldreomsorg)' : 'Karl Vik (avdelningschef IFO)', supplier: 'Central objektförvaltning, Stockholms stad',
    pubAgreement: 'ja', normerandeStatus: 'saknas', lokalStatus: 'saknas',
  })),
  {
    org: 'hv-ifo', name: 'DEBI', description: 'Nytt objekt för digital ekonomisk bistånd-information; normerande klassning pågår i november och december.', management: 'central',
    owner: 'Karl Vik (avdelningschef IFO)', supplier: 'Central objektförvaltning, Stockholms stad', pubAgreement: 'nej', normerandeStatus: 'pagar', lokalStatus: 'saknas',
  },
  {
    org: 'hv-socialtjanst-barn', name: 'Treserva', description: 'Dokumentation och ärendehantering i socialtjänsten.', management: 'central',
    owner: 'Karl Vik (avdelningschef IFO)', manager: 'Eva Sund', specialist: 'Omar Haddad', supplier: 'CGI', pubAgreement: 'ja', managementPlan: true, continuityPlan: true,
    ...normerandeKlar('2023-05-15'), ...klar('2024-09-12'), konfidentialitet: 3, riktighet: 3, tillganglighet: 2, sparbarhet: 3,
  },
  {
    org: 'hv-it', name: 'Zoom', description: 'Videomöten för verksamheter som inte kan använda stadens ordinarie mötestjänst.', management: 'lokal',
    owner: 'Jonas Ström (enhetschef it och digitalisering)', manager: 'Lisa Öberg', supplier: 'Zoom Video Communications', pubAgreement: 'ja',
    thirdCountryTransfer: true, thirdCountryNote: 'Leverantören är amerikansk; överföring sker med stöd av EU–US Data Privacy Framework. Exitplan saknas.',
    aiFunctions: true, aiNote: 'AI-sammanfattning av möten följde med en uppgradering och var påslagen utan klassning. Avstängd i väntan på ny klassning.',
    managementPlan: true, ...normerandeKlar('2023-02-01'), ...klar('2024-11-20'), konfidentialitet: 2, riktighet: 1, tillganglighet: 1, sparbarhet: 1,
  },
];

/** Servicenämnden's objects, besides Artvise and Telia ACE: [name, org, supplier]. Names and suppliers are invented. */
const SN_NAMES: [string, string, string][] = [
  ['Upphandlingsstödet', 'sf-upphandling', 'Anbudsdata AB'], ['Avtalskatalogen', 'sf-upphandling', 'Avtalsportalen Norden AB'],
  ['E-handelsplattformen', 'sf-upphandling', 'Inköpsflöde AB'], ['Leverantörsuppföljningen', 'sf-bestallarenheten', 'Uppföljningssystem i Sverige AB'],
  ['Beställningsportalen', 'sf-bestallarenheten', 'Portalbyrån AB'], ['Fakturaskanningen', 'sf-ekonomi', 'Skannerservice Mälardalen AB'],
  ['Leverantörsreskontran', 'sf-ekonomi', 'Ekonomisystem Nord AB'], ['Lönesystemet', 'sf-ekonomi', 'Lönedata Sverige AB'],
  ['Pensionsadministrationen', 'sf-ekonomi', 'Pensionsstöd AB'], ['Skyddade personuppgifter i lön', 'sf-ekonomi', 'Lönedata Sverige AB'],
  ['Tidrapporteringen', 'sf-ekonomi', 'Tidsystem AB'], ['Resebokningen', 'sf-ekonomi', 'Resetjänst Norden AB'],
  ['Kunskapsbanken', 'sf-kontaktcenter', 'Kunskapsverktyg AB'], ['Röstbrevlådan', 'sf-kontaktcenter', 'Telefonitjänster AB'],
  ['Växelns schemaläggning', 'sf-kontaktcenter', 'Schemaverktyg AB'], ['Chattfunktionen på webben', 'sf-kontaktcenter', 'Dialogverktyg AB'],
  ['Kundnöjdhetsenkäten', 'sf-kontaktcenter', 'Enkätverktyg Sverige AB'], ['Inspelning av samtal', 'sf-kontaktcenter', 'Telefonitjänster AB'],
  ['Felanmälan för lokaler', 'servicenamnden', 'Fastighetsstöd AB'], ['Lokalbokningen', 'servicenamnden', 'Bokningssystem AB'],
  ['Diariet', 'servicenamnden', 'Diariesystem AB'], ['E-arkivet', 'servicenamnden', 'Stockholms stadsarkiv'],
  ['Intranätets redaktionsverktyg', 'servicenamnden', 'Webbpublicering AB'], ['Behörighetsportalen', 'servicenamnden', 'Identitetstjänster AB'],
  ['Utskriftstjänsten', 'servicenamnden', 'Utskriftsservice AB'], ['Mötesbokningen', 'servicenamnden', 'Bokningssystem AB'],
  ['Medarbetarenkäten', 'servicenamnden', 'Enkätverktyg Sverige AB'], ['Processkartläggningsverktyget', 'servicenamnden', 'Processverktyg AB'],
  ['Nytt ärendehanteringssystem', 'servicenamnden', 'Under upphandling'], ['Livsmedelsberedskapens lägesbild', 'servicenamnden', 'Beredskapssystem AB'],
  ['Dricksvattenberedskapens kontaktlista', 'servicenamnden', 'Beredskapssystem AB'], ['Incidentrapporteringen (IA)', 'servicenamnden', 'AFA Försäkring'],
  ['Rekryteringsverktyget', 'servicenamnden', 'Rekryteringsstöd AB'], ['Introduktionsutbildningen', 'servicenamnden', 'Lärplattform AB'],
  ['Statistikportalen', 'sf-ekonomi', 'Analysverktyg AB'], ['Attestflödet', 'sf-ekonomi', 'Ekonomisystem Nord AB'],
  ['Anbudsöppningen', 'sf-upphandling', 'Anbudsdata AB'], ['Signeringstjänsten', 'servicenamnden', 'Identitetstjänster AB'],
];

/**
 * Servicenämnden 2025 (seed 000 1.1.6): about 40 classifications done or in progress. Artvise (the kundtjänst's case
 * system) has a continuity plan; Telia ACE is the contact-centre platform, in NIS scope, with a new central
 * procurement under way: its normerande classification is being redone centrally with the procurement, the local one
 * waits for it (so the report lists it in progress and as NIS without a local classification). The rest follow a fixed pattern (deterministic): most classified during 2025, some in 2024
 * (due again), some in progress, a few waiting for the normerande classification.
 */
export function snObjects(): DemoObject[] {
  const fixed: DemoObject[] = [
    {
      org: 'sf-kontaktcenter', name: 'Artvise', description: 'Ärendehantering och kundtjänstverktyg för Kontaktcenter Stockholm.', management: 'lokal',
      owner: 'Helena Vass (avdelningschef Kontaktcenter)', manager: 'Rikard Olsson', specialist: 'Amina Yusuf', supplier: 'Artvise AB', nis: true,
      pubAgreement: 'ja', managementPlan: true, continuityPlan: true, ...normerandeKlar('2024-03-05'), ...klar('2025-04-09'),
      konfidentialitet: 2, riktighet: 2, tillganglighet: 3, sparbarhet: 2,
    },
    {
      org: 'sf-kontaktcenter', name: 'Telia ACE', description: 'Kontaktcenterplattform för telefoni och köhantering; ny central upphandling pågår.', management: 'central',
      owner: 'Helena Vass (avdelningschef Kontaktcenter)', manager: 'Rikard Olsson', supplier: 'Telia Sverige AB', nis: true, pubAgreement: 'ja',
      managementPlan: true, continuityPlan: false, normerandeStatus: 'pagar', lokalStatus: 'saknas',
    },
  ];
  const rest = SN_NAMES.map(([name, org, supplier], i): DemoObject => {
    const kind = i % 8;
    const month = String((i % 11) + 1).padStart(2, '0');
    const day = String(((i * 7) % 27) + 1).padStart(2, '0');
    const levels = { konfidentialitet: (i % 3) + 1, riktighet: ((i + 1) % 3) + 1, tillganglighet: ((i + 2) % 3) + 1, sparbarhet: (i % 2) + 1 };
    const base = {
      org, name, supplier, description: '', management: (i % 4 === 0 ? 'central' : 'lokal') as 'central' | 'lokal', owner: '', pubAgreement: (i % 5 === 0 ? 'ej_tillampligt' : 'ja') as 'ja' | 'ej_tillampligt',
      managementPlan: i % 3 !== 0, continuityPlan: i % 4 === 1, nis: name.includes('beredskap'),
    };
    if (kind <= 4) return { ...base, ...normerandeKlar(`2024-${month}-${day}`), ...klar(`2025-${month}-${day}`), ...levels };
    if (kind === 5) return { ...base, ...normerandeKlar(`2023-${month}-${day}`), ...klar(`2024-${month}-${day}`), ...levels };
    // A NIS object is not left half-classified: it is classified (the report would list it both as in progress and as
    // NIS without classification otherwise).
    if (kind === 6 && base.nis) return { ...base, ...normerandeKlar(`2024-${month}-${day}`), ...klar(`2025-${month}-${day}`), ...levels };
    if (kind === 6) return { ...base, ...normerandeKlar(`2024-${month}-${day}`), lokalStatus: 'pagar' };
    // One state each: the local classification waits for the normerande one, in progress (pagar) or missing (saknas).
    return { ...base, normerandeStatus: i % 16 === 7 ? 'pagar' : 'saknas', lokalStatus: 'saknas' };
  });
  return [...fixed, ...rest];
}
