import { z } from '@hono/zod-openapi';
import { inArray } from 'drizzle-orm';
import { orgs } from '../../domains/org/table';
import type { Ctx } from './context';
import { defineRoute, json, jsonContent } from './http';
import { loadDomainFiles } from './modules';
import type { Permission } from './permissions';
import { int4 } from './schema';

/**
 * "Needs your attention": the start page lists what the signed-in person should act on. Each domain that
 * has something to say exports `attentionProviders` from `<domain>/attention.ts` (see modules.ts); this
 * module asks them all and returns the items that have a count above zero: those with a priority first (a legal
 * deadline near or passed, whatever the count of routine items), then most severe first, then the larger count.
 */
export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AttentionItem {
  key: string;
  severity: Severity;
  title_sv: string;
  title_en: string;
  count: number;
  /** Where in the web app the person acts on it (a path, no host). */
  link: string;
  /**
   * Set for what must come before everything routine, lowest first (PRIORITY_LEGAL_DEADLINE: a legal deadline within
   * 24 h or passed). Items without one follow every item with one.
   */
  priority?: number;
}

/** The priority of a legal deadline's warning (incidents' clocks): above every routine item. */
export const PRIORITY_LEGAL_DEADLINE = 0;
const NO_PRIORITY = Number.MAX_SAFE_INTEGER;

/** Numbers are written sv-SE in both languages, as everywhere in Tillit (the badge beside a title too). */
const NUMBER = new Intl.NumberFormat('sv-SE');

/**
 * Titles for a count, singular or plural, the number written sv-SE ("4 010").
 * `one` is the whole title for 1 ("En tidsfrist …"); `many` follows the number ("tidsfrister …").
 */
export function countTitles(n: number, sv: { one: string; many: string }, en: { one: string; many: string }): Pick<AttentionItem, 'title_sv' | 'title_en'> {
  return n === 1
    ? { title_sv: sv.one, title_en: en.one }
    : { title_sv: `${NUMBER.format(n)} ${sv.many}`, title_en: `${NUMBER.format(n)} ${en.many}` };
}

/**
 * The link, also choosing the organisation (?org=slug) when everything counted lies in one: the pages show the
 * organisation chosen in the header, and one who reads several (a DSO of a samverkansgrupp) would otherwise land
 * in another, where the list is empty. `slugs`: the organisation of each counted thing (repeats allowed).
 */
export function withOrg(link: string, slugs: string[]): string {
  const one = new Set(slugs);
  if (one.size !== 1) return link;
  return `${link}${link.includes('?') ? '&' : '?'}org=${encodeURIComponent([...one][0])}`;
}

/**
 * For a list that shows the chosen organisation's subtree: the slug of the organisation to open it on so that it
 * shows everything counted, or null. That is the deepest organisation at or above every counted one (`paths`, their
 * materialised paths, repeats allowed) that the person may open there with `perm` and choose in the header (org.read).
 * Null when nothing is counted or what is counted lies in trees with no such organisation above them all (a DSO's
 * separate förvaltningar): the link then leaves the choice as it is.
 */
export async function coveringOrg(ctx: Ctx, perm: Permission, paths: string[]): Promise<string | null> {
  if (paths.length === 0) return null;
  const chains = [...new Set(paths)].map((p) => p.split('/').filter(Boolean));
  const common: string[] = [];
  for (let i = 0; chains.every((c) => i < c.length && c[i] === chains[0][i]); i++) common.push(chains[0][i]);
  if (common.length === 0) return null;
  const above = await ctx.db.select({ slug: orgs.slug, path: orgs.path }).from(orgs).where(inArray(orgs.id, common));
  const deepestFirst = above.sort((a, b) => b.path.length - a.path.length);
  return deepestFirst.find((o) => ctx.authz.can(perm, o.path) && ctx.authz.can('org.read', o.path))?.slug ?? null;
}

export interface AttentionProvider {
  key: string;
  /** Items for the caller, already limited to what ctx.authz lets them see. */
  items(ctx: Ctx): Promise<AttentionItem[]>;
}

export const AttentionItemSchema = z
  .object({
    key: z.string(),
    severity: z.enum(SEVERITIES),
    title_sv: z.string(),
    title_en: z.string(),
    count: int4(),
    link: z.string(),
    priority: int4().optional(),
    provider: z.string(),
  })
  .openapi('AttentionItem');

let providers: Promise<{ domain: string; provider: AttentionProvider }[]> | undefined;
function allProviders() {
  providers ??= loadDomainFiles<{ attentionProviders?: AttentionProvider[] }>('attention').then((files) =>
    files.flatMap((f) => (f.mod.attentionProviders ?? []).map((provider) => ({ domain: f.domain, provider }))),
  );
  return providers;
}

/** Asks every provider; one failing provider is logged and left out rather than emptying the start page. */
export async function attentionFor(ctx: Ctx): Promise<(AttentionItem & { provider: string })[]> {
  const all = await allProviders();
  const results = await Promise.all(
    all.map(async ({ domain, provider }) => {
      try {
        return (await provider.items(ctx)).map((i) => ({ ...i, provider: `${domain}.${provider.key}` }));
      } catch (err) {
        ctx.log.error({ err, provider: `${domain}.${provider.key}` }, 'attention provider failed');
        return [];
      }
    }),
  );
  return results.flat().filter((i) => i.count > 0).sort(attentionOrder);
}

/** The start page's order: priority (none last), then severity, then the larger count, then the key. */
export function attentionOrder(a: AttentionItem, b: AttentionItem): number {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return (a.priority ?? NO_PRIORITY) - (b.priority ?? NO_PRIORITY) || rank(a.severity) - rank(b.severity) || b.count - a.count || a.key.localeCompare(b.key);
}

export const attentionRoutes = [
  defineRoute(
    {
      method: 'get', path: '/api/attention', tags: ['Start'], summary: 'Det som behöver din uppmärksamhet / what needs your attention', policy: { auth: true },
      responses: { 200: jsonContent(z.object({ items: z.array(AttentionItemSchema) }), 'Poster, lagstadgade tidsfrister och sedan allvarligast först') },
    },
    async (c) => json(c, { items: await attentionFor(c.get('ctx')) }),
  ),
];
