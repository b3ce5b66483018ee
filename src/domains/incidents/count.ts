import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { orgs } from '../org/table';
import { COUNT_CAP, type CountQuery, type ListCount } from './contract';
import { listConditions, requireListAccess } from './list';
import { incidents } from './table';

/**
 * How many incidents the list's filters match, counted up to COUNT_CAP (then `capped`). The list pages by key and never
 * counts; the page asks for this beside it ("50 of 1 234", and whether all that match can be changed at once). The
 * conditions are the export's, so the count, the list and the export agree.
 */
export async function countIncidents(ctx: Ctx, q: CountQuery, now = new Date(), cap = COUNT_CAP): Promise<ListCount> {
  requireListAccess(ctx);
  const conds = await listConditions(ctx, q, now);
  const matched = ctx.db.select({ one: sql`1` }).from(incidents).innerJoin(orgs, eq(orgs.id, incidents.orgId))
    .where(and(...conds)).limit(cap + 1).as('matched');
  const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(matched);
  const n = Number(r.n);
  return { count: Math.min(n, cap), capped: n > cap };
}
