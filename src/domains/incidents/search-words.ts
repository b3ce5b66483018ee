/** The building blocks of a full-text search of incidents: which words, how common, and what matches (list.ts). */
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { executePrepared } from '../../server/platform/db';
import { incidents } from './table';

/**
 * Whether the incident's title and description match `query`: from its row in incident_search, or, while its text
 * is new or changed and waits for the background indexer (incident_search_pending, search-index.ts), from the text
 * itself. So a search is exact the moment a write commits. The pending ids and texts are read once per query (hashed
 * subplans; the set is empty nearly always), so the list's walk reads only ids from its index, never the texts.
 * `rare`: the words' incidents are looked up in the index first (one hashed set), else each incident is checked as
 * the list walks newest first (searchIsRare says which is quicker).
 */
export const textMatches = (query: SQL, rare: boolean) => sql`(case when ${incidents.id} in (select unnest(p.ids) from incident_search_pending p)
  then ${incidents.id} in (select w.id from ${incidents} w where w.id in (select unnest(p.ids) from incident_search_pending p)
    and to_tsvector('swedish', w.title || ' ' || w.description) @@ ${query})
  else ${rare
    ? sql`${incidents.id} in (select s.incident_id from incident_search s where s.doc @@ ${query})`
    : sql`exists (select 1 from incident_search s where s.incident_id = ${incidents.id} and s.doc @@ ${query})`} end)`;

/** Share of all incidents above which a search word counts as common. */
const COMMON_SHARE = 0.005;
/** More matches than this make words common whatever the statistics say. */
export const RARE_MAX = 12_000;

/**
 * Definite and genitive endings PostgreSQL's Swedish stemmer leaves on a word (Snowball strips -en, -na, -arna, -ens
 * and many more, but not these): "ärendet", "mejlet", "lösenordets", "bilagan", "datorn". With the ending off, the
 * word also finds "ärende", "mejl", "bilaga" as a prefix. Only when a stem of four letters or more remains, so that a
 * short word ("paket", "plan") does not widen into every word it begins.
 */
const ENDINGS: readonly (readonly [ending: string, cut: number])[] = [['ets', 3], ['et', 2], ['ans', 2], ['an', 1], ['orn', 1], ['arn', 1]];
const MIN_STEM = 4;

/** The forms a search word is looked for in: itself, and itself without a definite ending the stemmer keeps. */
export function wordForms(word: string): string[] {
  const w = word.toLowerCase();
  const hit = ENDINGS.find(([ending, cut]) => w.endsWith(ending) && w.length - cut >= MIN_STEM);
  return hit ? [word, word.slice(0, word.length - hit[1])] : [word];
}

/** The query for plain words: each a prefix in any of its forms, all of them (a word finds the compounds it begins). */
export const wordQuery = (words: string[]) =>
  sql`to_tsquery('swedish', ${words.map((w) => {
    const forms = wordForms(w).map((f) => `${f}:*`);
    return forms.length > 1 ? `(${forms.join(' | ')})` : forms[0];
  }).join(' & ')})`;

/**
 * Whether a search for these plain words is best answered from the index (rare words: a few thousand incidents at
 * most) or by checking incidents newest first (common words: the page fills after a few hundred). 1,000,000
 * incidents, a förvaltning of 113,000: a word in one incident took 0.6–1 s by checking each, 12 ms from the index; a
 * word in every incident 10 ms by checking, 0.5 s from the index. The share comes from PostgreSQL's own statistics
 * of incident_search (ANALYZE's most common lexemes, a word matching as a prefix); a word not among them is rare, as
 * is every word without statistics (a new or small database), unless the index holds more than RARE_MAX matches: a
 * prefix of many rare lexemes ("1" begins a tenth of all case numbers) is common though no statistic names it.
 */
export async function searchIsRare(ctx: Pick<Ctx, 'db'>, words: string[]): Promise<boolean> {
  const [row] = await executePrepared(ctx.db, sql`select ${wordsAreRare(words)} as rare`);
  return row?.rare === true;
}

/**
 * searchIsRare as one value to select. Prepared: the words go in as one string split by PostgreSQL, so that one
 * text serves any words and the plan made for given words costs the same as the generic one, which is then kept
 * (planning the pg_stats view took longer than the lookup). The matches are counted only for words the statistics
 * call rare, and at most RARE_MAX + 1 of them.
 */
export const wordsAreRare = (words: string[]) => sql`(case when coalesce((
    with w as (select (ts_lexize('swedish_stem', lower(x)))[1] as lexeme from regexp_split_to_table(${words.join(' ')}, ' ') x),
    s as (select most_common_elems::text::text[] as elems, most_common_elem_freqs as freqs from pg_stats
      where schemaname = 'public' and tablename = 'incident_search' and attname = 'doc')
    select min((select coalesce(sum(e.freq), 0) from s, unnest(s.elems, s.freqs) e(lexeme, freq) where starts_with(e.lexeme, w.lexeme)))
    from w where w.lexeme is not null), 0) >= ${sql.raw(String(COMMON_SHARE))} then false
  else (select count(*) from (select 1 from incident_search s where s.doc @@ ${wordQuery(words)} limit ${sql.raw(String(RARE_MAX + 1))}) m) <= ${sql.raw(String(RARE_MAX))} end)`;

/**
 * Whether incident `x` is the one a search names by identifier: a search for one word may also be the incident's
 * number (AV-2025-0042) or its IA Ärende-ID (any letter case). Both have their own index.
 */
export function namedBy(q: string): SQL {
  const word = q.trim();
  const number = /^AV-(\d{4})-(\d{1,9})$/i.exec(word);
  const byExternal = /^\S{1,100}$/.test(word) ? sql`(lower(x.external_id) = ${word.toLowerCase()} and x.external_id is not null)` : sql`false`;
  return number ? sql`(${byExternal} or (x.number_year = ${Number(number[1])} and x.number_seq = ${Number(number[2])}))` : byExternal;
}

/** The search's words when they are plain (letters and digits, no web-search syntax), else undefined. */
export function plainWords(q: string | undefined): string[] | undefined {
  const words = q?.trim().split(/\s+/) ?? [];
  if (!q?.trim()) return undefined;
  return words.every((w) => /^[\p{L}\p{N}]+$/u.test(w)) && !words.some((w) => w.toLowerCase() === 'or') ? words : undefined;
}
