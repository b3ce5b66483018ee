import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { stockholmYear } from '../../server/platform/time';
import { orgs } from '../org/table';
import type { IncidentYears, YearsQuery } from './contract';
import { listConditions, requireListAccess } from './list';
import { incidents } from './table';

/**
 * GET /api/incidents/years: the years (Stockholm) in which the caller's incidents of the organisation and its subtree
 * were reported, newest first, and the current year always: the choices of the list's and Statistik's year filter, so
 * an imported 2012 can be chosen. Authorised and scoped as the list is (listConditions: the same org and read scope).
 */
export async function incidentYears(ctx: Ctx, q: YearsQuery, now = new Date()): Promise<IncidentYears> {
  requireListAccess(ctx);
  const conds = await listConditions(ctx, { org: q.org }, now);
  const year = sql<number>`extract(year from ${incidents.reportedAt} at time zone 'Europe/Stockholm')::int`;
  const rows = await ctx.db.selectDistinct({ year }).from(incidents).innerJoin(orgs, eq(orgs.id, incidents.orgId)).where(and(...conds));
  const years = new Set([stockholmYear(now), ...rows.map((r) => Number(r.year))]);
  return { years: [...years].sort((a, b) => b - a) };
}
