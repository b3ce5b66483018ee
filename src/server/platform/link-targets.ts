import type { Ctx } from './context';
import type { Db } from './db';
import { loadDomainFiles } from './modules';

/**
 * Records another record can link to (an incident's "kopplingar" to risks, documents, plan activities …).
 * Each domain whose records can be link targets exports `linkTargets: LinkTargetProvider[]` from
 * `<domain>/link-targets.ts`; the provider alone knows its table and who may see a record, so the linking
 * domain never reads another domain's tables. A new target type is a new provider (and its label in the UI).
 */
export interface LinkTarget {
  id: string;
  /** What the UI shows: the record's title (with its number where it has one). */
  title: string;
  /** Where the record is shown in the web app (a path, no host). */
  href: string;
  org: { slug: string; name: string } | null;
}

export interface LinkTargetProvider {
  /** The target type stored with a link, e.g. `risk` or `plan_activity`. */
  type: string;
  /** The records among `ids` (uuids) that exist and that the caller may see; the others are left out. */
  resolve(ctx: Ctx, db: Db, ids: string[]): Promise<LinkTarget[]>;
  /** Up to `limit` records the caller may see whose title matches `q` (newest first when q is empty). */
  search(ctx: Ctx, db: Db, q: string, limit: number): Promise<LinkTarget[]>;
}

export { UUID_RE } from './uuid7';

/** `%text%` for ILIKE, with the pattern characters escaped. */
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

let providers: Promise<Map<string, LinkTargetProvider>> | undefined;

/** Every domain's providers by type (loaded once). Two providers of one type are a programming error. */
export function linkTargetProviders(): Promise<Map<string, LinkTargetProvider>> {
  providers ??= loadDomainFiles<{ linkTargets?: LinkTargetProvider[] }>('link-targets').then((files) => {
    const out = new Map<string, LinkTargetProvider>();
    for (const f of files) {
      for (const p of f.mod.linkTargets ?? []) {
        if (out.has(p.type)) throw new Error(`link target type "${p.type}" is provided twice (${f.domain})`);
        out.set(p.type, p);
      }
    }
    return out;
  });
  return providers;
}
