/**
 * The personal data breach record's vocabulary (GDPR art. 33.3, 33.5, 34; EDPB's breach types), shared by the API,
 * the web app, the IMY basis and the report. Stored values are keys; the Swedish words are the users' own (IMY's
 * e-service form asks for them in this order), English second.
 */
type Words = { sv: string; en: string };

export const BREACH_TYPES = ['konfidentialitet', 'riktighet', 'tillganglighet'] as const;
export type BreachType = (typeof BREACH_TYPES)[number];
export const BREACH_TYPE_WORDS: Record<BreachType, Words> = {
  konfidentialitet: { sv: 'Konfidentialitetsincident', en: 'Confidentiality breach' },
  riktighet: { sv: 'Riktighetsincident', en: 'Integrity breach' },
  tillganglighet: { sv: 'Tillgänglighetsincident', en: 'Availability breach' },
};

export const SUBJECT_CATEGORIES = [
  'anstallda', 'elever', 'vardnadshavare', 'brukare', 'patienter', 'invanare', 'fortroendevalda', 'leverantorer',
] as const;
export type SubjectCategory = (typeof SUBJECT_CATEGORIES)[number];
export const SUBJECT_CATEGORY_WORDS: Record<SubjectCategory, Words> = {
  anstallda: { sv: 'Anställda', en: 'Employees' },
  elever: { sv: 'Elever/barn i förskola och skola', en: 'Pupils/children in preschool and school' },
  vardnadshavare: { sv: 'Vårdnadshavare', en: 'Guardians' },
  brukare: { sv: 'Brukare/klienter inom socialtjänsten', en: 'Social services clients' },
  patienter: { sv: 'Patienter', en: 'Patients' },
  invanare: { sv: 'Medborgare/invånare', en: 'Citizens/residents' },
  fortroendevalda: { sv: 'Förtroendevalda', en: 'Elected representatives' },
  leverantorer: { sv: 'Leverantörer/kontaktpersoner', en: 'Suppliers/contact persons' },
};

/**
 * Categories of personal data. `special`: art. 9's särskilda kategorier; `criminal`: art. 10's lagöverträdelser.
 * Derived from the categories chosen, never asked for again.
 */
export const DATA_CATEGORIES = [
  'identitet', 'kontakt', 'personnummer', 'ekonomi', 'halsa', 'socialtjanst', 'lagovertradelser', 'skyddade', 'inloggning', 'bild_ljud',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export const DATA_CATEGORY_WORDS: Record<DataCategory, Words & { special?: true; criminal?: true }> = {
  identitet: { sv: 'Identitetsuppgifter', en: 'Identity data' },
  kontakt: { sv: 'Kontaktuppgifter', en: 'Contact details' },
  personnummer: { sv: 'Personnummer', en: 'Personal identity numbers' },
  ekonomi: { sv: 'Ekonomiska uppgifter', en: 'Financial data' },
  halsa: { sv: 'Uppgifter om hälsa', en: 'Data concerning health', special: true },
  socialtjanst: { sv: 'Uppgifter i socialtjänstärenden', en: 'Data in social services cases' },
  lagovertradelser: { sv: 'Lagöverträdelser (art. 10)', en: 'Criminal offences (art. 10)', criminal: true },
  skyddade: { sv: 'Skyddade personuppgifter', en: 'Protected personal data' },
  inloggning: { sv: 'Inloggningsuppgifter', en: 'Login credentials' },
  bild_ljud: { sv: 'Bild/ljud', en: 'Images/sound' },
};
/** Art. 9's special categories among the chosen. */
export const specialCategories = (cats: readonly string[]) => cats.filter((c) => DATA_CATEGORY_WORDS[c as DataCategory]?.special);
/** Art. 10's criminal-offence data among the chosen. */
export const criminalCategories = (cats: readonly string[]) => cats.filter((c) => DATA_CATEGORY_WORDS[c as DataCategory]?.criminal);

export const BREACH_CAUSES = ['manskligt_misstag', 'teknisk_brist', 'antagonistisk', 'leverantor', 'okand'] as const;
export type BreachCause = (typeof BREACH_CAUSES)[number];
export const BREACH_CAUSE_WORDS: Record<BreachCause, Words> = {
  manskligt_misstag: { sv: 'Mänskligt misstag', en: 'Human error' },
  teknisk_brist: { sv: 'Teknisk brist', en: 'Technical failure' },
  antagonistisk: { sv: 'Antagonistisk handling', en: 'Malicious act' },
  leverantor: { sv: 'Leverantör', en: 'Supplier' },
  okand: { sv: 'Okänd', en: 'Unknown' },
};

/** Art. 34.3: why the data subjects need not be informed although the risk is high. */
export const NOT_INFORMING_REASONS = ['a', 'b', 'c'] as const;
export type NotInformingReason = (typeof NOT_INFORMING_REASONS)[number];
export const NOT_INFORMING_WORDS: Record<NotInformingReason, Words> = {
  a: { sv: 'a) Uppgifterna var skyddade, t.ex. krypterade, och obegripliga för obehöriga', en: 'a) The data were protected, e.g. encrypted, and unintelligible to unauthorised persons' },
  b: { sv: 'b) Åtgärder i efterhand gör att den höga risken inte längre är sannolik', en: 'b) Subsequent measures ensure the high risk is no longer likely to materialise' },
  c: { sv: 'c) Det skulle kräva oproportionerligt stor ansträngning; offentligt meddelande i stället', en: 'c) It would involve disproportionate effort; a public communication instead' },
};

/** The record's free texts: protected like the incident's description (access.ts). */
export const BREACH_FREE_TEXTS = ['subjectCategoriesOther', 'dataCategoriesOther', 'likelyConsequences', 'measuresTaken', 'delayReason', 'notInformingText'] as const;
/** What "Markera som dokumenterad" needs (art. 33.5: the facts, the effects, the remedial action). */
export const REQUIRED_FOR_COMPLETION = ['breachTypes', 'subjectCategories', 'dataCategories', 'likelyConsequences', 'measuresTaken'] as const;
