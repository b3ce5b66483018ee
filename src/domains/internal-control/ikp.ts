import { and, asc, desc, eq, inArray, like, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Db } from '../../server/platform/db';
import { orgs } from '../org/table';
import { thresholdsFor } from '../risks/common';
import { vorArbetssatt, vorAssessments, vorEvents } from '../risks/table';
import { approvedThreshold } from '../risks/vor-read';

/**
 * The IKP risks of a year, read from the risks domain (never written): the VoR events of that year decided into the
 * internkontrollplan, or proposed by the threshold (riskvärde ≥ the IKP threshold) and not yet decided. A proposal
 * management decided against is not in the plan.
 */
export interface IkpEvent {
  id: string;
  orgId: string;
  org: { slug: string; name: string; path: string };
  year: number;
  title: string;
  arbetssatt: string;
  riskvarde: number;
  ikpDecision: boolean | null;
  inIkp: boolean;
}

/** VoR events of `year` in the organisations matching `where` (on orgs), each marked whether it is in the IKP. */
export async function vorEventsOf(db: Db, year: number, where: SQL | undefined, ids?: string[]): Promise<IkpEvent[]> {
  if (ids && ids.length === 0) return [];
  const rows = await db
    .select({ e: vorEvents, v: vorAssessments, arbetssatt: vorArbetssatt.name, org: { slug: orgs.slug, name: orgs.name, path: orgs.path } })
    .from(vorEvents)
    .innerJoin(vorAssessments, eq(vorAssessments.id, vorEvents.vorId))
    .innerJoin(vorArbetssatt, eq(vorArbetssatt.id, vorEvents.arbetssattId))
    .innerJoin(orgs, eq(orgs.id, vorAssessments.orgId))
    .where(and(eq(vorAssessments.year, year), where, ids ? inArray(vorEvents.id, ids) : undefined))
    .orderBy(asc(orgs.path), desc(vorEvents.riskvarde), asc(vorArbetssatt.sortOrder), asc(vorEvents.sortOrder), asc(vorEvents.createdAt));
  const thresholds = await thresholdsFor(db, rows.map((r) => r.org.path));
  return rows.map(({ e, v, arbetssatt, org }) => {
    const t = approvedThreshold(v) ?? thresholds.get(org.path) ?? 12;
    return {
      id: e.id, orgId: v.orgId, org, year: v.year, title: e.title, arbetssatt, riskvarde: e.riskvarde, ikpDecision: e.ikpDecision,
      inIkp: e.ikpDecision === true || (e.ikpDecision === null && e.riskvarde >= t),
    };
  });
}

/** The IKP risks of a year in an organisation's subtree (and, with `scope`, what the caller may see). */
export async function ikpEventsUnder(db: Db, path: string, year: number, scope?: SQL): Promise<IkpEvent[]> {
  return (await vorEventsOf(db, year, and(like(orgs.path, escapeLike(path) + '%'), scope))).filter((e) => e.inIkp);
}
