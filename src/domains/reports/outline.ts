import { z } from 'zod';
import { badRequest } from '../../server/platform/errors';
import { RichDocSchema, docToText, emptyDoc, htmlToDoc, sanitizeDoc, type RichDoc } from './richtext';

/** A table typed in by hand, for sections whose data has no module yet. */
export interface ManualTable { id: string; caption: string; columns: string[]; rows: string[][] }

/** One section of the report outline. Sections are a flat list with levels 1–3; numbers are derived. */
export interface Section {
  id: string;
  level: 1 | 2 | 3;
  title: string;
  /** Key of the section provider (report JSON key) whose figures this section shows. */
  provider?: string;
  hidden: boolean;
  narrative: RichDoc;
  tables: ManualTable[];
}

export const ManualTableSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  caption: z.string().max(300),
  columns: z.array(z.string().max(200)).min(1).max(20),
  rows: z.array(z.array(z.string().max(4000)).max(20)).max(1000),
});

export const SectionInput = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'a–z, 0–9 och - / a–z, 0–9 and -').optional(),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  title: z.string().trim().min(1).max(300),
  provider: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/).nullish(),
  hidden: z.boolean().optional(),
  narrative: RichDocSchema.optional(),
  /** Editor HTML; sanitized and converted to the document model. Ignored when `narrative` is given. */
  narrativeHtml: z.string().max(500_000).optional(),
  tables: z.array(ManualTableSchema).max(20).optional(),
});
export type SectionInput = z.infer<typeof SectionInput>;
export const OutlineInput = z.array(SectionInput).min(1).max(200);

/**
 * The text a section and a report may hold (characters of narrative and hand-typed tables). A whole management review
 * is some 40,000 (seed 002); the limits keep a document's rendering within seconds: PDF layout is synchronous, and a
 * section of 200,000 characters held the server for 9 s.
 */
export const SECTION_TEXT_MAX = 20_000;
export const REPORT_TEXT_MAX = 100_000;

const textLength = (s: Section) => docToText(s.narrative).length + s.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + r.join('').length, 0), 0);
const nf = (n: number, lang: 'sv-SE' | 'en-GB') => n.toLocaleString(lang);

/**
 * Refuses an outline whose edited text is over the limits (400 at `narrative`). Only what the edit makes larger is
 * refused: a section that is not edited, or a report whose text does not grow, passes as it is.
 */
export function checkTextLimits(next: Section[], previous: Section[]): void {
  const before = new Map(previous.map((s) => [s.id, textLength(s)]));
  for (const s of next) {
    const n = textLength(s);
    if (n > SECTION_TEXT_MAX && n > (before.get(s.id) ?? 0)) {
      throw badRequest('text_too_long', {
        sv: `Avsnittet "${s.title}" har ${nf(n, 'sv-SE')} tecken text; ett avsnitt rymmer högst ${nf(SECTION_TEXT_MAX, 'sv-SE')}. Korta texten eller dela den på flera avsnitt.`,
        en: `Section "${s.title}" has ${nf(n, 'en-GB')} characters of text; a section holds at most ${nf(SECTION_TEXT_MAX, 'en-GB')}. Shorten the text or split it into several sections.`,
      }, 'narrative');
    }
  }
  const total = next.reduce((n, s) => n + textLength(s), 0);
  const was = previous.reduce((n, s) => n + textLength(s), 0);
  if (total > REPORT_TEXT_MAX && total > was) {
    throw badRequest('text_too_long', {
      sv: `Rapportens text blir ${nf(total, 'sv-SE')} tecken; en rapport rymmer högst ${nf(REPORT_TEXT_MAX, 'sv-SE')} (en hel ledningens genomgång brukar ha omkring 40 000). Korta texterna.`,
      en: `The report's text would be ${nf(total, 'en-GB')} characters; a report holds at most ${nf(REPORT_TEXT_MAX, 'en-GB')} (a whole management review usually has about 40,000). Shorten the texts.`,
    }, 'narrative');
  }
}

let seq = 0;
const newId = () => `s-${Date.now().toString(36)}${(seq++).toString(36)}`;

/** Checks and normalises an outline sent by a client; `previous` supplies narrative for sections not resent. */
export function normaliseOutline(input: SectionInput[], previous: Section[] = []): Section[] {
  const byId = new Map(previous.map((s) => [s.id, s]));
  const seen = new Set<string>();
  return input.map((s, i) => {
    if (i === 0 && s.level !== 1) throw badRequest('outline_level', { sv: 'Första avsnittet måste ha nivå 1.', en: 'The first section must be level 1.' }, 'outline.0.level');
    const prevLevel = i > 0 ? input[i - 1].level : 1;
    if (s.level > prevLevel + 1) {
      throw badRequest('outline_level', {
        sv: `Avsnitt ${i + 1} ("${s.title}") hoppar från nivå ${prevLevel} till ${s.level}.`,
        en: `Section ${i + 1} ("${s.title}") jumps from level ${prevLevel} to ${s.level}.`,
      }, `outline.${i}.level`);
    }
    const id = s.id ?? newId();
    if (seen.has(id)) throw badRequest('outline_duplicate', { sv: `Avsnitts-id "${id}" förekommer två gånger.`, en: `Section id "${id}" occurs twice.` }, `outline.${i}.id`);
    seen.add(id);
    const before = byId.get(id);
    return {
      id,
      level: s.level,
      title: s.title,
      ...(s.provider ? { provider: s.provider } : {}),
      hidden: s.hidden ?? false,
      narrative: s.narrative ? sanitizeDoc(s.narrative) : s.narrativeHtml !== undefined ? htmlToDoc(s.narrativeHtml) : (before?.narrative ?? emptyDoc()),
      tables: s.tables ?? before?.tables ?? [],
    };
  });
}

/** "1", "4.2", … for the visible sections (hidden ones get no number). */
export function numberSections(outline: Section[]): Map<string, string> {
  const counters = [0, 0, 0];
  const out = new Map<string, string>();
  for (const s of outline) {
    if (s.hidden) continue;
    counters[s.level - 1]++;
    for (let l = s.level; l < 3; l++) counters[l] = 0;
    out.set(s.id, counters.slice(0, s.level).join('.'));
  }
  return out;
}

const sec = (id: string, level: 1 | 2 | 3, title: string, provider?: string, tables: ManualTable[] = []): Section => ({
  id, level, title, ...(provider ? { provider } : {}), hidden: false, narrative: emptyDoc(), tables,
});

export const TERMS_TABLE: ManualTable = {
  id: 'terms',
  caption: 'Förkortningar och begrepp',
  columns: ['Förkortning', 'Betydelse'],
  rows: [
    ['CER-direktivet', 'EU-direktivet om kritiska entiteters motståndskraft (Directive on the resilience of critical entities): krav på åtgärder som stärker motståndskraften i viss samhällsviktig verksamhet'],
    ['CERT-SE', 'Sveriges nationella CSIRT, som tar emot rapporter om betydande incidenter'],
    ['CSL', 'Cybersäkerhetslagen'],
    ['DPIA', 'Konsekvensbedömning avseende dataskydd (art. 35 dataskyddsförordningen), föregås av en tröskelanalys'],
    ['DSO', 'Dataskyddsombud'],
    ['IKP', 'Internkontrollplan'],
    ['IMY', 'Integritetsskyddsmyndigheten'],
    ['ISAM', 'Informationssäkerhetssamordnare'],
    ['KLASSA', 'SKR:s metod för informationsklassning: konfidentialitet, riktighet, tillgänglighet och spårbarhet bedöms på nivåerna 0–4'],
    ['LIS', 'Ledningssystem för informationssäkerhet'],
    ['MSB', 'Myndigheten för samhällsskydd och beredskap'],
    ['NIS', 'EU-direktivet om säkerhet i nätverks- och informationssystem (NIS-direktivet); NIS2 är dess efterföljare'],
    ['RSA', 'Risk- och sårbarhetsanalys'],
    ['SLK', 'Stadsledningskontoret'],
    ['Tredjelandsöverföring', 'Överföring av personuppgifter till ett land utanför EU/EES'],
    ['VoR', 'Väsentlighets- och riskanalys'],
  ],
};

/** The city's default outline (DOMAIN.md: the management review report). */
export function defaultOutline(orgType: string): Section[] {
  const out = [
    sec('sammanfattning', 1, 'Sammanfattning och ledningssystem för informationssäkerhet (LIS)', 'documents'),
    sec('omvarld', 1, 'Omvärld – hot, trender och ny lagstiftning'),
    sec('nis2', 2, 'Cybersäkerhetslagen (NIS2): säkerhetsåtgärder', 'nis2'),
    sec('budget', 1, 'Budget, inriktning och mognad'),
    sec('mognad', 2, 'Mognadsmätning', 'maturity'),
    sec('utbildning', 2, 'Utbildning och kompetens', 'training'),
    sec('uppfoljning', 1, 'Uppföljning av informationssäkerhetsarbetet'),
    sec('mal', 2, 'Uppföljning av mål i verksamhetsplanen', 'goals'),
    sec('vor-ikp', 2, 'Väsentlighets- och riskanalys samt internkontrollplan', 'risks'),
    sec('ikp', 3, 'Resultatet från egen uppföljning (IKP)', 'internalControl'),
    sec('kontinuitet', 2, 'Risk- och sårbarhetsanalys, kontinuitetsplaner och övningar', 'continuity'),
    sec('klassning', 2, 'Informationsklassning och digitala objekt', 'classification'),
    sec('leverantorer', 2, 'Leverantörer och underleverantörer', 'suppliers'),
    sec('registerforteckning', 2, 'Registerförteckning och konsekvensbedömningar', 'privacy'),
    sec('dso', 2, 'Uppföljning av dataskyddsombudets rapport', 'dsoFollowUp'),
    sec('incidenter', 2, 'Avvikelser och incidenter', 'incidents'),
    sec('plan', 1, 'Förbättringsaktiviteter kommande tre år', 'plan'),
    sec('begrepp', 1, 'Förkortningar och begrepp', undefined, [TERMS_TABLE]),
  ];
  if (orgType === 'stad') {
    const i = out.findIndex((s) => s.id === 'incidenter');
    out.splice(i + 1, 0, sec('forvaltningar', 2, 'Förvaltningarna i sammandrag', 'rollup'));
  }
  return out;
}

/** Sections for provider keys the outline does not mention yet, placed at the end of the follow-up part. */
export function withProviderSections(outline: Section[], providers: { key: string; title: { sv: string } }[]): Section[] {
  const used = new Set(outline.map((s) => s.provider).filter(Boolean));
  const missing = providers.filter((p) => !used.has(p.key));
  if (!missing.length) return outline;
  const follow = outline.findIndex((s) => s.id === 'uppfoljning');
  let at = outline.length;
  if (follow >= 0) {
    at = follow + 1;
    while (at < outline.length && outline[at].level > 1) at++;
  }
  const add = missing.map((p) => sec(`p-${p.key.toLowerCase()}`.slice(0, 40), follow >= 0 ? 2 : 1, p.title.sv, p.key));
  return [...outline.slice(0, at), ...add, ...outline.slice(at)];
}
