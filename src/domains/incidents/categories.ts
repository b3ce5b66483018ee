import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../server/platform/db';
import { unprocessable } from '../../server/platform/errors';
import { orgs } from '../org/table';
import type { IncidentKind, PersonalData, RiskAssessment } from './model';
import { incidentCategories } from './table';

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

/**
 * Categories for an organisation: the active ones of the list kept on the nearest organisation up the chain that
 * has one (usually the city), otherwise the built-in defaults. A deactivated category is not offered, and not
 * accepted as a new value: incidents that carry it keep it.
 */
export async function categoriesFor(db: Db, orgPath: string): Promise<(CategoryTemplate & { source: string })[]> {
  const ids = orgPath.split('/').filter(Boolean);
  const rows = await db.select({ c: incidentCategories, depth: orgs.depth, slug: orgs.slug }).from(incidentCategories)
    .innerJoin(orgs, eq(orgs.id, incidentCategories.orgId))
    .where(inArray(incidentCategories.orgId, ids))
    .orderBy(asc(incidentCategories.name));
  if (rows.length === 0) return DEFAULT_CATEGORIES.map((c) => ({ ...c, source: 'default' }));
  const deepest = Math.max(...rows.map((r) => r.depth));
  return rows.filter((r) => r.depth === deepest && r.c.active).map(({ c, slug }) => ({
    name: c.name, kind: c.kind as IncidentKind | null, personalData: c.personalData as PersonalData | null,
    riskAssessment: c.riskAssessment as RiskAssessment | null, assessmentText: c.assessmentText, firstActions: c.firstActions, source: slug,
  }));
}

/** Two spellings of one category: letter case, Unicode form and spacing aside ("fel  mottagare", "NÄTFISKE"). */
export const categoryKey = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('sv');

/** The 422 for a category the list does not have, naming the value and the choices. */
export function unknownCategory(value: string, list: { name: string }[], field = 'category', extra?: Record<string, unknown>, msg?: { sv: string; en: string }) {
  const names = list.map((c) => c.name).join(', ');
  return unprocessable('unknown_category', {
    sv: `${msg?.sv ?? `Okänd kategori "${value}".`} Välj bland: ${names}.`,
    en: `${msg?.en ?? `Unknown category "${value}".`} Choose from: ${names}.`,
  }, field, { value, choices: list.map((c) => c.name), ...extra });
}

/**
 * The one rule for a category given by hand (quick report, registration, change, triage): it must name a category
 * of the list that applies to the incident's organisation (categoriesFor: active ones only), letter case and spacing
 * aside, and is stored in the list's spelling. A typo would otherwise start a category of its own in the statistics.
 * On a change, the very value the incident carries already is no change, even when the list lacks it (an imported or
 * since deactivated category): an unrelated edit is not refused. null clears. Returns the value to store, or
 * `unknown` when the list lacks it. (The IA import alone keeps an unknown Kategori as written: import/categories.ts.)
 */
export function chooseCategory<T extends { name: string }>(list: T[], value: string | null, current?: string | null): { name: string | null; template?: T } | 'unknown' {
  if (value === null || value === current) return { name: value };
  const template = list.find((c) => categoryKey(c.name) === categoryKey(value));
  return template ? { name: template.name, template } : 'unknown';
}

/** chooseCategory for one organisation: the category's template, or 422 unknown_category naming the choices. */
export async function listedCategory(db: Db, orgPath: string, value: string, field = 'category'): Promise<CategoryTemplate & { source: string }> {
  const list = await categoriesFor(db, orgPath);
  const chosen = chooseCategory(list, value);
  if (chosen === 'unknown' || !chosen.template) throw unknownCategory(value, list, field);
  return chosen.template;
}

/** chooseCategory for one incident (`current`: what it carries now; undefined for a new one): the name to store, or 422. */
export async function categoryToSet(db: Db, orgPath: string, value: string | null, current: string | null | undefined, field = 'category'): Promise<string | null> {
  if (value === null || value === current) return value;
  const list = await categoriesFor(db, orgPath);
  const chosen = chooseCategory(list, value, current);
  if (chosen === 'unknown') throw unknownCategory(value, list, field);
  return chosen.name;
}
