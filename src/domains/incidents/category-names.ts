import { sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { resultRows } from '../../server/platform/db';
import { escapeLike } from '../../server/platform/authz';
import { categoriesFor } from './categories';
import { orgFor } from './service';

/**
 * The categories to filter an organisation's incident list by: the ones that apply there (its list, in its order),
 * then every other one its subtree's incidents carry (an IA import's free text, a category since renamed away or
 * deactivated), by name. The statistics count each of them: without them the list could not show the rows of
 * "Övrigt 5" in "Per kategori". incident.read on the organisation (404 when out of scope or unknown).
 */
export async function categoryNames(ctx: Ctx, orgSlug: string): Promise<{ names: string[] }> {
  const org = await orgFor(ctx, ctx.db, orgSlug, 'incident.read');
  const listed = (await categoriesFor(ctx.db, org.path)).map((c) => c.name);
  const res = await ctx.db.execute(sql`
    select distinct i.category as name from incidents i
    where i.org_id in (select id from orgs where path like ${escapeLike(org.path) + '%'}) and i.category is not null`);
  const known = new Set(listed);
  const others = resultRows<{ name: string }>(res).map((r) => r.name).filter((n) => !known.has(n)).sort((a, b) => a.localeCompare(b, 'sv'));
  return { names: [...listed, ...others] };
}
