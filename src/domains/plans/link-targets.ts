import { and, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { containsPattern, type LinkTarget, type LinkTargetProvider } from '../../server/platform/link-targets';
import { orgs } from '../org/table';
import { planActivities } from './table';

const select = { id: planActivities.id, year: planActivities.year, area: planActivities.area, description: planActivities.description, slug: orgs.slug, name: orgs.name };
type Row = { id: string; year: number; area: string; description: string; slug: string; name: string };
const short = (s: string) => (s.length > 120 ? `${s.slice(0, 119)}…` : s);
const toTarget = (r: Row): LinkTarget => ({
  id: r.id, title: `${r.year} · ${r.area}: ${short(r.description)}`, href: '/forbattringsplan', org: { slug: r.slug, name: r.name },
});

/** Activities of the improvement plan (plan.read on the activity's organisation). */
export const linkTargets: LinkTargetProvider[] = [
  {
    type: 'plan_activity',
    async resolve(ctx, db, ids) {
      if (ids.length === 0) return [];
      const rows = await db.select(select).from(planActivities).innerJoin(orgs, eq(orgs.id, planActivities.orgId))
        .where(and(inArray(planActivities.id, ids), ctx.authz.scopeSql('plan.read', orgs.path)));
      return rows.map(toTarget);
    },
    async search(ctx, db, q, limit) {
      const match = q ? or(ilike(planActivities.description, containsPattern(q)), ilike(planActivities.area, containsPattern(q))) : sql`true`;
      const rows = await db.select(select).from(planActivities).innerJoin(orgs, eq(orgs.id, planActivities.orgId))
        .where(and(ctx.authz.scopeSql('plan.read', orgs.path), match))
        .orderBy(desc(planActivities.year), desc(planActivities.updatedAt)).limit(limit);
      return rows.map(toTarget);
    },
  },
];
